import type { Command } from 'commander';
import { polychoricJson } from '../../services/factor-analysis.ts';
import { formatPolychoric } from '../format-factor.ts';
import { addItemOptions, itemsFromFlags, printWarnings, type ItemFlags } from '../factor-options.ts';

export function register(program: Command): void {
  addItemOptions(
    program
      .command('polychoric')
      .summary('polychoric correlations and thresholds, as psych::polychoric')
      .description('Polychoric correlations of ordinal items (at most 8 categories) and each item\'s thresholds, as R psych::polychoric, smoothed as psych does when the matrix is not positive definite.')
      .argument('<data>', 'survey file: .csv, .tsv, .xlsx, .sav or .zsav'),
  ).action(async (data: string, flags: ItemFlags) => {
    const result = polychoricJson(await itemsFromFlags(data, flags));
    process.stdout.write(flags.json ? JSON.stringify(result, null, 2) + '\n' : formatPolychoric(result));
    printWarnings(result.warnings);
  });
}
