/**
 * psych::omega (psych 2.2.9 `omegah` + `schmid`) on a correlation matrix:
 *
 * 1. fa(r, nfactors, fm, rotate = "varimax") gives orthogonal loadings, which GPArotation's oblimin (from the
 *    identity, as psych calls it: no sign or order changes afterwards) turns into a pattern F and Φ;
 * 2. the general factor's loadings on the group factors: a one-factor fa of Φ (nfactors > 2), √|φ₁₂| for both
 *    (two factors, psych's option "equal": psych says three factors are needed for identification), 1 (one);
 * 3. Schmid-Leiman: g = F·gload, group loadings sign(F)·√max(F² − (F·diag(gload))², 0), h2 from the orthogonal
 *    loadings, u2 = 1 − h2, p2 = g²/h2;
 * 4. with flip (psych's default), items with negative g loadings are reversed in r and in the loadings;
 * 5. ω_h = (Σg)²/Σr, ω_t = (Σr − Σu2)/Σr, ω_lim = (Σg)²/(Σr − Σu2), standardised α, G6 (λ6 with SMCs),
 *    ECV = Σg²/Σ(all squared loadings); per group factor (items assigned by their largest |group loading|)
 *    total, general and group omegas over that group's block of r. The denominators are the observed Σr.
 */
import { smc } from '../../stats/smc.ts';
import { fa, type FaResult } from './fa.ts';
import type { FactorMethod } from './fa-extract.ts';
import type { FactorWarning } from './factor-warning.ts';
import { gpfOblq } from './gpa-rotation.ts';

export interface OmegaOptions {
  nfactors?: number;
  fm?: FactorMethod;
  flip?: boolean;
  names?: readonly string[];
}

export interface OmegaGroup {
  /** "g", then "F1*", "F2*", ... */
  factor: string;
  /** Items assigned to this group factor (none for g: all). */
  items: number[];
  total: number;
  general: number;
  group: number;
}

export interface OmegaResult {
  nfactors: number;
  omegaH: number;
  omegaTotal: number;
  omegaLim: number;
  alpha: number;
  g6: number;
  ecv: number;
  /** p×(nfactors + 1) Schmid-Leiman loadings: g, then the group factors (after flipping). */
  sl: Float64Array;
  h2: Float64Array;
  u2: Float64Array;
  p2: Float64Array;
  /** The general factor's loadings on the group factors. */
  gloading: Float64Array;
  /** Oblique pattern and factor correlations the hierarchy was built from (null Φ with one factor). */
  oblique: Float64Array;
  phi: Float64Array | null;
  /** +1 / −1 per item (−1: reversed because its g loading was negative). */
  key: Int8Array;
  groups: OmegaGroup[];
  orthogonal: FaResult;
  warnings: FactorWarning[];
}

