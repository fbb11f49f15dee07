import { basename } from 'node:path';
import { keyFileRequired } from './key-file-required.ts';
import { StaffwellError } from '../errors.ts';
import type { DocumentImportInput, FamilyCommand } from './commands/index.ts';
import type { QualSession } from './project.ts';
import { asReplacementCategory, mapOffset, pseudonymise, toReplacement, type Replacement } from './pseudonymise.ts';
import { suggestNames, type NameSuggestion } from './pseudonymise-suggest.ts';
import { replacementBatch } from './commands/replacement-batch.ts';
import type { QualReader } from './store/qual-store.ts';
import { parseTranscript, renderTranscript, type ParseTranscriptOptions } from './transcripts/index.ts';

/** Where a speaker goes: a pseudonymous participant id, or the interviewer. */
export type SpeakerTarget = string | 'interviewer';

export interface ImportTranscriptOptions {
  /** Display name in the file -> participant id (`P01`) or `interviewer`. Every speaker must be mapped. */
  speakers: Record<string, SpeakerTarget>;
  /** Site name (created when new). */
  site?: string;
  /** Document name (default: the file's base name, pseudonymised by the replacement list). */
  name?: string;
  /** ISO date of the interview (orders the saturation curve). */
  interviewDate?: string;
  /** The document's participant (default: the one participant mapped, when there is exactly one). */
  participantId?: string;
  /** Entries to add to the project's replacement list (key file) before pseudonymising. */
  replacements?: readonly { original: string; replacement: string; category?: string }[];
  /** Label written for interviewer turns (default `Interviewer`). */
  interviewerLabel?: string;
  parse?: ParseTranscriptOptions;
}

export interface ImportReport {
  documentId: string;
  name: string;
  format: string;
  dialect: string;
  turns: number;
  length: number;
  speakers: { label: string; participantId: string | null; turns: number }[];
  /** Replacements made, by replacement text. */
  replacements: { replacement: string; category: string; count: number }[];
  /** Capitalised words that may be names not on the list (to review; nothing is stored). */
  suggestions: NameSuggestion[];
  warnings: { line: number | null; message: string }[];
}

/**
 * Imports one transcript: parse → map speakers to participant ids → render the canonical text with pseudonymous
 * labels → pseudonymise with the project's replacement list (plus each speaker's display name → `[P01]`) → one
 * `document.import` command, which writes the pseudonymised text, turns and replacement spans to the project and
 * the original text, replacement origins and speaker key to the key file in one transaction.
 *
 * Nothing is written unless every step succeeds: parsing, speaker mapping and pseudonymisation happen before the
 * transaction, and the transaction spans both files (see `SqliteQualStore`).
 */
export async function importTranscript(
  session: QualSession,
  file: { name: string; bytes: Uint8Array },
  options: ImportTranscriptOptions,
): Promise<ImportReport> {
  const [report] = await importTranscripts(session, [{ file, options }]);
  return report;
}

/**
 * Imports several transcripts as one command (a `batch`): all of them or none, and one undo step. The replacement
 * entries of every file are added first; each file is pseudonymised with the project's list plus those entries.
 */
export async function importTranscripts(
  session: QualSession,
  files: readonly { file: { name: string; bytes: Uint8Array }; options: ImportTranscriptOptions }[],
): Promise<ImportReport[]> {
  const store = session.store;
  if (!store.hasKey) {
    throw keyFileRequired('importing a transcript needs the key file (it keeps the original text and the speaker key)', {
      code: 'invalid-option',
      file: files[0]?.file.name,
      why: 'keep it apart from the project when sharing',
    });
  }
  const existing = await store.listReplacements();
  // each file's new entries (files often share one list: later files add only entries not seen before)
  const entries: { original: string; replacement: string; category?: string }[] = [];
  const added = new Set<string>();
  for (const f of files) {
    const fresh = (f.options.replacements ?? []).filter((r) => r.original.trim() !== '' && !added.has(r.original));
    entries.push(...fresh);
    for (const r of fresh) added.add(r.original);
  }
  const prepared = [];
  for (const f of files) prepared.push(await prepareTranscript(f.file, f.options, existing));
  const commands: FamilyCommand[] = entries.map((r) => ({ type: 'replacement.add' as const, original: r.original, replacement: r.replacement, category: r.category }));
  for (const p of prepared) commands.push({ type: 'document.import', ...p.command });
  const { results } = await session.apply({ type: 'batch', commands });
  const ids = results.slice(commands.length - prepared.length) as { id: string }[];
  return prepared.map((p, i) => ({ ...p.report, documentId: ids[i].id }));
}

