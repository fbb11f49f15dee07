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
export {
  createReliabilityAccumulator,
  wrapReliabilityState,
  reliabilityInit,
  reliabilityAdd,
  reliabilityMerge,
  reliabilityFold,
  reliabilityValue,
  reliabilityCodedRows,
} from './reliability-accumulator.ts';
export type { Impute, OutOfRange, ReliabilityAccumulator, ReliabilityOptions, ReliabilityState, ReliabilityValue } from './reliability-accumulator.ts';
export { alpha1, alphaIfDropped, itemStats, feldtCi, duhachekCi, scoreItemsAlpha, median } from './alpha-statistics.ts';
export type { Alpha1, ItemStats } from './alpha-statistics.ts';
export { describe, createDescribeAccumulator, describeInit, describeAdd, describeCoded, describeMerge, describeValue, suppressGroups } from './describe.ts';
export type { DescribeAccumulator, DescribeOptions, DescribeState, GroupValue } from './describe.ts';
export type { DescribeGroupJson, DescribeJson, ItemStatJson, ReliabilityJson, ReliabilityWarning, ScaleSummaryJson } from './results.ts';