export function omega(r: Float64Array, p: number, options: OmegaOptions = {}): OmegaResult {
  const nf = options.nfactors ?? 3;
  const fm = options.fm ?? 'minres';
  const flip = options.flip ?? true;
  const warnings: FactorWarning[] = [];
  const orth = fa(r, p, { nfactors: nf, fm, rotate: 'varimax', names: options.names });
  warnings.push(...orth.warnings);
  const O = orth.loadings;
  let F: Float64Array;
  let phi: Float64Array | null = null;
  const gload = new Float64Array(nf);
  if (nf === 1) {
    F = O.slice();
    gload[0] = 1;
    warnings.push({ code: 'identification', message: 'Omega_h and Omega_asymptotic are not meaningful with one factor' });
  } else {
    const ob = gpfOblq(O, p, nf, 'oblimin', 0);
    F = ob.loadings;
    phi = ob.phi!;
    if (nf > 2) {
      const g = fa(phi, nf, { nfactors: 1, fm, rotate: 'none', names: Array.from({ length: nf }, (_, i) => `group factor F${i + 1}`) });
      warnings.push(...g.warnings.map((w) => ({ ...w, message: `in the general factor's fit to the factor correlations: ${w.message}` })));
      gload.set(g.loadings);
    } else {
      const f12 = phi[1];
      gload[0] = Math.sqrt(Math.abs(f12));
      gload[1] = Math.sign(f12) * Math.sqrt(Math.abs(f12));
      warnings.push({ code: 'identification', message: 'Three factors are required for identification -- general factor loadings set to be equal. Proceed with caution.' });
    }
  }
  const k = nf + 1;
  const sl = new Float64Array(p * k);
  const h2 = new Float64Array(p);
  const u2 = new Float64Array(p);
  const p2 = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let g = 0;
    for (let c = 0; c < nf; c++) g += F[i * nf + c] * gload[c];
    sl[i * k] = g;
    let h = 0;
    for (let c = 0; c < nf; c++) h += O[i * nf + c] ** 2;
    h2[i] = h;
    u2[i] = r[i * p + i] - h;
    p2[i] = (g * g) / h;
    for (let c = 0; c < nf; c++) {
      const f = F[i * nf + c];
      let uniq2 = r[i * p + i] - (r[i * p + i] - f * f) - (f * gload[c]) ** 2;
      if (uniq2 < 0) uniq2 = 0;
      sl[i * k + 1 + c] = (f > 0 ? 1 : f < 0 ? -1 : 0) * Math.sqrt(uniq2);
    }
  }
  const key = new Int8Array(p).fill(1);
  const m = r.slice();
  if (flip) {
    for (let i = 0; i < p; i++) if (sl[i * k] < 0) key[i] = -1;
    if (key.some((v) => v < 0)) {
      for (let i = 0; i < p; i++) {
        for (let j = 0; j < p; j++) m[i * p + j] *= key[i] * key[j];
        for (let c = 0; c < k; c++) sl[i * k + c] *= key[i];
      }
    }
  }
  let Vt = 0;
  let Vitem = 0;
  let sumG = 0;
  let uniq = 0;
  for (let i = 0; i < p * p; i++) Vt += m[i];
  for (let i = 0; i < p; i++) {
    Vitem += m[i * p + i];
    sumG += sl[i * k];
    uniq += u2[i];
  }
  const gsq = sumG * sumG;
  const s = smc(m, p);
  let sumSmc = 0;
  for (let i = 0; i < p; i++) sumSmc += s[i];
  const ev = new Float64Array(k);
  for (let i = 0; i < p; i++) for (let c = 0; c < k; c++) ev[c] += sl[i * k + c] ** 2;
  const evSum = ev.reduce((a, b) => a + b, 0);
  const omegaTotal = (Vt - uniq) / Vt;
  // per group factor: items by their largest |group loading| (first of ties, as which.max)
  const sub = new Int32Array(p);
  for (let i = 0; i < p; i++) {
    let best = 0;
    for (let c = 1; c < nf; c++) if (Math.abs(sl[i * k + 1 + c]) > Math.abs(sl[i * k + 1 + best])) best = c;
    sub[i] = best;
  }
  const groups: OmegaGroup[] = [];
  let grs = 0;
  for (let c = 0; c < nf; c++) {
    const items = [...sub.keys()].filter((i) => sub[i] === c);
    const entry: OmegaGroup = { factor: `F${c + 1}*`, items, total: NaN, general: NaN, group: NaN };
    if (items.length) {
      let Vgr = 0;
      for (const i of items) for (const j of items) Vgr += m[i * p + j];
      let gr = 0;
      let gg = 0;
      for (const i of items) {
        gr += sl[i * k + 1 + c];
        gg += sl[i * k];
      }
      grs += gr * gr;
      entry.group = (gr * gr) / Vgr;
      entry.general = (gg * gg) / Vgr;
      entry.total = (gr * gr + gg * gg) / Vgr;
    }
    groups.push(entry);
  }
  groups.unshift({ factor: 'g', items: [...sub.keys()], total: omegaTotal, general: gsq / Vt, group: grs / Vt });
  return {
    nfactors: nf,
    omegaH: gsq / Vt,
    omegaTotal,
    omegaLim: gsq / (Vt - uniq),
    alpha: ((Vt - Vitem) / Vt) * (p / (p - 1)),
    g6: (Vt + sumSmc - Vitem) / Vt,
    ecv: ev[0] / evSum,
    sl,
    h2,
    u2,
    p2,
    gloading: gload,
    oblique: F,
    phi,
    key,
    groups,
    orthogonal: orth,
    warnings,
  };
}
