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
export { eigenSymmetric } from './eigen-symmetric.ts';
export type { EigenSymmetric } from './eigen-symmetric.ts';
export { luDecompose, luSolve, inverse, determinant, logDeterminant } from './lu.ts';
export type { Lu } from './lu.ts';
export { optimize } from './optimize.ts';
export { bvnUpper, bvnRectangle } from './bivariate-normal.ts';
