import * as Plot from '@observablehq/plot';
import type { LogisticResult, RegressionResult } from '../study/study-results.ts';
import { CHART_WIDTH, plainLabels, type Chart, type ChartLabels } from './chart.ts';
import { OKABE_ITO } from './palette.ts';
import { fmt, pText } from './format-number.ts';

const LOG_TICKS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 5, 10, 20, 50, 100];

interface Row {
  term: string;
  estimate: number;
  lo: number;
  hi: number;
  p: number;
}

/**
 * Model coefficients with 95% CIs, intercept left out: a linear regression's B on a linear axis with a line at 0,
 * a logistic regression's odds ratios on a log axis with a line at 1. Terms in the model's order.
 */
export function coefficientChart(result: RegressionResult | LogisticResult, labels: ChartLabels = plainLabels): Chart {
  const logistic = result.type === 'logistic';
  const rows: Row[] = result.coefficients
    .filter((c) => c.term !== '(Intercept)')
    .map((c) => {
      const r = 'odds_ratio' in c ? { estimate: c.odds_ratio, lo: c.or_ci[0], hi: c.or_ci[1] } : { estimate: c.estimate, lo: c.ci[0], hi: c.ci[1] };
      return { term: termLabel(c.term, labels), ...r, p: c.p };
    });
  const terms = rows.map((r) => r.term);
  const outcome = labels.score(result.outcome);
  const finite = rows.flatMap((r) => [r.lo, r.hi, r.estimate]).filter((x) => Number.isFinite(x) && (!logistic || x > 0));
  const maxLabel = Math.max(...terms.map((t) => t.length), 6);
  const ref = logistic ? 1 : 0;
  let lo = Math.min(ref, ...finite);
  let hi = Math.max(ref, ...finite);
  if (logistic) {
    lo /= 1.15;
    hi *= 1.15;
  } else {
    const pad = (hi - lo) * 0.05 || 1;
    lo -= pad;
    hi += pad;
  }
  const what = logistic ? `odds of ${outcome}: ${(result as LogisticResult).event}` : outcome;
  return {
    id: `${result.id}.coefficients`,
    kind: 'coefficients',
    title: logistic ? `Odds ratios for ${what}` : `Regression coefficients for ${outcome}`,
    alt: `${logistic ? 'Odds ratios' : 'Unstandardised coefficients'} with 95% confidence intervals of ${rows.length} predictors of ${what} (n = ${result.n}): ${rows
      .map((r) => `${r.term} ${fmt(r.estimate)} [${fmt(r.lo)}, ${fmt(r.hi)}], ${pText(r.p)}`)
      .join('; ')}.`,
    notes: [
      logistic
        ? 'Odds ratios (log scale) with 95% Wald confidence intervals; the line at 1 is no association. Intercept not shown.'
        : 'Unstandardised coefficients B with 95% confidence intervals: the change in the outcome per unit of the predictor (for a factor level: against the reference level). Intercept not shown.',
    ],
    legend: null,
    plot: {
      width: CHART_WIDTH,
      height: 50 + 26 * rows.length,
      marginLeft: Math.min(260, 14 + 6 * maxLabel),
      marginRight: 70,
      x: logistic
        ? { type: 'log', domain: [lo, hi], label: `Odds ratio (log scale), 95% CI`, grid: true, ticks: LOG_TICKS.filter((t) => t >= lo && t <= hi), tickFormat: (t: number) => String(t) }
        : { domain: [lo, hi], label: `B (${outcome} points per unit), 95% CI`, grid: true },
      y: { domain: terms, label: null, tickSize: 0, round: true },
      marks: [
        Plot.ruleX([ref], { stroke: '#666', strokeDasharray: '4,3' }),
        Plot.ruleY(rows.filter((r) => Number.isFinite(r.lo) && Number.isFinite(r.hi)), { y: 'term', x1: 'lo', x2: 'hi', stroke: OKABE_ITO.blue, strokeWidth: 2 }),
        Plot.dot(rows.filter((r) => Number.isFinite(r.estimate)), { y: 'term', x: 'estimate', fill: OKABE_ITO.blue, r: 4 }),
        Plot.text(rows, { y: 'term', frameAnchor: 'right', dx: 66, text: (r: Row) => pText(r.p), textAnchor: 'end' }),
      ],
    },
  };
}

/** "hse.demands" -> its label; a factor term "roleNurse" stays as the model names it. */
function termLabel(term: string, labels: ChartLabels): string {
  return labels.score(term);
}
