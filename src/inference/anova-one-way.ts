import { pf } from '../stats/distributions.ts';
import { splitByGroup, type GroupInput, type GroupOptions } from './groups.ts';
import { mean, variance } from './sample.ts';
import type { NumericInput, TestResult } from './test-result.ts';

export interface GroupSummary {
  level: string;
  n: number;
  mean: number;
  sd: number;
}

export interface AnovaOneWayResult extends TestResult {
  df: [number, number];
  ssBetween: number;
  ssWithin: number;
  ssTotal: number;
  msBetween: number;
  msWithin: number;
  /** η² = SS between / SS total. */
  etaSquared: number;
  groups: GroupSummary[];
}

/**
 * One-way analysis of variance of `y` by group, as R's anova(aov(y ~ g)): F = MS between / MS within with
 * (k − 1, N − k) df. Rows with a missing value or label are dropped, and so are empty groups (as R's factor()).
 */
export function anovaOneWay(y: NumericInput, g: GroupInput, options: GroupOptions = {}): AnovaOneWayResult {
  const { levels, values } = splitByGroup(y, g, options);
  const k = levels.length;
  let nTotal = 0;
  let sum = 0;
  const groups: GroupSummary[] = [];
  for (let j = 0; j < k; j++) {
    const v = values[j];
    const m = mean(v);
    groups.push({ level: levels[j], n: v.length, mean: m, sd: Math.sqrt(variance(v, m)) });
    nTotal += v.length;
    for (let i = 0; i < v.length; i++) sum += v[i];
  }
  const grand = sum / nTotal;
  let ssBetween = 0;
  let ssWithin = 0;
  for (let j = 0; j < k; j++) {
    const v = values[j];
    const m = groups[j].mean;
    ssBetween += v.length * (m - grand) ** 2;
    for (let i = 0; i < v.length; i++) ssWithin += (v[i] - m) ** 2;
  }
  const df1 = k - 1;
  const df2 = nTotal - k;
  const msBetween = ssBetween / df1;
  const msWithin = ssWithin / df2;
  const F = df1 > 0 && df2 > 0 ? msBetween / msWithin : NaN;
  const ssTotal = ssBetween + ssWithin;
  return {
    method: 'One-way analysis of variance',
    statistic: F,
    statisticName: 'F',
    df: [df1, df2],
    p: pf(F, df1, df2, false),
    n: Object.fromEntries(groups.map((s) => [s.level, s.n])),
    alternative: 'two.sided',
    ssBetween,
    ssWithin,
    ssTotal,
    msBetween,
    msWithin,
    etaSquared: ssBetween / ssTotal,
    effectSize: { name: 'η²', value: ssBetween / ssTotal },
    groups,
  };
}
