import type { TestResult } from '../inference/test-result.ts';
import type { DescribeGroupJson, ReliabilityJson, ReliabilityWarning, ScaleSummaryJson } from '../psych/results.ts';
import type { CaseComparison } from '../mixed/case-comparison.ts';
import type { SideBySide } from '../mixed/side-by-side.ts';
import type { StatisticsByThemes } from '../mixed/statistics-by-themes.ts';

/**
 * The results of `staffwell run`: plain data with stable keys (documented in docs/study-file.md), no timestamps,
 * so the same study and data always give the same `results.json`. NaN (R's NA) is written as null. Every test is a
 * {@link TestResult} (R's htest fields: method, statistic, statisticName, df, p, estimate, ci, n, ...).
 */
export interface StudyResults {
  study: string;
  description: string | null;
  staffwell_version: string;
  data: { file: string; rows: number; columns: number; id_column: string | null; missing_codes: string[] };
  /** The release rule in force (suppression options with their defaults) and, in words, what it hides. */
  suppression: { min_group: number; min_cell: number | null; small: 'hide' | 'merge'; other_label: string | null; overall: boolean; rules: string[] };
  instruments: InstrumentSummary[];
  analyses: AnalysisResult[];
  /**
   * The joint displays the study names under `mixed:` (src/services/study-joint-displays.ts), computed from the
   * linked qualitative project and these results; absent when the study names none.
   */
  joint_displays?: JointDisplayJson[];
  warnings: string[];
  /**
   * How `staffwell run` computed the results (not written to results.json, which stays reproducible): the
   * streaming engine's plan, what each analysis cost beyond the scan, and the time of each phase.
   */
  engine?: EngineInfo;
}

/** A joint display as `staffwell mixed joint ... --json` writes it, under the id the study file gives it. */
export interface JointDisplayJson {
  id: string;
  display: StatisticsByThemes | CaseComparison | SideBySide;
}

export interface EngineInfo {
  mode: 'streaming';
  /** Data columns read (of the file's columns). */
  columns_read: number;
  /** The accumulators of the one scan, by kind (shared between analyses where equal). */
  accumulators: string[];
  /** Per analysis: what it costs beyond adding to the scan's accumulators, and the seconds its result took. */
  analyses: { id: string; type: string; cost: string; seconds?: number }[];
  /** Rows read through the coded lane (one-digit codes parsed in WebAssembly); the rest by the JavaScript parser. */
  lane_rows?: number;
  /** Seconds spent planning, scanning (parse + accumulate + merge, on every thread) and making the results. */
  seconds?: { plan: number; scan: number; values: number };
}

export interface InstrumentSummary {
  name: string;
  instrument: string;
  instrument_name: string;
  version: string;
  citation: string;
  scoring: string | null;
  codes: number[] | null;
  /** Item id -> data column. */
  columns: Record<string, string>;
  scales: {
    id: string;
    label: string;
    rule: string;
    /** Present when the study replaced the published rule: the published one. */
    published_rule?: string;
    scoring: string;
    n_items: number;
    n_scored: number;
    n_missing: number;
  }[];
  classifications: {
    id: string;
    label: string;
    of: string;
    /** The scoring method the subscale is computed under for this classification (e.g. "ghq"). */
    scoring: string;
    cutoff: number | null;
    bands: { label: string; count: number }[];
    n_missing: number;
  }[];
  conversions: { id: string; label: string; of: string }[];
}

export interface DescribeResult {
  id: string;
  type: 'describe';
  scores: string[];
  by: string[];
  /** All respondents (suppressed only if the whole sample is smaller than the threshold); null with `by` when `suppression.overall` is false. */
  overall: { n: number | string; suppressed: boolean; scales: Record<string, ScaleSummaryJson> } | null;
  /** One entry per combination of the `by` values; null without `by`. */
  groups: DescribeGroupJson[] | null;
  /**
   * Without `by`, and only where the overall figures are released: per score, its distinct values (ascending) and
   * how many respondents have each (the histogram's data); a score with more than 4,096 distinct values is null.
   * Null with `by`.
   */
  distributions: Record<string, { values: number[]; counts: number[] } | null> | null;
}

