import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { isStaffwellError, StaffwellError } from '../errors.ts';

/** How a `StaffwellError` travels over HTTP: a status by its code and the error's parts as JSON. */
export interface ApiError {
  code: string;
  message: string;
  problem?: string;
  /** Where the problem is: the file (as the browser named it, for the survey side's files), its line, column, field. */
  file?: string;
  line?: number;
  column?: string;
  field?: string;
  command?: string;
  value?: string;
  hint?: string;
}

const STATUS: Partial<Record<StaffwellError['code'], 400 | 403 | 404 | 409>> = { 'not-found': 404, conflict: 409, forbidden: 403 };

/**
 * `folder`: the workspace folder. Paths inside it, in any part of the error (file, problem, value, hint), are
 * written relative to it (the folder itself as "the workspace folder"), as the browser names files: the server's
 * absolute paths stay on the server.
 */
export function httpError(error: unknown, folder?: string): { status: 400 | 403 | 404 | 409 | 500; body: { error: ApiError } } {
  const e = isStaffwellError(error) ? inFolderTerms(asHere(error), folder) : error;
  if (isStaffwellError(e)) {
    return {
      status: STATUS[e.code] ?? 400,
      body: { error: { code: e.code, message: e.message, problem: e.problem, file: e.location.file, line: e.location.line, column: e.location.column, field: e.location.field, command: e.location.command, value: e.value, hint: e.hint } },
    };
  }
  process.emitWarning(`workspace: internal error: ${(e as Error)?.stack ?? String(e)}`);
  return { status: 500, body: { error: { code: 'internal', message: 'internal error (see the server output)' } } };
}

/**
 * An error as the workspace's user can act on it: the library names its option (`keyPath`), the server says how
 * to set it here.
 */
function asHere(e: StaffwellError): StaffwellError {
  if (e.location.field !== 'keyPath') return e;
  const hint = `${e.hint ? `${e.hint}; ` : ''}here: stop the server and start it again with \`staffwell serve PROJECT --key KEYFILE\``;
  return new StaffwellError(e.code, e.problem, { ...e.location, field: undefined, value: e.value, hint, cause: e });
}

/** The error with the workspace folder's absolute paths (as given, and as resolved) made relative to it. */
export function inFolderTerms(e: StaffwellError, folder: string | undefined): StaffwellError {
  if (!folder) return e;
  const roots = new Set([resolve(folder)]);
  try {
    roots.add(realpathSync(folder));
  } catch {
    // a folder that is gone: its path as given
  }
  const rootList = [...roots].filter((r) => r !== sep).sort((a, b) => b.length - a.length);
  const escape = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // a root, then a path inside it up to a quote, bracket, space-free end ("/ws/a b.csv" keeps its space only when quoted)
  const pattern = new RegExp(`(?:${rootList.map(escape).join('|')})(?=$|[\\s"'()\\[\\],;:]|${escape(sep)})((?:${escape(sep)}[^\\s"'()\\[\\],;]*)*)`, 'g');
  const text = (t: string | undefined): string | undefined =>
    t === undefined ? undefined : t.replace(pattern, (_, rest: string) => (rest && rest !== sep ? rest.slice(1).split(sep).join('/') : 'the workspace folder'));
  const fileOf = (f: string | undefined): string | undefined => {
    if (f === undefined || !isAbsolute(f)) return text(f);
    for (const r of rootList) {
      const rel = relative(r, f);
      if (rel === '') return 'the workspace folder';
      if (!rel.startsWith('..') && !isAbsolute(rel)) return rel.split(sep).join('/');
    }
    return f;
  };
  const file = fileOf(e.location.file);
  const problem = text(e.problem)!;
  const value = text(e.value);
  const hint = text(e.hint);
  if (file === e.location.file && problem === e.problem && value === e.value && hint === e.hint) return e;
  return new StaffwellError(e.code, problem, { ...e.location, file, value, hint, cause: e });
}
