/**
 * The structure jobs on a survey file (what `staffwell factor | polychoric | adequacy` and study files run):
 * read the items (named, or a scale of a keys file with its reversed items flipped), form the Pearson
 * (pairwise) or polychoric correlations, and run psych's fa, polychoric, KMO and Bartlett. Results are plain
 * JSON objects with stable keys (documented in docs/factor-analysis.md); printing is the CLI's.
 */
import { StaffwellError } from '../errors.ts';
import { readTable, type ReadTableOptions } from '../data/read-table.ts';
import { makeTable, requireColumn, requireNumeric, type Column, type Table } from '../data/table.ts';
import { checkUniqueIds } from '../data/validate.ts';
import type { Keys } from '../psych/keys.ts';
import { itemPearson, pairwiseCounts } from '../stats/item-correlation.ts';
import { polychoric } from '../psych/factor/polychoric.ts';
import { fa, type FactorRotation } from '../psych/factor/fa.ts';
import type { FactorMethod } from '../psych/factor/fa-extract.ts';
import { kmo } from '../psych/factor/kmo.ts';
import { bartlettSphericity } from '../psych/factor/bartlett.ts';
import type { FactorWarning } from '../psych/factor/factor-warning.ts';
import { omega } from '../psych/factor/omega.ts';
import { parallelAnalysis } from '../psych/factor/parallel-analysis.ts';
import { velicerMap } from '../psych/factor/velicer-map.ts';
import { faScores, type FactorScoreImpute, type FactorScoreMethod } from '../psych/factor/factor-scores.ts';

export type ItemCorrelation = 'pearson' | 'poly';

export interface ItemSelection {
  /** Item columns as named (used as they are). */
  items?: readonly string[];
  /** Or the items of the keys' scales (`scale` picks one), reversed items flipped as psych (max + min − x). */
  keys?: Keys;
  scale?: string;
  /** A respondent id column carried along (written first in the factor scores). */
  id?: string;
}

export interface ItemData {
  source: string;
  names: string[];
  columns: Float64Array[];
  nObs: number;
  id?: Column;
}

/** The selected item columns of a table (reverse-keyed items flipped over the observed range, as psych::alpha). */
export function selectItems(table: Table, sel: ItemSelection): ItemData {
  let names: string[];
  let reversed = new Set<string>();
  if (sel.items) {
    names = [...sel.items];
  } else if (sel.keys) {
    const scales = sel.scale === undefined ? sel.keys.scales : sel.keys.scales.filter((s) => s.name === sel.scale);
    if (scales.length === 0) {
      throw new StaffwellError('invalid-option', `no scale named "${sel.scale}" in the keys`, {
        file: sel.keys.source,
        field: 'scale',
        value: sel.scale,
        hint: `the scales are ${sel.keys.scales.map((s) => `"${s.name}"`).join(', ')}`,
      });
    }
    names = [];
    for (const s of scales) for (const it of s.items) {
      if (!names.includes(it.name)) names.push(it.name);
      if (it.reversed) reversed.add(it.name);
    }
  } else {
    throw new StaffwellError('invalid-option', 'no items given', { field: 'items', hint: 'name the item columns, or give a keys file (with a scale)' });
  }
  if (names.length < 2) {
    throw new StaffwellError('invalid-option', 'at least two items are needed', { field: 'items', value: names.join(','), hint: 'name two or more item columns' });
  }
  const columns = names.map((n) => requireNumeric(table, n, sel.keys ? `keys file ${sel.keys.source}` : 'the items given').values);
  if (reversed.size) {
    let min = Infinity;
    let max = -Infinity;
    for (const c of columns) for (let r = 0; r < c.length; r++) if (c[r] === c[r]) { if (c[r] < min) min = c[r]; if (c[r] > max) max = c[r]; }
    names.forEach((n, j) => {
      if (!reversed.has(n)) return;
      columns[j] = columns[j].map((v) => max + min - v);
    });
  }
  for (let j = 0; j < columns.length; j++) {
    const c = columns[j];
    let first = NaN;
    let varies = false;
    for (let r = 0; r < c.length && !varies; r++) if (c[r] === c[r]) { if (first !== first) first = c[r]; else if (c[r] !== first) varies = true; }
    if (!varies) {
      throw new StaffwellError('out-of-range', 'item has no variance (every answer is the same, or it has no answers)', {
        file: table.source,
        column: names[j],
        value: first === first ? String(first) : 'no answers',
        hint: 'psych cannot use an item without variance in a correlation matrix: leave it out of --items or the scale',
      });
    }
  }
  const id = sel.id === undefined ? undefined : requireColumn(table, sel.id, 'the id column');
  // scores written by id must say whose they are: two rows with one id would make them ambiguous
  if (id) checkUniqueIds(table, id.name);
  return { source: table.source, names, columns, nObs: table.nrows, ...(id ? { id } : {}) };
}

