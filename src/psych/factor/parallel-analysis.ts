/**
 * psych::fa.parallel(x, fa = "both", n.iter, quant = 0.95) on raw data:
 *
 * - observed: the eigenvalues of r (components) and psych's "factor" eigenvalues, the `values` of a one-factor
 *   minres fa of r (eigenvalues of r with the one-factor communalities on the diagonal);
 * - each of `iterations` rounds resamples every column with replacement, independently (psych's
 *   `apply(x, 2, sample, replace = TRUE)`, redrawn when a correlation is missing), and simulates standard-normal
 *   data of the same size; both give component and factor eigenvalues the same way;
 * - the decision, as psych's with raw data: the number of factors (components) is the count of leading observed
 *   eigenvalues greater than the 95th percentile (R's type-7 quantile) of the *resampled* ones.
 *
 * The random draws come from a seeded generator (stats/seeded-random.ts), not R's stream: the simulated values
 * agree with psych's in distribution and the decision is what is compared with psych; the same seed always
 * gives the same result.
 */
import { eigenSymmetric } from '../../stats/eigen-symmetric.ts';
import { seededRandom } from '../../stats/seeded-random.ts';
import { itemPearson } from '../../stats/item-correlation.ts';
import { extractFactors } from './fa-extract.ts';

export interface ParallelAnalysisOptions {
  iterations?: number;
  seed?: number;
  /** Quantile of the resampled eigenvalues an observed one must exceed (psych: 0.95). */
  quant?: number;
}

export interface ParallelAnalysisResult {
  nfact: number;
  ncomp: number;
  faValues: Float64Array;
  pcValues: Float64Array;
  /** Means over the iterations: simulated normal data (sim) and resampled data (simr). */
  faSim: Float64Array;
  pcSim: Float64Array;
  faSimr: Float64Array;
  pcSimr: Float64Array;
  /** The quantile of the resampled eigenvalues used for the decision. */
  faSimrQuantile: Float64Array;
  pcSimrQuantile: Float64Array;
  iterations: number;
  seed: number;
}

function cor(columns: Float64Array[]): Float64Array {
  return itemPearson(columns).r;
}

function values(r: Float64Array, p: number): { pc: Float64Array; fa: Float64Array } {
  return { pc: eigenSymmetric(r, p, false).values, fa: extractFactors(r, p, 1, 'minres').values };
}

/** R's quantile(x, q, type = 7). */
function quantile7(x: number[], q: number): number {
  const s = [...x].sort((a, b) => a - b);
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  return s[lo] + (h - lo) * ((s[Math.min(lo + 1, s.length - 1)] ?? s[lo]) - s[lo]);
}

function leading(observed: Float64Array, bound: Float64Array): number {
  for (let k = 0; k < observed.length; k++) if (!(observed[k] > bound[k])) return k;
  return observed.length;
}

export function parallelAnalysis(columns: Float64Array[], options: ParallelAnalysisOptions = {}): ParallelAnalysisResult {
  const iterations = options.iterations ?? 20;
  const seed = options.seed ?? 1;
  const quant = options.quant ?? 0.95;
  const p = columns.length;
  const n = columns[0].length;
  const rng = seededRandom(seed);
  const observed = values(cor(columns), p);
  const draws = { pcr: [] as Float64Array[], far: [] as Float64Array[], pcs: [] as Float64Array[], fas: [] as Float64Array[] };
  for (let it = 0; it < iterations; it++) {
    let C: Float64Array;
    for (;;) {
      const sample = columns.map((c) => {
        const out = new Float64Array(n);
        for (let r = 0; r < n; r++) out[r] = c[rng.integer(n)];
        return out;
      });
      C = cor(sample);
      if (!C.some((v) => Number.isNaN(v))) break;
    }
    const vr = values(C, p);
    draws.pcr.push(vr.pc);
    draws.far.push(vr.fa);
    const sim = Array.from({ length: p }, () => {
      const out = new Float64Array(n);
      for (let r = 0; r < n; r++) out[r] = rng.normal();
      return out;
    });
    const vs = values(cor(sim), p);
    draws.pcs.push(vs.pc);
    draws.fas.push(vs.fa);
  }
  const mean = (d: Float64Array[]): Float64Array => Float64Array.from({ length: p }, (_, k) => d.reduce((s, v) => s + v[k], 0) / d.length);
  const q = (d: Float64Array[]): Float64Array => Float64Array.from({ length: p }, (_, k) => quantile7(d.map((v) => v[k]), quant));
  const pcQ = q(draws.pcr);
  const faQ = q(draws.far);
  return {
    nfact: leading(observed.fa, faQ),
    ncomp: leading(observed.pc, pcQ),
    faValues: observed.fa,
    pcValues: observed.pc,
    faSim: mean(draws.fas),
    pcSim: mean(draws.pcs),
    faSimr: mean(draws.far),
    pcSimr: mean(draws.pcr),
    faSimrQuantile: faQ,
    pcSimrQuantile: pcQ,
    iterations,
    seed,
  };
}
