import { Command } from 'commander';

/** Runs `staffwell <args>` in-process with only the given command module registered; returns captured stdout. */
export async function runRegistered(reg: (p: Command) => void, args: string[]): Promise<string> {
  const program = new Command('staffwell').exitOverride();
  reg(program);
  let buf = '';
  const orig = process.stdout.write.bind(process.stdout);
  (process.stdout as any).write = (chunk: string | Uint8Array) => {
    buf += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  };
  try {
    await program.parseAsync(['node', 'staffwell', ...args]);
  } finally {
    (process.stdout as any).write = orig;
  }
  return buf;
}
