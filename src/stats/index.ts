/** Public API of the stats area: R-named distributions, mergeable accumulators, matrix kernels. */
export * from './distributions.ts';
export { momentsInit, momentsAdd, momentsMerge, momentsValue } from './moments.ts';
export type { MomentsState, MomentsValue } from './moments.ts';
export {
  comomentsInit,
  comomentsAdd,
  comomentsMerge,
  comomentsClone,
  pairwiseN,
  pairwiseCov,
  pairwiseCor,
  pairCov,
  pairCor,
  pairSums,
  variableMoments,
} from './pairwise-comoments.ts';
export type { PairwiseComomentsState } from './pairwise-comoments.ts';
export { valueCountsInit, valueCountsAdd, valueCountsMerge, valueCountsMedian, valueCountsTable } from './value-counts.ts';
export type { ValueCountsState } from './value-counts.ts';
export { svd, pinv, cov2cor, dropIndex, sumAll, trace } from './matrix.ts';
export type { Svd } from './matrix.ts';
export { smc } from './smc.ts';
export { affineBlock, blockLength, blockCov } from './moment-block.ts';
