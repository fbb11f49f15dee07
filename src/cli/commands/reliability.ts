import type { Command } from 'commander';
import { surveyReliability } from '../../services/survey-reliability.ts';
import { formatJson } from '../format-json.ts';
import { formatReliability, reliabilityWarningText } from '../format-survey.ts';
import { addScaleOptions, loadAnswerLabels, loadKeys, oneOf, parseBounds, parseNumberFlag, progressFor, readOptionsFrom, type DataFlags } from '../survey-options.ts';

interface Flags extends DataFlags {
  scales: string;
  min?: string;
  max?: string;
  missing?: string;
  impute?: string;
  correlation?: string;
  workers?: string;
  json?: boolean;
}

export function register(program: Command): void {
  addScaleOptions(
    program
      .command('reliability')
      .summary('reliability of each scale, as psych::alpha (and scoreItems alpha)')
      .description(
        'Reliability of each scale in the keys file, computed as R psych::alpha on the keyed items: raw and standardised ' +
          'alpha, G6, average and median r, S/N, ase, Feldt and Duhachek 95% CIs, item statistics and alpha if dropped, ' +
          "plus psych::scoreItems' alpha. One pass over the file; large CSV files use every core.",
      )
      .argument('<data>', 'survey file: .csv, .tsv, .xlsx, .sav or .zsav')
      .option('--missing <how>', 'pairwise (psych default) or listwise', 'pairwise')
      .option('--impute <how>', "imputation for scoreItems' alpha: median (psych default), mean or none", 'median')
      .option('--correlation <how>', 'correlation matrix of std_alpha: cov2cor (psych 2.2.9) or pairwise', 'cov2cor')
      .option('--json', 'print the results as JSON'),
  ).action(async (data: string, flags: Flags) => {
    const keys = loadKeys(flags.scales);
    const labels = loadAnswerLabels(flags.labels);
    const read = readOptionsFrom(flags);
    const bounds = parseBounds(flags);
    const missing = oneOf(flags.missing, ['pairwise', 'listwise'] as const, '--missing', 'pairwise');
    const impute = oneOf(flags.impute, ['median', 'mean', 'none'] as const, '--impute', 'median');
    const correlation = oneOf(flags.correlation, ['cov2cor', 'pairwise'] as const, '--correlation', 'cov2cor');
    const workers = parseNumberFlag(flags.workers, '--workers');
    const progress = progressFor('reliability');
    const result = await surveyReliability(data, { keys, labels, read, ...bounds, missing, impute, correlation, workers, onProgress: progress.onProgress });
    progress.done();
    process.stdout.write(flags.json ? formatJson(result) : formatReliability(result.scales, result.warnings, missing));
    for (const w of result.warnings) if (flags.json) process.stderr.write(`staffwell: warning: ${reliabilityWarningText(w)}\n`);
  });
}
