/** Public API of the stats area: R-named distributions, mergeable accumulators, matrix kernels. */
export * from './distributions.ts';
export { momentsInit, momentsAdd, momentsMerge, momentsValue } from './moments.ts';
export type { MomentsState, MomentsValue } from './moments.ts';
export { comomentsInit, comomentsAdd, comomentsMerge, pairwiseN, pairwiseCov, pairwiseCor } from './pairwise-comoments.ts';
export type { PairwiseComomentsState } from './pairwise-comoments.ts';
export { valueCountsInit, valueCountsAdd, valueCountsMerge, valueCountsMedian, valueCountsTable } from './value-counts.ts';
export type { ValueCountsState } from './value-counts.ts';
export { svd, pinv, cov2cor } from './matrix.ts';
export type { Svd } from './matrix.ts';
export { smc } from './smc.ts';
