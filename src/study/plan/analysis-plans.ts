/**
 * One plan per analysis type: which accumulators of the scan it needs (registered with the PlanBuilder, shared
 * when equal), what it costs beyond the scan, and how the merged states become its result. Adding an analysis
 * type means adding its entry here. Most results come from the in-memory analyses themselves (src/study/
 * analyze-*.ts): describe, benchmark and reliability through the accumulators (StudyContext.engine); prevalence,
 * norm-means, compare-groups, crosstab and Spearman correlations by replay (replay.ts); Pearson correlations and
 * the regressions from co-moments, cross-products and kept rows.
 */
import { StaffwellError } from '../../errors.ts';
import { expandRefs, pos, type AnalysisSpec, type AnalysisType } from '../study-file.ts';
import { resolveMapping } from '../../instruments/score-instrument.ts';
import type { AnalysisResult, CompareGroupsResult, CorrelationResult, LogisticResult, RegressionResult } from '../study-results.ts';
import type { StudyContext } from '../study-variables.ts';
import { DISTRIBUTION_LIMIT, reliabilityKeys, runBenchmark, runDescribe, runReliability } from '../analyze-describe.ts';
import { runNormMeans, runPrevalence } from '../analyze-norms.ts';
import { releaseCompareGroups, runCompareGroups, runCrosstab } from '../analyze-groups.ts';
import { mean, variance } from '../../inference/sample.ts';
import { tTestTwoSample } from '../../inference/t-test-two-sample.ts';
import { anovaOneWay } from '../../inference/anova-one-way.ts';
import { welchAnova } from '../../inference/welch-anova.ts';
import { tukeyHSD } from '../../inference/tukey-hsd.ts';
import { pairwiseTTests } from '../../inference/pairwise-t-tests.ts';
import type { TestResult } from '../../inference/test-result.ts';
import { runCorrelation } from '../analyze-models.ts';
import { runGoodnessOfFit, runOneSample, runPaired, runProportion } from '../analyze-tests.ts';
import { pearsonTestFromR } from '../../inference/correlation-test.ts';
import { pairCor, pairSums, type PairwiseComomentsState } from '../../stats/pairwise-comoments.ts';
import { pchisq } from '../../stats/distributions.ts';
import { checkGroup, checkNumeric, levelsOf, orderedLevels, type PlanBuilder, type ValueContext } from './plan-context.ts';
import { expandCells, replayContext, type ReplayColumn } from './replay.ts';
import { groupValueArrays, rowValue, type BinaryCheckState, type ColumnsState, type CountsState, type CrossProductsState, type GroupValuesState, type RowsState } from './accumulators.ts';
import { linearFromCrossProducts, logisticFromRows, type Term } from './models.ts';

type Spec<T extends AnalysisType> = Extract<AnalysisSpec, { type: T }>;

/** What the planner keeps of an analysis between planning and its value: accumulator indexes and variable ids. */
export type PlanRecord = Record<string, unknown>;

export interface AnalysisPlan<T extends AnalysisType> {
  plan(a: Spec<T>, b: PlanBuilder, at: string): PlanRecord;
  value(a: Spec<T>, rec: PlanRecord, v: ValueContext, id: string, at: string, warnings: string[]): AnalysisResult;
  /** What the analysis costs beyond adding to the scan's accumulators. */
  cost(a: Spec<T>, rec: PlanRecord): string;
}

/** A StudyContext for the in-memory analyses that read the accumulators through `engine`. */
function hookContext(v: ValueContext): StudyContext {
  return { study: v.study, table: { source: v.source, nrows: v.state.rows, columns: [], firstRow: 0, firstDataLine: 2 }, scores: v.shapes, minGroup: v.minGroup, engine: v.hooks };
}

const SCAN = 'one pass: accumulators only';

