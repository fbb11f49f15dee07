/**
 * Value histogram of one variable as a mergeable accumulator, giving the *exact* median in a single pass for
 * discrete data (R's `median(x, na.rm = TRUE)`: the middle value, or the mean of the two middle values).
 *
 * Integers in [−256, 768) are counted in a dense array (the common case: Likert codes); other values in a Map.
 * If more than `maxDistinct` (default 100,000) distinct values are seen the accumulator gives up (`overflow`)
 * and the median is NaN: continuous data need a second pass (or a sort in memory) for an exact median.
 */
const LO = -256;
const DENSE = 1024;

export interface ValueCountsState {
  readonly dense: Float64Array;
  readonly sparse: Map<number, number>;
  maxDistinct: number;
  overflow: boolean;
}

export function valueCountsInit(maxDistinct = 100_000): ValueCountsState {
  return { dense: new Float64Array(DENSE), sparse: new Map(), maxDistinct, overflow: false };
}

/** Adds the present values of x[from, to) (mask[r] === 0 excludes row r). */
export function valueCountsAdd(st: ValueCountsState, x: Float64Array, from = 0, to = x.length, mask?: Uint8Array): void {
  const dense = st.dense;
  for (let r = from; r < to; r++) {
    const a = x[r];
    if (a !== a) continue;
    if (mask !== undefined && mask[r] === 0) continue;
    const k = a - LO;
    if (k >= 0 && k < DENSE && Math.floor(k) === k) dense[k]++;
    else addSparse(st, a);
  }
}

/** Adds one value `w` times (the response-pattern fold). */
export function valueCountsAddWeighted(st: ValueCountsState, a: number, w: number): void {
  const k = a - LO;
  if (k >= 0 && k < DENSE && Math.floor(k) === k) st.dense[k] += w;
  else addSparse(st, a, w);
}

function addSparse(st: ValueCountsState, a: number, w = 1): void {
  if (st.overflow) return;
  st.sparse.set(a, (st.sparse.get(a) ?? 0) + w);
  if (st.sparse.size > st.maxDistinct) {
    st.overflow = true;
    st.sparse.clear();
  }
}

export function valueCountsMerge(into: ValueCountsState, from: ValueCountsState): void {
  for (let k = 0; k < DENSE; k++) into.dense[k] += from.dense[k];
  if (from.overflow) into.overflow = true;
  if (into.overflow) {
    into.sparse.clear();
    return;
  }
  for (const [v, c] of from.sparse) into.sparse.set(v, (into.sparse.get(v) ?? 0) + c);
  if (into.sparse.size > into.maxDistinct) {
    into.overflow = true;
    into.sparse.clear();
  }
}

/** Sorted distinct values and their counts. */
export function valueCountsTable(st: ValueCountsState): { values: number[]; counts: number[] } {
  const pairs: [number, number][] = [];
  for (let k = 0; k < DENSE; k++) if (st.dense[k] > 0) pairs.push([k + LO, st.dense[k]]);
  for (const [v, c] of st.sparse) pairs.push([v === 0 ? 0 : v, c]);
  pairs.sort((a, b) => a[0] - b[0]);
  return { values: pairs.map((p) => p[0]), counts: pairs.map((p) => p[1]) };
}

/** Exact median (mean of the two middle values for an even count); NaN if empty or overflowed. */
export function valueCountsMedian(st: ValueCountsState): number {
  if (st.overflow) return NaN;
  return countsMedian(valueCountsTable(st));
}

/** The exact median of a table of sorted distinct values and their counts (as R's median of the values). */
export function countsMedian({ values, counts }: { readonly values: readonly number[]; readonly counts: readonly number[] }): number {
  let n = 0;
  for (const c of counts) n += c;
  if (n === 0) return NaN;
  const lo = Math.floor((n + 1) / 2); // 1-based rank of the lower middle
  const hi = Math.floor(n / 2) + 1; // 1-based rank of the upper middle (== lo when n is odd)
  let cum = 0;
  let vlo = NaN;
  let vhi = NaN;
  for (let i = 0; i < values.length; i++) {
    cum += counts[i];
    if (Number.isNaN(vlo) && cum >= lo) vlo = values[i];
    if (cum >= hi) {
      vhi = values[i];
      break;
    }
  }
  return n % 2 === 1 ? vlo : (vlo + vhi) / 2;
}
