/**
 * Disclosure control as a rule about what is released (not a filter on the data): a released cell (a group's n,
 * its figures, a table cell) that describes fewer than `threshold` respondents is hidden. Only when a total is
 * released as well, so that the hidden cells could be recovered by subtraction, are further cells hidden
 * (complementary suppression), the smallest first, until the hidden cells together hold at least `threshold`
 * respondents. Empty cells (0) reveal no one and are never hidden.
 *
 * Returns the positions in `counts` to hide.
 */
export function hiddenCells(counts: readonly number[], threshold: number, totalReleased: boolean): Set<number> {
  const hidden = new Set<number>();
  let sum = 0;
  counts.forEach((c, k) => {
    if (c > 0 && c < threshold) {
      hidden.add(k);
      sum += c;
    }
  });
  if (!totalReleased || hidden.size === 0) return hidden;
  const shown = counts
    .map((c, k) => [c, k] as const)
    .filter(([c, k]) => c > 0 && !hidden.has(k))
    .sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  for (const [c, k] of shown) {
    if (sum >= threshold) break;
    hidden.add(k);
    sum += c;
  }
  return hidden;
}
