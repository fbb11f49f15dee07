/**
 * Average ranks (R's rank(ties.method = "average")) of finite values, and the tie sum Σ(t³ − t) over groups of
 * tied values used by the tie corrections of the Wilcoxon and Kruskal–Wallis tests.
 */
export function averageRanks(x: ArrayLike<number>): { ranks: Float64Array; tieSum: number; hasTies: boolean } {
  const n = x.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => x[a] - x[b]);
  const ranks = new Float64Array(n);
  let tieSum = 0;
  let i = 0;
  while (i < n) {
    let j = i + 1;
    while (j < n && x[order[j]] === x[order[i]]) j++;
    const r = (i + 1 + j) / 2; // mean of ranks i+1 .. j
    for (let k = i; k < j; k++) ranks[order[k]] = r;
    const t = j - i;
    tieSum += t * t * t - t;
    i = j;
  }
  return { ranks, tieSum, hasTies: tieSum > 0 };
}
