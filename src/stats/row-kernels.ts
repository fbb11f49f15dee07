/**
 * Per-row kernels over the k item columns of one scale, generated once per shape and unrolled over the items.
 *
 * Scales are short (4–10 items) and surveys long, so the natural loop — one pass per item, adding into per-row
 * arrays — spends most of its time loading and storing those arrays (about 6 ns per cell here). A kernel that
 * walks the rows and keeps a row's sums in registers needs one load per cell; written generically it would loop
 * over an array of columns, which V8 does not unroll, so the loop body is generated for the scale's shape (its
 * item count and directions) with `new Function` and cached. The generated code only reads typed arrays and
 * writes the outputs given; sums run in the item order given, so results are bit-for-bit those of the
 * item-by-item loops they replace.
 */

/**
 * For rows i = from .. from + len − 1: S[i] = Σ_pos x + Σ_rev (a − x) over the answered items (pos columns
 * first, then rev, in the order given: psych's `rowMeans(cbind(pos.item, max + min - neg.item), na.rm = TRUE)`
 * order), or with `mean` that sum divided by the number answered (NaN when none); K[i] = the number answered.
 */
export type AnsweredSumKernel = (cols: readonly Float64Array[], from: number, len: number, a: number, S: Float64Array, K: Int32Array) => void;

/**
 * Group sums of the shifted person total: for rows i = from .. from + len − 1 with at least `need` answers,
 * with P = Σ_i s_i (x_i − c) over the answered items (in item order), K = #answered, M = #reversed answered,
 * (u, v) = (P, M) / K are added into acc[g·6 ..] = (n, Σu, Σv, Σu², Σuv, Σv²) of the row's group g = gid[i];
 * mm = [min, max] is widened to every value seen.
 */
export type GroupTotalsKernel = (
  cols: readonly Float64Array[],
  from: number,
  len: number,
  c: number,
  need: number,
  gid: Int32Array,
  acc: Float64Array,
  mm: Float64Array,
) => void;

/**
 * index[r] = Σ_i code_i · (K + 1)^i with code_i = x_i − lo (an integer in 0..K−1) or K when missing. Returns
 * −1, or the first r whose row has a present value that is not a code (index is then partly written).
 */
export type PatternIndexKernel = (cols: readonly Float64Array[], from: number, len: number, lo: number, K: number, index: Int32Array) => number;

const cache = new Map<string, unknown>();

/** The function `name(params) { body }`, compiled once per key. */
function generated<T>(key: string, name: string, params: string[], body: string): T {
  let f = cache.get(key) as T | undefined;
  if (!f) {
    // Named, so that CPU profiles tell the kernels apart.
    f = new Function(`return function ${name}(${params.join(', ')}) {${body}\n};`)() as T;
    cache.set(key, f);
  }
  return f;
}

function columnLocals(k: number): string {
  return Array.from({ length: k }, (_, i) => `const x${i} = cols[${i}];`).join('\n');
}

export function answeredSumKernel(nPos: number, nRev: number, mean = false): AnsweredSumKernel {
  const k = nPos + nRev;
  const cells = Array.from({ length: k }, (_, i) =>
    i < nPos ? `v = x${i}[i]; if (v === v) { s += v; n++; }` : `v = x${i}[i]; if (v === v) { s += a - v; n++; }`,
  ).join('\n    ');
  return generated(`sum:${nPos}:${nRev}:${mean}`, mean ? 'answeredMean' : 'answeredSum', ['cols', 'from', 'len', 'a', 'S', 'K'], `
  ${columnLocals(k)}
  const end = from + len;
  for (let i = from; i < end; i++) {
    let s = 0, n = 0, v;
    ${cells}
    S[i] = ${mean ? 'n > 0 ? s / n : NaN' : 's'};
    K[i] = n;
  }`);
}

export function groupTotalsKernel(signs: ArrayLike<number>): GroupTotalsKernel {
  const k = signs.length;
  const key = Array.from(signs, (s) => (s < 0 ? '-' : '+')).join('');
  const cells = Array.from({ length: k }, (_, i) => {
    const add = signs[i] < 0 ? 'p -= v - c; m++;' : 'p += v - c;';
    return `v = x${i}[i]; if (v === v) { if (v < lo) lo = v; if (v > hi) hi = v; n++; ${add} }`;
  }).join('\n    ');
  return generated(`grp:${key}`, 'groupTotals', ['cols', 'from', 'len', 'c', 'need', 'gid', 'acc', 'mm'], `
  ${columnLocals(k)}
  let lo = mm[0], hi = mm[1];
  const end = from + len;
  for (let i = from; i < end; i++) {
    let p = 0, n = 0, m = 0, v;
    ${cells}
    if (n >= need) {
      const u = p / n, w = m / n, o = gid[i] * 6;
      acc[o] += 1;
      acc[o + 1] += u;
      acc[o + 2] += w;
      acc[o + 3] += u * u;
      acc[o + 4] += u * w;
      acc[o + 5] += w * w;
    }
  }
  mm[0] = lo;
  mm[1] = hi;`);
}

export function patternIndexKernel(k: number): PatternIndexKernel {
  const muls = Array.from({ length: k }, (_, i) => `const m${i} = ${i === 0 ? '1' : `m${i - 1} * B`}, q${i} = K * m${i};`).join('\n  ');
  // (c >>> 0) === c rejects negatives and fractions; c < K the codes above the range.
  const cells = Array.from(
    { length: k },
    (_, i) => `v = x${i}[i]; if (v === v) { c = v - lo; if ((c >>> 0) !== c || c >= K) return r; idx += c * m${i}; } else idx += q${i};`,
  ).join('\n    ');
  return generated(`pat:${k}`, 'patternIndex', ['cols', 'from', 'len', 'lo', 'K', 'index'], `
  ${columnLocals(k)}
  const B = K + 1;
  ${muls}
  for (let r = 0; r < len; r++) {
    const i = from + r;
    let idx = 0, v, c;
    ${cells}
    index[r] = idx;
  }
  return -1;`);
}
