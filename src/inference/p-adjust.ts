import { StaffwellError } from '../errors.ts';

export type PAdjustMethod = 'holm' | 'bonferroni' | 'hochberg' | 'BH' | 'BY' | 'none';

const METHODS: readonly PAdjustMethod[] = ['holm', 'bonferroni', 'hochberg', 'BH', 'BY', 'none'];

/**
 * Adjusts p-values for multiple comparisons as R's p.adjust(p, method): Holm (default), Bonferroni, Hochberg,
 * Benjamini–Hochberg (BH, "fdr"), Benjamini–Yekutieli (BY). NaN entries stay NaN and are not counted.
 */
export function pAdjust(p: readonly number[] | Float64Array, method: PAdjustMethod = 'holm'): Float64Array {
  if (!(METHODS as readonly string[]).includes(method)) {
    throw new StaffwellError('invalid-option', 'unknown p-value adjustment method', {
      field: 'method',
      value: method,
      hint: `Use one of ${METHODS.join(', ')}`,
    });
  }
  const out = new Float64Array(p.length).fill(NaN);
  const idx: number[] = [];
  for (let i = 0; i < p.length; i++) if (!Number.isNaN(p[i])) idx.push(i);
  const n = idx.length;
  if (n === 0) return out;
  const pv = idx.map((i) => p[i]);
  let adj: number[];
  if (method === 'none') adj = pv;
  else if (method === 'bonferroni') adj = pv.map((v) => Math.min(1, n * v));
  else if (method === 'holm') {
    const o = order(pv, false);
    adj = new Array<number>(n);
    let cm = -Infinity;
    for (let r = 0; r < n; r++) {
      cm = Math.max(cm, (n - r) * pv[o[r]]);
      adj[o[r]] = Math.min(1, cm);
    }
  } else {
    // hochberg, BH, BY: cumulative minimum from the largest p down
    const o = order(pv, true);
    const q = method === 'BY' ? harmonic(n) : 1;
    adj = new Array<number>(n);
    let cm = Infinity;
    for (let r = 0; r < n; r++) {
      const i = n - r; // rank of o[r] counted from the smallest
      const f = method === 'hochberg' ? n - i + 1 : (q * n) / i;
      cm = Math.min(cm, f * pv[o[r]]);
      adj[o[r]] = Math.min(1, cm);
    }
  }
  idx.forEach((i, k) => (out[i] = adj[k]));
  return out;
}

/** Stable order (as R's order with ties kept in input order). */
function order(v: number[], decreasing: boolean): number[] {
  const o = v.map((_, i) => i);
  o.sort((a, b) => (decreasing ? v[b] - v[a] : v[a] - v[b]) || a - b);
  return o;
}

function harmonic(n: number): number {
  let s = 0;
  for (let i = 1; i <= n; i++) s += 1 / i;
  return s;
}