function planDescribe(b: PlanBuilder, scores: readonly string[], scoreField: (j: number) => string, by: readonly string[], byField: (j: number) => string): PlanRecord {
  const ids = scores.map((r, j) => b.variable(r, 'numeric', scoreField(j)));
  const byIds = by.map((r, j) => b.variable(r, 'group', byField(j)));
  b.acc({ kind: 'describe', scores: ids, names: [...scores], by: [], byNames: [], minGroup: b.study.suppression?.minGroup ?? 10 });
  if (by.length) b.acc({ kind: 'describe', scores: ids, names: [...scores], by: byIds, byNames: [...by], minGroup: b.study.suppression?.minGroup ?? 10 });
  return { ids, byIds };
}

function checkDescribe(v: ValueContext, rec: PlanRecord, scoreField: (j: number) => string, byField: (j: number) => string): void {
  (rec.ids as string[]).forEach((id, j) => checkNumeric(v, id, scoreField(j)));
  (rec.byIds as string[]).forEach((id, j) => checkGroup(v, id, byField(j)));
}

const describe: AnalysisPlan<'describe'> = {
  plan(a, b, at) {
    const rec = planDescribe(b, expandRefs(b.study, a.scores), (j) => `${at}.scores${pos(j)}`, a.by ?? [], (j) => `${at}.by${pos(j)}`);
    // without groups, the scores' distributions (runDescribe reads them through hooks.valueCounts)
    if (!a.by?.length) for (const id of rec.ids as string[]) b.acc({ kind: 'value-counts', y: id, limit: DISTRIBUTION_LIMIT });
    return rec;
  },
  value(a, rec, v, id, at) {
    checkDescribe(v, rec, (j) => `${at}.scores${pos(j)}`, (j) => `${at}.by${pos(j)}`);
    return runDescribe(hookContext(v), a, id, at);
  },
  cost: () => SCAN,
};

const benchmark: AnalysisPlan<'benchmark'> = {
  plan(a, b, at) {
    const refs = b.study.definitions[a.instrument].subscales.map((s) => `${a.instrument}.${s.id}`);
    return planDescribe(b, refs, () => `${at}.instrument`, a.by ?? [], (j) => `${at}.by${pos(j)}`);
  },
  value(a, rec, v, id, at) {
    checkDescribe(v, rec, () => `${at}.instrument`, (j) => `${at}.by${pos(j)}`);
    return runBenchmark(hookContext(v), a, id, at);
  },
  cost: () => SCAN,
};

const reliability: AnalysisPlan<'reliability'> = {
  plan(a, b) {
    const u = b.study.scoring.find((x) => x.name === a.instrument)!;
    const keys = reliabilityKeys(b.study, a.instrument, resolveMapping(u.definition, u.items));
    if (keys.scales.length) b.acc({ kind: 'reliability', keys, missing: a.missing ?? 'pairwise' });
    return {};
  },
  value: (a, _rec, v, id, at, warnings) => runReliability(hookContext(v), a, id, at, warnings),
  cost: () => `${SCAN} (response-pattern counts, folded once per thread)`,
};

/** The counts of one or more group variables, expanded into replay columns. */
function replayCounts(v: ValueContext, k: number, ids: readonly string[]): { n: number; cols: ReplayColumn[] } {
  const st = v.acc<CountsState>(k);
  const e = expandCells(st.cells, ids.length);
  return { n: e.n, cols: ids.map((id, j) => ({ spec: v.vars.get(id)!, data: e.ids[j], levels: levelsOf(v, id) })) };
}

const prevalence: AnalysisPlan<'prevalence'> = {
  plan(a, b, at) {
    const g = b.variable(a.classification, 'group', `${at}.classification`);
    return { g, counts: b.acc({ kind: 'counts', vars: [g] }) };
  },
  value(a, rec, v, id, at) {
    const r = replayCounts(v, rec.counts as number, [rec.g as string]);
    return runPrevalence(replayContext(v.study, v.source, v.minGroup, v.shapes, r.n, r.cols), a, id, at);
  },
  cost: () => `${SCAN} (level counts)`,
};

