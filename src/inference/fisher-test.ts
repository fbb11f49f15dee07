import gammaln from '@stdlib/math-base-special-gammaln';
import { StaffwellError } from '../errors.ts';
import { checkCountTable, type CountTable } from './contingency-table.ts';
import { fisherTest2x2, type FisherTestOptions } from './fisher-test-2x2.ts';
import type { TestResult } from './test-result.ts';

/** Most nodes (remaining margins × distinct past probabilities) the r×c enumeration visits before giving up. */
export const FISHER_MAX_NODES = 1_000_000;

/**
 * Fisher's exact test of any r×c table of counts, as R's fisher.test: a 2×2 table gets the odds ratio, its
 * interval and the one-sided alternatives ({@link fisherTest2x2}); a larger table the two-sided p-value, the sum
 * of the probabilities (given the margins) of every table no more probable than the observed one (relative
 * tolerance 1e-7, as R). The tables are enumerated column by column over the remaining row margins, merging
 * paths of equal probability and adding or skipping whole subtrees whose bounds decide them (a network algorithm
 * in the spirit of R's FEXACT). A table too large for exact enumeration is an error that says so.
 */
export function fisherTest(table: CountTable, options: FisherTestOptions = {}): TestResult {
  checkCountTable(table);
  for (const row of table) {
    for (const v of row) {
      if (!Number.isInteger(v)) throw new StaffwellError('invalid-option', "Fisher's test needs whole counts", { field: 'table', value: v, hint: 'Give counts of people' });
    }
  }
  // Rows or columns that are all zero do not change the probabilities (R drops them too).
  let t = table.filter((row) => row.some((v) => v > 0)).map((row) => [...row]);
  const keep = t.length ? t[0].map((_, j) => t.some((row) => row[j] > 0)) : [];
  t = t.map((row) => row.filter((_, j) => keep[j]));
  if (t.length === 2 && t[0]?.length === 2) return fisherTest2x2(t, options);
  const n = t.flat().reduce((a, b) => a + b, 0);
  const nr = t.length;
  const nc = nr ? t[0].length : 0;
  const base = { method: "Fisher's Exact Test for Count Data", statistic: NaN, statisticName: '', n, alternative: 'two.sided' as const };
  if (options.alternative && options.alternative !== 'two.sided') {
    throw new StaffwellError('invalid-option', 'a one-sided alternative needs a 2×2 table', { field: 'alternative', value: options.alternative, hint: 'Use "two.sided" for larger tables' });
  }
  if (nr < 2 || nc < 2) return { ...base, p: 1 };
  // Rows: the shorter side (state keys are its remaining margins).
  const m = nr <= nc ? t : t[0].map((_, j) => t.map((row) => row[j]));
  const rows = m.map((row) => row.reduce((a, b) => a + b, 0));
  const cols = m[0].map((_, j) => m.reduce((a, row) => a + row[j], 0)).sort((a, b) => b - a);
  const lf = (k: number): number => gammaln(k + 1);
  const K = rows.reduce((s, r) => s + lf(r), 0) + cols.reduce((s, c) => s + lf(c), 0) - lf(n);
  let lObs = 0;
  for (const row of m) for (const v of row) lObs -= lf(v);
  // A table counts when K + L <= K + lObs + log(1 + 1e-7).
  const limit = lObs + Math.log1p(1e-7);
  const colRest = new Float64Array(cols.length + 1);
  for (let j = cols.length - 1; j >= 0; j--) colRest[j] = colRest[j + 1] + lf(cols[j]);

  const boundCache = new Map<string, { max: number; min: number; total: number }>();
  /** Bounds of the future log weight Σ −log x! over completions from column j with remaining rows r (sorted). */
  const bounds = (r: number[], j: number, key: string): { max: number; min: number; total: number } => {
    let b = boundCache.get(key);
    if (b) return b;
    let max = 0;
    let min = 0;
    for (let c = j; c < cols.length; c++) {
      max += spreadEvenly(r, cols[c]);
      min += concentrate(r, cols[c]);
    }
    const rem = r.reduce((a, v) => a + v, 0);
    const total = lf(rem) - r.reduce((s, v) => s + lf(v), 0) - colRest[j];
    b = { max, min, total };
    boundCache.set(key, b);
    return b;
  };

  let p = 0;
  let nodes = 0;
  // Level by level: state key -> remaining rows and the distinct past log weights with their multiplicities.
  type Paths = Map<number, { L: number; w: number }>;
  let level = new Map<string, { r: number[]; paths: Paths }>();
  level.set(rows.slice().sort((a, b) => a - b).join(','), { r: rows.slice().sort((a, b) => a - b), paths: new Map([[0, { L: 0, w: 1 }]]) });
  const roundKey = (L: number): number => Math.round(L * 1e9);
  for (let j = 0; j < cols.length; j++) {
    const next = new Map<string, { r: number[]; paths: Paths }>();
    for (const [key, state] of level) {
      const b = bounds(state.r, j, `${j}|${key}`);
      const open: { L: number; w: number }[] = [];
      const last = j === cols.length - 1;
      for (const path of state.paths.values()) {
        if (path.L + b.max <= limit) p += path.w * Math.exp(K + path.L + b.total);
        else if (last || path.L + b.min > limit) continue;
        else open.push(path);
      }
      if (!open.length) continue;
      // Every way to fill column j from the remaining rows.
      const r = state.r;
      const x = new Array<number>(r.length).fill(0);
      const suffix = new Array<number>(r.length + 1).fill(0);
      for (let i = r.length - 1; i >= 0; i--) suffix[i] = suffix[i + 1] + r[i];
      const fill = (i: number, left: number, lw: number): void => {
        if (i === r.length - 1) {
          if (left > r[i]) return;
          x[i] = left;
          const nr2 = r.map((v, k) => v - x[k]).sort((a, b2) => a - b2);
          const nk = nr2.join(',');
          let dest = next.get(nk);
          if (!dest) next.set(nk, (dest = { r: nr2, paths: new Map() }));
          const add = lw - lf(left);
          for (const path of open) {
            const L = path.L + add;
            const rk = roundKey(L);
            const e = dest.paths.get(rk);
            if (e) e.w += path.w;
            else {
              dest.paths.set(rk, { L, w: path.w });
              if (++nodes > FISHER_MAX_NODES) tooLarge(nr, nc, n);
            }
          }
          return;
        }
        const lo = Math.max(0, left - suffix[i + 1]);
        const hi = Math.min(r[i], left);
        for (let v = lo; v <= hi; v++) {
          x[i] = v;
          fill(i + 1, left - v, lw - lf(v));
        }
      };
      fill(0, cols[j], 0);
    }
    level = next;
  }
  return { ...base, p: Math.min(1, p) };
}

