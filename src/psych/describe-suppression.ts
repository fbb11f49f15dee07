/**
 * Which of describe's released cells to hide (disclosure control, issue #13): a released cell — a group's n, or
 * one score's summary inside a released group — that describes fewer than the threshold is hidden, and further
 * cells where a released total would let a hidden one be worked out by subtraction (complementary suppression,
 * src/stats/complementary-suppression.ts). Groups are judged by their respondents, then each score by the
 * respondents who have that score, over the same totals (the margins), so both levels share one set of lines.
 */
import { protectCells } from '../stats/complementary-suppression.ts';
import type { GroupValue } from './describe-accumulator.ts';

/**
 * Every set of groups whose total the user can obtain: for each proper subset of the grouping columns, the
 * groups sharing the values of those columns (the empty subset = all groups, the overall total).
 */
export function marginSets(values: readonly GroupValue[][]): number[][] {
  const G = values.length;
  const nb = G ? values[0].length : 0;
  const sets: number[][] = [];
  for (let mask = 0; mask < 1 << nb; mask++) {
    if (mask === (1 << nb) - 1) continue;
    const bykey = new Map<string, number[]>();
    for (let g = 0; g < G; g++) {
      const key = JSON.stringify(values[g].filter((_, j) => mask & (1 << j)));
      let arr = bykey.get(key);
      if (!arr) bykey.set(key, (arr = []));
      arr.push(g);
    }
    for (const arr of bykey.values()) sets.push(arr);
  }
  return sets;
}

/** Cells with 0 < count < threshold: an empty cell is shown as 0 (it describes nobody), so it needs no protection. */
function smallCells(counts: readonly number[], threshold: number): number[] {
  return counts.flatMap((c, g) => (c > 0 && c < threshold ? [g] : []));
}

/**
 * Which groups to suppress: primary (0 < n < threshold) and complementary over `sets` (the margins of
 * `values` unless given). Returns 0 = shown, 1 = primary, 2 = complementary, per group.
 */
export function suppressGroups(
  values: readonly GroupValue[][],
  counts: readonly number[],
  threshold: number,
  sets: readonly (readonly number[])[] = marginSets(values),
): Uint8Array {
  if (threshold <= 1) return new Uint8Array(counts.length);
  return protectCells(counts, smallCells(counts, threshold), sets, threshold);
}

/**
 * Which groups' cell of one score to hide, given the group-level state (`groups`, from suppressGroups) and the
 * score's n per group. Primary: groups hidden at group level (they are hidden already, and a total must not give
 * their score away either) plus released groups where 0 < n < threshold. When no released group has a small n,
 * nothing is hidden (a score is then exactly as released as its groups). Otherwise complementary protection runs
 * over `sets` with the score's n as the counts. Returns per group 0 = shown, 1 = primary, 2 = complementary —
 * non-zero only for groups released at group level (the others show no score cells at all).
 */
export function suppressScoreCells(
  groups: Uint8Array,
  counts: readonly number[],
  threshold: number,
  sets: readonly (readonly number[])[],
): Uint8Array {
  const out = new Uint8Array(counts.length);
  if (threshold <= 1) return out;
  const small = smallCells(counts, threshold).filter((g) => !groups[g]);
  if (!small.length) return out;
  const hidden = [...groups.keys()].filter((g) => groups[g]);
  const state = protectCells(counts, [...hidden, ...small], sets, threshold);
  for (let g = 0; g < counts.length; g++) if (!groups[g]) out[g] = state[g];
  return out;
}

/** What a hidden cell shows in place of its n: "<10" (primary) or "suppressed" (complementary). */
export function suppressedLabel(kind: 'primary' | 'complementary', threshold: number): string {
  return kind === 'primary' ? `<${threshold}` : 'suppressed';
}
