/**
 * Result objects of the psych area with the exact JSON field names of the CLI contract. NaN stands for R's
 * NA/NaN (the printer decides how to show it; JSON.stringify writes null).
 */

export interface ItemStatJson {
  item: string;
  reversed: boolean;
  /** Answers to the item (psych `n`, colSums(!is.na(x))). */
  n: number;
  /** cor(total, item) pairwise, total = mean of answered items (item included). */
  raw_r: number;
  std_r: number;
  /** Item–whole r corrected for overlap with SMC. */
  r_cor: number;
  /** Item–rest r (from the pairwise covariance matrix). */
  r_drop: number;
  /** Item mean after reversal (psych flips with the observed min + max of the scale's items). */
  mean: number;
  sd: number;
  alpha_if_dropped: number;
}

export interface ReliabilityJson {
  name: string;
  items: string[];
  reversed: string[];
  n_items: number;
  /** Rows that answered every item of the scale. */
  n_complete: number;
  raw_alpha: number;
  std_alpha: number;
  g6: number;
  average_r: number;
  median_r: number;
  signal_noise: number;
  ase: number;
  mean: number;
  sd: number;
  alpha_ci_feldt: [number, number];
  alpha_ci_duhachek: [number, number];
  scoreitems_alpha: number;
  item_stats: ItemStatJson[];
  /**
   * How often each value was given to each item (as coded in the data, before reversal), over the rows alpha
   * used: psych's `response.freq` as counts. `counts[i][j]` is item i's count of `values[j]`. Null when the
   * items take more than 10 distinct values (psych's `max`: not a response scale).
   */
  responses: { values: number[]; counts: number[][] } | null;
}

export interface ReliabilityWarning {
  scale: string;
  item: string;
  /** Every item the warning is about, when it is about more than one (`item` is the first). */
  items?: string[];
  message: string;
}

export interface ScaleSummaryJson {
  /** Respondents with the score (NaN, JSON null, when the cell is suppressed). */
  n: number;
  mean: number;
  sd: number;
  se: number;
  ci: [number, number];
  /**
   * Set when this score's cell is hidden although its group is released (then n, mean, sd, se and ci are NaN):
   * 'primary' when fewer than the threshold (but not 0) respondents have the score, 'complementary' when it is
   * hidden so that such a cell cannot be worked out from a released total. Absent for a released cell.
   */
  suppressed?: 'primary' | 'complementary';
}

export interface DescribeGroupJson {
  /** Grouping column → value (null = missing). */
  by: Record<string, string | number | null>;
  /** Respondents in the group; a suppressed group shows "<10" (primary) or "suppressed" (complementary). */
  n: number | string;
  suppressed: boolean;
  /** Per scale summary; empty for a suppressed group. */
  scales: Record<string, ScaleSummaryJson>;
}

export interface DescribeJson {
  groups: DescribeGroupJson[];
}
