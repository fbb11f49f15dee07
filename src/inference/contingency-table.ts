import { StaffwellError } from '../errors.ts';

/** A contingency table of counts: rows of equal length. */
export type CountTable = readonly (readonly number[])[];

/** Validates a table of non-negative finite counts with at least `minRows` × `minCols` cells. */
export function checkCountTable(table: CountTable, minRows = 2, minCols = 2): void {
  const bad = (problem: string, value: unknown): never => {
    throw new StaffwellError('invalid-option', problem, { field: 'table', value, hint: 'Give a table of counts, one array per row' });
  };
  if (!Array.isArray(table) || table.length < minRows) bad(`a table needs at least ${minRows} rows`, table.length);
  const nc = table[0].length;
  if (nc < minCols) bad(`a table needs at least ${minCols} columns`, nc);
  table.forEach((row, i) => {
    if (row.length !== nc) bad(`row ${i + 1} has ${row.length} cells, row 1 has ${nc}`, row.length);
    row.forEach((v) => {
      if (!(typeof v === 'number' && Number.isFinite(v) && v >= 0)) bad(`row ${i + 1} has a cell that is not a count`, v);
    });
  });
}

/** Validates a 2×2 table [[a, b], [c, d]] and returns its four cells. */
export function cells2x2(table: CountTable): [number, number, number, number] {
  checkCountTable(table);
  if (table.length !== 2 || table[0].length !== 2) {
    throw new StaffwellError('invalid-option', 'expected a 2×2 table', {
      field: 'table',
      value: `${table.length}×${table[0].length}`,
      hint: 'Give [[a, b], [c, d]]: rows are the two groups, columns are cases and non-cases',
    });
  }
  return [table[0][0], table[0][1], table[1][0], table[1][1]];
}

/**
 * Cross-tabulates two label vectors into a table of counts (rows: levels of `a`, columns: levels of `b`,
 * sorted by code point), dropping pairs where either label is missing (null, undefined or '').
 */
export function crossTabulate(
  a: readonly (string | null | undefined)[],
  b: readonly (string | null | undefined)[],
): { rows: string[]; cols: string[]; table: number[][] } {
  if (a.length !== b.length) {
    throw new StaffwellError('invalid-option', 'the two label vectors have different lengths', {
      field: 'b',
      value: `${a.length} and ${b.length}`,
      hint: 'Give one label of each kind per row',
    });
  }
  const ok = (s: string | null | undefined): s is string => s !== null && s !== undefined && s !== '';
  const sort = (xs: Set<string>): string[] => [...xs].sort((p, q) => (p < q ? -1 : p > q ? 1 : 0));
  const ra = new Set<string>();
  const cb = new Set<string>();
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (ok(x) && ok(y)) {
      ra.add(x);
      cb.add(y);
    }
  }
  const rows = sort(ra);
  const cols = sort(cb);
  const ri = new Map(rows.map((s, i) => [s, i]));
  const ci = new Map(cols.map((s, i) => [s, i]));
  const table = rows.map(() => new Array<number>(cols.length).fill(0));
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (ok(x) && ok(y)) table[ri.get(x) as number][ci.get(y) as number]++;
  }
  return { rows, cols, table };
}
