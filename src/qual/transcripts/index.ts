/** Public API of transcript import: parsing Teams/Zoom/SRT/docx/text transcripts into turns, and rendering. */
export { parseTranscript, detectTranscriptFormat } from './parse-transcript.ts';
export { renderTranscript, type RenderableTurn, type RenderedTranscript } from './render-transcript.ts';
export {
  DEFAULT_MERGE_GAP_MS,
  type ParsedTranscript,
  type ParseTranscriptOptions,
  type TranscriptDialect,
  type TranscriptFormat,
  type TranscriptTurn,
  type TranscriptWarning,
} from './transcript-types.ts';
