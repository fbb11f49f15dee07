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

export function httpError(error: unknown): { status: 400 | 403 | 404 | 409 | 500; body: { error: ApiError } } {
  const e = isStaffwellError(error) ? asHere(error) : error;
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
