import type { Command } from 'commander';
import { adequacyJson } from '../../services/factor-analysis.ts';
import { formatAdequacy } from '../format-factor.ts';
import { addItemOptions, itemsFromFlags, printWarnings, type ItemFlags } from '../factor-options.ts';
import { oneOf } from '../survey-options.ts';

export function register(program: Command): void {
  addItemOptions(
    program
      .command('adequacy')
      .summary('sampling adequacy: KMO and Bartlett\'s test, as psych')
      .description('Kaiser-Meyer-Olkin measure of sampling adequacy (overall and per item, psych::KMO) and Bartlett\'s test of sphericity (psych::cortest.bartlett with n = the number of rows).')
      .argument('<data>', 'survey file: .csv, .tsv, .xlsx, .sav or .zsav')
      .option('--cor <kind>', 'correlations: pearson (pairwise) or poly (polychoric)', 'pearson'),
  ).action(async (data: string, flags: ItemFlags & { cor?: string }) => {
    const cor = oneOf(flags.cor, ['pearson', 'poly'] as const, '--cor', 'pearson');
    const result = adequacyJson(await itemsFromFlags(data, flags), cor);
    process.stdout.write(flags.json ? JSON.stringify(result, null, 2) + '\n' : formatAdequacy(result));
    printWarnings(result.warnings);
  });
}