/** Everything of an import that happens before the transaction: parse, map speakers, render, pseudonymise. */
async function prepareTranscript(
  file: { name: string; bytes: Uint8Array },
  options: ImportTranscriptOptions,
  existing: readonly { original: string; replacement: string; category?: string }[],
): Promise<{ command: DocumentImportInput; report: Omit<ImportReport, 'documentId'> }> {
  const parsed = await parseTranscript(file, options.parse);
  const fileName = basename(file.name);
  const map = new Map<string, SpeakerTarget>();
  for (const [k, v] of Object.entries(options.speakers)) map.set(k.trim(), v.trim());
  const unmapped = parsed.speakers.filter((s) => !map.has(s.trim()));
  if (unmapped.length > 0) {
    throw new StaffwellError('not-found', `${unmapped.length} speaker(s) in the transcript are not mapped to a participant id`, {
      file: file.name,
      value: unmapped.join('; '),
      hint:
        'add a row per speaker to the speakers CSV (columns display_name,participant_id; write "interviewer" for the ' +
        'interviewer), e.g. "' + unmapped[0] + ',P01"',
    });
  }
  const interviewerLabel = options.interviewerLabel ?? 'Interviewer';
  const targetOf = (s: string | null): SpeakerTarget | null => (s === null ? null : (map.get(s.trim()) ?? null));
  const isInterviewer = (t: SpeakerTarget | null) => t !== null && t.toLowerCase() === 'interviewer';
  const mappedParticipants = [...new Set(parsed.speakers.map(targetOf).filter((t): t is string => t !== null && !isInterviewer(t)))];
  for (const p of mappedParticipants) checkParticipantId(p, file.name, parsed.speakers);
  const docParticipant = options.participantId ?? (mappedParticipants.length === 1 ? mappedParticipants[0] : null);
  const labelOf = (s: string | null): string => {
    const t = targetOf(s);
    if (t === null) return docParticipant ?? '';
    return isInterviewer(t) ? interviewerLabel : t;
  };
  const rendered = renderTranscript(parsed.turns, labelOf);

  // the replacement list: the project's, plus new entries, plus speakers' display names
  const newEntries = (options.replacements ?? []).filter((r) => r.original.trim() !== '');
  const list: Replacement[] = [];
  const seen = new Set<string>();
  const push = (r: { original: string; replacement: string; category?: string }) => {
    const k = r.original.toLocaleLowerCase('en-GB');
    if (seen.has(k)) return;
    seen.add(k);
    list.push({ original: r.original, replacement: r.replacement, category: asReplacementCategory(r.category) });
  };
  for (const r of newEntries) push(r);
  for (const r of existing) push(r);
  // speakers' display names, and each capitalised part of them (a first name said aloud), become their label;
  // a display name that is itself a label ("Interviewer" for the interviewer) identifies no one and stays
  const labels = new Set([interviewerLabel, ...mappedParticipants].map((l) => l.toLocaleLowerCase('en-GB')));
  const speakerEntries = new Set<Replacement>();
  const pushSpeaker = (original: string, replacement: string) => {
    if (original.length < 2 || labels.has(original.toLocaleLowerCase('en-GB'))) return;
    const before = list.length;
    push({ original, replacement, category: 'person' });
    if (list.length > before) speakerEntries.add(list[list.length - 1]);
  };
  for (const s of parsed.speakers) {
    const t = targetOf(s)!;
    pushSpeaker(s.trim(), isInterviewer(t) ? '[interviewer]' : `[${t}]`);
  }
  for (const s of parsed.speakers) {
    const t = targetOf(s)!;
    const replacement = isInterviewer(t) ? '[interviewer]' : `[${t}]`;
    for (const part of s.trim().split(/\s+/)) if (/^\p{Lu}\p{L}{2,}$/u.test(part)) pushSpeaker(part, replacement);
  }
  const pseudo = pseudonymise(rendered.text, list);
  const turns = rendered.turns.map((t) => ({
    speaker: t.speaker,
    participantId: t.speaker === '' || t.speaker === interviewerLabel ? null : t.speaker,
    start: mapOffset(pseudo.spans, t.start, 'toPseudonymised', 'start'),
    end: mapOffset(pseudo.spans, t.end, 'toPseudonymised', 'end'),
    startMs: t.startMs ?? null,
    endMs: t.endMs ?? null,
  }));
  // in a file name, speakers' names are replaced as written (whole words, case-sensitively): "Int" is not "int-03"
  const name = options.name ?? pseudonymise(fileName, list.map((r) => (speakerEntries.has(r) ? { ...r, caseSensitive: true } : r))).text;
  // suggestions before anything is written, so a failure here leaves the project as it was
  const suggestions = suggestNames(pseudo.text, [...list, ...replacementTexts(list), ...speakerLabels(turns)]);

  const speakerRows = parsed.speakers.map((s) => {
    const t = targetOf(s)!;
    return { displayName: s, participantId: isInterviewer(t) ? null : t };
  });
  const command: DocumentImportInput = {
    document: {
      name,
      text: pseudo.text,
      format: parsed.format,
      participantId: docParticipant,
      site: options.site ?? null,
      interviewDate: options.interviewDate ?? null,
    },
    turns,
    redactions: pseudo.spans.map((s) => ({
      start: s.start,
      end: s.end,
      replacement: s.replacement,
      category: s.category,
      originalStart: s.originalStart,
      originalEnd: s.originalEnd,
      original: s.original,
    })),
    key: { sourceFile: fileName, originalText: rendered.text, speakers: speakerRows },
  };

  const byReplacement = new Map<string, { replacement: string; category: string; count: number }>();
  for (const s of pseudo.spans) {
    const e = byReplacement.get(s.replacement) ?? { replacement: s.replacement, category: s.category, count: 0 };
    e.count++;
    byReplacement.set(s.replacement, e);
  }
  const perSpeaker = new Map<string, { label: string; participantId: string | null; turns: number }>();
  for (const t of turns) {
    const e = perSpeaker.get(t.speaker) ?? { label: t.speaker, participantId: t.participantId, turns: 0 };
    e.turns++;
    perSpeaker.set(t.speaker, e);
  }
  const report = {
    name,
    format: parsed.format,
    dialect: parsed.dialect,
    turns: turns.length,
    length: pseudo.text.length,
    speakers: [...perSpeaker.values()],
    replacements: [...byReplacement.values()],
    suggestions,
    warnings: parsed.warnings,
  };
  return { command, report };
}

