import { StaffwellError } from '../errors.ts';
import { suppressGroups } from '../psych/describe.ts';
import { splitByGroup } from '../inference/groups.ts';
import { tTestTwoSample } from '../inference/t-test-two-sample.ts';
import { mannWhitney } from '../inference/mann-whitney.ts';
import { anovaOneWay } from '../inference/anova-one-way.ts';
import { welchAnova } from '../inference/welch-anova.ts';
import { kruskalWallis } from '../inference/kruskal-wallis.ts';
import { pairwiseTTests } from '../inference/pairwise-t-tests.ts';
import { tukeyHSD } from '../inference/tukey-hsd.ts';
import { chisqTest } from '../inference/chisq-test.ts';
import { releaseGroups, releaseOptions, releaseTable, releasedGroups } from './release-rule.ts';
import { fisherTest } from '../inference/fisher-test.ts';
import { mcnemarTest } from '../inference/mcnemar-test.ts';
import { mean, variance } from '../inference/sample.ts';
import type { TestResult } from '../inference/test-result.ts';
import type { AnalysisSpec } from './study-file.ts';
import { numericVariable, type CategoricalVariable, type StudyContext } from './study-variables.ts';
import type { CompareGroupsResult, CrosstabResult } from './study-results.ts';

type Spec<T extends AnalysisSpec['type']> = Extract<AnalysisSpec, { type: T }>;

/**
 * Levels of a grouping variable to suppress: those with fewer respondents than the threshold, plus the
 * complementary ones psych's describe would suppress (so no small level can be recovered by subtraction from the
 * total). `counts[k]` is the number of respondents of level k; `missing` those without a level.
 */
export function suppressedLevels(levels: readonly string[], counts: readonly number[], missing: number, threshold: number): Set<number> {
  const values = levels.map((l) => [l] as (string | null)[]);
  const cnt = [...counts];
  if (missing > 0) {
    values.push([null]);
    cnt.push(missing);
  }
  const state = suppressGroups(values, cnt, threshold);
  const out = new Set<number>();
  for (let k = 0; k < levels.length; k++) if (state[k] && counts[k] > 0) out.add(k);
  return out;
}

function respondentsPerLevel(g: CategoricalVariable): { counts: number[]; missing: number } {
  const counts = new Array<number>(g.levels.length).fill(0);
  let missing = 0;
  for (let i = 0; i < g.codes.length; i++) {
    if (g.codes[i] < 0) missing++;
    else counts[g.codes[i]]++;
  }
  return { counts, missing };
}

/**
 * A score compared across groups: the chosen test (default Welch's ANOVA for more than two groups, Welch's t for
 * two) and post hoc comparisons (Holm-adjusted pairwise t tests by default; Tukey's HSD with `test: anova`).
 * Every group is in the test; the release rule ({@link releaseCompareGroups}) hides small groups' figures.
 */
