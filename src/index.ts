/**
 * The public API of the `staffwell` package, listed once. Each area keeps its own list in its index.ts; nothing
 * outside these lists is public (the package exports only this module). What a library user needs: readers,
 * keys, the statistics and their accumulators, instruments, norms, studies, qualitative projects, REFI-QDA and
 * the survey and study services; not the machinery behind them (the coded lane, CSV layout and type inference,
 * scan workers).
 */
export { StaffwellError, formatLocation, isStaffwellError } from './errors.ts';
export type { ErrorLocation, StaffwellErrorCode, StaffwellErrorOptions } from './errors.ts';

/** Survey data: the columnar table, CSV/TSV, XLSX and SPSS readers, task scans, checks, the CSV writer. */
export * from './data/index.ts';
/** Mergeable accumulators, matrix kernels, R-named distribution functions. */
export * from './stats/index.ts';
/** psych-exact keys, scores, alpha, scoreItems' alpha, group summaries with suppression. */
export * from './psych/index.ts';
/** One pass of every survey accumulator over a file (what the survey commands run). */
export { scanSurvey, surveyColumns } from './survey/scan-survey.ts';
export { createTask as createSurveyTask, mergeSurveyStates } from './survey/survey-task.ts';
export type { SurveyTaskArgs, SurveyTaskState } from './survey/survey-task.ts';
export { codedScales } from './survey/coded-scales.ts';
export type { CodedScaleTargets } from './survey/coded-scales.ts';
/** Tests, correlation and regression matched to R. */
export * from './inference/index.ts';
/** Instrument definitions and scoring; published norms with citations. */
export * from './instruments/index.ts';
export * from './norms/index.ts';
/** Study files and `staffwell run`. */
export * from './study/index.ts';
/** Charts: Observable Plot specifications built from results (the app and the reports draw the same ones). */
export * from './charts/index.ts';
/** Qualitative projects: store, transcripts, pseudonymisation, coding, themes, queries, agreement. */
export * from './qual/index.ts';
/** Mixed methods: participant link and profile, joint displays, quantitizing and qualitizing, interviewee selection. */
export * from './mixed/index.ts';
/** REFI-QDA exchange (.qdpx, .qdc). */
export * from './refi/index.ts';
/**
 * Survey and study services: one function per job the survey commands do (plain options in, a result object out,
 * nothing printed). The CLI formats what they return; an HTTP handler can send it as JSON.
 */
export { surveyRead } from './services/survey-read.ts';
export type { SurveyReadResult, SurveyColumnSummary } from './services/survey-read.ts';
export type { SurveyInput } from './services/survey-input.ts';
export { surveyScore } from './services/survey-score.ts';
export type { SurveyScoreOptions, SurveyScoreResult } from './services/survey-score.ts';
export { surveyReliability } from './services/survey-reliability.ts';
export type { SurveyReliabilityOptions, SurveyReliabilityResult } from './services/survey-reliability.ts';
export { surveyDescribe } from './services/survey-describe.ts';
export type { SurveyDescribeOptions } from './services/survey-describe.ts';
export { studyRun, studyResults } from './services/study-run.ts';
export type { StudyRunOptions, StudyRunResult } from './services/study-run.ts';
export { instrumentList, instrumentShow, instrumentCheck } from './services/instruments.ts';
export { normList, normShow, normCheck } from './services/norms.ts';
