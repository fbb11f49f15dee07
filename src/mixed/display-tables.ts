import type { CaseComparison } from './case-comparison.ts';
import type { DisplayQuote, ScoreSummary } from './display-parts.ts';
import type { LinkCheck } from './participant-link.ts';
import type { ParticipantProfile } from './participant-profile.ts';
import type { Selection } from './select-interviewees.ts';
import type { SideBySide } from './side-by-side.ts';
import type { StatisticsByThemes } from './statistics-by-themes.ts';

/**
 * Joint displays and the other mixed-methods results as tables of strings (header row first): what CSV, XLSX,
 * HTML and the terminal print. Numbers are rounded for reading (2 decimals); the JSON keeps full precision.
 * A suppressed figure prints as `suppressed (n < N)`.
 */
export type Rows = string[][];

export function num(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '';
  return Number.isInteger(x) ? String(x) : x.toFixed(digits);
}

export function scoreText(s: ScoreSummary, minGroup: number): string {
  if (s.n === 0) return '';
  if (s.suppressed || s.mean === null) return `suppressed (n < ${minGroup})`;
  return `${num(s.mean)} (SD ${s.sd === null ? '–' : num(s.sd)}; n ${s.n})`;
}

function quotesText(qs: readonly DisplayQuote[]): string {
  return qs.map((q) => `"${q.text}" (${q.participantId ?? q.documentName})`).join('\n');
}

export function statisticsByThemesRows(d: StatisticsByThemes): Rows {
  const head = [
    d.unit === 'themes' ? 'theme' : 'code',
    'participants',
    'n',
    ...d.scores.map((s) => `${s.ref} mean (SD; n)`),
    ...d.classifications.flatMap((c) => c.levels.map((l) => `${c.ref}: ${l}`)),
    'quotes',
  ];
  const rows = d.rows.map((r) => [
    `${'  '.repeat(r.depth)}${r.label}`,
    r.participants.join(', '),
    String(r.participants.length),
    ...r.scores.map((s) => scoreText(s, d.minGroup)),
    ...r.classifications.flatMap((c) => c.counts.map((k) => (k === null ? (c.suppressed ? 'suppressed' : '') : String(k)))),
    quotesText(r.quotes),
  ]);
  return [head, ...rows];
}

export function caseComparisonRows(d: CaseComparison): Rows {
  const head = [d.unit === 'themes' ? 'theme' : 'code', ...d.groups.map((g) => `${d.by.ref}: ${g.label} (${g.participants.length})`)];
  const rows = d.rows.map((r) => [
    `${'  '.repeat(r.depth)}${r.label}`,
    ...r.cells.map((c, i) => {
      if (c.participants.length === 0) return '';
      const parts = [`${c.participants.length} (${c.participants.join(', ')}); ${c.segments} segment(s)`];
      // no score to summarise: the column of those not in the survey, or participants whose score is missing
      const none = d.groups[i].kind === 'not-linked' ? '(not in the survey)' : '(no score)';
      if (c.score) parts.push(`${c.score.ref}: ${c.score.n === 0 ? none : scoreText(c.score, d.minGroup)}`);
      if (c.quotes.length) parts.push(quotesText(c.quotes));
      return parts.join('\n');
    }),
  ]);
  return [head, ...rows];
}

export function sideBySideRows(d: SideBySide): Rows {
  return [
    ['domain', 'quantitative finding', 'statistic', 'qualitative themes', 'quotes', 'fit', 'meta-inference'],
    ...d.rows.map((r) => [
      r.domain,
      r.finding.text,
      r.finding.statistic ? `${r.finding.analysis}.${r.finding.statistic} = ${r.finding.problem ?? valueText(r.finding.value)}` : (r.finding.problem ?? ''),
      r.themes.map((t) => `${t.name ?? `(deleted theme ${t.id})`} (${t.participants} participant(s))`).join('\n'),
      quotesText(r.quotes),
      r.fit ?? '',
      r.inference,
    ]),
  ];
}

function valueText(v: unknown): string {
  return typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toPrecision(4)) : typeof v === 'string' ? v : JSON.stringify(v);
}

export function linkCheckRows(c: LinkCheck): Rows {
  return [
    ['side', 'id', 'status', 'note'],
    ...c.matched.map((m) => ['participant', m.participantId, 'matched', `survey line ${m.line}`]),
    ...c.unmatchedParticipants.map((u) => ['participant', u.participantId, 'not in survey', u.nearMatch ? `near match in the survey: ${u.nearMatch}` : '']),
    ...c.unmatchedRespondents.map((id) => ['respondent', id, 'not a participant', '']),
    ...c.duplicateIds.map((d) => ['respondent', d.id, 'duplicate id', `lines ${d.lines.join(', ')}; the first is used`]),
  ];
}

export function profileRows(p: ParticipantProfile): Rows {
  return [
    ['section', 'name', 'value'],
    ...(p.survey ? p.survey.values.map((v) => ['survey', v.ref, v.value === null ? '' : typeof v.value === 'number' ? num(v.value) : v.value]) : [['survey', '(not in the survey)', '']]),
    ...Object.entries(p.attributes).map(([k, v]) => ['attribute', k, v === null ? '' : String(v)]),
    ...p.themes.map((t) => ['theme', `${'  '.repeat(t.depth)}${t.theme}`, `${t.segments} segment(s)`]),
    ...p.codes.flatMap((c) => c.quotes.map((q) => ['segment', c.code, `${q.keyQuote ? '★ ' : ''}"${q.text}" (${q.documentName})`])),
  ];
}

export function selectionRows(s: Selection): Rows {
  const refs = [...s.scores, ...s.by];
  return [['id', 'line', ...refs, 'reason'], ...s.selected.map((x) => [x.id, String(x.line), ...refs.map((r) => (typeof x.values[r] === 'number' ? num(x.values[r] as number) : String(x.values[r] ?? ''))), x.reason])];
}

/** A display as a standalone HTML page: a title, notes, and the table; every text escaped. */
export function displayHtml(title: string, rows: Rows, notes: readonly string[] = []): string {
  const [head, ...body] = rows;
  const cell = (tag: 'th' | 'td', s: string) => `<${tag}>${escapeHtml(s).replace(/\n/g, '<br>')}</${tag}>`;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    '<style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse}th,td{border:1px solid #bbb;padding:4px 8px;vertical-align:top;text-align:left}th{background:#eee}p.note{color:#555}</style>',
    '</head><body>',
    `<h1>${escapeHtml(title)}</h1>`,
    ...notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`),
    '<table>',
    `<thead><tr>${head.map((h) => cell('th', h)).join('')}</tr></thead>`,
    '<tbody>',
    ...body.map((r) => `<tr>${r.map((c) => cell('td', c)).join('')}</tr>`),
    '</tbody></table>',
    '</body></html>',
    '',
  ].join('\n');
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
