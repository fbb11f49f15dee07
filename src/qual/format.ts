import type { CodeComparison } from './compare-codes.ts';
import type { AgreementReport } from './intercoder.ts';
import type { ImportReport } from './import-transcript.ts';
import type { CodeMatrix, Cooccurrence } from './matrices.ts';
import type { MemoEntry } from './memos.ts';
import type { KwicHit, SegmentHit } from './queries.ts';
import type { SaturationPoint } from './saturation.ts';
import type { CommandRecord } from './store/qual-store.ts';
import type { ThemeTable } from './themes.ts';
import type { GtModel } from './grounded-theory.ts';

/** Plain-text renderings of query results for the terminal. Results stay data; this is only how they print. */
export function textTable(head: readonly string[], rows: readonly (readonly string[])[], align: ('l' | 'r')[] = []): string {
  const w = head.map((h, j) => Math.max(h.length, ...rows.map((r) => (r[j] ?? '').length)));
  const line = (r: readonly string[]) =>
    r
      .map((c, j) => (align[j] === 'r' ? c.padStart(w[j]) : j === r.length - 1 ? c : c.padEnd(w[j])))
      .join('  ')
      .trimEnd();
  return [line(head), line(w.map((n) => '-'.repeat(n))), ...rows.map(line)].join('\n') + '\n';
}

export function formatImportReport(r: ImportReport): string {
  const lines = [
    `imported ${r.name} (${r.format}${r.dialect !== 'none' ? `, ${r.dialect}` : ''}): ${r.turns} turns, ${r.length} characters`,
    `  speakers: ${r.speakers.map((s) => `${s.label || '(unlabelled)'} ${s.turns} turns`).join(', ')}`,
    `  replacements: ${r.replacements.length ? r.replacements.map((x) => `${x.replacement} ×${x.count}`).join(', ') : 'none'}`,
  ];
  if (r.suggestions.length) {
    lines.push(`  possible names not on the replacement list (review; add with \`qual pseudonymise PROJECT --add ORIGINAL=REPLACEMENT\`):`);
    for (const s of r.suggestions.slice(0, 15)) lines.push(`    ${s.candidate} ×${s.count}${s.similarTo ? ` (like ${s.similarTo})` : ''}`);
  }
  for (const w of r.warnings) lines.push(`  warning${w.line !== null ? ` (line ${w.line})` : ''}: ${w.message}`);
  return lines.join('\n') + '\n';
}

export function formatSegments(hits: readonly SegmentHit[]): string {
  if (hits.length === 0) return 'no coded segments match\n';
  return (
    hits
      .map((h) => `${h.documentName} [${h.start}–${h.end}] ${h.code} · ${h.coder} · ${h.participantId ?? '—'}${h.site ? ` · ${h.site}` : ''}${h.keyQuote ? ' · key quote' : ''}\n  “${h.text}”`)
      .join('\n') + `\n${hits.length} segment(s)\n`
  );
}

/** Two codes compared: where they meet (documents, participants; `*` = both), then each code's segments. */
export function formatComparison(c: CodeComparison): string {
  const n = (x: number) => (x ? String(x) : '');
  const mark = (x: { a: number; b: number }) => (x.a && x.b ? '*' : '');
  return [
    `${c.a.code}: ${c.a.segments.length} segment(s); ${c.b.code}: ${c.b.segments.length} segment(s); both in ${c.shared.documents} of ${c.documents.length} document(s) and ${c.shared.participants} of ${c.participants.length} participant(s)\n`,
    textTable(['document', c.a.code, c.b.code, 'both'], c.documents.map((d) => [d.documentName, n(d.a), n(d.b), mark(d)]), ['l', 'r', 'r']),
    textTable(['participant', c.a.code, c.b.code, 'both'], c.participants.map((p) => [p.participantId, n(p.a), n(p.b), mark(p)]), ['l', 'r', 'r']),
    `== ${c.a.code}\n${formatSegments(c.a.segments)}`,
    `== ${c.b.code}\n${formatSegments(c.b.segments)}`,
  ].join('\n');
}

export function formatKwic(hits: readonly KwicHit[]): string {
  if (hits.length === 0) return 'no matches\n';
  const w = Math.max(...hits.map((h) => h.left.length));
  return (
    hits.map((h) => `${h.documentName.padEnd(18)} ${(h.speaker ?? '').padEnd(12)} ${h.left.padStart(w)} [${h.keyword}] ${h.right}`).join('\n') +
    `\n${hits.length} match(es)\n`
  );
}

export function formatMatrix(m: CodeMatrix | Cooccurrence, withText = false): string {
  const rows = 'rows' in m ? m.rows : m.codes;
  const cols = 'rows' in m ? m.cols : m.codes;
  const texts = 'texts' in m ? m.texts : undefined;
  if (withText && texts) {
    const out: string[] = [];
    rows.forEach((r, i) => {
      cols.forEach((c, j) => {
        const t = texts[i * cols.length + j];
        if (t.length) out.push(`${r.label} × ${c.label}:\n${t.map((x) => `  “${x}”`).join('\n')}`);
      });
    });
    return out.join('\n') + '\n';
  }
  const body = rows.map((r, i) => [r.label, ...cols.map((_, j) => String(m.counts[i * cols.length + j]))]);
  const note = 'scope' in m ? `co-occurrence within the same ${m.scope === 'turn' ? 'speaker turn (turns containing both codes)' : 'document, overlapping segments (pairs of segments)'}\n` : '';
  return note + textTable(['code', ...cols.map((c) => c.label)], body, ['l', ...cols.map(() => 'r' as const)]);
}

