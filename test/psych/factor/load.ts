/** The factor-analysis fixture data (test/fixtures/factor/*.csv, written by test/fixtures/r/factor-data.R). */
import { fileURLToPath } from 'node:url';
import { readCsv } from '../../../src/data/csv.ts';
import { comomentsAdd, comomentsInit, pairwiseCor } from '../../../src/stats/pairwise-comoments.ts';
import { expectClose } from '../../helpers/expect-close.ts';

export const DATA = fileURLToPath(new URL('../../fixtures/factor/', import.meta.url));

export function loadItems(file: string, rows?: number, cols?: number): { names: string[]; columns: Float64Array[] } {
  const t = readCsv(DATA + file);
  const names: string[] = [];
  const columns: Float64Array[] = [];
  for (const c of t.columns.slice(0, cols ?? t.columns.length)) {
    if (c.kind !== 'number') throw new Error(`${file}: ${c.name} is not numeric`);
    names.push(c.name);
    columns.push(rows === undefined ? c.values : c.values.slice(0, rows));
  }
  return { names, columns };
}

export function pearson(columns: Float64Array[]): Float64Array {
  const st = comomentsInit(columns.length);
  comomentsAdd(st, columns);
  return pairwiseCor(st);
}

/** R's as.vector of a p×p matrix (column-major) to row-major; symmetric matrices read the same either way. */
export function fromR(v: readonly (number | null)[], p: number): Float64Array {
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) out[i * p + j] = v[j * p + i] ?? NaN;
  return out;
}

/** Compares element by element; returns the largest absolute difference seen (for the parity table). */
export function closeAll(actual: ArrayLike<number>, expected: ArrayLike<number | null>, abs: number, label: string): number {
  if (actual.length !== expected.length) throw new Error(`${label}: length ${actual.length}, expected ${expected.length}`);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    const e = expected[i];
    expectClose(actual[i], e, { abs }, `${label}[${i}]`);
    if (e !== null && Number.isFinite(e)) worst = Math.max(worst, Math.abs(actual[i] - e));
  }
  return worst;
}

/** R's as.vector of a p×nf matrix (column-major; a single number when p×nf is 1) to row-major. */
export function fromRColumns(v: number | readonly number[], p: number, nf: number): Float64Array {
  const a = ([] as number[]).concat(v);
  const out = new Float64Array(p * nf);
  for (let i = 0; i < p; i++) for (let c = 0; c < nf; c++) out[i * nf + c] = a[c * p + i];
  return out;
}