/** Values of a numeric variable per level of g (all rows' levels from `counts`), as replay columns. */
function replayGroupValues(v: ValueContext, yId: string, gId: string | null, countsK: number | null, valuesK: number): { n: number; cols: ReplayColumn[] } {
  const gv = v.acc<GroupValuesState>(valuesK);
  const groups = groupValueArrays(gv);
  const rowsPer: number[] = [];
  let missingG = 0;
  if (countsK !== null) {
    for (const [key, c] of v.acc<CountsState>(countsK).cells) {
      const k = Number(key);
      if (k < 0) missingG += c;
      else rowsPer[k] = (rowsPer[k] ?? 0) + c;
    }
  } else groups.forEach((vals, k) => (rowsPer[k] = vals?.length ?? 0));
  let n = missingG;
  for (const c of rowsPer) n += c ?? 0;
  const y = new Float64Array(n).fill(NaN);
  const g = new Int32Array(n).fill(-1);
  let o = 0;
  rowsPer.forEach((c, k) => {
    if (!c) return;
    const vals = groups[k];
    if (vals) y.set(vals, o);
    g.fill(k, o, o + c);
    o += c;
  });
  const cols: ReplayColumn[] = [{ spec: v.vars.get(yId)!, data: y }];
  if (gId) cols.push({ spec: v.vars.get(gId)!, data: g, levels: levelsOf(v, gId) });
  return { n, cols };
}

const normMeans: AnalysisPlan<'norm-means'> = {
  plan(a, b, at) {
    const y = b.variable(a.score, 'numeric', `${at}.score`);
    return { y, values: b.acc({ kind: 'group-values', y, g: '' }) };
  },
  value(a, rec, v, id, at) {
    checkNumeric(v, rec.y as string, `${at}.score`);
    const r = replayGroupValues(v, rec.y as string, null, null, rec.values as number);
    return runNormMeans(replayContext(v.study, v.source, v.minGroup, v.shapes, r.n, r.cols), a, id, at);
  },
  cost: () => 'one pass keeping the score of each row as a value code (2 bytes per row), then the in-memory tests on them',
};

const compareGroups: AnalysisPlan<'compare-groups'> = {
  plan(a, b, at) {
    const y = b.variable(a.score, 'numeric', `${at}.score`);
    const g = b.variable(a.by, 'group', `${at}.by`);
    return { y, g, counts: b.acc({ kind: 'counts', vars: [g] }), values: b.acc({ kind: 'group-values', y, g }) };
  },
  value(a, rec, v, id, at) {
    checkNumeric(v, rec.y as string, `${at}.score`);
    checkGroup(v, rec.g as string, `${at}.by`);
    const fast = compareGroupsFromValues(a, rec, v, id, at);
    if (fast) return fast;
    const r = replayGroupValues(v, rec.y as string, rec.g as string, rec.counts as number, rec.values as number);
    return runCompareGroups(replayContext(v.study, v.source, v.minGroup, v.shapes, r.n, r.cols), a, id, at);
  },
  cost: (a) =>
    `one pass keeping the score of each row as a value code per group (2 bytes per row; 8 when more than 65,535 values are distinct), then ${
      a.test === 'mann-whitney' || a.test === 'kruskal' ? 'the in-memory ranks on a replay of them' : 'the tests on them'
    }`,
};

const FAST_TESTS = new Set(['t', 'welch-t', 'anova', 'welch-anova']);
const FAST_POSTHOC = new Set(['none', 'holm', 'bonferroni', 'tukey']);

/**
 * analyze-groups.ts runCompareGroups for the parametric tests, from the values per level (in file order, so the
 * numbers are the in-memory runner's to the bit) without a replay table: the same suppression, level order, tests,
 * post hoc comparisons and notes. Undefined for the other tests (they are replayed).
 */
