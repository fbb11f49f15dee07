/**
 * The one user-facing error of Staffwell.
 *
 * Every problem caused by a user's input (a file, a keys file, a study file, a CLI flag) is thrown as a
 * `StaffwellError`. Its message always has the same shape:
 *
 *     <where>: <problem> (value "<value>"). <what to do>
 *
 * where `<where>` names the file and, as far as known, the line as an editor shows it (header = line 1), the
 * column, or the field of a structured document (`study.yaml: field "analyses[2].by"`). Numerical kernels never
 * throw: they return NaN where a value is undefined. Programmer errors (a broken invariant) stay plain `Error`s.
 */

export interface ErrorLocation {
  /** The file the problem is in, as the user named it. */
  file?: string;
  /** The command (of a qualitative project) the problem is in, e.g. `code.create`. */
  command?: string;
  /** 1-based line as an editor shows it (the CSV header is line 1). */
  line?: number;
  /** Column (variable) name. */
  column?: string;
  /** Field path in a structured document, e.g. `instruments[1].items[4].id` (positions count from 1). */
  field?: string;
}

export interface StaffwellErrorOptions extends ErrorLocation {
  /** The offending value, quoted in the message (truncated to 80 characters). */
  value?: unknown;
  /** What the user can do about it. */
  hint?: string;
  cause?: unknown;
}

/** Stable machine-readable error codes (tests and the web UI match on these, never on message text). */
export type StaffwellErrorCode =
  | 'io'
  | 'format'
  | 'ragged-row'
  | 'not-numeric'
  | 'out-of-range'
  | 'duplicate-id'
  | 'unknown-column'
  | 'invalid-keys'
  | 'invalid-option'
  /** A command-line flag or argument given wrongly (the CLI exits 2 for it, 1 for every other code). */
  | 'usage'
  | 'invalid-definition'
  | 'invalid-study'
  | 'not-found'
  | 'conflict'
  | 'unsupported'
  /** A qualitative command that does not have the shape of its schema (wrong field, type or value). */
  | 'invalid-command'
  /** The project's permission hook refused the command for this actor. */
  | 'forbidden';

export class StaffwellError extends Error {
  override readonly name = 'StaffwellError';
  readonly code: StaffwellErrorCode;
  readonly problem: string;
  readonly location: ErrorLocation;
  readonly value: string | undefined;
  readonly hint: string | undefined;

  constructor(code: StaffwellErrorCode, problem: string, options: StaffwellErrorOptions = {}) {
    const { file, command, line, column, field, value, hint, cause } = options;
    const location: ErrorLocation = { file, command, line, column, field };
    const shown = value === undefined ? undefined : truncate(String(value));
    super(formatMessage(location, problem, shown, hint), cause === undefined ? undefined : { cause });
    this.code = code;
    this.problem = problem;
    this.location = location;
    this.value = shown;
    this.hint = hint;
  }
}

/** `file, line 12, column "ghq_3"` — the `<where>` part of every message. */
export function formatLocation(loc: ErrorLocation): string {
  const parts: string[] = [];
  if (loc.file !== undefined) parts.push(loc.file);
  if (loc.command !== undefined) parts.push(`command "${loc.command}"`);
  if (loc.line !== undefined) parts.push(`line ${loc.line}`);
  if (loc.column !== undefined) parts.push(`column "${loc.column}"`);
  if (loc.field !== undefined) parts.push(`field "${loc.field}"`);
  return parts.join(', ');
}

function formatMessage(loc: ErrorLocation, problem: string, value: string | undefined, hint: string | undefined): string {
  const where = formatLocation(loc);
  let msg = where ? `${where}: ${problem}` : problem;
  if (value !== undefined) msg += ` (value "${value}")`;
  msg += '.';
  if (hint) {
    // Capitalise a hint that starts with an ordinary word, not one that starts with a name (psych::alpha, --min).
    const h = /^[a-z]+[ ,]/.test(hint) ? hint[0].toUpperCase() + hint.slice(1) : hint;
    msg += ` ${h.endsWith('.') || h.endsWith('?') ? h : h + '.'}`;
  }
  return msg;
}

function truncate(s: string): string {
  return s.length > 80 ? s.slice(0, 77) + '...' : s;
}

/** True for errors the CLI should print as a plain message (exit code 1) rather than a stack trace. */
export function isStaffwellError(e: unknown): e is StaffwellError {
  return e instanceof StaffwellError;
}
