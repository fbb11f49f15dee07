import type { Command } from 'commander';
import { StaffwellError } from '../../errors.ts';
import { parallelJson } from '../../services/factor-analysis.ts';
import { formatParallel } from '../format-factor.ts';
import { addItemOptions, itemsFromFlags, type ItemFlags } from '../factor-options.ts';

function whole(v: string, flag: string, min: number): number {
  if (!/^\s*\d+\s*$/.test(v) || Number(v) < min) {
    throw new StaffwellError('invalid-option', `expected a whole number of at least ${min}`, { field: flag, value: v, hint: `e.g. ${flag} 20` });
  }
  return Number(v);
}

export function register(program: Command): void {
  addItemOptions(
    program
      .command('parallel')
      .summary('how many factors: parallel analysis (psych::fa.parallel) and Velicer\'s MAP')
      .description('Parallel analysis as R psych::fa.parallel (resampled and simulated data, factor and component eigenvalues; the decision counts observed eigenvalues above the 95th percentile of the resampled ones) from a seed, and Velicer\'s MAP (psych::VSS).')
      .argument('<data>', 'survey file: .csv, .tsv, .xlsx, .sav or .zsav')
      .option('--seed <n>', 'seed of the random draws (the same seed gives the same result)', '1')
      .option('--iterations <n>', 'number of resampled and simulated data sets (psych default 20)', '20'),
  ).action(async (data: string, flags: ItemFlags & { seed: string; iterations: string }) => {
    const seed = whole(flags.seed, '--seed', 0);
    const iterations = whole(flags.iterations, '--iterations', 1);
    const result = parallelJson(await itemsFromFlags(data, flags), { seed, iterations });
    process.stdout.write(flags.json ? JSON.stringify(result, null, 2) + '\n' : formatParallel(result));
  });
}
