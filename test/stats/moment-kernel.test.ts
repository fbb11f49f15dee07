import { test } from 'node:test';
import assert from 'node:assert/strict';
import { momentKernel } from '../../src/stats/moment-kernel.ts';
import { blockLength } from '../../src/stats/moment-block.ts';

/** The loop the kernel replaces (block in memory, rows in order). */
function byLoop(Z: Float64Array, stride: number, from: number, len: number, w: Float64Array | null, d: number, block: Float64Array): void {
  for (let r = from; r < from + len; r++) {
    const wr = w ? w[r] : 1;
    block[0] += wr;
    let q = 1 + d;
    for (let a = 0; a < d; a++) {
      const wa = w ? wr * Z[a * stride + r] : Z[a * stride + r];
      block[1 + a] += wa;
      for (let b = a; b < d; b++) block[q++] += wa * Z[b * stride + r];
    }
  }
}

test('momentKernel adds rows into a moment block bit-for-bit as the loop over the block does (d = 1..9, weighted or not, from an offset, into a block already holding sums)', () => {
  let seed = 5;
  const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  for (let d = 1; d <= 9; d++) {
    for (const weighted of [false, true]) {
      const stride = 300;
      const Z = Float64Array.from({ length: d * stride }, () => (rnd() - 0.3) * 7.1);
      const w = weighted ? Float64Array.from({ length: stride }, () => rnd() * 0.25) : null;
      const B = blockLength(d);
      const start = Float64Array.from({ length: B }, () => rnd());
      const want = start.slice();
      byLoop(Z, stride, 17, 250, w, d, want);
      const got = new Float64Array(B + 3);
      got.set(start, 3);
      momentKernel(d, weighted)(Z, stride, 17, 250, w, got, 3);
      assert.deepEqual([...got.subarray(3)], [...want], `d = ${d}, weighted = ${weighted}`);
    }
  }
});
