import { StaffwellError } from '../errors.ts';
import { propTest } from '../inference/prop-test.ts';
import type { TestResult } from '../inference/test-result.ts';
import { binomTest } from '../inference/binom-test.ts';
import { wilsonInterval } from '../inference/wilson-interval.ts';
import { tTestOneSample } from '../inference/t-test-one-sample.ts';
import { tTestPaired } from '../inference/t-test-paired.ts';
import { wilcoxonSignedRank } from '../inference/wilcoxon-signed-rank.ts';
import { chisqGoodnessOfFit } from '../inference/chisq-goodness-of-fit.ts';
import { mean, variance } from '../inference/sample.ts';
import type { AnalysisSpec } from './study-file.ts';
import { groupVariable, levelCounts, numericVariable, type StudyContext } from './study-variables.ts';
import { hiddenCells, releasedGroups } from './release-rule.ts';
import type { GoodnessOfFitResult, LocationTestResult, ProportionResult } from './study-results.ts';

type Spec<T extends AnalysisSpec['type']> = Extract<AnalysisSpec, { type: T }>;

function fail(ctx: StudyContext, field: string, problem: string, value: unknown, hint: string): never {
  throw new StaffwellError('invalid-study', problem, { file: ctx.study.source, field, value, hint });
}

function levelIndex(ctx: StudyContext, levels: readonly string[], level: string, ref: string, field: string): number {
  const k = levels.indexOf(level);
  if (k < 0) fail(ctx, field, `not a level of ${ref}`, level, `the levels are ${levels.map((l) => `"${l}"`).join(', ')}`);
  return k;
}

/**
 * The proportion of respondents at one level of a categorical variable: against p (R's prop.test, continuity
 * correction by default, with the exact binomial test and the Wilson interval beside it), or compared across the
 * groups of `by` (prop.test of k proportions). Every respondent counts in the tests; a group's own count and n are
 * released only when it has at least the threshold of respondents, and, since the count and n over all groups are
 * released, the fewest further groups are hidden so that no hidden one can be worked out by subtraction.
 */
export function runProportion(ctx: StudyContext, a: Spec<'proportion'>, id: string, at: string): ProportionResult {
  const v = groupVariable(ctx, a.variable, `${at}.variable`);
  const k = levelIndex(ctx, v.levels, a.level, a.variable, `${at}.level`);
  const correct = a.correct ?? true;
  const alternative = a.alternative ?? 'two.sided';
  const confLevel = a.confLevel ?? 0.95;
  const notes: string[] = [];
  if (a.by !== undefined) {
    if (a.p !== undefined) fail(ctx, `${at}.p`, 'a null proportion is for one sample; with `by` the groups are compared with each other', a.p, 'remove p or by');
    const g = releasedGroups(ctx, a.by, `${at}.by`);
    const x = new Array<number>(g.levels.length).fill(0);
    const n = new Array<number>(g.levels.length).fill(0);
    for (let i = 0; i < v.codes.length; i++) {
      if (v.codes[i] < 0 || g.codes[i] < 0) continue;
      n[g.codes[i]]++;
      if (v.codes[i] === k) x[g.codes[i]]++;
    }
    const used = g.levels.map((_, j) => j).filter((j) => n[j] > 0);
    // the count and n over all groups are released, so hidden groups get complementary ones
    const hidden = hiddenCells(used.map((j) => n[j]), ctx.minGroup, true);
    const groups = used.filter((_, u) => !hidden.has(u)).map((j) => ({ level: g.levels[j], count: x[j], n: n[j], proportion: x[j] / n[j] }));
    const suppressed = used.filter((_, u) => hidden.has(u)).map((j) => g.levels[j]);
    if (suppressed.length)
      notes.push(`${suppressed.length} group(s) are in the test but their counts are not shown: fewer than ${ctx.minGroup} respondents, or hidden so that none can be worked out from the total.`);
    let test = null;
    if (used.length < 2) notes.push('Fewer than two groups have respondents: no test.');
    else
      test = propTest(
        used.map((j) => x[j]),
        used.map((j) => n[j]),
        { correct, alternative: used.length > 2 ? 'two.sided' : alternative, confLevel },
      );
    if (test && hidden.size) withholdHiddenEstimates(test, hidden, used.length);
    const count = x.reduce((s, c) => s + c, 0);
    const total = n.reduce((s, c) => s + c, 0);
    return { id, type: 'proportion', variable: a.variable, level: a.level, by: a.by, count, n: total, proportion: count / total, groups, suppressed, prop_test: test, binomial: null, ci_wilson: null, notes };
  }
  const counts = levelCounts(v);
  const n = counts.reduce((s, c) => s + c, 0);
  const x = counts[k];
  const p = a.p ?? 0.5;
  const ok = n > 0;
  if (!ok) notes.push(`No respondent has a value of ${a.variable}: no test.`);
  return {
    id,
    type: 'proportion',
    variable: a.variable,
    level: a.level,
    by: null,
    count: x,
    n,
    proportion: x / n,
    groups: null,
    suppressed: [],
    prop_test: ok ? propTest(x, n, { p, correct, alternative, confLevel }) : null,
    binomial: ok ? binomTest(x, n, { p, alternative, confLevel }) : null,
    ci_wilson: ok ? wilsonInterval(x, n, confLevel) : null,
    notes,
  };
}

