/**
 * Public API of src/inference: hypothesis tests, effect sizes, correlation and regression, each matching R
 * (see test/fixtures/r/inference-*.R). Results are plain objects; `formatTestResult` prints one APA line.
 */
export type { Alternative, NumericInput, TestResult } from './test-result.ts';
export type { GroupInput, GroupOptions } from './groups.ts';
export type { SampleSummary } from './sample.ts';
export type { CountTable } from './contingency-table.ts';

// Proportions against norms and between groups
export { binomTest, type BinomTestOptions } from './binom-test.ts';
export { propTest, type PropTestOptions } from './prop-test.ts';
export { wilsonInterval } from './wilson-interval.ts';
export { chisqTest, type ChisqTestOptions, type ChisqTestResult } from './chisq-test.ts';
export { crossTabulate } from './contingency-table.ts';
export { fisherTest2x2, type FisherTestOptions } from './fisher-test-2x2.ts';
export { fisherTest } from './fisher-test.ts';
export { mcnemarTest } from './mcnemar-test.ts';
export { chisqGoodnessOfFit, type GoodnessOfFitResult as GoodnessOfFitTestResult } from './chisq-goodness-of-fit.ts';
export { riskDifference } from './risk-difference.ts';
export { riskRatio } from './risk-ratio.ts';
export { oddsRatio } from './odds-ratio.ts';
export { cohensH } from './cohens-h.ts';

// Means
export { tTestOneSample, tTestOneSampleFromSummary, type TTestOptions } from './t-test-one-sample.ts';
export { tTestTwoSample, welchFromSummary, type TTestTwoSampleOptions } from './t-test-two-sample.ts';
export { tTestPaired } from './t-test-paired.ts';
export { cohensD, cohensDFromSummary, cohensDVsNorm } from './cohens-d.ts';

// Groups
export { anovaOneWay, type AnovaOneWayResult, type GroupSummary } from './anova-one-way.ts';
export { welchAnova } from './welch-anova.ts';
export { mannWhitney, type MannWhitneyOptions } from './mann-whitney.ts';
export { wilcoxonSignedRank, type SignedRankOptions } from './wilcoxon-signed-rank.ts';
export { kruskalWallis } from './kruskal-wallis.ts';
export { pAdjust, type PAdjustMethod } from './p-adjust.ts';
export { pairwiseTTests, type PairwiseTTestsOptions, type PairwiseTTestsResult, type PairwiseComparison } from './pairwise-t-tests.ts';
export { tukeyHSD, type TukeyHsdResult, type TukeyComparison } from './tukey-hsd.ts';

// Associations
export { correlationTest, type CorrelationMethod, type CorrelationTestOptions } from './correlation-test.ts';
export { kendallTau } from './kendall-tau.ts';
export { correlationMatrix, type CorrelationMatrixResult } from './correlation-matrix.ts';
export { linearRegression, type LinearRegressionResult, type LinearCoefficient, type RegressionCoefficient } from './linear-regression.ts';
export { logisticRegression, type LogisticRegressionResult, type LogisticCoefficient } from './logistic-regression.ts';
export type { PredictorColumn, DesignOptions } from './design-matrix.ts';

// Printing
export { formatTestResult, formatP, type FormatOptions } from './format-test-result.ts';
