/**
 * The co-moment kernel: adds rows of d columns (optionally weighted) into a moment block (moment-block.ts layout:
 * [Σw, Σw·z_a, Σw·z_a·z_b for a ≤ b]). Linear regression's cross-products per cell and each IRLS step of the
 * logistic regression go through it.
 *
 * Written generically the loop keeps the block in memory (one load and one store per sum and row: d = 8 makes 45
 * of each); the kernel is generated once per (d, weighted) with `new Function`, unrolled, so that the row's
 * values and all the sums live in locals, and the block is read and written once per call. Each sum adds its
 * terms in row order with the expressions of the loop it replaced (w·z_a first, then times z_b), so results are
 * bit-for-bit the same.
 */

/**
 * For rows r = from .. from + len − 1 of the columns Z[a·stride + r] (a < d), with weights w[r] (or 1 each when
 * `w` is null): adds into `block` at `o`.
 */
export type MomentKernel = (Z: Float64Array, stride: number, from: number, len: number, w: Float64Array | null, block: Float64Array, o: number) => void;

const cache = new Map<string, MomentKernel>();

export function momentKernel(d: number, weighted: boolean): MomentKernel {
  const key = `${d}:${weighted}`;
  let f = cache.get(key);
  if (f) return f;
  const S = (a: number) => `s${a}`;
  const C = (a: number, b: number) => `c${a}_${b}`;
  const pairs: [number, number][] = [];
  for (let a = 0; a < d; a++) for (let b = a; b < d; b++) pairs.push([a, b]);
  const lines: string[] = [];
  // locals from the block
  lines.push('let n = block[o];');
  for (let a = 0; a < d; a++) lines.push(`let ${S(a)} = block[o + ${1 + a}];`);
  pairs.forEach(([a, b], k) => lines.push(`let ${C(a, b)} = block[o + ${1 + d + k}];`));
  lines.push('const end = from + len;');
  lines.push('for (let r = from; r < end; r++) {');
  for (let a = 0; a < d; a++) lines.push(`  const z${a} = Z[${a === 0 ? '' : `${a} * stride + `}r];`);
  if (weighted) {
    lines.push('  const w = W[r];');
    lines.push('  n += w;');
    for (let a = 0; a < d; a++) {
      lines.push(`  const w${a} = w * z${a};`);
      lines.push(`  ${S(a)} += w${a};`);
      for (let b = a; b < d; b++) lines.push(`  ${C(a, b)} += w${a} * z${b};`);
    }
  } else {
    lines.push('  n++;');
    for (let a = 0; a < d; a++) {
      lines.push(`  ${S(a)} += z${a};`);
      for (let b = a; b < d; b++) lines.push(`  ${C(a, b)} += z${a} * z${b};`);
    }
  }
  lines.push('}');
  lines.push('block[o] = n;');
  for (let a = 0; a < d; a++) lines.push(`block[o + ${1 + a}] = ${S(a)};`);
  pairs.forEach(([a, b], k) => lines.push(`block[o + ${1 + d + k}] = ${C(a, b)};`));
  // named, so that CPU profiles tell the kernels apart
  f = new Function(`return function momentKernel${d}${weighted ? 'w' : ''}(Z, stride, from, len, W, block, o) {\n${lines.join('\n')}\n};`)() as MomentKernel;
  cache.set(key, f);
  return f;
}
