/** Plain-text tables for the structure commands, laid out as psych prints them. */
import { factorNames, type AdequacyJson, type FactorAnalysisJson, type FactorScoresJson, type PolychoricJson } from '../services/factor-analysis.ts';
import { fmt, formatTextTable } from './format-text-table.ts';

/**
 * psych's print(fa, sort = TRUE, cut = 0.3): items grouped by the factor of their largest absolute loading
 * (in factor order), by that loading's size within a group (fa.sort); loadings below 0.3 in absolute value
 * left blank; h2, u2 and com (Hofmann's complexity) per item.
 */
export function formatFactor(r: FactorAnalysisJson, cut = 0.3): string {
  const nf = r.nfactors;
  const fnames = factorNames(r.fm, nf);
  const order = r.items
    .map((_, i) => {
      const l = r.loadings[i];
      let best = 0;
      for (let c = 1; c < nf; c++) if (Math.abs(l[c]) > Math.abs(l[best])) best = c;
      return { i, best, size: Math.abs(l[best]) };
    })
    .sort((a, b) => a.best - b.best || b.size - a.size);
  const rows = order.map(({ i }) => [
    r.items[i],
    ...r.loadings[i].map((v) => (Math.abs(v) < cut ? '' : fmt(v, 2))),
    fmt(r.communalities[i], 2),
    fmt(r.uniquenesses[i], 2),
    fmt(r.complexity[i], 1),
  ]);
  const align = ['l', ...fnames.map(() => 'r' as const), 'r', 'r', 'r'] as ('l' | 'r')[];
  let out = `Factor analysis as psych::fa: ${nf} factor${nf > 1 ? 's' : ''}, fm = ${r.fm}, rotate = ${r.rotate}, ${r.cor === 'poly' ? 'polychoric' : 'Pearson'} correlations, n = ${r.n_obs}\n\n`;
  out += `Loadings (sorted; |loading| < ${cut} blank)\n`;
  out += formatTextTable(['item', ...fnames, 'h2', 'u2', 'com'], rows, align);
  out += '\n' + formatTextTable(['', ...fnames], [['SS loadings', ...r.ss_loadings.map((v) => fmt(v, 2))], ['Proportion Var', ...r.ss_loadings.map((v) => fmt(v / r.items.length, 2))]], ['l', ...fnames.map(() => 'r' as const)]);
  if (r.phi) {
    out += '\nFactor correlations (Phi)\n';
    out += formatTextTable(['', ...fnames], r.phi.map((row, i) => [fnames[i], ...row.map((v) => fmt(v, 2))]), ['l', ...fnames.map(() => 'r' as const)]);
  }
  const [e, lo, hi] = r.rmsea;
  out += `\nFit: likelihood chi-square = ${fmt(r.statistic, 2)} on ${r.dof} df (p = ${r.p < 0.001 ? '< .001' : fmt(r.p, 3)}); empirical chi-square = ${fmt(r.chi, 2)} (harmonic n = ${fmt(r.nh, 0)})\n`;
  out += `RMSEA = ${fmt(e, 3)} (90% CI ${fmt(lo, 3)} to ${fmt(hi, 3)}); TLI = ${fmt(r.tli, 3)}; BIC = ${fmt(r.bic, 2)}; RMSR = ${fmt(r.rms, 3)} (corrected ${fmt(r.crms, 3)})\n`;
  return out;
}

/** The factor-score part of `staffwell factor --scores`: where they went, R2 and the score correlations. */
export function formatFactorScores(r: FactorScoresJson, file: string): string {
  const s = r.scores;
  const align = ['l', ...s.factors.map(() => 'r' as const)] as ('l' | 'r')[];
  let out = `\nFactor scores (psych::factor.scores, method = ${s.method}${s.impute === 'none' ? '' : `, missing answers imputed by the item ${s.impute}`}): ${s.n_scored} of ${r.n_obs} respondents scored, written to ${file}\n`;
  if (s.n_scored < r.n_obs) out += `${r.n_obs - s.n_scored} respondents with a missing item have no score (--score-impute median or mean scores them as psych's missing = TRUE)\n`;
  out += formatTextTable(
    ['', ...s.factors],
    [['R2', ...s.r2.map((v) => (v === null ? 'NA' : fmt(v, 2)))], ...s.r_scores.map((row, i) => [`r ${s.factors[i]}`, ...row.map((v) => fmt(v, 2))])],
    align,
  );
  return out;
}

