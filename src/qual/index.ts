/**
 * Public API of the qualitative area: the project and its validated commands (with undo, redo, permissions and
 * subscribers), the store interfaces, transcript import with pseudonymisation (key file kept apart), coding,
 * themes, grounded theory, queries, matrices, agreement, exports.
 */
export { QualProject, QualSession, sequentialIds, steppingClock, type ApplyOptions, type CommandListener, type ProjectOptions } from './project.ts';
export { createProject, openProject, defaultKeyPath } from './open-project.ts';
export {
  COMMAND_TYPES,
  parseCommand,
  type Command,
  type CommandMap,
  type CommandOf,
  type CommandResult,
  type CommandType,
  type DocumentImportInput,
  type FamilyCommand,
  type UndoResult,
} from './commands/index.ts';
export { allowAll, type Authorize, type PermissionDecision } from './commands/apply.ts';
export type * from './store/qual-store.ts';
export { SqliteQualStore, type OpenOptions } from './store/sqlite-qual-store.ts';
export { PROJECT_MIGRATIONS, KEY_MIGRATIONS, type Migration } from './store/migrations.ts';
export { turnAt, placeInTurn, turnsFromLabels } from './turns.ts';
export { parseSearchText, type SearchText } from './text-query.ts';
export { importTranscript, importTranscripts, suggestReplacements, addReplacements, type ImportTranscriptOptions, type ImportReport, type SpeakerTarget } from './import-transcript.ts';
export { readParticipantsCsv, readKeyCsv, type ParticipantsCsvOptions } from './participants-csv.ts';
export { applyCodings, resolveMemoTarget, type Codings, type CodingsSummary } from './codings.ts';
export { reanchor, diffOffsetMap, nearestOccurrence, type AnchoredSpan, type OffsetMap } from './reanchor.ts';
export { codePaths, codeTree, withDescendants, findCode, findDocument, findTheme, findCategory } from './lookup.ts';
export { querySegments, queryCodeIds, kwic, siteOfSegment, type SegmentHit, type SegmentQuery, type KwicHit, type KwicOptions } from './queries.ts';
export { compareCodes, type CodeComparison, type CodeComparisonSide } from './compare-codes.ts';
export { codeMatrix, cooccurrence, matrixRows, type CodeMatrix, type CodeMatrixOptions, type Cooccurrence, type CooccurrenceScope, type MatrixAxis } from './matrices.ts';
export { themeTable, themeRecurrence, themeTree, recurrenceRows, type ThemeTable } from './themes.ts';
export { groundedTheoryModel, modelToDot, type GtModel } from './grounded-theory.ts';
export { saturationCurve, type SaturationPoint } from './saturation.ts';
export { memoTimeline, type MemoEntry } from './memos.ts';
export { agreementReport, type AgreementReport } from './intercoder.ts';
export { exportSnapshot, importSnapshot } from './project-snapshot.ts';
export { toCsv, writeRowsCsv, xlsxBytes, writeXlsx, segmentRows, type Sheet } from './exports.ts';
export * from './format.ts';
export type * from './snapshot.ts';
export * from './transcripts/index.ts';
export * from './pseudonymise.ts';
export * from './pseudonymise-suggest.ts';
export * from './agreement.ts';
