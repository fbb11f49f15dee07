import { isStaffwellError } from '../errors.ts';
import { userFacingSystemError } from '../io/system-error.ts';

/**
 * The CLI's one error boundary: what a command's failure means for the user and which exit code it gets.
 *
 * - 2, wrong usage: commander's own errors (unknown option, missing argument; commander has printed them) and
 *   StaffwellErrors of code `usage` (a flag value that is not what the flag takes).
 * - 1, bad input: every other StaffwellError, and what the operating system or SQLite says about a file the user
 *   named (a folder where a file is expected, a read-only folder, a full disk, a file that is not a database),
 *   turned into a StaffwellError here so that no such failure reaches the user as a crash.
 * - 70, a bug: anything else. The message says so and asks for a report; the stack is printed only when
 *   STAFFWELL_DEBUG is set, so no user-reachable path prints a stack trace.
 */
export interface ErrorOutcome {
  exitCode: 0 | 1 | 2 | 70;
  /** What to print on stderr (without a trailing newline); undefined when commander has already printed it. */
  message: string | undefined;
  /** True for exit 70: not the user's doing. */
  internal: boolean;
}

export function errorOutcome(e: unknown, env: NodeJS.ProcessEnv = process.env): ErrorOutcome {
  if (isCommanderError(e)) return { exitCode: e.exitCode === 0 ? 0 : 2, message: undefined, internal: false };
  if (isStaffwellError(e)) return { exitCode: e.code === 'usage' ? 2 : 1, message: `staffwell: ${e.message}`, internal: false };
  const sys = userFacingSystemError(e);
  if (sys !== undefined) return { exitCode: 1, message: `staffwell: ${sys.message}`, internal: false };
  const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  const detail = env.STAFFWELL_DEBUG && e instanceof Error && e.stack ? `\n${e.stack}` : '';
  return {
    exitCode: 70,
    message:
      `staffwell: internal error (a bug in Staffwell, not a problem with your input): ${what}.` +
      ` Your files were not changed by the failed command. Please report it with the command you ran` +
      ` (set STAFFWELL_DEBUG=1 to include where it happened).${detail}`,
    internal: true,
  };
}

/** commander's errors by their shape (code `commander.*`), so that this module does not load commander. */
function isCommanderError(e: unknown): e is { exitCode: number } {
  if (!(e instanceof Error)) return false;
  const { code, exitCode } = e as Error & { code?: unknown; exitCode?: unknown };
  return typeof code === 'string' && code.startsWith('commander.') && typeof exitCode === 'number';
}
