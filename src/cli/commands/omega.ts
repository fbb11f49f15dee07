import type { Command } from 'commander';
import { StaffwellError } from '../../errors.ts';
import { FACTOR_METHODS } from '../../psych/factor/fa.ts';
import { omegaJson } from '../../services/factor-analysis.ts';
import { formatOmega } from '../format-factor.ts';
import { addItemOptions, ITEM_FLAGS, itemsFromFlags, printWarnings, type ItemFlags } from '../factor-options.ts';
import { underFlags } from '../flag-errors.ts';
import { oneOf } from '../survey-options.ts';

export function register(program: Command): void {
  addItemOptions(
    program
      .command('omega')
      .summary('omega hierarchical and total (Schmid-Leiman), as psych::omega')
      .description('McDonald\'s omega as R psych::omega: a Schmid-Leiman transformation of an oblimin solution, omega hierarchical, omega total, omega limit, alpha, G6, explained common variance and omegas per group factor.')
      .argument('<data>', 'survey file: .csv, .tsv, .xlsx, .sav or .zsav')
      .option('--nfactors <n>', 'number of group factors (psych default 3)', '3')
      .option('--fm <method>', `extraction: ${FACTOR_METHODS.join(', ')}`, 'minres')
      .option('--cor <kind>', 'correlations: pearson (pairwise) or poly (polychoric)', 'pearson'),
  ).action(async (data: string, flags: ItemFlags & { nfactors: string; fm?: string; cor?: string }) => {
    if (!/^\s*\d+\s*$/.test(flags.nfactors)) {
      throw new StaffwellError('invalid-option', 'expected a whole number of factors', { field: '--nfactors', value: flags.nfactors, hint: 'e.g. --nfactors 3' });
    }
    const fm = oneOf(flags.fm, FACTOR_METHODS, '--fm', 'minres');
    const cor = oneOf(flags.cor, ['pearson', 'poly'] as const, '--cor', 'pearson');
    const items = await itemsFromFlags(data, flags);
    const result = await underFlags(ITEM_FLAGS, () => omegaJson(items, { nfactors: Number(flags.nfactors), fm, cor }));
    process.stdout.write(flags.json ? JSON.stringify(result, null, 2) + '\n' : formatOmega(result));
    printWarnings(result.warnings);
  });
}