function compareGroupsFromValues(a: Spec<'compare-groups'>, rec: PlanRecord, v: ValueContext, id: string, at: string): CompareGroupsResult | undefined {
  const test0 = a.test;
  if ((test0 !== undefined && !FAST_TESTS.has(test0)) || (a.posthoc !== undefined && !FAST_POSTHOC.has(a.posthoc))) return undefined;
  const gId = rec.g as string;
  const set = levelsOf(v, gId);
  const { labels: levels } = orderedLevels(set);
  const byPos = groupValueArrays(v.acc<GroupValuesState>(rec.values as number));
  // the levels compared: every level with values, in the variable's level order (the release rule comes after)
  const kept = levels
    .map((label, p) => ({ label, p, values: byPos[set.index.get(label)!] }))
    .filter((x) => x.values && x.values.length > 0);
  const k = kept.length;
  const names = kept.map((x) => x.label);
  const values = kept.map((x) => x.values!);
  const notes: string[] = [];
  const groups = kept.map((x) => {
    const m = mean(x.values!);
    return { level: x.label, n: x.values!.length, mean: m, sd: Math.sqrt(variance(x.values!, m)) };
  });
  const test = a.test ?? (k === 2 ? 'welch-t' : 'welch-anova');
  if ((test === 't' || test === 'welch-t') && k !== 2)
    throw new StaffwellError('invalid-study', `this test compares exactly two groups; ${a.by} has ${k} groups to compare`, {
      file: v.study.source,
      field: `${at}.test`,
      value: test,
      hint: 'use welch-anova, anova or kruskal for more than two groups',
    });
  if (!FAST_TESTS.has(test)) return undefined;
  let n = 0;
  for (const x of values) n += x.length;
  const y = new Float64Array(n);
  const g = new Int32Array(n);
  let o = 0;
  values.forEach((x, j) => {
    y.set(x, o);
    g.fill(j, o, o + x.length);
    o += x.length;
  });
  const opts = { levels: names };
  let result: TestResult | null = null;
  let posthoc: CompareGroupsResult['posthoc'] = null;
  if (k < 2) notes.push(`Fewer than two groups have a score: no test.`);
  else {
    if (test === 't' || test === 'welch-t') result = tTestTwoSample(values[0], values[1], { varEqual: test === 't' });
    else if (test === 'anova') {
      const r = { ...anovaOneWay(y, g, opts) } as unknown as Record<string, unknown>;
      for (const key of ['ssBetween', 'ssWithin', 'ssTotal', 'msBetween', 'msWithin', 'etaSquared', 'groups']) delete r[key];
      result = r as unknown as TestResult;
    } else result = welchAnova(y, g, opts);
    const method = a.posthoc ?? (test === 'anova' ? 'tukey' : 'holm');
    if (k > 2 && method !== 'none') {
      if (method === 'tukey') {
        const t = tukeyHSD(y, g, opts);
        const pairs: [string, string][] = [];
        for (let j = 0; j < k - 1; j++) for (let i = j + 1; i < k; i++) pairs.push([t.levels[i], t.levels[j]]);
        posthoc = {
          method: `Tukey HSD (${Math.round(t.confLevel * 100)}% family-wise CI)`,
          comparisons: t.comparisons.map((c, j) => ({ group1: pairs[j][0], group2: pairs[j][1], difference: c.diff, statistic: null, p: c.pAdj, ci: [c.lwr, c.upr] })),
        };
      } else {
        const t = pairwiseTTests(y, g, { ...opts, pAdjustMethod: method });
        posthoc = {
          method: `pairwise t tests with pooled SD, ${method} adjustment`,
          comparisons: t.comparisons.map((c) => ({ group1: c.group1, group2: c.group2, difference: c.difference, statistic: c.t, p: c.p, ci: null })),
        };
      }
    }
  }
  return releaseCompareGroups({ id, type: 'compare-groups', score: a.score, by: a.by, test, groups, suppressed: [], result, posthoc, notes }, v.minGroup);
}

