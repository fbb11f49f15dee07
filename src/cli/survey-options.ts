import { readTextFile } from '../io/read-text-file.ts';
import type { Command } from 'commander';
import { StaffwellError } from '../errors.ts';
import { surveyBounds } from '../services/survey-input.ts';
import type { ReadTableOptions } from '../data/read-table.ts';
import type { MissingCodes } from '../data/missing.ts';
import { parseKeys, type Keys } from '../psych/keys.ts';
import { createProgress } from '../io/progress.ts';
import { answerLabelsFromDocument, compileLabels, type AnswerLabels } from '../data/answer-labels.ts';
import { parseDocumentText } from '../io/parse-document.ts';

/** The options every command that reads a survey file shares. */
export function addDataOptions(cmd: Command): Command {
  return cmd
    .option('--na <codes>', 'missing-value codes for every column, comma-separated (e.g. "-99,999,N/A"); empty and NA are always missing')
    .option('--na-column <column=codes>', 'missing-value codes for one column (repeatable)', collect, [])
    .option('--sheet <name|n>', 'XLSX: the sheet to read (default: the first)')
    .option('--delimiter <char>', 'CSV: field separator (default: sniffed among , ; and tab)')
    .option('--no-qualtrics', 'CSV: do not detect and skip the two extra header rows of Qualtrics exports');
}

/** `--scales`, `--min/--max` and `--workers`, then the data options: what score, reliability and describe share. */
export function addScaleOptions(cmd: Command): Command {
  return addDataOptions(
    cmd
      .requiredOption('--scales <keys.json>', 'keys in psych form: {"scale": ["item", "-reversed_item", ...]}')
      .option('--min <n>', 'lowest response code, for reversing items (default: observed over all keyed items, as psych)')
      .option('--max <n>', 'highest response code (default: observed, as psych)')
      .option('--workers <n>', 'threads for large CSV files (default: all cores)')
      .option('--labels <file>', 'text answers: a JSON/YAML file of "label": code pairs for the keyed items (matched ignoring case and spaces)'),
  );
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export interface DataFlags {
  na?: string;
  naColumn?: string[];
  sheet?: string;
  delimiter?: string;
  qualtrics?: boolean;
  labels?: string;
}

export function readOptionsFrom(flags: DataFlags): ReadTableOptions {
  const missing: MissingCodes = {};
  if (flags.na !== undefined) missing.all = splitCodes(flags.na);
  for (const spec of flags.naColumn ?? []) {
    const eq = spec.indexOf('=');
    if (eq <= 0) {
      throw new StaffwellError('usage', 'expected COLUMN=CODES', {
        field: '--na-column',
        value: spec,
        hint: 'write e.g. --na-column "ghq_1=-99,9"',
      });
    }
    (missing.byColumn ??= {})[spec.slice(0, eq)] = splitCodes(spec.slice(eq + 1));
  }
  const sheet = flags.sheet === undefined ? undefined : /^\d+$/.test(flags.sheet) ? Number(flags.sheet) : flags.sheet;
  return {
    missing: missing.all || missing.byColumn ? missing : undefined,
    sheet,
    delimiter: flags.delimiter === '\\t' || flags.delimiter === 'tab' ? '\t' : flags.delimiter,
    qualtrics: flags.qualtrics === false ? false : undefined,
  };
}

function splitCodes(s: string): string[] {
  return s.split(',').map((c) => c.trim()).filter((c) => c !== '');
}

/** The `--labels` file as plain data for the survey task (validated here, so a bad file fails before any scan). */
export function loadAnswerLabels(path: string | undefined): { source: string; map: AnswerLabels } | undefined {
  if (path === undefined) return undefined;
  const map = answerLabelsFromDocument(parseDocumentText(readTextFile(path, 'answer-labels file', 'check the path given to --labels'), path), path);
  compileLabels(map, path);
  return { source: path, map };
}

/** Reads a psych-style keys file (`{"scale": ["item", "-reversed_item"]}`). */
export function loadKeys(path: string): Keys {
  return parseKeys(readTextFile(path, 'keys file', 'check the path given to --scales'), path);
}

/** A numeric flag value (e.g. --min), or a user-facing error naming the flag. */
export function parseNumberFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x)) {
    throw new StaffwellError('usage', 'expected a number', { field: flag, value, hint: `give ${flag} a number, e.g. ${flag} 1` });
  }
  return x;
}

/** `--min` and `--max`: numbers, then the service's own check under the flags' names. */
export function parseBounds(flags: { min?: string; max?: string }): { min?: number; max?: number } {
  const bounds = { min: parseNumberFlag(flags.min, '--min'), max: parseNumberFlag(flags.max, '--max') };
  return surveyBounds(bounds, { min: '--min', max: '--max', example: '--min 1 --max 5', code: 'usage' });
}

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string, fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new StaffwellError('usage', `unknown value for ${flag}`, { field: flag, value, hint: `use one of ${allowed.join(', ')}` });
}

/** A byte-progress callback drawing on stderr (silent for quick runs). */
export function progressFor(label: string) {
  let bar: ReturnType<typeof createProgress> | undefined;
  return {
    onProgress(done: number, total: number) {
      bar ??= createProgress({ label, total, unit: 'bytes' });
      bar.update(done);
    },
    done() {
      bar?.done();
    },
  };
}
