import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Reads a committed R fixture (test/fixtures/r/<name>.json), written by test/fixtures/r/<name>.R. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function loadFixture(name: string): any {
  const url = new URL(`../fixtures/r/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(fileURLToPath(url), 'utf8'));
}

/** R's htest as written by the fixture scripts. */
export interface RHtest {
  method: string;
  statistic: number | null;
  df: number | number[] | null;
  p: number;
  estimate: Record<string, number | null> | null;
  ci: number[] | null;
  null: number | null;
}

/** A fixture number: null (R's NA/NaN) becomes NaN, "Inf"/"-Inf" strings become infinities. */
export function num(v: unknown): number {
  if (v === null || v === undefined || v === 'NA' || v === 'NaN') return NaN;
  if (v === 'Inf') return Infinity;
  if (v === '-Inf') return -Infinity;
  return v as number;
}

import { expectClose, type Tolerance } from '../helpers/expect-close.ts';

/** The contract with R: 1e-8 relative, or absolute for values near 0. */
export const R_TOL: Tolerance = { rel: 1e-8, abs: 1e-12 };

let worst = { rel: 0, label: '' };
if (process.env.STAFFWELL_REPORT_DIFFS) {
  process.on('exit', () => console.log(`largest relative difference from R: ${worst.rel.toExponential(2)} (${worst.label})`));
}

/** expectClose against a fixture value (null → NaN, "Inf" → ∞), recording the largest relative difference. */
export function close(actual: number, expected: unknown, label: string, tol: Tolerance = R_TOL): void {
  const e = num(expected);
  if (Number.isFinite(e) && Number.isFinite(actual)) {
    const rel = Math.abs(actual - e) / Math.max(Math.abs(e), 1e-300);
    if (e !== 0 && rel > worst.rel) worst = { rel, label };
  }
  expectClose(actual, e, tol, label);
}

/** Compares an interval element-wise. */
export function closeCi(actual: readonly number[] | undefined, expected: unknown[] | null, label: string, tol: Tolerance = R_TOL): void {
  if (!actual || !expected) throw new Error(`${label}: missing interval (actual ${actual}, expected ${expected})`);
  close(actual[0], expected[0], `${label} lower`, tol);
  close(actual[1], expected[1], `${label} upper`, tol);
}

/** A fixture vector with "NA" for missing → Float64Array with NaN. */
export function vec(v: unknown[] | unknown): Float64Array {
  const a = Array.isArray(v) ? v : [v];
  return Float64Array.from(a, num);
}

/** A fixture label vector with "NA" (R's NA) → null. */
export function labels(v: unknown[]): (string | null)[] {
  return v.map((s) => (s === 'NA' || s === null ? null : String(s)));
}