const crosstab: AnalysisPlan<'crosstab'> = {
  plan(a, b, at) {
    const r = b.variable(a.rows, 'group', `${at}.rows`);
    const c = b.variable(a.cols, 'group', `${at}.cols`);
    return { r, c, counts: b.acc({ kind: 'counts', vars: [r, c] }) };
  },
  value(a, rec, v, id, at, warnings) {
    checkGroup(v, rec.r as string, `${at}.rows`);
    checkGroup(v, rec.c as string, `${at}.cols`);
    const r = replayCounts(v, rec.counts as number, [rec.r as string, rec.c as string]);
    return runCrosstab(replayContext(v.study, v.source, v.minGroup, v.shapes, r.n, r.cols), a, id, at, warnings);
  },
  cost: () => `${SCAN} (contingency counts)`,
};

const correlation: AnalysisPlan<'correlation'> = {
  plan(a, b, at) {
    const scores = expandRefs(b.study, a.scores);
    const ids = scores.map((r, j) => b.variable(r, 'numeric', `${at}.scores${pos(j)}`));
    const spearman = a.method === 'spearman' || a.method === 'kendall';
    return { scores, ids, k: b.acc(spearman ? { kind: 'columns', vars: ids } : { kind: 'comoments', vars: ids, listwise: false }) };
  },
  value(a, rec, v, id, at): CorrelationResult {
    const ids = rec.ids as string[];
    ids.forEach((x, j) => checkNumeric(v, x, `${at}.scores${pos(j)}`));
    const scores = rec.scores as string[];
    if (a.method === 'spearman' || a.method === 'kendall') {
      const st = v.acc<ColumnsState>(rec.k as number);
      const cols = ids.map((x, j) => ({ spec: v.vars.get(x)!, data: st.values[j].subarray(0, st.length) }));
      return runCorrelation(replayContext(v.study, v.source, v.minGroup, v.shapes, st.length, cols), a, id, at) as CorrelationResult;
    }
    const st = v.acc<PairwiseComomentsState>(rec.k as number);
    const pairs: CorrelationResult['pairs'] = [];
    for (let i = 0; i < scores.length; i++)
      for (let j = i + 1; j < scores.length; j++) pairs.push({ x: scores[i], y: scores[j], result: pearsonTestFromR(pairCor(st, i, j), pairSums(st, i, j).n) });
    return { id, type: 'correlation', method: 'pearson', scores, pairs };
  },
  cost: (a) =>
    a.method === 'spearman' || a.method === 'kendall' ? 'one pass keeping the scores of every row (8 bytes per score and row), then ranks in memory' : `${SCAN} (pairwise co-moments)`,
};

/** Proportion tests replay the counts of the variable (and the groups). */
const proportion: AnalysisPlan<'proportion'> = {
  plan(a, b, at) {
    const g = b.variable(a.variable, 'group', `${at}.variable`);
    const by = a.by !== undefined ? b.variable(a.by, 'group', `${at}.by`) : null;
    return { ids: by ? [g, by] : [g], counts: b.acc({ kind: 'counts', vars: by ? [g, by] : [g] }) };
  },
  value(a, rec, v, id, at) {
    const ids = rec.ids as string[];
    checkGroup(v, ids[0], `${at}.variable`);
    if (ids[1]) checkGroup(v, ids[1], `${at}.by`);
    const r = replayCounts(v, rec.counts as number, ids);
    return runProportion(replayContext(v.study, v.source, v.minGroup, v.shapes, r.n, r.cols), a, id, at);
  },
  cost: () => `${SCAN} (level counts)`,
};

const goodnessOfFit: AnalysisPlan<'goodness-of-fit'> = {
  plan(a, b, at) {
    const g = b.variable(a.variable, 'group', `${at}.variable`);
    return { g, counts: b.acc({ kind: 'counts', vars: [g] }) };
  },
  value(a, rec, v, id, at, warnings) {
    checkGroup(v, rec.g as string, `${at}.variable`);
    const r = replayCounts(v, rec.counts as number, [rec.g as string]);
    return runGoodnessOfFit(replayContext(v.study, v.source, v.minGroup, v.shapes, r.n, r.cols), a, id, at, warnings);
  },
  cost: () => `${SCAN} (level counts)`,
};

