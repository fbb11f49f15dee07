import type { Command } from 'commander';
import { StaffwellError } from '../../errors.ts';
import { FACTOR_METHODS, FACTOR_ROTATIONS } from '../../psych/factor/fa.ts';
import { FACTOR_SCORE_METHODS } from '../../psych/factor/factor-scores.ts';
import { writeCsv } from '../../data/csv-write.ts';
import { factorAnalysisJson, factorScoresJob } from '../../services/factor-analysis.ts';
import { formatFactor, formatFactorScores } from '../format-factor.ts';
import { addItemOptions, ITEM_FLAGS, itemsFromFlags, printWarnings, type ItemFlags } from '../factor-options.ts';
import { underFlags } from '../flag-errors.ts';
import { oneOf } from '../survey-options.ts';

interface Flags extends ItemFlags {
  nfactors: string;
  fm?: string;
  rotate?: string;
  cor?: string;
  scores?: string;
  scoreMethod?: string;
  scoreImpute?: string;
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
      .option('--cor <kind>', 'correlations: pearson (pairwise) or poly (polychoric)', 'pearson')
      .option('--scores <file.csv>', 'write the factor scores of every respondent here (atomically), as psych::fa(scores = ...)')
      .option('--score-method <method>', `with --scores: ${FACTOR_SCORE_METHODS.join(', ')} (psych's names; regression is psych's default)`)
      .option('--score-impute <how>', "with --scores: none (psych's default: no score for a respondent with a missing item), median or mean (psych's missing = TRUE)")
      .option('--id <column>', 'with --scores: respondent id column, written first'),
  ).action(async (data: string, flags: Flags) => {
    const nfactors = Number(flags.nfactors);
    if (!/^\s*\d+\s*$/.test(flags.nfactors)) {
      throw new StaffwellError('invalid-option', 'expected a whole number of factors', { field: '--nfactors', value: flags.nfactors, hint: 'e.g. --nfactors 2' });
    }
    const fm = oneOf(flags.fm, FACTOR_METHODS, '--fm', 'minres');
    const rotate = oneOf(flags.rotate, FACTOR_ROTATIONS, '--rotate', 'oblimin');
    const cor = oneOf(flags.cor, ['pearson', 'poly'] as const, '--cor', 'pearson');
    if (flags.scores === undefined) {
      for (const [flag, v] of [['--score-method', flags.scoreMethod], ['--score-impute', flags.scoreImpute], ['--id', flags.id]] as const) {
        if (v !== undefined) throw new StaffwellError('invalid-option', `${flag} needs --scores`, { field: flag, value: v, hint: 'name the file for the scores with --scores scores.csv' });
      }
    }
    const method = oneOf(flags.scoreMethod, FACTOR_SCORE_METHODS, '--score-method', 'regression');
    const impute = oneOf(flags.scoreImpute, ['none', 'median', 'mean'] as const, '--score-impute', 'none');
    const items = await itemsFromFlags(data, flags);
    if (flags.scores === undefined) {
      const result = await underFlags(ITEM_FLAGS, () => factorAnalysisJson(items, { nfactors, fm, rotate, cor }));
      process.stdout.write(flags.json ? JSON.stringify(result, null, 2) + '\n' : formatFactor(result));
      printWarnings(result.warnings);
      return;
    }
    const { result, table } = await underFlags(ITEM_FLAGS, () => factorScoresJob(items, { nfactors, fm, rotate, cor, method, impute }));
    writeCsv(flags.scores, table);
    process.stdout.write(flags.json ? JSON.stringify({ ...result, scores: { ...result.scores, file: flags.scores } }, null, 2) + '\n' : formatFactor(result) + formatFactorScores(result, flags.scores));
    printWarnings(result.warnings);
  });
}
