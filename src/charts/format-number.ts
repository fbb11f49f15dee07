/**
 * Numbers as APA style prints them: fixed decimals, no leading zero for quantities that cannot exceed 1
 * (correlations, p values, alpha), p < .001, an en dash for undefined values (NaN / null).
 */

const DASH = '–';

/** Fixed decimals; NaN, null and ±Infinity as an en dash; minus sign as U+2212. */
export function fmt(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return DASH;
  const s = x.toFixed(digits);
  return Number(s) === 0 ? (0).toFixed(digits) : s.replace('-', '−');
}

/** Without the leading zero (r, alpha, proportions): 0.456 -> ".46", -0.3 -> "−.30". */
export function fmtUnit(x: number | null | undefined, digits = 2): string {
  return fmt(x, digits).replace(/^(−?)0\./, '$1.');
}

/** p as APA prints it: "< .001", else three decimals without the leading zero. */
export function fmtP(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return DASH;
  if (p < 0.001) return '< .001';
  return fmtUnit(p, 3);
}

/** "p < .001" or "p = .012". */
export function pText(p: number | null | undefined): string {
  const s = fmtP(p);
  return s.startsWith('<') ? `p ${s}` : `p = ${s}`;
}

/** A confidence interval in brackets: "[0.12, 0.56]". */
export function fmtCi(ci: readonly [number, number] | null | undefined, digits = 2, unit = false): string {
  if (!ci) return DASH;
  const f = unit ? fmtUnit : fmt;
  return `[${f(ci[0], digits)}, ${f(ci[1], digits)}]`;
}

/** Percentage of a proportion: 0.2683 -> "26.8". */
export function fmtPercent(p: number | null | undefined, digits = 1): string {
  return p === null || p === undefined || !Number.isFinite(p) ? DASH : fmt(100 * p, digits);
}
