import { Command, CommanderError } from 'commander';
import { pathToFileURL } from 'node:url';
import { register } from '../../src/cli/commands/qual.ts';
import { isStaffwellError } from '../../src/errors.ts';

/**
 * Runs `staffwell qual …` in-process (the lead wires `register` into the real CLI) and captures its output.
 * Exit codes follow src/cli/main.ts: 0 ok, 1 StaffwellError, 2 usage.
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
    if (e instanceof CommanderError) return { code: e.exitCode === 0 ? 0 : 2, stdout, stderr };
    if (isStaffwellError(e)) return { code: 1, stdout, stderr: stderr + `staffwell: ${e.message}\n` };
    throw e;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await runQualCli(process.argv.slice(2));
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  process.exitCode = r.code;
}
