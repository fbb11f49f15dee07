/**
 * psych::polychoric (psych 2.2.9) for items scored as consecutive integers, ported step for step:
 *
 * - items with no variance are dropped (psych: "Item = x had no variance and was deleted");
 * - responses are shifted so the smallest response over all items is 1; the number of categories is
 *   max − min + 1 over all items (psych stops above `maxCat` = 8);
 * - thresholds `tau` per item are qnorm of the cumulative proportions of that item's own non-missing responses;
 * - with `global` (the default, kept only when every item has the same highest response) each pair's rho
 *   maximises the bivariate-normal likelihood of its pairwise-complete table *at the global thresholds*; with
 *   unequal categories psych sets global to FALSE: empty rows/columns are dropped, zero cells set to
 *   `correct`/n, and the pair's own marginal thresholds are used;
 * - the likelihood is maximised by R's `optimize` on (−1, 1) (Brent, tol = eps^0.25, ported in
 *   stats/optimize.ts) and bivariate probabilities come from mnormt's algorithm (stats/bivariate-normal.ts),
 *   so rho follows R's iterates exactly, including where Brent stops (about 1e-4 from the true maximum);
 * - a matrix that is not positive definite is smoothed as psych::cor.smooth (when `smooth`).
 */
import { StaffwellError } from '../../errors.ts';
import { pnorm, qnorm } from '../../stats/distributions.ts';
import { bvnRectangle } from '../../stats/bivariate-normal.ts';
import { optimize } from '../../stats/optimize.ts';
import { corSmooth } from './cor-smooth.ts';
import type { FactorWarning } from './factor-warning.ts';

export interface PolychoricOptions {
  /** Smooth a non-positive-definite result (psych default true). */
  smooth?: boolean;
  /** Use the global thresholds (psych default true; forced off when items have unequal numbers of categories). */
  global?: boolean;
  /** Continuity correction for zero cells when not global (psych default 0.5). */
  correct?: number;
  /** Most categories allowed (psych default 8). */
  maxCat?: number;
  /** Item names for warnings. */
  names?: readonly string[];
}

export interface PolychoricResult {
  /** Indices (into the input) of the items kept; items with no variance are dropped. */
  kept: number[];
  /** k×k row-major polychoric correlations of the kept items. */
  rho: Float64Array;
  /** Thresholds per kept item (ncat − 1 each; ±Infinity where a category is empty at the ends). */
  tau: Float64Array[];
  /** Rows of the input (psych's n.obs). */
  nObs: number;
  global: boolean;
  smoothed: boolean;
  warnings: FactorWarning[];
}

/** Bivariate-normal cell probabilities as psych's polyBinBvn (last row and column by difference). */
export function polyBinBvn(rho: number, rc: ArrayLike<number>, cc: ArrayLike<number>, out?: Float64Array): Float64Array {
  const nr = rc.length + 1;
  const nc = cc.length + 1;
  const P = out ?? new Float64Array(nr * nc);
  const rcut = (i: number): number => (i === 0 ? -Infinity : i === nr ? Infinity : rc[i - 1]);
  const ccut = (j: number): number => (j === 0 ? -Infinity : j === nc ? Infinity : cc[j - 1]);
  for (let i = 0; i < nr - 1; i++) {
    for (let j = 0; j < nc - 1; j++) P[i * nc + j] = bvnRectangle(rcut(i), rcut(i + 1), ccut(j), ccut(j + 1), rho);
  }
  const pn = pnorm as (q: number) => number;
  let s = 0;
  for (let j = 0; j < nc - 1; j++) s += P[j];
  P[nc - 1] = pn(rc[0]) - s; // P[1, nc]
  s = 0;
  for (let i = 0; i < nr - 1; i++) s += P[i * nc];
  P[(nr - 1) * nc] = pn(cc[0]) - s; // P[nr, 1]
  for (let i = 1; i < nr - 1; i++) {
    s = 0;
    for (let j = 0; j < nc - 1; j++) s += P[i * nc + j];
    P[i * nc + nc - 1] = pn(rc[i]) - pn(rc[i - 1]) - s;
  }
  for (let j = 1; j < nc - 1; j++) {
    s = 0;
    for (let i = 0; i < nr - 1; i++) s += P[i * nc + j];
    P[(nr - 1) * nc + j] = pn(cc[j]) - pn(cc[j - 1]) - s;
  }
  if (nc > 1) {
    s = 0;
    for (let j = 0; j < nc - 1; j++) s += P[(nr - 1) * nc + j];
    P[(nr - 1) * nc + nc - 1] = 1 - pn(rc[nr - 2]) - s;
  }
  return P;
}

