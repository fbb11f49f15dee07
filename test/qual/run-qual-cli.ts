import { Command } from 'commander';
import { pathToFileURL } from 'node:url';
import { register } from '../../src/cli/commands/qual.ts';
import { errorOutcome } from '../../src/cli/exit-code.ts';

/**
 * Runs `staffwell qual …` in-process (the lead wires `register` into the real CLI) and captures its output.
 * Exit codes from the CLI's error boundary (src/cli/exit-code.ts): 0 ok, 1 bad input, 2 usage; an internal
 * error (a bug) is thrown, so that the test fails.
 */
export async function runQualCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const program = new Command('staffwell').exitOverride().configureOutput({ writeOut: (s) => void (stdout += s), writeErr: (s) => void (stderr += s) });
  let stdout = '';
  let stderr = '';
  register(program, { out: (s) => void (stdout += s) });
  try {
    await program.parseAsync(['qual', ...args], { from: 'user' });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const outcome = errorOutcome(e);
    if (outcome.internal) throw e;
    return { code: outcome.exitCode, stdout, stderr: outcome.message === undefined ? stderr : stderr + `${outcome.message}\n` };
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await runQualCli(process.argv.slice(2));
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  process.exitCode = r.code;
}
