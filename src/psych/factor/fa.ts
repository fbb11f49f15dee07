/**
 * psych::fa on a correlation matrix (psych 2.2.9 `fac`), for fm = minres, uls, ml, pa and rotate = none,
 * varimax, quartimax, promax, oblimin, quartimin, geominQ, geominT, bentlerQ, bentlerT.
 *
 * psych's conventions, applied in this order (they make the solution unique):
 * 1. after extraction, each factor's sign is chosen so that its column of loadings sums to a positive number
 *    (one factor: the whole column); exact zeros become 1e-15 (as psych, so rotations never divide by zero);
 * 2. rotation (GPArotation's algorithms from the identity start; varimax as stats::varimax; promax as
 *    psych's kaiser-normalised Promax);
 * 3. signs again so every column sums positive (Φ follows: Φ ← D Φ D);
 * 4. factors ordered by the variance they account for, diag(Φ LᵀL) (colSums(L²) when orthogonal), largest
 *    first (ties keep their order, as R's order()).
 */
import type { FactorWarning } from './factor-warning.ts';
import { extractFactors, type FactorMethod } from './fa-extract.ts';
import { faStats, type FaStats } from './fa-stats.ts';
import { gpfOblq, gpfOrth } from './gpa-rotation.ts';
import { promax, varimax } from './varimax.ts';
import { crossprod, matMul, modelMatrix, selectColumns } from './dense.ts';

export type FactorRotation =
  | 'none' | 'varimax' | 'quartimax' | 'promax' | 'oblimin' | 'quartimin' | 'geominQ' | 'geominT' | 'bentlerQ' | 'bentlerT';

export const FACTOR_ROTATIONS: readonly FactorRotation[] = ['none', 'varimax', 'quartimax', 'promax', 'oblimin', 'quartimin', 'geominQ', 'geominT', 'bentlerQ', 'bentlerT'];
export const FACTOR_METHODS: readonly FactorMethod[] = ['minres', 'uls', 'ml', 'pa'];

export interface FaOptions {
  nfactors: number;
  fm?: FactorMethod;
  rotate?: FactorRotation;
  /** Number of observations (psych's n.obs): needed for the likelihood chi-square, TLI, RMSEA, BIC. */
  nObs?: number;
  /** Pairwise counts p×p (psych's np.obs, set when fa is given raw data): the empirical chi-square uses them. */
  npObs?: Float64Array | null;
  /** 1 − confidence of the RMSEA interval (psych's fa: 0.1). */
  alpha?: number;
  names?: readonly string[];
}

export interface FaResult {
  nfactors: number;
  fm: FactorMethod;
  rotate: FactorRotation;
  /** p×nf row-major loadings (pattern matrix when oblique). */
  loadings: Float64Array;
  /** nf×nf factor correlations, null when orthogonal. */
  phi: Float64Array | null;
  /** p×nf structure matrix (L Φ; the loadings when orthogonal). */
  structure: Float64Array;
  /** diag of the model (h2). */
  communality: Float64Array;
  /** psych's `communalities` (1 − Ψ from the optimiser; the model communalities for pa). */
  communalities: Float64Array;
  /** diag(r − model) (u2). */
  uniquenesses: Float64Array;
  /** Eigenvalues of r with the communalities on the diagonal (psych's values). */
  values: Float64Array;
  /** Eigenvalues of r (psych's e.values). */
  eValues: Float64Array;
  /** SS loadings per factor (the first row of psych's Vaccounted). */
  ssLoadings: Float64Array;
  /** The fitting criterion at the solution (ULS or ML; NaN for pa) and the optimiser's iterations. */
  criterion: number;
  iterations: number;
  stats: FaStats;
  warnings: FactorWarning[];
}

function signColumns(L: Float64Array, p: number, k: number): Float64Array {
  const s = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    let t = 0;
    for (let i = 0; i < p; i++) t += L[i * k + c];
    s[c] = t < 0 ? -1 : 1;
  }
  for (let i = 0; i < p; i++) for (let c = 0; c < k; c++) L[i * k + c] *= s[c];
  return s;
}

