/**
 * psych::tetrachoric (psych 2.2.9) for dichotomous items, ported step for step (tetra.mat / tetrac /
 * tetraBinBvn / tetraF):
 *
 * - each item is shifted by its own minimum so responses are 0/1 (psych stops if any is then above 1);
 * - thresholds tau = −qnorm(proportion of 1s);
 * - a pair with more than 2 complete responses gets its 2×2 table of counts; a zero cell is replaced by
 *   `correct` (0.5, on the counts);
 * - rho maximises −Σ tab·log P by R's optimize on (−1, 1), with P from tetraBinBvn at the global thresholds.
 *   As psych does, the probability table's rows follow the second item's threshold while the count table's rows
 *   follow the first item: the two off-diagonal cells are paired crosswise. This is psych's behaviour and is
 *   kept so that the numbers match psych;
 * - the matrix is smoothed as cor.smooth when not positive definite.
 */
import { StaffwellError } from '../../errors.ts';
import { bvnRectangle } from '../../stats/bivariate-normal.ts';
import { pnorm, qnorm } from '../../stats/distributions.ts';
import { optimize } from '../../stats/optimize.ts';
import { corSmooth } from './cor-smooth.ts';
import type { FactorWarning } from './factor-warning.ts';
import { sdPositive } from './polychoric.ts';

export interface TetrachoricOptions {
  correct?: number;
  smooth?: boolean;
  names?: readonly string[];
}

export interface TetrachoricResult {
  kept: number[];
  rho: Float64Array;
  tau: Float64Array;
  nObs: number;
  smoothed: boolean;
  warnings: FactorWarning[];
}

function tetraF(rho: number, rc: number, cc: number, tab: Float64Array): number {
  const p11 = bvnRectangle(-Infinity, rc, -Infinity, cc, rho);
  const p21 = pnorm(rc) - p11;
  const p12 = pnorm(cc) - p11;
  const p22 = 1 - pnorm(rc) - p12;
  // tab is column-major 2×2 as R's matrix: [1,1], [2,1], [1,2], [2,2]
  return -(tab[0] * Math.log(p11) + tab[1] * Math.log(p21) + tab[2] * Math.log(p12) + tab[3] * Math.log(p22));
}

export function tetrachoric(columns: readonly ArrayLike<number>[], options: TetrachoricOptions = {}): TetrachoricResult {
  const { correct = 0.5, smooth = true } = options;
  const name = (i: number): string => options.names?.[i] ?? `V${i + 1}`;
  const warnings: FactorWarning[] = [];
  const nObs = columns.length ? columns[0].length : 0;
  const kept: number[] = [];
  const dropped: string[] = [];
  columns.forEach((c, i) => (sdPositive(c) ? kept.push(i) : dropped.push(name(i))));
  if (dropped.length) warnings.push({ code: 'item_no_variance', message: `Item = ${dropped.join(', ')} had no variance and was deleted`, items: dropped });
  const xs = kept.map((i) => {
    const c = columns[i];
    let min = Infinity;
    for (let r = 0; r < c.length; r++) if (c[r] < min) min = c[r];
    const out = new Float64Array(c.length);
    for (let r = 0; r < c.length; r++) {
      out[r] = c[r] - min;
      if (out[r] > 1) {
        throw new StaffwellError('out-of-range', `item ${name(i)} is not dichotomous: tetrachoric correlations need two response values`, {
          value: String(c[r]),
          hint: 'use polychoric correlations for items with more than two categories',
        });
      }
    }
    return out;
  });
  const k = xs.length;
  const tau = new Float64Array(k);
  xs.forEach((c, i) => {
    let s = 0;
    let n = 0;
    for (let r = 0; r < c.length; r++) if (c[r] === c[r]) { s += c[r]; n++; }
    tau[i] = -qnorm(s / n);
  });
  const rho = new Float64Array(k * k);
  for (let i = 0; i < k; i++) rho[i * k + i] = 1;
  for (let i = 1; i < k; i++) {
    for (let j = 0; j < i; j++) {
      const x = xs[i];
      const y = xs[j];
      const tab = new Float64Array(4);
      let complete = 0;
      for (let r = 0; r < x.length; r++) {
        if (x[r] !== x[r] || y[r] !== y[r]) continue;
        tab[x[r] + 2 * y[r]]++;
        complete++;
      }
      let value = NaN;
      if (complete > 2) {
        let sum = 0;
        let min = Infinity;
        for (const v of tab) { sum += v; min = Math.min(min, v); }
        if (sum > 1 && min === 0 && correct > 0) for (let c = 0; c < 4; c++) if (tab[c] === 0) tab[c] = correct;
        if (sum > 0) value = optimize((rh) => tetraF(rh, tau[j], tau[i], tab), -1, 1).minimum;
      }
      rho[i * k + j] = value;
      rho[j * k + i] = value;
    }
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
  return { kept, rho: out, tau, nObs, smoothed, warnings };
}
