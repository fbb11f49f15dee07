import { readFileSync } from 'node:fs';
import { StaffwellError } from '../errors.ts';
import { type InstrumentDefinition, parseInstrument } from './definition.ts';

/** Reads and validates a user's instrument definition file (JSON or YAML). */
export function loadInstrument(path: string): InstrumentDefinition {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new StaffwellError('io', 'cannot read the instrument definition file', {
      file: path,
      hint: `check the path (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
      cause: e,
    });
  }
  return parseInstrument(text, path);
}
