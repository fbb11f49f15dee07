/**
 * A dictionary of distinct numbers (by their exact 64-bit pattern; −0 is taken as 0) in typed arrays: `code(x)` gives
 * each distinct value a small integer in order of first appearance, in a few nanoseconds, so that per-row data can
 * be kept as codes (one or two bytes) with the values in a table. Gives −1 once more than `limit` values are
 * distinct (the caller then keeps values instead). NaN is never coded (the caller skips missing values).
 */
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

export interface ValueIndex {
  /** Distinct values, by code. */
  readonly values: number[];
  readonly limit: number;
  lo: Uint32Array;
  hi: Uint32Array;
  slot: Int32Array;
  mask: number;
}

export function valueIndexInit(limit = 65535): ValueIndex {
  const size = 64;
  return { values: [], limit, lo: new Uint32Array(size), hi: new Uint32Array(size), slot: new Int32Array(size).fill(-1), mask: size - 1 };
}

/** The code of x (assigned if new), or −1 when the index is full. */
export function valueCode(ix: ValueIndex, x: number): number {
  f64[0] = x === 0 ? 0 : x;
  const lo = u32[0];
  const hi = u32[1];
  let h = (Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b) >>> 7) & ix.mask;
  for (;;) {
    const c = ix.slot[h];
    if (c < 0) break;
    if (ix.lo[h] === lo && ix.hi[h] === hi) return c;
    h = (h + 1) & ix.mask;
  }
  const code = ix.values.length;
  if (code >= ix.limit) return -1;
  ix.values.push(f64[0]);
  ix.lo[h] = lo;
  ix.hi[h] = hi;
  ix.slot[h] = code;
  if (2 * ix.values.length > ix.mask) grow(ix);
  return code;
}

function grow(ix: ValueIndex): void {
  const size = (ix.mask + 1) * 2;
  ix.lo = new Uint32Array(size);
  ix.hi = new Uint32Array(size);
  ix.slot = new Int32Array(size).fill(-1);
  ix.mask = size - 1;
  const values = ix.values.splice(0);
  for (const v of values) valueCode(ix, v);
}
