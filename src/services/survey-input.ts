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

/** How the bounds are named in an error: the library's option names, or the CLI's flags (which exit 2). */
export interface BoundNames {
  min: string;
  max: string;
  example: string;
  code: 'invalid-option' | 'usage';
}

const OPTION_NAMES: BoundNames = { min: 'min', max: 'max', example: '1 and 5', code: 'invalid-option' };

/** The response range as given: both ends or neither (a single bound would silently mix a given and an observed end of the scale), the lower below the upper. */
export function surveyBounds(input: Pick<SurveyInput, 'min' | 'max'>, names: BoundNames = OPTION_NAMES): { min?: number; max?: number } {
  const { min, max } = input;
  if ((min === undefined) !== (max === undefined)) {
    throw new StaffwellError(names.code, `give ${names.min} and ${names.max} together`, {
      field: min === undefined ? names.min : names.max,
      hint: `the response range of the items, e.g. ${names.example} (without both, the observed range is used, as psych does)`,
    });
  }
  if (min !== undefined && max !== undefined && !(min < max)) {
    throw new StaffwellError(names.code, `${names.min} must be less than ${names.max}`, { field: names.min, value: `${min} > ${max}`, hint: 'swap the values' });
  }
  return { min, max };
}
