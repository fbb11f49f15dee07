import { reliabilityValue } from '../psych/reliability-value.ts';
import type { ReliabilityJson, ReliabilityWarning } from '../psych/results.ts';
import { scanSurvey, surveyColumns } from '../survey/scan-survey.ts';
import { surveyBounds, type SurveyInput } from './survey-input.ts';

export interface SurveyReliabilityOptions extends SurveyInput {
  /** pairwise (psych's default) or listwise (alpha on complete rows, as jamovi). */
  missing?: 'pairwise' | 'listwise';
  /** Imputation for scoreItems' alpha: median (psych's default), mean or none. */
  impute?: 'median' | 'mean' | 'none';
  /** Correlation matrix of std_alpha: cov2cor (psych 2.2.9) or pairwise (psych 2.5). */
  correlation?: 'cov2cor' | 'pairwise';
}

/** What `staffwell reliability --json` prints. */
export interface SurveyReliabilityResult {
  scales: ReliabilityJson[];
  warnings: ReliabilityWarning[];
}

/** Reliability of each scale of the keys, as psych::alpha and scoreItems' alpha, in one pass over the file. */
export async function surveyReliability(data: string, options: SurveyReliabilityOptions): Promise<SurveyReliabilityResult> {
  const { keys, labels, read = {} } = options;
  const bounds = surveyBounds(options);
  const { columns, types } = await surveyColumns(data, keys, { labels: !!labels }, read);
  const state = await scanSurvey(
    data,
    {
      keys,
      labels,
      reliability: { missing: options.missing ?? 'pairwise', impute: options.impute ?? 'median', correlation: options.correlation ?? 'cov2cor', ...bounds },
    },
    { read: { ...read, columns, types }, workers: options.workers, onProgress: options.onProgress },
  );
  const value = reliabilityValue(state.reliability!, keys.source);
  return { scales: value.scales, warnings: value.warnings };
}