export interface ReliabilityResult {
  id: string;
  type: 'reliability';
  instrument: string;
  missing: 'pairwise' | 'listwise';
  scales: ReliabilityJson[];
  warnings: ReliabilityWarning[];
}

export interface NormInfo {
  id: string;
  label: string;
  instrument: string;
  scale: string | null;
  scoring: string;
  threshold: string | null;
  population: string;
  citation: string;
}

export interface PrevalenceComparison {
  norm: NormInfo & {
    percent: number;
    n: number | null;
    cases: number | null;
    cases_derived: boolean;
    /** 95% Wilson interval of the norm's proportion (cases of n), when the norm has an n. */
    ci_wilson: [number, number] | null;
    n_approximate: boolean;
  };
  /** False when the norm's criterion or scoring differs from (or is not known to match) the study's. */
  comparable: boolean;
  caveats: string[];
  /** Exact binomial test of the sample count against the norm proportion (Clopper–Pearson CI). */
  binomial: TestResult;
  /** Present when the norm has its own n: the sample and the norm sample as two groups (sample first). */
  two_sample: {
    table: [[number, number], [number, number]];
    prop_test: TestResult;
    fisher: TestResult;
    risk_difference: TestResult;
    risk_ratio: TestResult;
    odds_ratio: TestResult;
    cohens_h: number;
  } | null;
  /** Cohen's h of the sample proportion against the norm proportion. */
  cohens_h: number;
}

export interface PrevalenceResult {
  id: string;
  type: 'prevalence';
  classification: string;
  level: string;
  cutoff: number | null;
  count: number;
  n: number;
  proportion: number;
  ci_clopper_pearson: [number, number];
  ci_wilson: [number, number];
  comparisons: PrevalenceComparison[];
}

export interface NormMeansResult {
  id: string;
  type: 'norm-means';
  score: string;
  sample: { n: number; mean: number; sd: number };
  comparisons: {
    norm: NormInfo & { mean: number; sd: number | null; n: number | null };
    comparable: boolean;
    caveats: string[];
    one_sample: TestResult;
    welch: TestResult | null;
    cohens_d: { value: number; standardiser: 'norm SD' | 'sample SD' };
  }[];
}

export interface BenchmarkResult {
  id: string;
  type: 'benchmark';
  instrument: string;
  norms: string[];
  by: string[];
  /**
   * Per subscale: the sample mean, the band it falls in, and the norm's bands (their bounds, in the norm's order).
   * `suppressed` (here and per group) as in ScaleSummaryJson: the score's cell is hidden (n and mean NaN, no band).
   */
  scales: { scale: string; norm: string | null; n: number; mean: number; band: string | null; bands: BenchmarkBand[]; suppressed?: ScaleSummaryJson['suppressed'] }[];
  groups:
    | { by: Record<string, string | number | null>; n: number | string; suppressed: boolean; bands: Record<string, { mean: number; band: string | null; suppressed?: ScaleSummaryJson['suppressed'] }> }[]
    | null;
  caveats: string[];
}

/** A percentile band of a benchmark norm: inclusive `min`/`max`, exclusive `above`/`below` (null when open). */
export interface BenchmarkBand {
  label: string;
  min: number | null;
  max: number | null;
  above: number | null;
  below: number | null;
}

export interface CompareGroupsResult {
  id: string;
  type: 'compare-groups';
  score: string;
  by: string;
  test: string;
  /** Every group with respondents, in the level order; a hidden group's n, mean and sd are null. */
  groups: { level: string; n: number | null; mean: number | null; sd: number | null }[];
  /** Groups in the test whose figures are not released (fewer respondents than the threshold, or hidden so that none can be recovered from the total). */
  suppressed: string[];
  result: TestResult | null;
  posthoc: {
    method: string;
    /** A comparison with a hidden group shows no difference, statistic, p or CI (in the adjustment all the same). */
    comparisons: { group1: string; group2: string; difference: number | null; statistic: number | null; p: number | null; ci: [number, number] | null }[];
  } | null;
  notes: string[];
}

