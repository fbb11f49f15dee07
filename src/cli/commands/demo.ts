import type { Command } from 'commander';
import { runDemo } from '../../demo/run-demo.ts';

export function register(program: Command): void {
  program
    .command('demo')
    .description('run the bundled demo study end to end: survey scoring and reliability, the PALS study file, the qualitative project')
    .option('--out <dir>', 'folder for everything the demo writes', 'staffwell-demo')
    .action(async (opts: { out: string }) => {
      await runDemo({ outDir: opts.out });
    });
}
