import { readFileSync } from 'node:fs';
import { keyFileRequired } from '../qual/key-file-required.ts';
import { basename } from 'node:path';
import { StaffwellError } from '../errors.ts';
import { applyCodings, type Codings, type CodingsSummary } from '../qual/codings.ts';
import { addReplacements, importTranscripts, suggestReplacements, type ImportReport } from '../qual/import-transcript.ts';
import { readParticipantsCsv } from '../qual/participants-csv.ts';
import type { QualProject, QualSession } from '../qual/project.ts';
import type { FamilyCommand } from '../qual/commands/index.ts';
import type { NameSuggestion } from '../qual/pseudonymise-suggest.ts';
import { importCodebook, type RefiImportWarning } from '../refi/import.ts';
import { parseTranscript } from '../qual/transcripts/index.ts';
import type { ReplacementRow, VariableType } from '../qual/index.ts';

/** Getting material into a project: transcripts, participants, codings files, replacement-list entries. */

export interface QualImportTranscriptsOptions {
  files: readonly { name: string; bytes: Uint8Array }[];
  /** The speaker key: display name → participant id (`interviewer` for the interviewer); `file` limits a row to one file. */
  speakers: readonly { displayName: string; participantId: string; file?: string }[];
  /** Entries to add to the replacement list before pseudonymising. */
  replacements?: readonly { original: string; replacement: string; category?: string }[];
  site?: string;
  /** ISO date of the interviews. */
  interviewDate?: string;
}

export interface TranscriptPreview {
  name: string;
  format: string;
  dialect: string;
  turns: number;
  /** The speakers as the file names them (display names: to map to participant ids before the import). */
  speakers: string[];
  /** Whether a document of this name is already in the project (the import would refuse it). */
  exists: boolean;
  warnings: { line: number | null; message: string }[];
}

/** What an import of these files would find, before anything is written: each file's format, turns and speakers. */
export async function qualPreviewTranscripts(project: QualProject, files: readonly { name: string; bytes: Uint8Array }[]): Promise<TranscriptPreview[]> {
  const docs = new Set((await project.store.listDocuments()).map((d) => d.name));
  const out: TranscriptPreview[] = [];
  for (const file of files) {
    const name = basename(file.name);
    const p = await parseTranscript({ name, bytes: file.bytes });
    out.push({
      name,
      format: p.format,
      dialect: p.dialect,
      turns: p.turns.length,
      speakers: p.speakers,
      exists: docs.has(name),
      warnings: p.warnings.map((w) => ({ line: w.line ?? null, message: w.message })),
    });
  }
  return out;
}

/** Imports transcripts as one command: every file or none (and one undo step). */
export async function qualImportTranscripts(session: QualSession, options: QualImportTranscriptsOptions): Promise<ImportReport[]> {
  return importTranscripts(
    session,
    options.files.map((file) => {
      const name = basename(file.name);
      const speakers: Record<string, string> = {};
      for (const s of options.speakers) if (!s.file || s.file === name) speakers[s.displayName] = s.participantId;
      return { file, options: { speakers, site: options.site, interviewDate: options.interviewDate, replacements: options.replacements } };
    }),
  );
}

export interface QualImportParticipantsOptions {
  /** A CSV of participants (pseudonymous ids) and their attributes, e.g. the survey file. */
  csv: string;
  /** Column with the participant id. */
  id: string;
  /** Attribute columns (default: all others). */
  columns?: readonly string[];
  /** Column naming the site (default: `site` when the file has one). */
  site?: string;
  /** Column of display names (stored in the key file only). */
  nameColumn?: string;
}

export async function qualImportParticipants(
  session: QualSession,
  options: QualImportParticipantsOptions,
): Promise<{ created: number; updated: number; variables: { name: string; type: VariableType }[] }> {
  const input = readParticipantsCsv(options.csv, {
    id: options.id,
    columns: options.columns,
    site: options.site ?? (hasHeader(options.csv, 'site') ? 'site' : undefined),
    name: options.nameColumn,
  });
  if (input.names && Object.keys(input.names).length > 0 && !session.store.hasKey) {
    throw keyFileRequired('the file has display names, which go to the key file, but no key file is open', {
      code: 'invalid-option',
      file: options.csv,
      why: 'the names go there; or leave the name column out of the file',
    });
  }
  const r = await session.apply({ type: 'participant.import', ...input });
  return { created: r.created, updated: r.updated, variables: input.variables };
}

