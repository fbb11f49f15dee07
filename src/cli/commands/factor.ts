import type { Command } from 'commander';
import { StaffwellError } from '../../errors.ts';
import { FACTOR_METHODS, FACTOR_ROTATIONS } from '../../psych/factor/fa.ts';
import { factorAnalysisJson } from '../../services/factor-analysis.ts';
import { formatFactor } from '../format-factor.ts';
import { addItemOptions, itemsFromFlags, printWarnings, type ItemFlags } from '../factor-options.ts';
import { oneOf } from '../survey-options.ts';

interface Flags extends ItemFlags {
  nfactors: string;
  fm?: string;
  rotate?: string;
  cor?: string;
}

export function register(program: Command): void {
  addItemOptions(
    program
      .command('factor')
      .summary('exploratory factor analysis, as psych::fa')
      .description(
        'Exploratory factor analysis of the items as R psych::fa (extraction minres, uls, ml or pa; rotations from ' +
          'GPArotation), on Pearson (pairwise) or polychoric correlations: loadings in psych\'s order and signs, ' +
          'communalities, factor correlations, chi-square, RMSEA with its 90% CI, TLI, BIC and RMSR.',
      )
      .argument('<data>', 'survey file: .csv, .tsv, .xlsx, .sav or .zsav')
      .requiredOption('--nfactors <n>', 'number of factors')
      .option('--fm <method>', `extraction: ${FACTOR_METHODS.join(', ')}`, 'minres')
      .option('--rotate <rotation>', `rotation: ${FACTOR_ROTATIONS.join(', ')}`, 'oblimin')
      .option('--cor <kind>', 'correlations: pearson (pairwise) or poly (polychoric)', 'pearson'),
  ).action(async (data: string, flags: Flags) => {
    const nfactors = Number(flags.nfactors);
    if (!/^\s*\d+\s*$/.test(flags.nfactors)) {
      throw new StaffwellError('invalid-option', 'expected a whole number of factors', { field: '--nfactors', value: flags.nfactors, hint: 'e.g. --nfactors 2' });
    }
    const fm = oneOf(flags.fm, FACTOR_METHODS, '--fm', 'minres');
    const rotate = oneOf(flags.rotate, FACTOR_ROTATIONS, '--rotate', 'oblimin');
    const cor = oneOf(flags.cor, ['pearson', 'poly'] as const, '--cor', 'pearson');
    const items = await itemsFromFlags(data, flags);
    const result = factorAnalysisJson(items, { nfactors, fm, rotate, cor });
    process.stdout.write(flags.json ? JSON.stringify(result, null, 2) + '\n' : formatFactor(result));
    printWarnings(result.warnings);
  });
}
