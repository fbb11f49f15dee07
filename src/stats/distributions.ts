/**
 * Distribution functions, taken from @stdlib (exact tails; see ../shared/reference/ecosystem-measurements.md §3)
 * and named as in R so that ports of R code read the same. The studentized range (ptukey, qtukey) is a port of
 * R's own code in studentized-range.ts, because @stdlib's differs from R by up to 1e-6 in the upper tail.
 * Upper tails are computed directly, never as 1 - cdf.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { STDLIB_MODULES, type StdlibFunctions } from './stdlib-modules.ts';

// The @stdlib functions are required at the first call of any of them, from the one bundle beside the compiled
// module (dist/stats/stdlib.cjs, made by `npm run build`) or, from the sources, package by package
// (stdlib-modules.ts says why).
const require = createRequire(import.meta.url);
let lib: StdlibFunctions | undefined;

function stdlib(): StdlibFunctions {
  if (lib !== undefined) return lib;
  const bundle = new URL('./stdlib.cjs', import.meta.url);
  if (existsSync(bundle)) return (lib = require(fileURLToPath(bundle)) as StdlibFunctions);
  const loaded: Record<string, unknown> = {};
  for (const [name, id] of Object.entries(STDLIB_MODULES)) loaded[name] = require(id);
  return (lib = loaded as unknown as StdlibFunctions);
}

const tcdf = (x: number, v: number) => stdlib().tcdf(x, v);
const tquantile = (p: number, v: number) => stdlib().tquantile(p, v);
const fcdf = (x: number, d1: number, d2: number) => stdlib().fcdf(x, d1, d2);
const fquantile = (p: number, d1: number, d2: number) => stdlib().fquantile(p, d1, d2);
const chisqcdf = (x: number, k: number) => stdlib().chisqcdf(x, k);
const chisqquantile = (p: number, k: number) => stdlib().chisqquantile(p, k);
const normcdf = (x: number, mu: number, sigma: number) => stdlib().normcdf(x, mu, sigma);
const normquantile = (p: number, mu: number, sigma: number) => stdlib().normquantile(p, mu, sigma);
const betaquantile = (p: number, a: number, b: number) => stdlib().betaquantile(p, a, b);
const betainc = (x: number, a: number, b: number, regularized: boolean, upper: boolean) => stdlib().betainc(x, a, b, regularized, upper);
const gammainc = (x: number, s: number, regularized: boolean, upper: boolean) => stdlib().gammainc(x, s, regularized, upper);
const gammalnStd = (x: number) => stdlib().gammaln(x);

/** P(T <= q) for Student's t with `df` degrees of freedom; `lower = false` gives P(T > q). */
export function pt(q: number, df: number, lower = true): number {
  if (Number.isNaN(q) || Number.isNaN(df) || df <= 0) return NaN;
  // Symmetry keeps full relative precision in the far tail.
  return lower ? tcdf(q, df) : tcdf(-q, df);
}

export function qt(p: number, df: number): number {
  return tquantile(p, df);
}

/** P(F <= q) with (df1, df2); upper tail through the regularised incomplete beta directly. */
export function pf(q: number, df1: number, df2: number, lower = true): number {
  if (Number.isNaN(q) || !(df1 > 0) || !(df2 > 0)) return NaN;
  if (lower) return fcdf(q, df1, df2);
  if (q <= 0) return 1;
  if (q === Infinity) return 0;
  const x = df2 / (df2 + df1 * q);
  return betainc(x, df2 / 2, df1 / 2, true, false);
}

export function qf(p: number, df1: number, df2: number): number {
  return fquantile(p, df1, df2);
}

/** P(X <= q) for chi-square(df); upper tail through the regularised upper incomplete gamma. */
export function pchisq(q: number, df: number, lower = true): number {
  if (Number.isNaN(q) || !(df > 0)) return NaN;
  if (lower) return chisqcdf(q, df);
  if (q <= 0) return 1;
  if (q === Infinity) return 0;
  return gammainc(q / 2, df / 2, true, true);
}

export function qchisq(p: number, df: number): number {
  return chisqquantile(p, df);
}

