import { createRequire } from 'node:module';
import { StaffwellError } from '../errors.ts';

// yaml (a CommonJS package of ~70 modules) is required at the first document parsed, not when a command starts.
const require = createRequire(import.meta.url);
let yaml: typeof import('yaml') | undefined;

/** Parses YAML or JSON text (YAML is a superset of JSON) into a plain document. */
export function parseDocumentText(text: string, source: string): unknown {
  yaml ??= require('yaml') as typeof import('yaml');
  try {
    return yaml.parse(text);
  } catch (e) {
    throw new StaffwellError('format', 'the file is not valid JSON or YAML', {
      file: source,
      value: (e as Error).message.split('\n')[0],
      hint: 'check the syntax near the position given',
      cause: e,
    });
  }
}