export async function readItems(path: string, sel: ItemSelection, read: ReadTableOptions = {}): Promise<ItemData> {
  return selectItems(await readTable(path, read), sel);
}

export interface CorrelationData {
  r: Float64Array;
  /** Pairwise counts (psych's np.obs). */
  np: Float64Array;
  warnings: FactorWarning[];
  tau?: Float64Array[];
}

export function itemCorrelations(d: ItemData, cor: ItemCorrelation): CorrelationData {
  const p = d.columns.length;
  if (cor === 'poly') {
    const res = polychoric(d.columns, { names: d.names });
    return { r: res.rho, np: pairwiseCounts(d.columns), warnings: res.warnings, tau: res.tau };
  }
  const { r, np } = itemPearson(d.columns);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) {
    if (!Number.isNaN(r[i * p + j])) continue;
    throw new StaffwellError('out-of-range', `items "${d.names[i]}" and "${d.names[j]}" have no respondents in common, so their correlation is missing`, {
      file: d.source,
      hint: 'psych stops here too ("missing values (NAs) in the correlation matrix"): leave one of them out',
    });
  }
  return { r, np, warnings: [] };
}

const rows = (m: Float64Array, nr: number, nc: number): number[][] =>
  Array.from({ length: nr }, (_, i) => Array.from(m.subarray(i * nc, (i + 1) * nc)));
const warningJson = (w: FactorWarning[]) => w.map((x) => ({ code: x.code, message: x.message, ...(x.items ? { items: x.items } : {}) }));

export interface FactorJobOptions {
  nfactors: number;
  fm?: FactorMethod;
  rotate?: FactorRotation;
  cor?: ItemCorrelation;
}

/** psych::fa(data[, items], nfactors, fm, rotate, cor) as a results object with stable keys. */
export function factorAnalysisJson(d: ItemData, options: FactorJobOptions) {
  return fitFactors(d, options).json;
}

function fitFactors(d: ItemData, options: FactorJobOptions) {
  const { nfactors, fm = 'minres', rotate = 'oblimin', cor = 'pearson' } = options;
  const p = d.names.length;
  if (!Number.isInteger(nfactors) || nfactors < 1 || nfactors >= p) {
    throw new StaffwellError('invalid-option', `the number of factors must be a whole number from 1 to ${p - 1} for ${p} items`, {
      field: 'nfactors',
      value: String(nfactors),
      hint: 'choose how many factors to extract, e.g. from parallel analysis or the scree',
    });
  }
  const c = itemCorrelations(d, cor);
  const warnings = [...c.warnings];
  if (d.nObs < p) warnings.push({ code: 'too_few_observations', message: `only ${d.nObs} respondents for ${p} items: the solution is unstable and the chi-square statistics are not meaningful` });
  const res = fa(c.r, p, { nfactors, fm, rotate, nObs: d.nObs, npObs: c.np, names: d.names });
  warnings.push(...res.warnings);
  const s = res.stats;
  const json = {
    items: d.names,
    nfactors,
    fm,
    rotate,
    cor,
    n_obs: d.nObs,
    loadings: rows(res.loadings, p, nfactors),
    communalities: Array.from(res.communality),
    uniquenesses: Array.from(res.uniquenesses),
    complexity: Array.from(s.complexity),
    phi: res.phi ? rows(res.phi, nfactors, nfactors) : null,
    ss_loadings: Array.from(res.ssLoadings),
    eigenvalues: Array.from(res.eValues),
    common_eigenvalues: Array.from(res.values),
    chi: s.chi,
    nh: s.nh,
    statistic: s.statistic,
    p: s.pval,
    objective: s.objective,
    dof: s.dof,
    rmsea: s.rmsea,
    tli: s.tli,
    bic: s.bic,
    rms: s.rms,
    crms: s.crms,
    fit_off: s.fitOff,
    null_chisq: s.nullChisq,
    null_dof: s.nullDof,
    r2_scores: Array.from(s.r2),
    warnings: warningJson(warnings),
  };
  return { json, fit: res };
}
export type FactorAnalysisJson = ReturnType<typeof factorAnalysisJson>;