export function formatThemeTable(t: ThemeTable): string {
  const lines = [`${t.theme.kind} “${t.theme.name}”${t.theme.description ? ` — ${t.theme.description}` : ''}`];
  for (const s of t.subthemes) lines.push(`${'  '.repeat(s.depth + 1)}${s.kind} “${s.name}”`);
  lines.push(`codes: ${t.codes.map((c) => `${c.code} (${c.segments})`).join(', ') || 'none linked'}`);
  lines.push(`participants: ${t.recurrence.count} of ${t.recurrence.total}${t.recurrence.ids.length ? ` (${t.participants.map((p) => `${p.id} ${p.segments}`).join(', ')})` : ''}`);
  if (t.keyQuotes.length) {
    lines.push(t.keyQuotes.some((q) => q.flagged) ? 'key quotes:' : 'quotes (none flagged as key quotes; first ones shown):');
    for (const q of t.keyQuotes) lines.push(`  “${q.text}” — ${q.participantId ?? '—'}, ${q.documentName}`);
  }
  return lines.join('\n') + '\n';
}

export function formatAgreement(r: AgreementReport): string {
  const pct = (x: number) => (Number.isNaN(x) ? 'NA' : x.toFixed(1));
  const k = (x: number) => (Number.isNaN(x) ? 'NA' : x.toFixed(3));
  const rows = r.comparison.byCode.map((c) => [c.code, String(c.documents), pct(c.percentAgreement), k(c.kappa), k(c.kappaWeightedMean)]);
  let out = `agreement between ${r.coders[0]} and ${r.coders[1]} (${r.unit === 'turn' ? 'speaker turns' : 'characters'}; Cohen's κ as NVivo computes it)\n`;
  out += textTable(['code', 'documents', 'agreement %', 'kappa (pooled)', 'kappa (size-weighted mean)'], rows, ['l', 'r', 'r', 'r', 'r']);
  if (r.alpha) {
    out += `\nKrippendorff's alpha (nominal, present/absent per turn)\n`;
    out += textTable(['code', 'alpha'], r.alpha.byCode.map((c) => [c.code, k(c.alpha)]), ['l', 'r']);
    out += `mean alpha ${k(r.alpha.meanAlpha)}\n`;
  }
  return out;
}

export function formatSaturation(points: readonly SaturationPoint[]): string {
  return textTable(
    ['#', 'document', 'new codes', 'cumulative', 'first used here'],
    points.map((p, i) => [String(i + 1), p.name, String(p.newCodes.length), String(p.cumulative), p.newCodes.join(', ')]),
    ['r', 'l', 'r', 'r', 'l'],
  );
}

export function formatHistory(records: readonly CommandRecord[]): string {
  return textTable(
    ['#', 'when', 'who', 'command', 'affected', 'state'],
    records.map((r) => [String(r.seq), r.at, r.actor, commandLabel(r), String(r.affected.length), stateLabel(r)]),
    ['r', 'l', 'l', 'l', 'r', 'l'],
  );
}

function commandLabel(r: CommandRecord): string {
  if (r.targetSeq !== null) return `${r.type} #${r.targetSeq}`;
  const p = r.payload as { commands?: unknown };
  return r.type === 'batch' && Array.isArray(p.commands) ? `batch (${p.commands.length} commands)` : r.type;
}

function stateLabel(r: CommandRecord): string {
  if (r.state === 'undone') return 'undone (redo possible)';
  if (r.state === 'discarded') return 'undone';
  return '';
}

export function formatMemos(memos: readonly MemoEntry[]): string {
  if (memos.length === 0) return 'no memos\n';
  return memos.map((m) => `${m.createdAt}  ${m.about}${m.author ? ` (${m.author})` : ''}${m.title ? ` — ${m.title}` : ''}  [${m.id}]\n  ${m.text.replace(/\n/g, '\n  ')}`).join('\n') + '\n';
}

export function formatModel(m: GtModel): string {
  const name = new Map(m.categories.map((c) => [c.id, c.name]));
  const lines: string[] = [];
  for (const p of m.phases) lines.push(`phase ${p.position + 1}: ${p.name} — ${p.categoryIds.map((c) => name.get(c)).join(', ')}`);
  for (const c of m.categories) {
    lines.push(`category ${c.name}${c.description ? ` — ${c.description}` : ''}`);
    for (const p of c.properties) lines.push(`  ${p.name}: ${p.dimension[0]} … ${p.dimension[1]}`);
    if (c.codes.length) lines.push(`  codes: ${c.codes.join(', ')}`);
  }
  for (const r of m.relationships) lines.push(`${name.get(r.from)} —${r.type}→ ${name.get(r.to)}${r.note ? ` (${r.note})` : ''}`);
  return lines.join('\n') + '\n';
}
