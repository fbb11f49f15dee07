import { Command, CommanderError } from 'commander';
import { isStaffwellError } from '../errors.ts';
import { registerCommands } from './commands/index.ts';

/**
 * Runs the CLI on `argv` and returns the exit code: 0 success, 1 a user-facing error (bad input: the message
 * names the file, line, column or field and says what to do), 2 wrong usage, 70 an internal error.
 */
export async function main(argv: string[]): Promise<number> {
  const program = new Command('staffwell')
    .description('Mixed-methods workbench for research on the wellbeing of healthcare staff.')
    .version('0.1.0')
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