/** psych's polyF: −Σ tab·log P over the cells with P > 0. */
function polyF(rho: number, rc: ArrayLike<number>, cc: ArrayLike<number>, tab: Float64Array, P: Float64Array): number {
  polyBinBvn(rho, rc, cc, P);
  let s = 0;
  for (let c = 0; c < tab.length; c++) {
    const p = P[c];
    if (!(p > 0)) continue;
    const l = Math.log(p);
    if (!Number.isFinite(l)) continue;
    s += tab[c] * l;
  }
  return -s;
}

/** One pair as psych's polyc: rho, or NaN when the pair has no complete responses (or too few categories). */
export function polychoricPair(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  ncat: number,
  taux: ArrayLike<number>,
  tauy: ArrayLike<number>,
  global: boolean,
  correct: number,
): { rho: number; fixed: boolean } {
  const tab = new Float64Array(ncat * ncat);
  let tot = 0;
  for (let r = 0; r < x.length; r++) {
    const a = x[r];
    const b = y[r];
    if (a !== a || b !== b) continue;
    if (a < 1 || a > ncat || b < 1 || b > ncat) continue;
    tab[(a - 1) * ncat + (b - 1)]++;
    tot++;
  }
  if (tot === 0) return { rho: NaN, fixed: true };
  for (let c = 0; c < tab.length; c++) tab[c] /= tot;
  if (global) {
    const P = new Float64Array(ncat * ncat);
    return { rho: optimize((rho) => polyF(rho, taux, tauy, tab, P), -1, 1).minimum, fixed: false };
  }
  const rows: number[] = [];
  const cols: number[] = [];
  for (let i = 0; i < ncat; i++) {
    let rs = 0;
    let cs = 0;
    for (let j = 0; j < ncat; j++) {
      rs += tab[i * ncat + j];
      cs += tab[j * ncat + i];
    }
    if (rs !== 0) rows.push(i);
    if (cs !== 0) cols.push(i);
  }
  if (rows.length < 2 || cols.length < 2) return { rho: NaN, fixed: false };
  const nr = rows.length;
  const nc = cols.length;
  const t = new Float64Array(nr * nc);
  let fixed = false;
  for (let i = 0; i < nr; i++) for (let j = 0; j < nc; j++) t[i * nc + j] = tab[rows[i] * ncat + cols[j]];
  if (correct > 0 && t.some((v) => v === 0)) {
    fixed = true;
    for (let c = 0; c < t.length; c++) if (t[c] === 0) t[c] = correct / tot;
  }
  const rc = new Float64Array(nr - 1);
  const cc = new Float64Array(nc - 1);
  let cum = 0;
  for (let i = 0; i < nr - 1; i++) {
    for (let j = 0; j < nc; j++) cum += t[i * nc + j];
    rc[i] = qnorm(cum);
  }
  cum = 0;
  for (let j = 0; j < nc - 1; j++) {
    for (let i = 0; i < nr; i++) cum += t[i * nc + j];
    cc[j] = qnorm(cum);
  }
  const P = new Float64Array(nr * nc);
  return { rho: optimize((rho) => polyF(rho, rc, cc, t, P), -1, 1).minimum, fixed };
}

/** Thresholds of one item (values 1..ncat): qnorm of the cumulative proportions, ncat − 1 of them. */
export function thresholds(x: ArrayLike<number>, ncat: number): Float64Array {
  const freq = new Float64Array(ncat);
  let n = 0;
  for (let r = 0; r < x.length; r++) {
    const v = x[r];
    if (v !== v) continue;
    const k = Math.trunc(v);
    if (k >= 1 && k <= ncat) freq[k - 1]++;
    n++;
  }
  const tau = new Float64Array(ncat - 1);
  let cum = 0;
  for (let k = 0; k < ncat - 1; k++) {
    cum += freq[k] / n;
    tau[k] = qnorm(cum);
  }
  return tau;
}

