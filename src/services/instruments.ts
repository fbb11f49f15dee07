import { builtinInstruments, findInstrument } from '../instruments/builtin-instruments.ts';
import type { InstrumentDefinition } from '../instruments/definition.ts';
import { loadInstrument } from '../instruments/load-instrument.ts';
import { suggestInstruments, type InstrumentSuggestion } from '../instruments/suggest-instruments.ts';

/** The built-in instrument definitions: the verified ones, or with `all` the unverified ones too. */
export function instrumentList(options: { all?: boolean } = {}): readonly InstrumentDefinition[] {
  return builtinInstruments({ includeUnverified: options.all === true });
}

/** One built-in instrument by id (an unknown id is a `not-found` error listing the ids). */
export function instrumentShow(id: string): InstrumentDefinition {
  return findInstrument(id);
}

/** Validates a user's instrument definition file (JSON or YAML); errors name the field. */
export function instrumentCheck(file: string): InstrumentDefinition {
  return loadInstrument(file);
}

/** The built-in instruments (verified ones) that runs of these column names look like: hints for the user to confirm. */
export function instrumentSuggest(columns: readonly string[]): InstrumentSuggestion[] {
  return suggestInstruments(columns, builtinInstruments());
}