/** Suggestions of names still in the project's (pseudonymised) text that are not on the replacement list. */
/**
 * Suggestions across the project, each with the documents it is in; `similarTo` (a listed original, from the key
 * file) comes with `similarToReplacement`, its replacement, for views that must not show originals.
 */
export async function suggestReplacements(store: QualReader): Promise<(NameSuggestion & { documents: string[]; similarToReplacement?: string })[]> {
  const known: Replacement[] = store.hasKey ? (await store.listReplacements()).map(toReplacement) : [];
  // speakers' display names (key file) are known names: "Joanne" then shows as part of "Joanne Clarke"
  if (store.hasKey) for (const k of await store.listSpeakerKey()) known.push({ original: k.displayName, replacement: `[${k.participantId ?? 'interviewer'}]` });
  const merged = new Map<string, NameSuggestion & { documents: string[] }>();
  for (const d of await store.listDocuments()) {
    const doc = (await store.getDocument(d.id))!;
    const turns = await store.listTurns(d.id);
    for (const s of suggestNames(doc.text, [...known, ...replacementTexts(known), ...speakerLabels(turns)])) {
      const e = merged.get(s.candidate);
      if (e) {
        e.count += s.count;
        e.documents.push(d.name);
      } else {
        const like = s.similarTo === undefined ? undefined : resemblance(s.similarTo, known);
        merged.set(s.candidate, { ...s, offsets: [], documents: [d.name], ...(like === undefined ? {} : { similarToReplacement: like }) });
      }
    }
  }
  return [...merged.values()].sort((a, b) => b.count - a.count || a.candidate.localeCompare(b.candidate));
}

/**
 * Adds entries to the replacement list and applies them to every document already imported (command
 * `document.pseudonymise` per document, which moves coded segments, turns and earlier replacement spans exactly),
 * and to every other text of the project (`project.pseudonymise`: names, memos, the audit log, the search index),
 * as one `batch`: one transaction and one undo step.
 */
export async function addReplacements(
  session: QualSession,
  entries: readonly { original: string; replacement: string; category?: string }[],
): Promise<{ documents: number; replaced: number }> {
  const docs = await session.store.listDocuments();
  const { results } = await session.apply(replacementBatch(entries, docs.map((d) => d.id)));
  const counts = (results.slice(entries.length, entries.length + docs.length) as { replaced: number }[]).map((r) => r.replaced);
  return { documents: counts.filter((n) => n > 0).length, replaced: counts.reduce((a, b) => a + b, 0) };
}

function speakerLabels(turns: readonly { speaker: string }[]): string[] {
  return [...new Set(turns.map((t) => t.speaker).filter((s) => s.length >= 2))];
}

/**
 * What a suggestion resembles, as a view without the key file may show it: a listed original by its replacement;
 * a replacement text or a speaker label (already in the project text) as it is.
 */
function resemblance(similarTo: string, known: readonly Replacement[]): string {
  return known.find((k) => k.original === similarTo)?.replacement ?? known.find((k) => k.replacement.replace(/^\[|\]$/g, '').trim() === similarTo)?.replacement ?? similarTo;
}

/** Replacement texts (and their bracketed insides) are known words too: `[Site A]` must not suggest "Site". */
function replacementTexts(list: readonly { replacement: string }[]): string[] {
  const out = new Set<string>();
  for (const r of list) {
    const inner = r.replacement.replace(/^\[|\]$/g, '').trim();
    if (inner.length >= 2) out.add(inner);
  }
  return [...out];
}

function checkParticipantId(id: string, file: string, displayNames: readonly string[]): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/.test(id) || displayNames.includes(id)) {
    throw new StaffwellError('invalid-option', 'a participant id must be a short pseudonymous code (letters, digits, _ . -), never a name', {
      file,
      value: id,
      hint: 'map each speaker to an id such as P01 or R3-02 in the speakers CSV',
    });
  }
}