/** psych's names of the factors in their final order (MR1…, ML1…, PA1…, ULS1…), as the printed tables use. */
export function factorNames(fm: FactorMethod, nfactors: number): string[] {
  const prefix = { minres: 'MR', uls: 'ULS', ml: 'ML', pa: 'PA' }[fm];
  return Array.from({ length: nfactors }, (_, i) => `${prefix}${i + 1}`);
}

export interface FactorScoresJobOptions extends FactorJobOptions {
  /** psych's `scores` (default "regression", psych::fa's default). */
  method?: FactorScoreMethod;
  /** psych's missing = TRUE with impute = "median" | "mean"; "none" (default): no score when an item is missing. */
  impute?: FactorScoreImpute;
}

/**
 * psych::fa(..., scores = method) with its factor scores: the fa results object plus `scores` (method, impute,
 * weights one row per item, R2, score correlations, how many respondents were scored) and the scores themselves
 * as a table (the id column first when the items were read with one, then one column per factor; empty where a
 * respondent has no score).
 */
export function factorScoresJob(d: ItemData, options: FactorScoresJobOptions) {
  const { method = 'regression', impute = 'none' } = options;
  const { json, fit } = fitFactors(d, options);
  const nf = json.nfactors;
  const s = faScores(d.columns, fit.loadings, nf, fit.phi, method, impute);
  let scored = 0;
  for (let i = 0; i < d.nObs; i++) if (s.scores.every((c) => c[i] === c[i])) scored++;
  const names = factorNames(json.fm, nf);
  const table = makeTable({
    source: d.source,
    nrows: d.nObs,
    columns: [
      ...(d.id ? [d.id] : []),
      ...s.scores.map((values, c): Column => ({ kind: 'number', name: names[c], values })),
    ],
  });
  const result = {
    ...json,
    scores: {
      method,
      impute,
      factors: names,
      weights: rows(s.weights, d.names.length, nf),
      r2: Array.from(s.r2, (v) => (Number.isFinite(v) ? v : null)),
      r_scores: rows(s.rScores, nf, nf),
      n_scored: scored,
    },
    warnings: [...json.warnings, ...warningJson(s.warnings)],
  };
  return { result, table };
}
export type FactorScoresJson = ReturnType<typeof factorScoresJob>['result'];

/** psych::polychoric(data[, items]) as {items, rho, tau, n_obs, warnings} (items with no variance dropped). */
export function polychoricJson(d: ItemData) {
  const res = polychoric(d.columns, { names: d.names });
  const k = res.kept.length;
  return {
    items: res.kept.map((i) => d.names[i]),
    rho: rows(res.rho, k, k),
    tau: res.tau.map((t) => Array.from(t, (v) => (Number.isFinite(v) ? v : null))),
    n_obs: res.nObs,
    global: res.global,
    smoothed: res.smoothed,
    warnings: warningJson(res.warnings),
  };
}
export type PolychoricJson = ReturnType<typeof polychoricJson>;