export function formatPolychoric(r: PolychoricJson): string {
  let out = `Polychoric correlations as psych::polychoric (n = ${r.n_obs}${r.smoothed ? '; smoothed: the matrix was not positive definite' : ''})\n\n`;
  out += formatTextTable(['', ...r.items], r.rho.map((row, i) => [r.items[i], ...row.map((v, j) => (j > i ? '' : fmt(v, 2)))]), ['l', ...r.items.map(() => 'r' as const)]);
  const nt = r.tau[0]?.length ?? 0;
  out += '\nThresholds (tau)\n';
  out += formatTextTable(['item', ...Array.from({ length: nt }, (_, k) => String(k + 1))], r.tau.map((t, i) => [r.items[i], ...t.map((v) => (v === null ? 'Inf' : fmt(v, 2)))]), ['l', ...Array.from({ length: nt }, () => 'r' as const)]);
  return out;
}

export function formatAdequacy(r: AdequacyJson): string {
  let out = `Sampling adequacy (${r.cor === 'poly' ? 'polychoric' : 'Pearson'} correlations, n = ${r.n_obs})\n\n`;
  out += `Kaiser-Meyer-Olkin overall MSA = ${fmt(r.kmo.overall, 3)}\n`;
  out += formatTextTable(['item', 'MSA'], r.items.map((n, i) => [n, fmt(r.kmo.items[i], 3)]), ['l', 'r']);
  const p = r.bartlett.p;
  out += `\nBartlett's test of sphericity: chi-square = ${fmt(r.bartlett.chisq, 2)} on ${r.bartlett.df} df, p ${p < 0.001 ? '< .001' : `= ${fmt(p, 3)}`}\n`;
  return out;
}

export function formatOmega(r: import('../services/factor-analysis.ts').OmegaJson): string {
  let out = `Omega as psych::omega: ${r.nfactors} group factors, fm = ${r.fm}, ${r.cor === 'poly' ? 'polychoric' : 'Pearson'} correlations, n = ${r.n_obs}\n\n`;
  out += `Omega hierarchical = ${fmt(r.omega_h, 2)}\nOmega total        = ${fmt(r.omega_total, 2)}\nAlpha              = ${fmt(r.alpha, 2)}\nOmega limit        = ${fmt(r.omega_lim, 2)}\nG.6                = ${fmt(r.g6, 2)}\nExplained common variance of g (ECV) = ${fmt(r.ecv, 2)}\n`;
  if (r.reversed.length) out += `Reversed (negative g loading): ${r.reversed.join(', ')}\n`;
  const gnames = r.groups.slice(1).map((g) => g.factor);
  out += '\nSchmid-Leiman loadings (|loading| < 0.2 blank)\n';
  out += formatTextTable(
    ['item', 'g', ...gnames, 'h2', 'u2', 'p2'],
    r.schmid_leiman.map((x) => [x.item, fmt(x.g, 2), ...x.groups.map((v) => (Math.abs(v) < 0.2 ? '' : fmt(v, 2))), fmt(x.h2, 2), fmt(x.u2, 2), fmt(x.p2, 2)]),
    ['l', 'r', ...gnames.map(() => 'r' as const), 'r', 'r', 'r'],
  );
  out += '\nOmega by group\n';
  out += formatTextTable(['', 'total', 'general', 'group'], r.groups.map((g) => [g.factor, fmt(g.total, 2), fmt(g.general, 2), fmt(g.group, 2)]), ['l', 'r', 'r', 'r']);
  return out;
}

export function formatParallel(r: import('../services/factor-analysis.ts').ParallelJson): string {
  let out = `Parallel analysis as psych::fa.parallel (${r.simulated.iterations} iterations, seed ${r.simulated.seed}), n = ${r.n_obs}\n`;
  out += `Parallel analysis suggests that the number of factors = ${r.nfact} and the number of components = ${r.ncomp}\n`;
  out += `Velicer's MAP is smallest at ${r.map.nfactors} component${r.map.nfactors > 1 ? 's' : ''}\n\n`;
  out += formatTextTable(
    ['#', 'FA observed', 'FA resampled 95%', 'PC observed', 'PC resampled 95%', 'MAP'],
    r.fa_values.map((v, i) => [String(i + 1), fmt(v, 3), fmt(r.simulated.fa_resampled_95[i], 3), fmt(r.pc_values[i], 3), fmt(r.simulated.pc_resampled_95[i], 3), fmt(r.map.values[i], 4)]),
    ['r', 'r', 'r', 'r', 'r', 'r'],
  );
  return out;
}
