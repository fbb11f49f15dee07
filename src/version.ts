import { readFileSync } from 'node:fs';

let version: string | undefined;

/** The version in package.json (read once; src/ and dist/ are both one folder below it). */
export function staffwellVersion(): string {
  version ??= (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return version;
}
