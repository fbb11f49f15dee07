/** Public API of the psych area: keys, person scores, reliability (alpha, scoreItems' alpha), group summaries. */
export { parseKeys, keysFromObject, resolveKeys, selectScales } from './keys.ts';
export type { Keys, KeyedItem, ResolvedKeys, Scale } from './keys.ts';
export {
  scoreItems,
  scoreChunk,
  scoreConstants,
  scoreConstantsInit,
  scoreConstantsAdd,
  scoreConstantsMerge,
  scoreConstantsValue,
  columnMedian,
  parseMinAnswered,
  requiredAnswers,
} from './score.ts';
export type { MinAnswered, ScoreBuffers, ScoreConstants, ScoreConstantsState, ScoreOptions, ScoreResult } from './score.ts';
export { alpha, reliability } from './alpha.ts';
export { reliabilityInit, reliabilityAdd, reliabilityMerge, reliabilityFold } from './reliability-accumulator.ts';
export type { Impute, OutOfRange, ReliabilityOptions, ReliabilityState } from './reliability-accumulator.ts';
export { createReliabilityAccumulator, wrapReliabilityState, reliabilityValue } from './reliability-value.ts';
export type { ReliabilityAccumulator, ReliabilityValue } from './reliability-value.ts';
export { alpha1, alphaIfDropped, itemStats, feldtCi, duhachekCi, scoreItemsAlpha, median } from './alpha-statistics.ts';
export type { Alpha1, ItemStats } from './alpha-statistics.ts';
export { describeInit, describeAdd, describeMerge } from './describe-accumulator.ts';
export type { DescribeOptions, DescribeState, GroupValue } from './describe-accumulator.ts';
export { describe, createDescribeAccumulator, describeValue, suppressGroups } from './describe.ts';
export type { DescribeAccumulator } from './describe.ts';
export type { DescribeGroupJson, DescribeJson, ItemStatJson, ReliabilityJson, ReliabilityWarning, ScaleSummaryJson } from './results.ts';
export * from './factor/index.ts';
