/** Public API of the instrument library. */
export {
  instrumentSchema,
  parseInstrument,
  type InstrumentDefinition,
  type Subscale,
  type ScoringRule,
  type Classification,
  type Conversion,
  type Band,
} from './definition.ts';
export { loadInstrument } from './load-instrument.ts';
export { builtinInstruments, findInstrument } from './builtin-instruments.ts';
export {
  scoreInstrument,
  resolveMapping,
  minAnsweredCount,
  inBand,
  type ItemMapping,
  type ScoreInstrumentOptions,
  type InstrumentScores,
  type ScaleScores,
  type ClassificationScores,
  type ConversionScores,
} from './score-instrument.ts';
export { suggestInstruments, numberedRuns, citationOf, type InstrumentSuggestion } from './suggest-instruments.ts';
