/**
 * psych::fa.stats (psych 2.2.9), the fit statistics fa reports, for a correlation matrix r, final loadings f
 * and factor correlations phi:
 *
 * - residual-based: dof, `chi` (the empirical chi-square Σ residual²·n over off-diagonal cells, with pairwise n
 *   when the matrix came from raw data: psych's np.obs), rms, crms, EBIC, fit, fit.off, and nh (the harmonic
 *   mean of the pairwise n);
 * - likelihood-based (needs n.obs): objective = tr(M⁻¹R) − log det(M⁻¹R) − p with M the model with unit
 *   diagonal, both matrices smoothed as cor.smooth; STATISTIC = objective·(n − 1 − (2p + 5)/6 − 2nf/3), its
 *   p value, TLI, RMSEA with its 1 − alpha interval (psych's uniroot on the non-central chi-square, alpha = 0.1
 *   as fa passes it), BIC;
 * - R2 of the regression factor-score estimates, and Hofmann's complexity per item.
 */
import { pchisq } from '../../stats/distributions.ts';
import { pnchisq } from '../../stats/noncentral-chisq.ts';
import { determinant, luSolve } from '../../stats/lu.ts';
import { uniroot } from '../../inference/uniroot.ts';
import { corSmooth } from './cor-smooth.ts';
import { crossprod, matMul, modelMatrix } from './dense.ts';

export interface FaStats {
  dof: number;
  chi: number;
  nh: number;
  rms: number;
  crms: number;
  ebic: number;
  fit: number;
  fitOff: number;
  objective: number;
  statistic: number;
  pval: number;
  tli: number;
  /** [estimate, lower, upper]. */
  rmsea: [number, number, number];
  bic: number;
  nullChisq: number;
  nullDof: number;
  r2: Float64Array;
  complexity: Float64Array;
}

export function faStats(
  r: Float64Array,
  p: number,
  f: Float64Array,
  nf: number,
  phi: Float64Array | null,
  nObs: number,
  npObs: Float64Array | null,
  alpha = 0.1,
): FaStats {
  const model = modelMatrix(f, p, nf, phi);
  const residual = new Float64Array(p * p);
  let r2 = 0;
  let rstar2 = 0;
  let trR = 0;
  for (let i = 0; i < p * p; i++) {
    residual[i] = r[i] - model[i];
    r2 += r[i] * r[i];
    rstar2 += residual[i] * residual[i];
  }
  for (let i = 0; i < p; i++) trR += r[i * p + i];
  const dof = (p * (p - 1)) / 2 - p * nf + (nf * (nf - 1)) / 2;
  let r2off = r2 - trR;
  for (let i = 0; i < p; i++) residual[i * p + i] = 0;
  let rstarOff = 0;
  let chi: number;
  let nh: number;
  let rms: number;
  let crms = NaN;
  let ebic = NaN;
  if (npObs === null) {
    for (let i = 0; i < p * p; i++) rstarOff += residual[i] ** 2;
    chi = rstarOff * nObs;
    rms = Math.sqrt(rstarOff / (p * (p - 1)));
    nh = nObs;
    if (dof > 0) {
      crms = Math.sqrt(rstarOff / (2 * dof));
      ebic = chi - dof * Math.log(nObs);
    }
  } else {
    let inv = 0;
    r2off = 0;
    for (let i = 0; i < p * p; i++) {
      rstarOff += residual[i] ** 2 * npObs[i];
      if (i % (p + 1) !== 0) r2off += r[i] * r[i] * npObs[i];
      inv += 1 / npObs[i];
    }
    nh = 1 / (inv / (p * p));
    chi = rstarOff;
    rms = Math.sqrt(rstarOff / (nh * p * (p - 1)));
    if (dof > 0) {
      crms = Math.sqrt(rstarOff / (2 * nh * dof));
      ebic = chi - dof * Math.log(nh);
    }
  }
  const fit = 1 - rstar2 / r2;
  const fitOff = 1 - rstarOff / r2off;
  const complexity = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s2 = 0;
    let s4 = 0;
    for (let c = 0; c < nf; c++) {
      s2 += f[i * nf + c] ** 2;
      s4 += f[i * nf + c] ** 4;
    }
    complexity[i] = (s2 * s2) / s4;
  }
  const m = model.slice();
  for (let i = 0; i < p; i++) m[i * p + i] = r[i * p + i];
  const ms = corSmooth(m, p).r;
  const rs = corSmooth(r, p).r;
  const mir = luSolve(ms, p, rs, p);
  let objective = NaN;
  if (mir) {
    let tr = 0;
    for (let i = 0; i < p; i++) tr += mir[i * p + i];
    objective = tr - Math.log(determinant(mir, p)) - p;
    if (!Number.isFinite(objective)) objective = rstar2;
  }
  let statistic = NaN;
  let chisq = NaN;
  let pval = NaN;
  let tli = NaN;
  let nullChisq = NaN;
  let rmsea: [number, number, number] = [NaN, NaN, NaN];
  let bic = NaN;
  let F0 = trR - Math.log(determinant(rs, p)) - p;
  if (!Number.isFinite(F0)) F0 = r2;
  if (Number.isFinite(nObs)) {
    statistic = chisq = objective * (nObs - 1 - (2 * p + 5) / 6 - (2 * nf) / 3);
    if (statistic < 0) statistic = 0;
    if (dof > 0) pval = pchisq(statistic, dof, false);
    const Mm = objective / dof;
    const M0 = (F0 * 2) / (p * (p - 1));
    const nm = nObs - 1 - (2 * p + 5) / 6 - (2 * nf) / 3;
    nullChisq = F0 * (nObs - 1 - (2 * p + 5) / 6);
    tli = (M0 - Mm) / (M0 - 1 / nm);
    if (dof > 0 && Number.isFinite(objective)) {
      const est = Math.sqrt(Math.max(chisq / (dof * nObs) - 1 / (nObs - 1), 0));
      const tail = alpha / 2;
      const max = Math.max(nObs, chisq) + 2 * nObs;
      const bound = (target: number): number => {
        const g = (x: number): number => pnchisq(statistic, dof, x) - target;
        if (!(g(0) * g(max) <= 0)) return NaN; // R's uniroot stops: psych reports NA (or 0 below, as psych does)
        return Math.sqrt(uniroot(g, 0, max) / (nObs - 1) / dof);
      };
      let upper = 0;
      if (pchisq(statistic, dof) > tail) {
        upper = bound(tail);
        if (Number.isNaN(upper) && est <= 0) upper = 0;
      }
      let lower = 0;
      if (pchisq(statistic, dof) > 1 - tail) lower = bound(1 - tail);
      if (!Number.isNaN(upper) && upper < est) upper = NaN;
      if (!Number.isNaN(lower) && lower > est) lower = NaN;
      rmsea = [est, lower, upper];
      bic = chisq - dof * Math.log(nObs);
    }
  }
  const fp = phi ? matMul(f, phi, p, nf, nf) : f;
  const w = luSolve(rs, p, fp, nf);
  const r2s = new Float64Array(nf).fill(NaN);
  if (w) {
    const wf = crossprod(w, fp, p, nf, nf);
    for (let c = 0; c < nf; c++) r2s[c] = wf[c * nf + c];
  }
  return {
    dof, chi, nh, rms, crms, ebic, fit, fitOff, objective, statistic, pval, tli, rmsea, bic, nullChisq,
    nullDof: (p * (p - 1)) / 2, r2: r2s, complexity,
  };
}