function tooLarge(nr: number, nc: number, n: number): never {
  throw new StaffwellError('invalid-option', `this ${nr}×${nc} table of ${n} respondents is too large for Fisher's exact test`, {
    field: 'test',
    value: 'fisher',
    hint: 'Use the chi-squared test (test: chisq), or combine sparse levels',
  });
}

/** max Σ −log x_i! with Σ x_i = c, 0 <= x_i <= r_i: the units spread as evenly as the caps allow. */
function spreadEvenly(r: readonly number[], c: number): number {
  // r is sorted ascending: water-filling from the smallest cap.
  let left = c;
  let s = 0;
  for (let i = 0; i < r.length; i++) {
    const share = left / (r.length - i);
    if (r[i] <= share) {
      s -= gammaln(r[i] + 1);
      left -= r[i];
    } else {
      // The rest split as evenly as whole numbers allow over the remaining rows.
      const k = r.length - i;
      const q = Math.floor(left / k);
      const extra = left - q * k;
      s -= extra * gammaln(q + 2) + (k - extra) * gammaln(q + 1);
      return s;
    }
  }
  return s;
}

/** min Σ −log x_i! with Σ x_i = c, 0 <= x_i <= r_i: the units packed into the largest caps. */
function concentrate(r: readonly number[], c: number): number {
  let left = c;
  let s = 0;
  for (let i = r.length - 1; i >= 0 && left > 0; i--) {
    const v = Math.min(r[i], left);
    s -= gammaln(v + 1);
    left -= v;
  }
  return s;
}
