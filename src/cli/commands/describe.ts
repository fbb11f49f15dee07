import type { Command } from 'commander';
import { parseMinAnswered } from '../../psych/score.ts';
import { surveyDescribe } from '../../services/survey-describe.ts';
import { formatJson } from '../format-json.ts';
import { formatDescribe } from '../format-survey.ts';
import { addScaleOptions, loadAnswerLabels, loadKeys, parseBounds, parseNumberFlag, progressFor, readOptionsFrom, type DataFlags } from '../survey-options.ts';
import { StaffwellError } from '../../errors.ts';

interface Flags extends DataFlags {
  scales: string;
  by: string;
  minGroup?: string;
  min?: string;
  max?: string;
  minAnswered?: string;
  workers?: string;
  json?: boolean;
}

export function register(program: Command): void {
  addScaleOptions(
    program
      .command('describe')
      .summary('scale scores summarised per group, small groups suppressed')
      .description(
        'Scale scores (mean of the answered items, as psych::scoreItems with impute="none") summarised per group: n, mean, ' +
          'sd, se and 95% CI. Groups smaller than --min-group are suppressed, and further groups where needed so that no ' +
          'suppressed group can be worked out from a total.',
      )
      .argument('<data>', 'survey file: .csv, .tsv, .xlsx, .sav or .zsav')
      .requiredOption('--by <columns>', 'grouping column(s), comma-separated, e.g. site or site,role')
      .option('--min-group <n>', 'smallest group shown (default 10)', '10')
      .option('--min-answered <n>', 'leave a score missing when fewer items were answered: a count (3) or a fraction (0.5, 50%)')
      .option('--json', 'print the results as JSON'),
  ).action(async (data: string, flags: Flags) => {
    const keys = loadKeys(flags.scales);
    const labels = loadAnswerLabels(flags.labels);
    const read = readOptionsFrom(flags);
    const bounds = parseBounds(flags);
    const by = flags.by.split(',').map((s) => s.trim()).filter(Boolean);
    const minGroupSize = parseNumberFlag(flags.minGroup, '--min-group') ?? 10;
    if (!Number.isInteger(minGroupSize) || minGroupSize < 1) {
      throw new StaffwellError('usage', 'expected a whole number of respondents, 1 or more', {
        field: '--min-group',
        value: flags.minGroup,
        hint: 'e.g. --min-group 10 (1 turns suppression off)',
      });
    }
    const minAnswered = flags.minAnswered === undefined ? undefined : parseMinAnswered(flags.minAnswered, '--min-answered');
    const workers = parseNumberFlag(flags.workers, '--workers');
    const progress = progressFor('describe');
    const result = await surveyDescribe(data, { keys, labels, read, ...bounds, by, minGroupSize, minAnswered, workers, onProgress: progress.onProgress });
    progress.done();
    process.stdout.write(flags.json ? formatJson(result) : formatDescribe(result, by, minGroupSize));
  });
}
