import { StaffwellError } from '../errors.ts';

/** Direction of the alternative hypothesis, named as in R. */
export type Alternative = 'two.sided' | 'less' | 'greater';

/** A numeric sample: NaN marks a missing value (dropped as R's default na.action drops NA). */
export type NumericInput = Float64Array | readonly number[];

/**
 * The common result of every hypothesis test: the fields of R's `htest` object, with R's names for the method
 * and the statistic, so a result can be checked against R line by line. Printing is kept apart
 * (`formatTestResult`).
 */
export interface TestResult {
  /** The method as R names it, e.g. "Welch Two Sample t-test". */
  method: string;
  statistic: number;
  /** R's name of the statistic: 't', 'F', 'X-squared', 'W', 'z', 'S', 'number of successes', ... */
  statisticName: string;
  /** Degrees of freedom (two for F). */
  df?: number | [number, number];
  p: number;
  estimate?: number | Record<string, number>;
  /** R's name of a single estimate ("mean of x", "odds ratio", ...). */
  estimateName?: string;
  ci?: [number, number];
  confLevel?: number;
  /** Observations used (after dropping missing values), in total or per group. */
  n: number | Record<string, number>;
  alternative: Alternative;
  /** The value of the parameter under the null hypothesis. */
  nullValue?: number;
  /** An effect size to report beside the test (printed by `formatTestResult`). */
  effectSize?: { name: string; value: number };
}

const ALTERNATIVES: readonly Alternative[] = ['two.sided', 'less', 'greater'];

/** Validates an `alternative` option at the API edge (default two-sided). */
export function checkAlternative(value: unknown): Alternative {
  if (value === undefined) return 'two.sided';
  if (typeof value === 'string' && (ALTERNATIVES as readonly string[]).includes(value)) return value as Alternative;
  throw new StaffwellError('invalid-option', 'unknown alternative hypothesis', {
    field: 'alternative',
    value,
    hint: 'Use "two.sided", "less" or "greater"',
  });
}

/** Validates a confidence level in (0, 1) (default 0.95). */
export function checkConfLevel(value: unknown): number {
  if (value === undefined) return 0.95;
  if (typeof value === 'number' && value > 0 && value < 1) return value;
  throw new StaffwellError('invalid-option', 'confidence level must be a number between 0 and 1', {
    field: 'confLevel',
    value,
    hint: 'Use e.g. 0.95 for a 95% interval',
  });
}

/** Validates a finite number option. */
export function checkFinite(value: unknown, field: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  throw new StaffwellError('invalid-option', 'expected a finite number', { field, value, hint: 'Give a number' });
}

/** Validates a count (non-negative integer). */
export function checkCount(value: unknown, field: string): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  throw new StaffwellError('invalid-option', 'expected a count (a whole number >= 0)', {
    field,
    value,
    hint: 'Give the number of cases as a whole number',
  });
}

/** Validates summary statistics given by a user (a published norm or a sample): finite mean, SD >= 0, n >= 1. */
export function checkSummary(s: { mean: number; sd: number; n: number }, field: string): void {
  const bad = (what: string, value: unknown): never => {
    throw new StaffwellError('invalid-option', `the summary's ${what} is not valid`, {
      field,
      value,
      hint: 'Give mean (a number), sd (>= 0) and n (a whole number >= 1)',
    });
  };
  if (!Number.isFinite(s.mean)) bad('mean', s.mean);
  if (!(s.sd >= 0) || !Number.isFinite(s.sd)) bad('sd', s.sd);
  if (!Number.isInteger(s.n) || s.n < 1) bad('n', s.n);
}
