import type { Command } from 'commander';
import { errorOutcome } from './exit-code.ts';
import { staffwellVersion } from '../version.ts';
import { registerCommands } from './commands/index.ts';

/**
 * Runs the CLI on `argv` and returns the exit code: 0 success, 1 a user-facing error (bad input: the message
 * names the file, line, column or field and says what to do), 2 wrong usage, 70 an internal error (a bug);
 * see exit-code.ts.
 * `staffwell --version` answers before anything else is loaded.
 */
export async function main(argv: string[]): Promise<number> {
  const args = argv.slice(2);
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
    process.stdout.write(`${staffwellVersion()}\n`);
    return 0;
  }
  const { Command: Program } = await import('commander');
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
    const outcome = errorOutcome(e);
    if (outcome.message !== undefined) process.stderr.write(`${outcome.message}\n`);
    return outcome.exitCode;
  }
}
