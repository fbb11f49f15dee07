/**
 * Answer values of one item that look like missing-value codes left undeclared, at either end of its distinct
 * values:
 * - at the top, a run of values written like codes (9, 99, 999, 98, 97, 88, 77, ...) beyond the other answers by
 *   at least their range (and at least 2): 9 on a 1–5 or 0–3 item, 98 and 99 on any Likert item;
 * - at the bottom, a run of negative values written like codes (-1, -9, -99, ...) below answers that are all 0 or
 *   more, or of other code-like values beyond them as at the top;
 * - at either end, a single value beyond the others by three times their range (and at least 3): 55 on a 1–5 item.
 * Pure; `values` ascending and distinct, `counts` beside them. Meant for item answers (Likert codes), not measured
 * variables such as age. A −1 to 1 item would have its −1 warned about: such items are rare, and the warning only
 * asks the user to check.
 */
export function implausibleValues(values: readonly number[], counts: readonly number[]): { value: number; count: number }[] {
  const out: { value: number; count: number }[] = [];
  const code = (v: number) => Number.isInteger(v) && /^-?(9+|8+|7+|9[0-8]|99[0-8]|1)$/.test(String(v)) && (v < 0 || v >= 7);
  let lo = 0;
  let hi = values.length - 1;
  const take = (from: number, to: number) => {
    for (let k = from; k <= to; k++) out.push({ value: values[k], count: counts[k] });
  };
  // the top: a run of code-like values clear of the rest
  let j = hi;
  while (j > lo && code(values[j])) j--;
  if (j < hi && values[j + 1] - values[j] >= Math.max(2, values[j] - values[lo])) {
    take(j + 1, hi);
    hi = j;
  }
  // the bottom: code-like negatives below answers of 0 or more, or code-like values clear of the rest
  j = lo;
  while (j < hi && code(values[j])) j++;
  if (j > lo && ((values[j - 1] < 0 && values[j] >= 0) || values[j] - values[j - 1] >= Math.max(2, values[hi] - values[j]))) {
    take(lo, j - 1);
    lo = j;
  }
  // a single value far beyond the others, at either end
  while (hi > lo && values[hi] - values[hi - 1] >= 3 * Math.max(1, values[hi - 1] - values[lo])) {
    take(hi, hi);
    hi--;
  }
  while (hi > lo && values[lo + 1] - values[lo] >= 3 * Math.max(1, values[hi] - values[lo + 1])) {
    take(lo, lo);
    lo++;
  }
  return out.sort((a, b) => a.value - b.value);
}
