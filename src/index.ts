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
 * The service layer: one function per user-level job (plain options in, a result object out, nothing printed),
 * the same functions the CLI commands and the HTTP routes call: survey reading, scoring, reliability and
 * description; studies and reports; instruments and norms; factor analysis; qualitative projects (open, import,
 * retrieve, analyse, export) and mixed methods. Heavy dependencies (docx, Chromium, exceljs, mammoth) load only
 * when a service needs them.
 */
export * from './services/index.ts';
