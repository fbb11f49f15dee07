/**
 * What the survey services (score, reliability, describe) share: the keys, how the file is read, the response
 * range and the scan's threads and progress. Plain data, so an HTTP handler can pass what arrives as JSON.
 */
import { StaffwellError } from '../errors.ts';
import type { ReadTableOptions } from '../data/read-table.ts';
import type { AnswerLabels } from '../data/answer-labels.ts';
import type { Keys } from '../psych/keys.ts';

export interface SurveyInput {
  /** Scoring keys in psych's form (`parseKeys` reads a keys file's JSON). */
  keys: Keys;
  /** Text answers of the keyed items -> codes (matched ignoring case and spaces); `source` names the file in errors. */
  labels?: { source: string; map: AnswerLabels };
  /** How the data file is read: missing codes, sheet, delimiter, Qualtrics header rows. */
  read?: ReadTableOptions;
  /** Lowest and highest response code, for reversing items (both or neither; default the observed range, as psych). */
  min?: number;
  max?: number;
  /** Threads for large CSV files (default: all cores). */
  workers?: number;
  /** Bytes read so far of the file's total (CSV). */
  onProgress?: (done: number, total: number) => void;
}

/** The response range as given: both ends or neither, the lower below the upper. */
export function surveyBounds(input: Pick<SurveyInput, 'min' | 'max'>): { min?: number; max?: number } {
  const { min, max } = input;
  if ((min === undefined) !== (max === undefined)) {
    throw new StaffwellError('invalid-option', 'give min and max together', {
      field: min === undefined ? 'min' : 'max',
      hint: 'the response range of the items, e.g. 1 and 5 (without both, the observed range is used, as psych does)',
    });
  }
  if (min !== undefined && max !== undefined && !(min < max)) {
    throw new StaffwellError('invalid-option', 'min must be less than max', { field: 'min', value: `${min} > ${max}`, hint: 'swap the values' });
  }
  return { min, max };
}
