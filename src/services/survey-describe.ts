import { StaffwellError } from '../errors.ts';
import { describeValue } from '../psych/describe.ts';
import type { DescribeJson } from '../psych/results.ts';
import type { MinAnswered } from '../psych/score.ts';
import { scanSurvey, surveyColumns } from '../survey/scan-survey.ts';
import { surveyBounds, type SurveyInput } from './survey-input.ts';

export interface SurveyDescribeOptions extends SurveyInput {
  /** Grouping column(s). */
  by: readonly string[];
  /** Groups smaller than this are suppressed (default 10; 1 turns suppression off). */
  minGroupSize?: number;
  /** Leave a score missing when fewer items were answered (`parseMinAnswered` reads "3", "0.5", "50%"). */
  minAnswered?: MinAnswered;
}

/** Scale scores (mean of the answered items) summarised per group, small groups suppressed. One pass over the file. */
export async function surveyDescribe(data: string, options: SurveyDescribeOptions): Promise<DescribeJson> {
  const { keys, labels, read = {}, by } = options;
  const bounds = surveyBounds(options);
  const minGroupSize = options.minGroupSize ?? 10;
  if (!Number.isInteger(minGroupSize) || minGroupSize < 1) {
    throw new StaffwellError('invalid-option', 'expected a whole number of respondents, 1 or more', {
      field: 'minGroupSize',
      value: String(minGroupSize),
      hint: 'e.g. 10 (1 turns suppression off)',
    });
  }
  const { columns, types } = await surveyColumns(data, keys, { by, labels: !!labels }, read);
  const state = await scanSurvey(
    data,
    { keys, labels, describe: { by, minGroupSize, minAnswered: options.minAnswered, ...bounds } },
    { read: { ...read, columns, types }, workers: options.workers, onProgress: options.onProgress },
  );
  return describeValue(state.describe!);
}
