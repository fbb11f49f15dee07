/**
 * The generated per-row kernels against the plain item-by-item loops they replace: the same bits, in the same
 * order of additions.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { answeredSumKernel, groupTotalsKernel, patternIndexKernel } from '../../src/stats/row-kernels.ts';

const N = 500;
function columns(k: number, seed: number, values = [1, 2, 3, 4, 5, 2.5, -1, 1e6]): Float64Array[] {
  let s = seed;
  const u = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  return Array.from({ length: k }, () => Float64Array.from({ length: N }, () => (u() < 0.1 ? NaN : values[Math.floor(u() * values.length)])));
}

test('answeredSumKernel: positive items then a − x for the reversed ones, over the answered items', () => {
  for (const [nPos, nRev] of [[3, 0], [2, 2], [0, 4], [5, 3]]) {
    const cols = columns(nPos + nRev, nPos * 7 + nRev);
    const S = new Float64Array(N);
    const K = new Int32Array(N);
    answeredSumKernel(nPos, nRev)(cols, 10, N - 10, 6, S, K);
    const Mean = new Float64Array(N);
    answeredSumKernel(nPos, nRev, true)(cols, 10, N - 10, 6, Mean, K);
    for (let r = 0; r < N - 10; r++) {
      let s = 0;
      let n = 0;
      cols.forEach((x, i) => {
        const v = x[10 + r];
        if (v === v) {
          s += i < nPos ? v : 6 - v;
          n++;
        }
      });
      assert.equal(S[10 + r], s, `row ${r}: sum`);
      assert.equal(Mean[10 + r], n > 0 ? s / n : NaN, `row ${r}: mean`);
      assert.equal(K[10 + r], n, `row ${r}: answered`);
    }
  }
});

test('groupTotalsKernel: signed shifted sums per row into its group, extremes over every value', () => {
  const signs = Int8Array.of(1, -1, 1, -1, -1);
  const cols = columns(5, 3);
  const gid = Int32Array.from({ length: N }, (_, r) => (r * 7) % 3);
  for (const need of [1, 4]) {
    const acc = new Float64Array(3 * 6);
    const mm = Float64Array.of(Infinity, -Infinity);
    groupTotalsKernel(signs)(cols, 5, N - 5, 2, need, gid, acc, mm);
    const want = new Float64Array(3 * 6);
    let lo = Infinity;
    let hi = -Infinity;
    for (let r = 5; r < N; r++) {
      let p = 0;
      let n = 0;
      let m = 0;
      cols.forEach((x, i) => {
        const v = x[r];
        if (v !== v) return;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
        n++;
        if (signs[i] < 0) {
          p -= v - 2;
          m++;
        } else p += v - 2;
      });
      if (n < need) continue;
      const u = p / n;
      const w = m / n;
      const o = gid[r] * 6;
      want[o] += 1;
      want[o + 1] += u;
      want[o + 2] += w;
      want[o + 3] += u * u;
      want[o + 4] += u * w;
      want[o + 5] += w * w;
    }
    assert.deepEqual([...acc], [...want], `need ${need}`);
    assert.deepEqual([...mm], [lo, hi]);
  }
});

test('patternIndexKernel: mixed-radix index of the codes, and the first row with a value that is not a code', () => {
  const cols = columns(4, 5, [1, 2, 3, 4, 5]);
  const index = new Int32Array(N);
  assert.equal(patternIndexKernel(4)(cols, 0, N, 1, 5, index), -1);
  for (let r = 0; r < N; r++) {
    let want = 0;
    let mul = 1;
    for (const x of cols) {
      want += (x[r] === x[r] ? x[r] - 1 : 5) * mul;
      mul *= 6;
    }
    assert.equal(index[r], want);
  }
  for (const bad of [2.5, 0, 6, -1]) {
    const c = cols.map((x) => x.slice());
    c[2][123] = bad;
    assert.equal(patternIndexKernel(4)(c, 0, N, 1, 5, index), 123, `value ${bad}`);
    assert.equal(patternIndexKernel(4)(c, 100, N - 100, 1, 5, index), 23, `value ${bad}, from row 100`);
  }
});