/** One-sample and paired tests keep the variables' values of every row (ranks and medians need them). */
function locationPlan<T extends 'one-sample' | 'paired'>(refs: (a: Spec<T>) => [string, string][], run: (ctx: StudyContext, a: Spec<T>, id: string, at: string) => AnalysisResult): AnalysisPlan<T> {
  return {
    plan(a, b, at) {
      const ids = refs(a).map(([field, r]) => b.variable(r, 'numeric', `${at}.${field}`));
      return { ids, k: b.acc({ kind: 'columns', vars: ids }) };
    },
    value(a, rec, v, id, at) {
      const ids = rec.ids as string[];
      ids.forEach((x, j) => checkNumeric(v, x, `${at}.${refs(a)[j][0]}`));
      const st = v.acc<ColumnsState>(rec.k as number);
      const cols = ids.map((x, j) => ({ spec: v.vars.get(x)!, data: st.values[j].subarray(0, st.length) }));
      return run(replayContext(v.study, v.source, v.minGroup, v.shapes, st.length, cols), a, id, at);
    },
    cost: () => 'one pass keeping the values of every row (8 bytes per variable and row), then the test in memory',
  };
}

/** Predictors: ids, and the factor levels (a text column's or a classification's) in the in-memory order. */
function predictorsOf(a: { predictors: string[] }, b: PlanBuilder, at: string): { predictors: string[]; pids: string[] } {
  const predictors = expandRefs(b.study, a.predictors);
  return { predictors, pids: predictors.map((r, j) => b.variable(r, 'any', `${at}.predictors${pos(j)}`)) };
}

function isFactor(v: ValueContext, id: string): boolean {
  const s = v.vars.get(id)!.source;
  return 'instrument' in s ? s.kind === 'classification' : v.columnType(s.column) !== 'number';
}

function isDataFactor(v: ValueContext, id: string): boolean {
  return !('instrument' in v.vars.get(id)!.source) && isFactor(v, id);
}

/** analyze-models.ts smallLevelWarning: levels of data-column factors with fewer rows than the threshold where y is present. */
function smallLevelWarning(v: ValueContext, id: string, predictors: string[], pids: string[], levelCounts: (number | null)[]): string | undefined {
  const small: string[] = [];
  pids.forEach((p, j) => {
    const k = levelCounts[j];
    if (k === null || !isDataFactor(v, p)) return;
    const counts = new Map<number, number>();
    for (const [key, c] of v.acc<CountsState>(k).cells) {
      const l = Number(key);
      if (l >= 0) counts.set(l, (counts.get(l) ?? 0) + c);
    }
    const set = levelsOf(v, p);
    const { labels } = orderedLevels(set);
    for (const l of labels) {
      const c = counts.get(set.index.get(l)!) ?? 0;
      if (c > 0 && c < v.minGroup) small.push(`${predictors[j]} = "${l}"`);
    }
  });
  return small.length
    ? `${id}: ${small.join(', ')} ha${small.length > 1 ? 've' : 's'} fewer than ${v.minGroup} respondents; the coefficient describes a small group (consider merging levels).`
    : undefined;
}

/**
 * The model's terms (buildDesign's: a numeric predictor, or a dummy per non-reference level of a factor) and
 * factor levels, given the levels present among the complete rows.
 */
function termsOf(v: ValueContext, predictors: string[], pids: string[], present: (factor: number, level: number) => boolean, dimOf: (j: number) => number, factorIndex: (j: number) => number) {
  const terms: Term[] = [];
  const factorLevels: Record<string, string[]> = {};
  pids.forEach((p, j) => {
    if (!isFactor(v, p)) {
      terms.push({ name: predictors[j], numeric: true, dim: dimOf(j), factor: -1, level: -1 });
      return;
    }
    const set = levelsOf(v, p);
    const f = factorIndex(j);
    // a text column's levels sorted; a classification's in band order (both filtered to those present)
    const { labels } = orderedLevels(set);
    const levels = labels.filter((l) => present(f, set.index.get(l)!));
    factorLevels[predictors[j]] = levels;
    for (const l of levels.slice(1)) terms.push({ name: predictors[j] + l, numeric: false, dim: dimOf(j), factor: f, level: set.index.get(l)! });
  });
  return { terms, factorLevels };
}

