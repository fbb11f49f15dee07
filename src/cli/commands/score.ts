import type { Command } from 'commander';
import { formatCsv } from '../../data/csv-write.ts';
import type { Table } from '../../data/table.ts';
import { parseMinAnswered } from '../../psych/score.ts';
import { surveyScore } from '../../services/survey-score.ts';
import { addScaleOptions, loadAnswerLabels, loadKeys, oneOf, parseBounds, parseNumberFlag, progressFor, readOptionsFrom, type DataFlags } from '../survey-options.ts';

interface Flags extends DataFlags {
  scales: string;
  id?: string;
  min?: string;
  max?: string;
  impute?: string;
  totals?: boolean;
  minAnswered?: string;
  out?: string;
  workers?: string;
}

export function register(program: Command): void {
  addScaleOptions(
    program
      .command('score')
      .summary('scale scores per respondent, as psych::scoreItems')
      .description(
        'One row per respondent: the id column (if given), then one column per scale in keys order; an empty cell where ' +
          'a score is missing. Scores are as R psych::scoreItems: the mean (or with --totals the sum) of the keyed items, ' +
          'reversed items as max + min - x, missing answers imputed by the item median (psych default), the mean, or not ' +
          'at all (--impute none: the mean of the answered items).',
      )
      .argument('<data>', 'survey file: .csv, .tsv, .xlsx, .sav or .zsav')
      .option('--id <column>', 'respondent id column, written first and checked for duplicates')
      .option('--impute <how>', 'none, median (psych default) or mean', 'median')
      .option('--totals', 'sums instead of means (psych totals = TRUE)')
      .option('--min-answered <n>', 'leave a score empty when fewer items were answered: a count (3) or a fraction (0.5, 50%)')
      .option('--out <file.csv>', 'write here (atomically) instead of to standard output')
  ).action(async (data: string, flags: Flags) => {
    const keys = loadKeys(flags.scales);
    const labels = loadAnswerLabels(flags.labels);
    const read = readOptionsFrom(flags);
    const bounds = parseBounds(flags);
    const impute = oneOf(flags.impute, ['none', 'median', 'mean'] as const, '--impute', 'median');
    const minAnswered = flags.minAnswered === undefined ? undefined : parseMinAnswered(flags.minAnswered, '--min-answered');
    const workers = parseNumberFlag(flags.workers, '--workers');
    const progress = progressFor('score');
    // Without --out, each chunk's rows are printed as they are scored (the header once).
    let first = true;
    const print = (scores: Table) => {
      const text = formatCsv(scores);
      process.stdout.write(first ? text : text.slice(text.indexOf('\n') + 1));
      first = false;
    };
    try {
      await surveyScore(data, {
        keys,
        labels,
        read,
        ...bounds,
        id: flags.id,
        impute,
        totals: Boolean(flags.totals),
        minAnswered,
        workers,
        onProgress: progress.onProgress,
        ...(flags.out ? { out: flags.out } : { onChunk: print }),
      });
    } finally {
      progress.done();
    }
    if (flags.out) process.stderr.write(`staffwell: wrote ${flags.out}\n`);
  });
}
