import { StaffwellError } from '../errors.ts';
import type { NumericInput } from './test-result.ts';

/**
 * Group labels: text labels (null, undefined or '' = missing) or integer codes (negative = missing, as a
 * Table's TextColumn codes).
 */
export type GroupInput = readonly (string | null | undefined)[] | Int32Array;

export interface GroupOptions {
  /**
   * Level order. Text labels default to sorted order (by code point, which is R's sort() for labels of one
   * letter case; give `levels` to fix another order). For integer codes, `levels[code]` names a code
   * (a TextColumn's dictionary) and levels come in code order.
   */
  levels?: readonly string[];
}

export interface Grouped {
  /** Levels that have at least one non-missing value, in level order (R's factor() drops unused levels). */
  levels: string[];
  /** Non-missing values per level. */
  values: Float64Array[];
}

/** Splits `y` by group, dropping rows whose value or label is missing and levels left empty. */
export function splitByGroup(y: NumericInput, g: GroupInput, options: GroupOptions = {}): Grouped {
  if (g.length !== y.length) {
    throw new StaffwellError('invalid-option', 'the group labels and the values have different lengths', {
      field: 'groups',
      value: `${g.length} labels, ${y.length} values`,
      hint: 'Give one group label per value',
    });
  }
  const codes = new Int32Array(y.length);
  let names: string[];
  if (g instanceof Int32Array) {
    let max = -1;
    for (let i = 0; i < g.length; i++) if (g[i] > max) max = g[i];
    names = [];
    for (let c = 0; c <= max; c++) names.push(options.levels?.[c] ?? String(c));
    codes.set(g);
  } else {
    const seen = new Set<string>();
    for (const s of g) if (s !== null && s !== undefined && s !== '') seen.add(s);
    if (options.levels) {
      for (const s of seen) {
        if (!options.levels.includes(s)) {
          throw new StaffwellError('invalid-option', 'a group label is not among the given levels', {
            field: 'levels',
            value: s,
            hint: 'List every group label in levels',
          });
        }
      }
      names = [...options.levels];
    } else {
      names = [...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    }
    const index = new Map(names.map((s, i) => [s, i]));
    for (let i = 0; i < g.length; i++) {
      const s = g[i];
      codes[i] = s === null || s === undefined || s === '' ? -1 : (index.get(s) as number);
    }
  }
  const counts = new Int32Array(names.length);
  for (let i = 0; i < y.length; i++) if (codes[i] >= 0 && !Number.isNaN(y[i])) counts[codes[i]]++;
  const buckets = names.map((_, c) => new Float64Array(counts[c]));
  const fill = new Int32Array(names.length);
  for (let i = 0; i < y.length; i++) {
    const c = codes[i];
    if (c >= 0 && !Number.isNaN(y[i])) buckets[c][fill[c]++] = y[i];
  }
  const levels: string[] = [];
  const values: Float64Array[] = [];
  for (let c = 0; c < names.length; c++) {
    if (counts[c] > 0) {
      levels.push(names[c]);
      values.push(buckets[c]);
    }
  }
  return { levels, values };
}
