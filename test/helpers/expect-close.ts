import assert from 'node:assert/strict';

export interface Tolerance {
  /** Absolute tolerance. */
  abs?: number;
  /** Relative tolerance (times |expected|). */
  rel?: number;
}

/**
 * Asserts |actual - expected| <= max(abs, rel*|expected|) and, on failure, prints actual, expected, the
 * difference and the tolerance. NaN matches NaN (R's NA/NaN arrive as null in JSON and are mapped to NaN).
 */
export function expectClose(actual: number, expected: number | null, tol: Tolerance, label: string): void {
  const e = expected === null ? NaN : expected;
  if (Number.isNaN(e) || Number.isNaN(actual)) {
    assert.ok(Number.isNaN(e) && Number.isNaN(actual), `${label}: actual ${actual}, expected ${e}`);
    return;
  }
  if (!Number.isFinite(e)) {
    assert.equal(actual, e, `${label}: actual ${actual}, expected ${e}`);
    return;
  }
  const diff = Math.abs(actual - e);
  const bound = Math.max(tol.abs ?? 0, (tol.rel ?? 0) * Math.abs(e));
  assert.ok(
    diff <= bound,
    `${label}: actual ${actual}, expected ${e}, difference ${diff.toExponential(3)}, tolerance ${bound.toExponential(3)}`,
  );
}

/** Element-wise {@link expectClose} over arrays (typed or plain); lengths must agree. */
export function expectAllClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number | null>,
  tol: Tolerance,
  label: string,
): void {
  assert.equal(actual.length, expected.length, `${label}: length ${actual.length}, expected ${expected.length}`);
  for (let i = 0; i < expected.length; i++) expectClose(actual[i], expected[i], tol, `${label}[${i}]`);
}