function coefficientJson(c: { term: string; estimate: number; se: number; statistic: number; p: number; ciLower: number; ciUpper: number }) {
  return { term: c.term, estimate: c.estimate, se: c.se, statistic: c.statistic, p: c.p, ci: [c.ciLower, c.ciUpper] as [number, number] };
}

const regression: AnalysisPlan<'regression'> = {
  plan(a, b, at) {
    const y = b.variable(a.outcome, 'numeric', `${at}.outcome`);
    const { predictors, pids } = predictorsOf(a, b, at);
    const levelCounts = pids.map((p) => ('column' in b.vars.get(p)!.source ? b.acc({ kind: 'counts', vars: [p], where: y }) : null));
    return { y, predictors, pids, levelCounts, xp: b.acc({ kind: 'cross-products', y, predictors: pids }) };
  },
  value(a, rec, v, id, at, warnings): RegressionResult {
    checkNumeric(v, rec.y as string, `${at}.outcome`);
    const predictors = rec.predictors as string[];
    const pids = rec.pids as string[];
    pids.forEach((p, j) => isFactor(v, p) && checkGroup(v, p, `${at}.predictors${pos(j)}`));
    const small = smallLevelWarning(v, id, predictors, pids, rec.levelCounts as (number | null)[]);
    if (small) warnings.push(small);
    const st = v.acc<CrossProductsState>(rec.xp as number);
    const cells = [...st.cells.keys()].map((k) => (k === '' ? [] : k.split(',').map(Number)));
    const { terms, factorLevels } = termsOf(
      v,
      predictors,
      pids,
      (f, l) => cells.some((ids) => ids[f] === l),
      (j) => st.numeric.indexOf(pids[j]),
      (j) => st.factors.indexOf(pids[j]),
    );
    const fit = linearFromCrossProducts(st, terms, v.state.rows, factorLevels);
    return {
      id,
      type: 'regression',
      outcome: a.outcome,
      predictors,
      n: fit.n,
      dropped: fit.dropped,
      r_squared: fit.rSquared,
      adj_r_squared: fit.adjRSquared,
      sigma: fit.sigma,
      model: {
        method: 'F test of the linear model',
        statistic: fit.fStatistic,
        statisticName: 'F',
        df: fit.df,
        p: fit.fP,
        n: fit.n,
        alternative: 'two.sided',
        effectSize: { name: 'R²', value: fit.rSquared },
      },
      coefficients: fit.coefficients.map((c) => ({ ...coefficientJson(c), standardized_beta: c.standardizedBeta })),
      factor_levels: fit.factorLevels,
    };
  },
  cost: () => `${SCAN} (cross-products per cell of the factors; solved as R's QR would, from the centred sums)`,
};