export function runCompareGroups(ctx: StudyContext, a: Spec<'compare-groups'>, id: string, at: string): CompareGroupsResult {
  const y = numericVariable(ctx, a.score, `${at}.score`).values;
  const g = releasedGroups(ctx, a.by, `${at}.by`);
  const labels = Array.from(g.codes, (c) => (c < 0 ? null : g.levels[c]));
  const order = { levels: g.levels };
  const split = splitByGroup(y, labels, order);
  const k = split.levels.length;
  const notes: string[] = [];
  const groups: CompareGroupsResult['groups'] = split.levels.map((level, j) => {
    const v = split.values[j];
    const m = mean(v);
    return { level, n: v.length, mean: m, sd: Math.sqrt(variance(v, m)) };
  });
  const twoGroupTests = ['t', 'welch-t', 'mann-whitney'];
  const test = a.test ?? (k === 2 ? 'welch-t' : 'welch-anova');
  if (twoGroupTests.includes(test) && k !== 2)
    throw new StaffwellError('invalid-study', `this test compares exactly two groups; ${a.by} has ${k} groups to compare`, {
      file: ctx.study.source,
      field: `${at}.test`,
      value: test,
      hint: 'use welch-anova, anova or kruskal for more than two groups',
    });
  let result: TestResult | null = null;
  let posthoc: CompareGroupsResult['posthoc'] = null;
  if (k < 2) notes.push(`Fewer than two groups have a score: no test.`);
  else {
    switch (test) {
      case 't':
      case 'welch-t':
        result = tTestTwoSample(split.values[0], split.values[1], { varEqual: test === 't' });
        break;
      case 'mann-whitney':
        result = mannWhitney(split.values[0], split.values[1]);
        break;
      case 'anova': {
        const r = anovaOneWay(y, labels, order);
        result = stripExtras(r, ['ssBetween', 'ssWithin', 'ssTotal', 'msBetween', 'msWithin', 'etaSquared', 'groups']);
        break;
      }
      case 'welch-anova':
        result = welchAnova(y, labels, order);
        break;
      case 'kruskal':
        result = kruskalWallis(y, labels, order);
        break;
    }
    const method = a.posthoc ?? (test === 'anova' ? 'tukey' : 'holm');
    if (k > 2 && method !== 'none') {
      if (method === 'tukey') {
        const t = tukeyHSD(y, labels, order);
        const pairs: [string, string][] = [];
        for (let j = 0; j < k - 1; j++) for (let i = j + 1; i < k; i++) pairs.push([t.levels[i], t.levels[j]]);
        posthoc = {
          method: `Tukey HSD (${Math.round(t.confLevel * 100)}% family-wise CI)`,
          comparisons: t.comparisons.map((c, j) => ({ group1: pairs[j][0], group2: pairs[j][1], difference: c.diff, statistic: null, p: c.pAdj, ci: [c.lwr, c.upr] })),
        };
      } else {
        const t = pairwiseTTests(y, labels, { ...order, pAdjustMethod: method });
        posthoc = {
          method: `pairwise t tests with pooled SD, ${method} adjustment`,
          comparisons: t.comparisons.map((c) => ({ group1: c.group1, group2: c.group2, difference: c.difference, statistic: c.t, p: c.p, ci: null })),
        };
      }
    }
  }
  const out: CompareGroupsResult = { id, type: 'compare-groups', score: a.score, by: a.by, test, groups, suppressed: [], result, posthoc, notes };
  return releaseCompareGroups(out, ctx.minGroup);
}

/** {@link releaseGroups} on a compare-groups result (groups of a classification too), with its note. */
export function releaseCompareGroups(r: CompareGroupsResult, minGroup: number): CompareGroupsResult {
  r.suppressed = releaseGroups(r, minGroup);
  if (r.suppressed.length)
    r.notes.push(
      `${r.suppressed.length} group(s) are in the test but their figures are not shown: fewer than ${minGroup} respondents, or hidden so that none can be worked out from the total.`,
    );
  if (r.posthoc?.comparisons.some((c) => c.p === null))
    r.notes.push('Post hoc comparisons with a hidden group show no difference, statistic or p value (they are counted in the p adjustment).');
  return r;
}

function stripExtras<T extends TestResult>(r: T, keys: string[]): TestResult {
  const o = { ...r } as unknown as Record<string, unknown>;
  for (const k of keys) delete o[k];
  return o as unknown as TestResult;
}

/**
 * A cross-tabulation of two categorical variables with a chi-squared test (Cramér's V), Fisher's exact test (the
 * default for 2×2) or McNemar's test, on every respondent with both values. The release rule hides what it must
 * of the table ({@link releaseTable}): rows and columns of fewer respondents than `minGroup`, cells below
 * `minCell`, and the complementary ones; hidden counts and totals are null. Classifications are not exempt.
 */
