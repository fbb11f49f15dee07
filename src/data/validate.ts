import { StaffwellError } from '../errors.ts';
import type { Table } from './table.ts';
import { lineOfRow, requireColumn, requireNumeric } from './table.ts';

/**
 * Data checks at the edge: unique respondent ids and values within a scale's declared range. Each throws a
 * `StaffwellError` naming the file, the line as an editor shows it, the column and the value.
 */

/** Accumulator of the ids seen so far (id -> line of first appearance); works chunk by chunk and across workers. */
export interface IdIndex {
  readonly column: string;
  source: string;
  readonly lines: Map<string, number>;
}

export function idIndexInit(column: string, source = ''): IdIndex {
  return { column, source, lines: new Map() };
}

/** Adds a chunk's ids; throws 'duplicate-id' at the first id seen before. Missing ids are skipped. */
export function idIndexAdd(acc: IdIndex, chunk: Table): IdIndex {
  const c = requireColumn(chunk, acc.column, 'the id column');
  if (!acc.source) acc.source = chunk.source;
  const lines = acc.lines;
  for (let i = 0; i < chunk.nrows; i++) {
    let id: string;
    if (c.kind === 'number') {
      const x = c.values[i];
      if (Number.isNaN(x)) continue;
      id = String(x);
    } else {
      const k = c.codes[i];
      if (k < 0) continue;
      id = c.dictionary[k];
    }
    const line = lineOfRow(chunk, i);
    const prev = lines.get(id);
    if (prev !== undefined) throw duplicate(acc, id, prev, line);
    lines.set(id, line);
  }
  return acc;
}

/** Merges the index of a later part of the file (b) into a (a before b). */
export function idIndexMerge(a: IdIndex, b: IdIndex): IdIndex {
  for (const [id, line] of b.lines) {
    const prev = a.lines.get(id);
    if (prev !== undefined) throw duplicate(a, id, Math.min(prev, line), Math.max(prev, line));
    a.lines.set(id, line);
  }
  return a;
}

/** Number of distinct ids seen. */
export function idIndexValue(acc: IdIndex): number {
  return acc.lines.size;
}

function duplicate(acc: IdIndex, id: string, first: number, again: number): StaffwellError {
  return new StaffwellError('duplicate-id', `the id is already used on line ${first}`, {
    file: acc.source || undefined,
    line: again,
    column: acc.column,
    value: id,
    hint: 'each row must have its own id: remove the repeated row or correct the id',
  });
}

/** Throws 'duplicate-id' if two rows of the table share an id (missing ids are skipped). */
export function checkUniqueIds(table: Table, idColumn: string): void {
  idIndexAdd(idIndexInit(idColumn, table.source), table);
}

/**
 * Throws 'out-of-range' at the first value (in file order) of `columns` outside [min, max] (missing values are
 * fine). A text column is a 'not-numeric' error.
 */
export function checkRange(table: Table, columns: readonly string[], min: number, max: number): void {
  const cols = columns.map((n) => requireNumeric(table, n, 'the items to check'));
  let bad: { i: number; name: string; x: number } | undefined;
  for (const c of cols) {
    const v = c.values;
    const stop = bad ? bad.i : v.length;
    for (let i = 0; i < stop; i++) {
      const x = v[i];
      if (x < min || x > max) {
        bad = { i, name: c.name, x };
        break;
      }
    }
  }
  if (bad) {
    throw new StaffwellError('out-of-range', `the value is outside the declared range ${min} to ${max}`, {
      file: table.source,
      line: lineOfRow(table, bad.i),
      column: bad.name,
      value: bad.x,
      hint: 'fix the value, declare it a missing-value code (--na, or data.missing in a study file), or change --min/--max',
    });
  }
}
