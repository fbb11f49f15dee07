import { StaffwellError } from '../errors.ts';
import { lineOfRow } from '../data/table.ts';
import { correlationTest } from '../inference/correlation-test.ts';
import { linearRegression } from '../inference/linear-regression.ts';
import { logisticRegression } from '../inference/logistic-regression.ts';
import type { PredictorColumn } from '../inference/design-matrix.ts';
import { pchisq } from '../stats/distributions.ts';
import { expandRefs, pos, type AnalysisSpec } from './study-file.ts';
import { groupVariable, labelsOf, modelLevels, numericVariable, variable, type StudyContext } from './study-variables.ts';
import type { CorrelationResult, LogisticResult, RegressionResult } from './study-results.ts';

type Spec<T extends AnalysisSpec['type']> = Extract<AnalysisSpec, { type: T }>;

/** Every pair of the scores: pairwise n, r (or ρ), p and (Pearson) the Fisher-z CI, as R's cor.test. */
export function runCorrelation(ctx: StudyContext, a: Spec<'correlation'>, id: string, at: string): CorrelationResult {
  const scores = expandRefs(ctx.study, a.scores);
  const cols = scores.map((r, j) => numericVariable(ctx, r, `${at}.scores${pos(j)}`).values);
  const method = a.method ?? 'pearson';
  const pairs: CorrelationResult['pairs'] = [];
  for (let i = 0; i < scores.length; i++)
    for (let j = i + 1; j < scores.length; j++) pairs.push({ x: scores[i], y: scores[j], result: correlationTest(cols[i], cols[j], { method }) });
  return { id, type: 'correlation', method, scores, pairs };
}

/**
 * A warning for factor predictors (data columns) with a level of fewer respondents than the suppression threshold
 * among the rows with an outcome: that level's coefficient describes a small group.
 */
function smallLevelWarning(ctx: StudyContext, id: string, y: Float64Array, refs: readonly string[], at: string): string | undefined {
  const small: string[] = [];
  refs.forEach((r, j) => {
    const v = variable(ctx, r, `${at}.predictors${pos(j)}`);
    if (v.kind !== 'categorical' || !v.isDataColumn) return;
    const g = groupVariable(ctx, r, `${at}.predictors${pos(j)}`);
    const counts = new Array<number>(g.levels.length).fill(0);
    for (let i = 0; i < y.length; i++) if (!Number.isNaN(y[i]) && g.codes[i] >= 0) counts[g.codes[i]]++;
    g.levels.forEach((l, k) => {
      if (counts[k] > 0 && counts[k] < ctx.minGroup) small.push(`${r} = "${l}"`);
    });
  });
  return small.length
    ? `${id}: ${small.join(', ')} ha${small.length > 1 ? 've' : 's'} fewer than ${ctx.minGroup} respondents; the coefficient describes a small group (consider merging levels).`
    : undefined;
}

/** Predictors by name: numbers, or labels (a factor) with their level order, the reference level first. */
function predictorColumns(
  ctx: StudyContext,
  refs: readonly string[],
  at: string,
): { columns: Record<string, PredictorColumn>; levels: Record<string, readonly string[]> } {
  const columns: Record<string, PredictorColumn> = {};
  const levels: Record<string, readonly string[]> = {};
  refs.forEach((r, j) => {
    const field = `${at}.predictors${pos(j)}`;
    let v = variable(ctx, r, field);
    if (v.kind === 'numeric') columns[r] = v.values;
    else {
      v = groupVariable(ctx, r, field);
      columns[r] = labelsOf(v);
      levels[r] = modelLevels(ctx, v);
    }
  });
  return { columns, levels };
}

/** The fields every model coefficient reports (the models add their own). */
function coefficientJson(c: { term: string; estimate: number; se: number; statistic: number; p: number; ciLower: number; ciUpper: number }) {
  return { term: c.term, estimate: c.estimate, se: c.se, statistic: c.statistic, p: c.p, ci: [c.ciLower, c.ciUpper] as [number, number] };
}

/** Ordinary least squares, as R's lm (categorical predictors treatment-coded against their reference level). */
export function runRegression(ctx: StudyContext, a: Spec<'regression'>, id: string, at: string, warnings: string[]): RegressionResult {
  const y = numericVariable(ctx, a.outcome, `${at}.outcome`).values;
  const predictors = expandRefs(ctx.study, a.predictors);
  const small = smallLevelWarning(ctx, id, y, predictors, at);
  if (small) warnings.push(small);
  const { columns, levels } = predictorColumns(ctx, predictors, at);
  const fit = linearRegression(y, columns, { levels });
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
}

/** Binomial GLM with logit link, as R's glm: odds ratios with Wald CIs, deviance, AIC, and the LR test. */
export function runLogistic(ctx: StudyContext, a: Spec<'logistic'>, id: string, at: string, warnings: string[]): LogisticResult {
  const out = variable(ctx, a.outcome, `${at}.outcome`);
  let y: Float64Array;
  let event: string;
  if (out.kind === 'categorical') {
    if (a.event === undefined || !out.levels.includes(a.event))
      throw new StaffwellError('invalid-study', a.event === undefined ? 'a categorical outcome needs the level that counts as the event' : `not a level of ${a.outcome}`, {
        file: ctx.study.source,
        field: `${at}.event`,
        value: a.event,
        hint: `the levels are ${out.levels.map((l) => `"${l}"`).join(', ')}`,
      });
    const k = out.levels.indexOf(a.event);
    y = Float64Array.from(out.codes, (c) => (c < 0 ? NaN : c === k ? 1 : 0));
    event = a.event;
  } else {
    y = out.values;
    for (let i = 0; i < y.length; i++)
      if (!Number.isNaN(y[i]) && y[i] !== 0 && y[i] !== 1)
        throw new StaffwellError('invalid-study', 'a numeric outcome of a logistic regression must be coded 0/1', {
          file: ctx.table.source,
          line: lineOfRow(ctx.table, i),
          column: a.outcome,
          value: y[i],
          hint: `code the outcome 1 = event, 0 = no event, or name a classification (field ${at}.outcome)`,
        });
    event = '1';
  }
  const predictors = expandRefs(ctx.study, a.predictors);
  const small = smallLevelWarning(ctx, id, y, predictors, at);
  if (small) warnings.push(small);
  const { columns, levels } = predictorColumns(ctx, predictors, at);
  const fit = logisticRegression(y, columns, { levels });
  if (fit.separation) warnings.push(`${id}: fitted probabilities of 0 or 1 (or no convergence): signs of separation; odds ratios are not trustworthy.`);
  // events among the complete cases (the outcome and every predictor present), as the model uses them
  let events = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 1) continue;
    let ok = true;
    for (const p of predictors) {
      const v = columns[p][i];
      if (v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v))) {
        ok = false;
        break;
      }
    }
    if (ok) events++;
  }
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
}