export function runCrosstab(ctx: StudyContext, a: Spec<'crosstab'>, id: string, at: string, warnings: string[]): CrosstabResult {
  const r = releasedGroups(ctx, a.rows, `${at}.rows`);
  const c = releasedGroups(ctx, a.cols, `${at}.cols`);
  const n0 = r.codes.length;
  const both = (i: number) => r.codes[i] >= 0 && c.codes[i] >= 0;
  const marg = (v: CategoricalVariable) => {
    const counts = new Array<number>(v.levels.length).fill(0);
    for (let i = 0; i < n0; i++) if (both(i)) counts[v.codes[i]]++;
    return counts;
  };
  const rowTot = marg(r);
  const colTot = marg(c);
  const rowIdx = r.levels.map((_, k) => k).filter((k) => rowTot[k] > 0);
  const colIdx = c.levels.map((_, k) => k).filter((k) => colTot[k] > 0);
  const rowPos = new Map(rowIdx.map((k, j) => [k, j]));
  const colPos = new Map(colIdx.map((k, j) => [k, j]));
  const counts = rowIdx.map(() => new Array<number>(colIdx.length).fill(0));
  let n = 0;
  for (let i = 0; i < n0; i++) {
    if (!both(i)) continue;
    counts[rowPos.get(r.codes[i])!][colPos.get(c.codes[i])!]++;
    n++;
  }
  const o = releaseOptions(ctx.study);
  const hide = releaseTable(counts, ctx.minGroup, o.minCell);
  const C = colIdx.length;
  let hiddenCellCount = 0;
  const released = counts.map((row, i) =>
    row.map((x, j) => {
      if (!hide.cells[i * C + j]) return x;
      if (!hide.rows.has(i) && !hide.cols.has(j)) hiddenCellCount++;
      return null;
    }),
  );
  const notes: string[] = [];
  const suppressed = {
    rows: rowIdx.filter((_, i) => hide.rows.has(i)).map((k) => r.levels[k]),
    cols: colIdx.filter((_, j) => hide.cols.has(j)).map((k) => c.levels[k]),
    cells: hiddenCellCount,
  };
  if (suppressed.rows.length || suppressed.cols.length)
    notes.push(`Rows or columns with fewer than ${ctx.minGroup} respondents (or hidden so that none can be worked out from the total) show no counts; they are in the test.`);
  if (hiddenCellCount)
    notes.push(`${hiddenCellCount} cell(s) with fewer than ${o.minCell} respondents (or hidden so that none can be worked out from a row or column total) show no count; they are in the test.`);
  const is2x2 = rowIdx.length === 2 && colIdx.length === 2;
  let test: CrosstabResult['test'] = null;
  let result: TestResult | null = null;
  let cramersV: number | null = null;
  let below5: number | null = null;
  if (rowIdx.length < 2 || colIdx.length < 2) notes.push('Fewer than two rows or columns are left: no test.');
  else {
    test = a.test ?? (is2x2 ? 'fisher' : 'chisq');
    const rowLevels = rowIdx.map((k) => r.levels[k]);
    const colLevels = colIdx.map((k) => c.levels[k]);
    if (test === 'mcnemar' && (rowLevels.length !== colLevels.length || rowLevels.some((l) => !colLevels.includes(l))))
      throw new StaffwellError('invalid-study', `McNemar's test needs the same categories in rows and columns (paired answers); rows have ${rowLevels.join(', ')}, columns ${colLevels.join(', ')}`, {
        file: ctx.study.source,
        field: `${at}.test`,
        value: test,
        hint: 'cross two variables with the same levels (e.g. caseness at two times), or use test: chisq',
      });
    const chi = chisqTest(counts, { correct: a.correct });
    cramersV = chi.cramersV;
    let small = 0;
    for (const row of chi.expected) for (const e of row) if (e < 5) small++;
    below5 = small / (rowIdx.length * colIdx.length);
    if (test === 'chisq') {
      result = stripExtras(chi, ['observed', 'expected', 'residuals', 'cramersV']);
      if (below5 > 0.2) warnings.push(`${id}: ${Math.round(below5 * 100)}% of the expected counts are below 5; the chi-squared approximation may be poor (consider test: fisher).`);
    } else if (test === 'mcnemar') {
      // Columns in the rows' order, so the table is square with matching categories on the diagonal.
      const square = counts.map((row) => rowLevels.map((l) => row[colLevels.indexOf(l)]));
      result = mcnemarTest(square, { correct: a.correct });
    } else {
      try {
        result = fisherTest(counts);
      } catch (e) {
        if (e instanceof StaffwellError) throw new StaffwellError('invalid-study', e.problem, { file: ctx.study.source, field: `${at}.test`, value: test, hint: 'use test: chisq, or combine sparse levels' });
        throw e;
      }
    }
  }
  return {
    id,
    type: 'crosstab',
    rows: { variable: a.rows, levels: rowIdx.map((k) => r.levels[k]) },
    cols: { variable: a.cols, levels: colIdx.map((k) => c.levels[k]) },
    counts: released,
    row_totals: counts.map((row, i) => (hide.rows.has(i) ? null : row.reduce((x, y) => x + y, 0))),
    col_totals: colIdx.map((_, j) => (hide.cols.has(j) ? null : counts.reduce((x, row) => x + row[j], 0))),
    n,
    suppressed,
    test,
    result,
    cramers_v: cramersV,
    expected_below_5: below5,
    notes,
  };
}
