import type { Command } from 'commander';

type CommandModule = { register(program: Command): void };

/**
 * The CLI's one routing table: each command's module, which exports `register(program)`. Add a line here when
 * you add a command. Modules are loaded on demand: each pulls in its own dependencies (the qualitative store,
 * study files, ...), and a command should not pay for the others' at every start.
 */
const COMMANDS: Record<string, () => Promise<CommandModule>> = {
  score: () => import('./score.ts'),
  reliability: () => import('./reliability.ts'),
  describe: () => import('./describe.ts'),
  run: () => import('./run.ts'),
  instruments: () => import('./instruments.ts'),
  norms: () => import('./norms.ts'),
  qual: () => import('./qual.ts'),
  mixed: () => import('./mixed.ts'),
  demo: () => import('./demo.ts'),
  report: () => import('./report.ts'),
  factor: () => import('./factor.ts'),
  polychoric: () => import('./polychoric.ts'),
  adequacy: () => import('./adequacy.ts'),
  omega: () => import('./omega.ts'),
  parallel: () => import('./parallel.ts'),
  serve: () => import('./serve.ts'),
};

/**
 * Registers the command that `argv` runs (its first word after the program: there are no global options with
 * values), or every command when there is none or it is not one of them (`--help`, `help`, a typo: commander
 * then lists them all or reports the unknown command).
 */
export async function registerCommands(program: Command, argv: readonly string[] = []): Promise<void> {
  const word = argv.slice(2).find((a) => !a.startsWith('-'));
  if (word === undefined && argv.slice(2).some((a) => a === '-V' || a === '--version')) return; // no command needed
  const names = word !== undefined && Object.hasOwn(COMMANDS, word) ? [word] : Object.keys(COMMANDS);
  const modules = await Promise.all(names.map((n) => COMMANDS[n]()));
  for (const m of modules) m.register(program);
}
