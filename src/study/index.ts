/** Public API of study files and `staffwell run`. */
export {
  studySchema,
  parseStudy,
  loadStudy,
  resolvePath,
  expandRefs,
  scorePartKind,
  ANALYSIS_TYPES,
  type Study,
  type StudyDocument,
  type AnalysisSpec,
  type AnalysisType,
  type InstrumentUse,
  type ScorePartKind,
} from './study-file.ts';
export { runStudy, analyseStudy, readStudyData, staffwellVersion, DEFAULT_MIN_GROUP, type RunStudyOptions } from './run-study.ts';
export { formatStudySummary, formatAnalysis } from './format-study-summary.ts';
export { writeStudyResults, studyResultsJson } from './write-study-results.ts';
export { scoredData, writeScoredData, writeScoredCsv, scoredSavVariables, type ScoredData, type ScoredColumn, type ScoredFormat } from './scored-data.ts';
export type * from './study-results.ts';
