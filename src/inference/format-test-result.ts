import type { TestResult } from './test-result.ts';

export interface FormatOptions {
  /** Decimals for statistics, estimates and intervals (default 2). */
  digits?: number;
}

/** Symbols of R's statistic names in APA style. */
const STATISTIC_SYMBOL: Record<string, string> = {
  t: 't',
  F: 'F',
  'X-squared': 'χ²',
  'Kruskal-Wallis chi-squared': 'χ²',
  W: 'W',
  z: 'z',
  S: 'S',
};

/** Short names of R's estimate names. */
const ESTIMATE_SYMBOL: Record<string, string> = {
  'odds ratio': 'OR',
  'risk ratio': 'RR',
  'risk difference': 'RD',
  'probability of success': 'p̂',
  p: 'p̂',
  cor: 'r',
  rho: 'rₛ',
  'mean of x': 'M',
  'mean difference': 'M',
};

/** Estimates bounded by ±1, printed without a leading zero (APA). */
const BOUNDED = new Set(['cor', 'rho']);

/**
 * One APA-style line for a test result, e.g. "t(41.3) = 2.10, p = .042, d = 0.45, 95% CI [0.02, 0.88]":
 * statistic with df (χ² also with N), p with three decimals and no leading zero ("p < .001" below that), the
 * effect size, a single estimate, and the interval. Kept apart from computing: results are never rounded.
 */
export function formatTestResult(result: TestResult, options: FormatOptions = {}): string {
  const digits = options.digits ?? 2;
  const parts: string[] = [];
  const est = typeof result.estimate === 'number' ? result.estimate : undefined;
  const estName = result.estimateName ?? '';
  const bounded = BOUNDED.has(estName);
  const fmt = (x: number): string => formatNumber(x, digits, bounded);
  if (estName === 'cor' && est !== undefined) {
    parts.push(`r(${formatDf(result.df as number)}) = ${fmt(est)}`);
  } else if (estName === 'rho' && est !== undefined) {
    parts.push(`rₛ = ${fmt(est)}`);
  } else if (result.statisticName === 'number of successes') {
    parts.push(`k = ${result.statistic} of n = ${result.n as number}`);
  } else if (!Number.isNaN(result.statistic) && result.statisticName) {
    const sym = STATISTIC_SYMBOL[result.statisticName] ?? result.statisticName;
    let df = '';
    if (Array.isArray(result.df)) df = `(${formatDf(result.df[0])}, ${formatDf(result.df[1])})`;
    else if (typeof result.df === 'number') {
      const total = typeof result.n === 'number' ? result.n : Object.values(result.n).reduce((a, b) => a + b, 0);
      df = sym === 'χ²' && result.statisticName === 'X-squared' ? `(${formatDf(result.df)}, N = ${total})` : `(${formatDf(result.df)})`;
    }
    parts.push(`${sym}${df} = ${formatNumber(result.statistic, digits, false)}`);
  } else {
    parts.push(result.method);
  }
  parts.push(formatP(result.p));
  if (result.effectSize && Number.isFinite(result.effectSize.value)) {
    parts.push(`${result.effectSize.name} = ${formatNumber(result.effectSize.value, digits, false)}`);
  }
  if (est !== undefined && estName !== 'cor' && estName !== 'rho') {
    parts.push(`${ESTIMATE_SYMBOL[estName] ?? estName} = ${fmt(est)}`);
  }
  if (result.ci) {
    const level = Math.round((result.confLevel ?? 0.95) * 1000) / 10;
    parts.push(`${level}% CI [${fmt(result.ci[0])}, ${fmt(result.ci[1])}]`);
  }
  return parts.join(', ');
}

/** "p = .042", "p < .001", "p = 1.000"; "p = NA" when undefined. */
export function formatP(p: number): string {
  if (Number.isNaN(p)) return 'p = NA';
  if (p < 0.001) return 'p < .001';
  const s = p.toFixed(3);
  return `p = ${s.startsWith('0') ? s.slice(1) : s}`;
}

function formatDf(df: number): string {
  if (Number.isNaN(df)) return 'NA';
  return Number.isInteger(df) ? String(df) : df.toFixed(1);
}

function formatNumber(x: number, digits: number, dropLeadingZero: boolean): string {
  if (Number.isNaN(x)) return 'NA';
  if (x === Infinity) return 'Inf';
  if (x === -Infinity) return '-Inf';
  let s = x.toFixed(digits);
  if (/^-0\.?0*$/.test(s)) s = s.slice(1);
  if (dropLeadingZero) s = s.replace(/^(-?)0\./, '$1.');
  return s;
}