export function fa(r: Float64Array, p: number, options: FaOptions): FaResult {
  const nf = options.nfactors;
  const fm = options.fm ?? 'minres';
  const rotate = options.rotate ?? 'oblimin';
  const ext = extractFactors(r, p, nf, fm);
  const warnings = [...ext.warnings];
  let L: Float64Array = ext.loadings.slice();
  signColumns(L, p, nf);
  for (let i = 0; i < L.length; i++) if (L[i] === 0) L[i] = 1e-15;
  const model = modelMatrix(L, p, nf);
  let phi: Float64Array | null = null;
  if (rotate !== 'none' && nf > 1) {
    switch (rotate) {
      case 'varimax':
        L = varimax(L, p, nf).loadings;
        break;
      case 'promax': {
        const pr = promax(L, p, nf);
        L = pr.loadings;
        phi = pr.phi;
        break;
      }
      case 'quartimax':
        L = gpfOrth(L, p, nf, 'quartimax').loadings;
        break;
      case 'geominT':
        L = gpfOrth(L, p, nf, 'geomin', 0.01).loadings;
        break;
      case 'bentlerT':
        L = gpfOrth(L, p, nf, 'bentler').loadings;
        break;
      default: {
        const res =
          rotate === 'oblimin' ? gpfOblq(L, p, nf, 'oblimin', 0)
          : rotate === 'quartimin' ? gpfOblq(L, p, nf, 'quartimin')
          : rotate === 'geominQ' ? gpfOblq(L, p, nf, 'geomin', 0.01)
          : gpfOblq(L, p, nf, 'bentler');
        if (!res.converged) warnings.push({ code: 'not_converged', message: `convergence not obtained in GPFoblq. 1000 iterations used.` });
        L = res.loadings;
        phi = res.phi;
      }
    }
  }
  const signs = signColumns(L, p, nf);
  if (phi) for (let a = 0; a < nf; a++) for (let b = 0; b < nf; b++) phi[a * nf + b] *= signs[a] * signs[b];
  const ss = new Float64Array(nf);
  {
    const LtL = crossprod(L, L, p, nf, nf);
    const M = phi ? matMul(phi, LtL, nf, nf, nf) : LtL;
    for (let c = 0; c < nf; c++) ss[c] = M[c * nf + c];
  }
  if (nf > 1) {
    const order = Array.from({ length: nf }, (_, i) => i).sort((a, b) => ss[b] - ss[a] || a - b);
    L = selectColumns(L, p, nf, order);
    if (phi) {
      const ph = new Float64Array(nf * nf);
      order.forEach((a, i) => order.forEach((b, j) => (ph[i * nf + j] = phi![a * nf + b])));
      phi = ph;
    }
    const sorted = order.map((i) => ss[i]);
    ss.set(sorted);
  }
  const communality = new Float64Array(p);
  const uniquenesses = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    communality[i] = model[i * p + i];
    uniquenesses[i] = r[i * p + i] - model[i * p + i];
  }
  const names = options.names;
  const heywood = [...communality].map((h, i) => (h > 1 ? (names?.[i] ?? `V${i + 1}`) : null)).filter((x): x is string => x !== null);
  if (heywood.length) warnings.push({ code: 'ultra_heywood', message: 'An ultra-Heywood case was detected.  Examine the results carefully', items: heywood });
  const stats = faStats(r, p, L, nf, phi, options.nObs ?? NaN, options.npObs ?? null, options.alpha ?? 0.1);
  return {
    nfactors: nf,
    fm,
    rotate,
    loadings: L,
    phi,
    structure: phi ? matMul(L, phi, p, nf, nf) : L.slice(),
    communality,
    communalities: ext.communalities,
    uniquenesses,
    values: ext.values,
    eValues: ext.eValues,
    ssLoadings: ss,
    criterion: ext.criterion,
    iterations: ext.iterations,
    stats,
    warnings,
  };
}