export function polychoric(columns: readonly ArrayLike<number>[], options: PolychoricOptions = {}): PolychoricResult {
  const { smooth = true, correct = 0.5, maxCat = 8 } = options;
  let global = options.global ?? true;
  const name = (i: number): string => options.names?.[i] ?? `V${i + 1}`;
  const warnings: FactorWarning[] = [];
  const nObs = columns.length ? columns[0].length : 0;
  let gmin = Infinity;
  let gmax = -Infinity;
  for (const c of columns) for (let r = 0; r < c.length; r++) if (c[r] === c[r]) { if (c[r] < gmin) gmin = c[r]; if (c[r] > gmax) gmax = c[r]; }
  const nvalues = gmax - gmin + 1;
  if (nvalues > maxCat) {
    throw new StaffwellError('out-of-range', `the items have ${nvalues} response categories; polychoric correlations take at most ${maxCat}`, {
      value: `${gmin}..${gmax}`,
      hint: 'polychoric correlations are for ordinal items with few categories; use Pearson correlations for these items',
    });
  }
  const kept: number[] = [];
  const dropped: string[] = [];
  columns.forEach((c, i) => (sdPositive(c) ? kept.push(i) : dropped.push(name(i))));
  if (dropped.length) warnings.push({ code: 'item_no_variance', message: `Item = ${dropped.join(', ')} had no variance and was deleted`, items: dropped });
  const xs = kept.map((i) => {
    const c = columns[i];
    const out = new Float64Array(c.length);
    for (let r = 0; r < c.length; r++) out[r] = c[r] - gmin + 1;
    return out;
  });
  const maxes = xs.map((c) => c.reduce((m, v) => (v > m ? v : m), -Infinity));
  if (Math.min(...maxes) !== Math.max(...maxes)) {
    global = false;
    warnings.push({ code: 'unequal_categories', message: 'The items do not have an equal number of response alternatives, global set to FALSE.' });
  }
  const ncat = Math.max(...maxes);
  const tau = xs.map((c) => thresholds(c, nvalues));
  const k = xs.length;
  const rho = new Float64Array(k * k);
  let fixedCells = 0;
  for (let i = 0; i < k; i++) rho[i * k + i] = 1;
  for (let i = 1; i < k; i++) {
    for (let j = 0; j < i; j++) {
      const r = polychoricPair(xs[i], xs[j], ncat, tau[i], tau[j], global, correct);
      if (r.fixed) fixedCells++;
      rho[i * k + j] = r.rho;
      rho[j * k + i] = r.rho;
    }
  }
  if (fixedCells > 0 && correct > 0) {
    warnings.push({ code: 'zero_cells_corrected', message: `${fixedCells} cells were adjusted for 0 values using the correction for continuity. Examine your data carefully.` });
  }
  let out: Float64Array = rho;
  let smoothed = false;
  if (rho.some((v) => Number.isNaN(v))) {
    warnings.push({ code: 'correlation_missing', message: 'some correlations are missing, smoothing turned off' });
  } else if (smooth) {
    const s = corSmooth(rho, k);
    out = s.r;
    smoothed = s.smoothed;
    if (smoothed) warnings.push({ code: 'not_positive_definite_smoothed', message: 'Matrix was not positive definite, smoothing was done' });
  }
  return { kept, rho: out, tau, nObs, global, smoothed, warnings };
}

/** sd > 0 over the non-missing values (psych drops items with sd <= 0 or NA). */
export function sdPositive(c: ArrayLike<number>): boolean {
  let first = NaN;
  let n = 0;
  for (let r = 0; r < c.length; r++) {
    const v = c[r];
    if (v !== v) continue;
    if (n === 0) first = v;
    else if (v !== first) return true;
    n++;
  }
  return false;
}