const logistic: AnalysisPlan<'logistic'> = {
  plan(a, b, at) {
    const y = b.variable(a.outcome, 'any', `${at}.outcome`);
    const { predictors, pids } = predictorsOf(a, b, at);
    const levelCounts = pids.map((p) => ('column' in b.vars.get(p)!.source ? b.acc({ kind: 'counts', vars: [p], where: y }) : null));
    return { y, predictors, pids, levelCounts, rows: b.acc({ kind: 'rows', vars: [y, ...pids] }), check: b.acc({ kind: 'binary-check', y }) };
  },
  value(a, rec, v, id, at, warnings): LogisticResult {
    const yId = rec.y as string;
    const categorical = isFactor(v, yId);
    let event: string;
    let eventLevel = -1;
    if (categorical) {
      const set = levelsOf(v, yId);
      if (a.event === undefined || !set.labels.includes(a.event))
        throw new StaffwellError('invalid-study', a.event === undefined ? 'a categorical outcome needs the level that counts as the event' : `not a level of ${a.outcome}`, {
          file: v.study.source,
          field: `${at}.event`,
          value: a.event,
          hint: `the levels are ${set.labels.map((l) => `"${l}"`).join(', ')}`,
        });
      event = a.event;
      eventLevel = set.index.get(a.event)!;
    } else {
      const bad = v.acc<BinaryCheckState>(rec.check as number).first;
      if (bad)
        throw new StaffwellError('invalid-study', 'a numeric outcome of a logistic regression must be coded 0/1', {
          file: v.source,
          line: bad.line,
          column: a.outcome,
          value: bad.value,
          hint: `code the outcome 1 = event, 0 = no event, or name a classification (field ${at}.outcome)`,
        });
      event = '1';
    }
    const predictors = rec.predictors as string[];
    const pids = rec.pids as string[];
    const small = smallLevelWarning(v, id, predictors, pids, rec.levelCounts as (number | null)[]);
    if (small) warnings.push(small);
    pids.forEach((p, j) => isFactor(v, p) && checkGroup(v, p, `${at}.predictors${pos(j)}`));
    const rows = v.acc<RowsState>(rec.rows as number);
    const n = rows.length;
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) y[i] = categorical ? (rows.codes[0][i] === eventLevel ? 1 : 0) : rowValue(rows, 0, i);
    const present = pids.map((p, j) => {
      if (!isFactor(v, p)) return null;
      const seen = new Set<number>();
      const ids = rows.codes[j + 1];
      for (let i = 0; i < n; i++) seen.add(ids[i]);
      return seen;
    });
    const { terms, factorLevels } = termsOf(v, predictors, pids, (f, l) => present[f]!.has(l), (j) => j + 1, (j) => j);
    const fit = logisticFromRows(rows, y, terms, factorLevels, v.state.rows);
    if (fit.separation) warnings.push(`${id}: fitted probabilities of 0 or 1 (or no convergence): signs of separation; odds ratios are not trustworthy.`);
    let events = 0;
    for (let i = 0; i < n; i++) if (y[i] === 1) events++;
    const lr = fit.nullDeviance - fit.deviance;
    const df = fit.dfNull - fit.dfResidual;
    return {
      id,
      type: 'logistic',
      outcome: a.outcome,
      event,
      predictors,
      n: fit.n,
      events,
      dropped: fit.dropped,
      deviance: fit.deviance,
      null_deviance: fit.nullDeviance,
      df_residual: fit.dfResidual,
      df_null: fit.dfNull,
      aic: fit.aic,
      iterations: fit.iterations,
      converged: fit.converged,
      separation: fit.separation,
      model: {
        method: 'Likelihood ratio test of the model against the intercept-only model',
        statistic: lr,
        statisticName: 'X-squared',
        df,
        p: pchisq(lr, df, false),
        n: fit.n,
        alternative: 'two.sided',
      },
      coefficients: fit.coefficients.map((c) => ({ ...coefficientJson(c), odds_ratio: c.oddsRatio, or_ci: [c.orLower, c.orUpper] as [number, number] })),
      factor_levels: fit.factorLevels,
    };
  },
  cost: () => 'one pass keeping the complete rows as value codes (2 bytes per variable and row), then the IRLS iterations over them in memory',
};

export const ANALYSIS_PLANS: { [T in AnalysisType]: AnalysisPlan<T> } = {
  describe,
  reliability,
  prevalence,
  'norm-means': normMeans,
  benchmark,
  'compare-groups': compareGroups,
  correlation,
  regression,
  logistic,
  crosstab,
  proportion,
  'one-sample': locationPlan<'one-sample'>((a) => [['score', a.score]], runOneSample),
  paired: locationPlan<'paired'>((a) => [['x', a.x], ['y', a.y]], runPaired),
  'goodness-of-fit': goodnessOfFit,
};
