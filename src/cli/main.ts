import type { Command } from 'commander';
import { isStaffwellError } from '../errors.ts';
import { staffwellVersion } from '../version.ts';
import { registerCommands } from './commands/index.ts';

/**
 * Runs the CLI on `argv` and returns the exit code: 0 success, 1 a user-facing error (bad input: the message
 * names the file, line, column or field and says what to do), 2 wrong usage, 70 an internal error.
 * `staffwell --version` answers before anything else is loaded.
 */
export async function main(argv: string[]): Promise<number> {
  const args = argv.slice(2);
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
    process.stdout.write(`${staffwellVersion()}\n`);
    return 0;
  }
  const { Command: Program, CommanderError } = await import('commander');
  const program: Command = new Program('staffwell')
    .description('Mixed-methods workbench for research on the wellbeing of healthcare staff.')
    .version(staffwellVersion())
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  await registerCommands(program, argv);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (isStaffwellError(e)) {
      process.stderr.write(`staffwell: ${e.message}\n`);
      return 1;
    }
    process.stderr.write(`staffwell: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
    return 70;
  }
}