/** Applies a codings file (codes, segments by quote, memos, themes, model) as one command. */
export function qualApplyCodings(session: QualSession, options: { codings: Codings; file: string }): Promise<CodingsSummary> {
  return applyCodings(session, options.codings, options.file);
}

/** Capitalised words in the (pseudonymised) documents that may be names not yet on the replacement list. */
export function qualSuggestNames(project: QualProject): Promise<(NameSuggestion & { documents: string[] })[]> {
  return project.store.read((r) => suggestReplacements(r));
}

/** Adds replacement-list entries and applies them to every document, as one command (one undo step). */
export function qualAddReplacements(
  session: QualSession,
  options: { entries: readonly { original: string; replacement: string; category?: string }[] },
): Promise<{ documents: number; replaced: number }> {
  return addReplacements(session, options.entries);
}

/** The replacement list (from the key file). */
export function qualReplacements(project: QualProject): Promise<ReplacementRow[]> {
  return project.store.listReplacements();
}

function hasHeader(csv: string, name: string): boolean {
  let first: string;
  try {
    first = readFileSync(csv, 'utf8').split(/\r?\n/, 1)[0] ?? '';
  } catch (e) {
    throw new StaffwellError('io', 'cannot read the file', { file: csv, hint: `check the path (${(e as NodeJS.ErrnoException).code ?? 'error'})`, cause: e });
  }
  return first.replace(/^\uFEFF/, '').split(/[,;\t]/).some((h) => h.trim().replace(/^"|"$/g, '') === name);
}

export interface CodebookImportReport {
  /** Codes created. */
  created: number;
  /** Codes of the codebook the project already had (same name under the same parent): kept as they are. */
  existing: number;
  /** Themes created from the codebook's Sets of codes. */
  themesCreated: number;
  /** Sets named as a top-level theme the project already has: that theme is kept as it is. */
  themesExisting: number;
  /** Sets and codes left out (a Set naming a code not in the codebook, two Sets with one name). */
  warnings: RefiImportWarning[];
}

/**
 * Imports a REFI-QDA codebook (`.qdc`, e.g. exported by NVivo, ATLAS.ti, MAXQDA or QualCoder) into a project, as
 * one batch command (all or nothing, one undo step). Codes are matched by their path of names: a code the project
 * already has under the same parent is kept (with its colour and description), the others are created with new
 * ids, their colour, description and codable flag as the codebook gives them. Each Set of codes in the codebook
 * becomes a top-level theme linked to those codes, unless the project has a top-level theme of that name (kept as it
 * is); Sets and codes left out are in `warnings`.
 */
export async function qualImportCodebook(session: QualSession, options: { xml: string | Uint8Array; file: string }): Promise<CodebookImportReport> {
  const { codes, themes, warnings } = importCodebook(options.xml, options.file);
  const have = new Map<string, string>(); // parent id + name -> id
  const key = (parent: string | null, name: string) => `${parent ?? ''}\u0000${name}`;
  for (const c of await session.store.listCodes()) have.set(key(c.parentId, c.name), c.id);
  const idOf = new Map<string, string>(); // codebook id -> project id
  const commands: FamilyCommand[] = [];
  let existing = 0;
  // parents come before their children in importQdc's order
  for (const c of codes) {
    const parent = c.parentId ? (idOf.get(c.parentId) ?? null) : null;
    const found = have.get(key(parent, c.name));
    if (found !== undefined) {
      idOf.set(c.id, found);
      existing++;
      continue;
    }
    const id = session.newId();
    idOf.set(c.id, id);
    have.set(key(parent, c.name), id);
    commands.push({ type: 'code.create', id, name: c.name, parentId: parent, description: c.description, color: c.color ?? null, codable: c.codable });
  }
  const created = commands.length;
  // the codebook's Sets of codes: top-level themes (matched by name), linked to the codes as the project has them
  const haveThemes = new Set((await session.store.listChildThemes(null)).map((t) => t.name));
  let themesExisting = 0;
  for (const t of themes) {
    if (haveThemes.has(t.name)) {
      themesExisting++;
      continue;
    }
    haveThemes.add(t.name);
    commands.push({ type: 'theme.create', id: session.newId(), name: t.name, description: t.description, codeIds: t.codeIds.map((c) => idOf.get(c)!) });
  }
  if (commands.length) await session.apply({ type: 'batch', commands });
  return { created, existing, themesCreated: commands.length - created, themesExisting, warnings };
}