export interface CorrelationResult {
  id: string;
  type: 'correlation';
  method: 'pearson' | 'spearman' | 'kendall';
  scores: string[];
  pairs: { x: string; y: string; result: TestResult }[];
}

export interface CoefficientRow {
  term: string;
  estimate: number;
  se: number;
  statistic: number;
  p: number;
  ci: [number, number];
}

export interface RegressionResult {
  id: string;
  type: 'regression';
  outcome: string;
  predictors: string[];
  n: number;
  dropped: number;
  r_squared: number;
  adj_r_squared: number;
  sigma: number;
  /** The overall F test. */
  model: TestResult;
  coefficients: (CoefficientRow & { standardized_beta: number })[];
  factor_levels: Record<string, string[]>;
}

export interface LogisticResult {
  id: string;
  type: 'logistic';
  outcome: string;
  event: string;
  predictors: string[];
  n: number;
  events: number;
  dropped: number;
  deviance: number;
  null_deviance: number;
  df_residual: number;
  df_null: number;
  aic: number;
  iterations: number;
  converged: boolean;
  separation: boolean;
  /** Likelihood-ratio test of the model against the intercept-only model. */
  model: TestResult;
  coefficients: (CoefficientRow & { odds_ratio: number; or_ci: [number, number] })[];
  factor_levels: Record<string, string[]>;
}

export interface CrosstabResult {
  id: string;
  type: 'crosstab';
  rows: { variable: string; levels: string[] };
  cols: { variable: string; levels: string[] };
  /** Counts (rows × cols) of every respondent with both values; null where the release rule hides a cell. */
  counts: (number | null)[][];
  row_totals: (number | null)[];
  col_totals: (number | null)[];
  n: number;
  /** Rows and columns hidden whole, and how many further cells are hidden. */
  suppressed: { rows: string[]; cols: string[]; cells: number };
  test: 'chisq' | 'fisher' | 'mcnemar' | null;
  result: TestResult | null;
  cramers_v: number | null;
  expected_below_5: number | null;
  notes: string[];
}

export interface ProportionResult {
  id: string;
  type: 'proportion';
  variable: string;
  level: string;
  /** One sample: the count of `level` among the classified and the tests against p; several: per group. */
  by: string | null;
  count: number;
  n: number;
  proportion: number;
  /** With `by`: each group's count, n and proportion (suppressed groups left out and listed). */
  groups: { level: string; count: number; n: number; proportion: number }[] | null;
  suppressed: string[];
  /** R's prop.test (one sample against p, or equality of the groups' proportions). */
  prop_test: TestResult | null;
  /** One sample: the exact binomial test (Clopper–Pearson CI) and the Wilson interval. */
  binomial: TestResult | null;
  ci_wilson: [number, number] | null;
  notes: string[];
}

export interface LocationTestResult {
  id: string;
  type: 'one-sample' | 'paired';
  /** one-sample: the score; paired: x and y. */
  variables: string[];
  test: 't' | 'wilcoxon';
  n: number;
  /** one-sample: the sample's mean and SD; paired: those of the differences x − y. */
  mean: number;
  sd: number;
  result: TestResult;
}

export interface GoodnessOfFitResult {
  id: string;
  type: 'goodness-of-fit';
  variable: string;
  levels: { level: string; count: number; expected_p: number; expected: number; residual: number }[];
  n: number;
  result: TestResult;
  notes: string[];
}

export type AnalysisResult =
  | DescribeResult
  | ReliabilityResult
  | PrevalenceResult
  | NormMeansResult
  | BenchmarkResult
  | CompareGroupsResult
  | CorrelationResult
  | RegressionResult
  | LogisticResult
  | CrosstabResult
  | ProportionResult
  | LocationTestResult
  | GoodnessOfFitResult;
