import { StaffwellError } from '../errors.ts';
import { makeTable, type Table } from '../data/table.ts';
import { evidenceRows, type CodedParticipants, type EvidenceUnit } from './coded-participants.ts';
import type { LinkedProject } from './participant-link.ts';

/**
 * Quantitizing: codes and themes become variables per participant — presence (0/1), the number of coded
 * segments, and coded characters (the union of the participant's coded ranges, so overlapping segments of one
 * code count once) — which the study's analyses can then use like any other column: a Fisher test of a theme's
 * presence by caseness, a correlation of a code's frequency with a score. {@link quantitizedTable} adds them to
 * the survey data (empty for respondents who were not interviewed: unknown, not zero).
 */
export type QuantitizeMeasure = 'present' | 'segments' | 'characters';
export const QUANTITIZE_MEASURES: readonly QuantitizeMeasure[] = ['present', 'segments', 'characters'];

export interface QuantitizedVariable {
  /** Column name, a simple name a study file can use (`theme_breaking_point_present`). */
  name: string;
  unit: 'code' | 'theme';
  sourceId: string;
  /** The code's path or the theme's name. */
  source: string;
  measure: QuantitizeMeasure;
}

export interface Quantitized {
  variables: QuantitizedVariable[];
  /** Every participant of the project, by id. */
  participants: string[];
  /** values[p][v]: participant p, variable v. */
  values: number[][];
}

export interface QuantitizeOptions {
  /** Codes, themes or both (default themes and codes). */
  units?: readonly EvidenceUnit[];
  measures?: readonly QuantitizeMeasure[];
  /** Only these rows (code paths or theme names); default all. */
  only?: readonly string[];
}

export function quantitize(coded: CodedParticipants, options: QuantitizeOptions = {}): Quantitized {
  const units = options.units ?? ['themes', 'codes'];
  const measures = options.measures ?? ['present', 'segments'];
  for (const m of measures) {
    if (!QUANTITIZE_MEASURES.includes(m)) throw new StaffwellError('invalid-option', 'unknown measure', { field: 'measures', value: m, hint: `use ${QUANTITIZE_MEASURES.join(', ')}` });
  }
  const participants = coded.participants.map((p) => p.id).sort();
  const pIndex = new Map(participants.map((id, i) => [id, i]));
  const variables: QuantitizedVariable[] = [];
  const columns: number[][] = [];
  const used = new Set<string>();
  const wanted = options.only ? new Set(options.only) : undefined;
  const found = new Set<string>();
  for (const unit of units) {
    for (const row of evidenceRows(coded, unit)) {
      if (wanted && !wanted.has(row.label)) continue;
      found.add(row.label);
      const segs = coded.segments.filter((s) => s.participantId !== null && pIndex.has(s.participantId) && row.codeIds.has(s.codeId));
      const count = new Array<number>(participants.length).fill(0);
      const ranges = new Map<string, [number, number][]>();
      for (const s of segs) {
        const p = pIndex.get(s.participantId!)!;
        count[p]++;
        const k = `${p}\u0000${s.documentName}`;
        (ranges.get(k) ?? ranges.set(k, []).get(k)!).push([s.start, s.end]);
      }
      const chars = new Array<number>(participants.length).fill(0);
      for (const [k, rs] of ranges) chars[Number(k.slice(0, k.indexOf('\u0000')))] += unionLength(rs);
      const base = uniqueBase(`${unit === 'codes' ? 'code' : 'theme'}_${slug(row.label)}`, used);
      for (const m of measures) {
        variables.push({ name: `${base}_${m}`, unit: unit === 'codes' ? 'code' : 'theme', sourceId: row.id, source: row.label, measure: m });
        columns.push(m === 'present' ? count.map((c) => (c > 0 ? 1 : 0)) : m === 'segments' ? count : chars);
      }
    }
  }
  if (wanted) {
    const missing = [...wanted].filter((w) => !found.has(w));
    if (missing.length) {
      throw new StaffwellError('not-found', 'no code path or theme name of this name', { field: 'only', value: missing[0], hint: 'name codes by their path (Parent/Child) and themes by name' });
    }
  }
  return { variables, participants, values: participants.map((_, p) => columns.map((c) => c[p])) };
}

/** The survey data with the quantitized variables added: the participant's value on their row, empty elsewhere. */
export function quantitizedTable(linked: LinkedProject, q: Quantitized): Table {
  const t = linked.respondents.table;
  const taken = new Set(t.columns.map((c) => c.name));
  for (const v of q.variables) {
    if (taken.has(v.name)) {
      throw new StaffwellError('conflict', 'the survey already has a column of this name', { field: 'variables', value: v.name, hint: 'rename the survey column or the code/theme' });
    }
  }
  const cols = q.variables.map((v) => ({ kind: 'number' as const, name: v.name, values: new Float64Array(t.nrows).fill(NaN) }));
  q.participants.forEach((pid, p) => {
    const row = linked.rowOf.get(pid);
    if (row === undefined) return;
    cols.forEach((c, j) => (c.values[row] = q.values[p][j]));
  });
  return makeTable({ source: t.source, columns: [...t.columns, ...cols], firstDataLine: t.firstDataLine, rowLine: t.rowLine });
}

/** Participant × variable rows for CSV (header first): the participant id, whether they are in the survey, then the variables. */
export function quantitizedRows(linked: LinkedProject | null, q: Quantitized): (string | number)[][] {
  return [
    ['participant_id', ...(linked ? ['in_survey'] : []), ...q.variables.map((v) => v.name)],
    ...q.participants.map((id, p) => [id, ...(linked ? [linked.rowOf.has(id) ? 1 : 0] : []), ...q.values[p]]),
  ];
}

function unionLength(ranges: [number, number][]): number {
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let total = 0;
  let [s, e] = ranges[0];
  for (const [a, b] of ranges.slice(1)) {
    if (a > e) {
      total += e - s;
      [s, e] = [a, b];
    } else if (b > e) e = b;
  }
  return total + (e - s);
}

/** `Emotional labour/Delayed impact` -> `emotional_labour_delayed_impact` (ASCII letters and digits; at most 40). */
export function slug(label: string): string {
  const s = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40)
    .replace(/_+$/, '');
  return s || 'x';
}

function uniqueBase(base: string, used: Set<string>): string {
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base}_${i}`;
  used.add(name);
  return name;
}