/** psych::KMO and psych::cortest.bartlett(R, n = rows) on the Pearson or polychoric correlations. */
export function adequacyJson(d: ItemData, cor: ItemCorrelation = 'pearson') {
  const c = itemCorrelations(d, cor);
  const p = d.names.length;
  const k = kmo(c.r, p);
  const b = bartlettSphericity(c.r, p, d.nObs);
  return {
    items: d.names,
    cor,
    n_obs: d.nObs,
    kmo: { overall: k.overall, items: Array.from(k.items) },
    bartlett: { chisq: b.chisq, df: b.df, p: b.p },
    warnings: warningJson([...c.warnings, ...k.warnings]),
  };
}
export type AdequacyJson = ReturnType<typeof adequacyJson>;

/** psych::omega(data[, items], nfactors, fm, poly) as {omega_h, omega_total, alpha, omega_lim, g6, ecv, groups, ...}. */
export function omegaJson(d: ItemData, options: { nfactors?: number; fm?: FactorMethod; cor?: ItemCorrelation } = {}) {
  const { nfactors = 3, fm = 'minres', cor = 'pearson' } = options;
  const p = d.names.length;
  if (!Number.isInteger(nfactors) || nfactors < 1 || nfactors >= p) {
    throw new StaffwellError('invalid-option', `the number of factors must be a whole number from 1 to ${p - 1} for ${p} items`, {
      field: 'nfactors',
      value: String(nfactors),
      hint: 'psych::omega uses 3 group factors by default; omega_h needs at least 3 for identification',
    });
  }
  const c = itemCorrelations(d, cor);
  const res = omega(c.r, p, { nfactors, fm, names: d.names });
  const k = nfactors + 1;
  return {
    items: d.names,
    nfactors,
    fm,
    cor,
    n_obs: d.nObs,
    omega_h: res.omegaH,
    omega_total: res.omegaTotal,
    alpha: res.alpha,
    omega_lim: res.omegaLim,
    g6: res.g6,
    ecv: res.ecv,
    groups: res.groups.map((g) => ({ factor: g.factor, items: g.items.map((i) => d.names[i]), total: g.total, general: g.general, group: g.group })),
    schmid_leiman: d.names.map((n, i) => ({ item: n, g: res.sl[i * k], groups: Array.from(res.sl.subarray(i * k + 1, (i + 1) * k)), h2: res.h2[i], u2: res.u2[i], p2: res.p2[i] })),
    reversed: d.names.filter((_, i) => res.key[i] < 0),
    warnings: warningJson([...c.warnings, ...res.warnings]),
  };
}
export type OmegaJson = ReturnType<typeof omegaJson>;

/** psych::fa.parallel(data[, items]) with a seed, plus Velicer's MAP. */
export function parallelJson(d: ItemData, options: { seed?: number; iterations?: number } = {}) {
  const res = parallelAnalysis(d.columns, { seed: options.seed ?? 1, iterations: options.iterations ?? 20 });
  const c = itemCorrelations(d, 'pearson');
  const map = velicerMap(c.r, d.names.length, Math.min(8, d.names.length));
  return {
    items: d.names,
    n_obs: d.nObs,
    nfact: res.nfact,
    ncomp: res.ncomp,
    fa_values: Array.from(res.faValues),
    pc_values: Array.from(res.pcValues),
    simulated: {
      seed: res.seed,
      iterations: res.iterations,
      fa_sim: Array.from(res.faSim),
      pc_sim: Array.from(res.pcSim),
      fa_resampled: Array.from(res.faSimr),
      pc_resampled: Array.from(res.pcSimr),
      fa_resampled_95: Array.from(res.faSimrQuantile),
      pc_resampled_95: Array.from(res.pcSimrQuantile),
    },
    map: { values: Array.from(map.map, (v) => (Number.isFinite(v) ? v : null)), nfactors: map.nfactors },
  };
}
export type ParallelJson = ReturnType<typeof parallelJson>;