/** A score's location against a value: the one-sample t test (default) or Wilcoxon signed-rank test with the pseudo-median and its CI. */
export function runOneSample(ctx: StudyContext, a: Spec<'one-sample'>, id: string, at: string): LocationTestResult {
  const y = numericVariable(ctx, a.score, `${at}.score`).values;
  const test = a.test ?? 't';
  const opts = { mu: a.mu, alternative: a.alternative, confLevel: a.confLevel };
  const result = test === 't' ? tTestOneSample(y, opts) : wilcoxonSignedRank(y, undefined, opts);
  const d = y.filter((v) => !Number.isNaN(v));
  const m = mean(d);
  return { id, type: 'one-sample', variables: [a.score], test, n: d.length, mean: m, sd: Math.sqrt(variance(d, m)), result };
}

/** Two measurements of the same respondents: the paired t test (default) or Wilcoxon signed-rank test of x − y. */
export function runPaired(ctx: StudyContext, a: Spec<'paired'>, id: string, at: string): LocationTestResult {
  const x = numericVariable(ctx, a.x, `${at}.x`).values;
  const y = numericVariable(ctx, a.y, `${at}.y`).values;
  const test = a.test ?? 't';
  const opts = { alternative: a.alternative, confLevel: a.confLevel };
  const result = test === 't' ? tTestPaired(x, y, opts) : wilcoxonSignedRank(x, y, opts);
  const d: number[] = [];
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i]) && !Number.isNaN(y[i])) d.push(x[i] - y[i]);
  const m = mean(d);
  return { id, type: 'paired', variables: [a.x, a.y], test, n: d.length, mean: m, sd: Math.sqrt(variance(d, m)), result };
}

/**
 * prop.test's estimates are the groups' proportions (`prop 1` ... in the order of the groups tested): a hidden
 * group's is withheld (NaN, JSON null), and with two groups (both hidden, each the other's complement) so are the
 * estimates and the CI of their difference. The statistic, df and p are on every group and stay.
 */
function withholdHiddenEstimates(test: TestResult, hidden: ReadonlySet<number>, groups: number): void {
  const t = test as unknown as Record<string, unknown>;
  if (groups === 2) {
    delete t.estimate;
    delete t.ci;
    delete t.confLevel;
    return;
  }
  const est = t.estimate as Record<string, number>;
  hidden.forEach((u) => (est[`prop ${u + 1}`] = NaN));
}

/**
 * The distribution of a categorical variable against expected proportions (default equal): R's
 * chisq.test(x, p = ). Level counts below the threshold are part of the test; the table of counts is released,
 * so the caveat is stated when a level is small.
 */
export function runGoodnessOfFit(ctx: StudyContext, a: Spec<'goodness-of-fit'>, id: string, at: string, warnings: string[]): GoodnessOfFitResult {
  const v = groupVariable(ctx, a.variable, `${at}.variable`);
  const counts = levelCounts(v);
  const notes: string[] = [];
  let p: number[] | undefined;
  if (a.p) {
    for (const l of Object.keys(a.p)) levelIndex(ctx, v.levels, l, a.variable, `${at}.p.${l}`);
    const missing = v.levels.filter((l) => a.p![l] === undefined);
    if (missing.length) fail(ctx, `${at}.p`, `every level of ${a.variable} needs an expected proportion`, missing.join(', '), `add ${missing.map((l) => `"${l}"`).join(', ')}`);
    p = v.levels.map((l) => a.p![l]);
    const sum = p.reduce((s, x) => s + x, 0);
    if (!a.rescale && Math.abs(sum - 1) > Math.sqrt(2.220446049250313e-16))
      fail(ctx, `${at}.p`, `the expected proportions sum to ${sum}, not 1`, sum, 'correct them, or set `rescale: true` to divide them by their sum');
  }
  const r = chisqGoodnessOfFit(counts, p, { rescale: a.rescale });
  const expectedP = p ? (a.rescale ? p.map((x) => x / p!.reduce((s, y) => s + y, 0)) : p) : counts.map(() => 1 / counts.length);
  const small = r.expected.filter((e) => e < 5).length;
  if (small) warnings.push(`${id}: ${small} expected count(s) below 5; the chi-squared approximation may be poor.`);
  const tiny = counts.filter((c) => c > 0 && c < ctx.minGroup).length;
  if (tiny && v.isDataColumn) notes.push(`${tiny} level(s) have fewer than ${ctx.minGroup} respondents; their counts are shown because the test is of the counts themselves.`);
  const { expected, residuals, ...result } = r;
  return {
    id,
    type: 'goodness-of-fit',
    variable: a.variable,
    levels: v.levels.map((level, j) => ({ level, count: counts[j], expected_p: expectedP[j], expected: expected[j], residual: residuals[j] })),
    n: r.n as number,
    result,
    notes,
  };
}
