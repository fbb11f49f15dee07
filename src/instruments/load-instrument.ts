import { readTextFile } from '../io/read-text-file.ts';
import { type InstrumentDefinition, parseInstrument } from './definition.ts';

/** Reads and validates a user's instrument definition file (JSON or YAML). */
export function loadInstrument(path: string): InstrumentDefinition {
  return parseInstrument(readTextFile(path, 'instrument definition file'), path);
}