export function pnorm(q: number, mean = 0, sd = 1, lower = true): number {
  return lower ? normcdf(q, mean, sd) : normcdf(-q, -mean, sd);
}

export function qnorm(p: number, mean = 0, sd = 1): number {
  return normquantile(p, mean, sd);
}

export function qbeta(p: number, a: number, b: number): number {
  return betaquantile(p, a, b);
}

/** Regularised incomplete beta I_x(a, b) (upper = 1 - I_x computed directly). */
export function pbetaRaw(x: number, a: number, b: number, upper = false): number {
  return betainc(x, a, b, true, upper);
}

// --- Discrete distributions (binom.test, fisher.test) ----------------------------------------------------------

/** log(choose(n, k)) through log-gamma (relative error ~1e-13 for n up to 1e4). */
function lchoose(n: number, k: number): number {
  return gammalnStd(n + 1) - gammalnStd(k + 1) - gammalnStd(n - k + 1);
}

/** Binomial probability mass P(X = x), X ~ Bin(n, prob), as R's dbinom (`log = true` gives its log). */
export function dbinom(x: number, n: number, prob: number, log = false): number {
  if (Number.isNaN(x) || Number.isNaN(n) || Number.isNaN(prob) || prob < 0 || prob > 1 || n < 0) return NaN;
  if (x < 0 || x > n || !Number.isInteger(x)) return log ? -Infinity : 0;
  let lp: number;
  if (prob === 0) lp = x === 0 ? 0 : -Infinity;
  else if (prob === 1) lp = x === n ? 0 : -Infinity;
  else lp = lchoose(n, x) + x * Math.log(prob) + (n - x) * Math.log1p(-prob);
  return log ? lp : Math.exp(lp);
}

/** P(X <= q) for X ~ Bin(n, prob) (`lower = false`: P(X > q)), through the incomplete beta as R's pbinom. */
export function pbinom(q: number, n: number, prob: number, lower = true): number {
  if (Number.isNaN(q) || Number.isNaN(n) || Number.isNaN(prob) || prob < 0 || prob > 1 || n < 0) return NaN;
  const x = Math.floor(q + 1e-7);
  if (x < 0) return lower ? 0 : 1;
  if (x >= n) return lower ? 1 : 0;
  if (prob === 0) return lower ? 1 : 0;
  if (prob === 1) return lower ? 0 : 1;
  // P(X <= x) = I_{1-p}(n - x, x + 1); P(X > x) = I_p(x + 1, n - x).
  return lower ? betainc(1 - prob, n - x, x + 1, true, false) : betainc(prob, x + 1, n - x, true, false);
}

/**
 * `dhyper(x, m, n, k, log = true)` over the support max(0, k - n) <= x <= min(k, m), with the terms that do not
 * depend on x computed once: the same operations in the same order as dhyper, so the same doubles, at four
 * log-gamma evaluations a point instead of nine (Fisher's test evaluates ~10^5 points on a large table).
 */
export function dhyperLogOnSupport(m: number, n: number, k: number): (x: number) => number {
  const gm = gammalnStd(m + 1);
  const gn = gammalnStd(n + 1);
  const total = lchoose(m + n, k);
  return (x) => gm - gammalnStd(x + 1) - gammalnStd(m - x + 1) + (gn - gammalnStd(k - x + 1) - gammalnStd(n - (k - x) + 1)) - total;
}

/**
 * Hypergeometric probability P(X = x) drawing k balls from an urn with m white and n black balls, as R's
 * dhyper(x, m, n, k) (`log = true` gives its log).
 */
export function dhyper(x: number, m: number, n: number, k: number, log = false): number {
  if ([x, m, n, k].some(Number.isNaN) || m < 0 || n < 0 || k < 0 || k > m + n) return NaN;
  if (!Number.isInteger(x) || x < 0 || x > k || x > m || k - x > n) return log ? -Infinity : 0;
  const lp = lchoose(m, x) + lchoose(n, k - x) - lchoose(m + n, k);
  return log ? lp : Math.exp(lp);
}
