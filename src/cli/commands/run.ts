import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { studyRun } from '../../services/study-run.ts';
import { formatEngine, formatStudySummary } from '../../study/format-study-summary.ts';
import { studyResultsJson } from '../../study/write-study-results.ts';
import type { ScoredFormat } from '../../study/scored-data.ts';

/** `--scored csv,sav` -> formats; `none` -> [] (a bad value is a usage error, exit 2). */
function parseScored(flag: string): ScoredFormat[] {
  if (flag.trim() === 'none') return [];
  const parts = flag.split(',').map((s) => s.trim());
  for (const p of parts) if (p !== 'csv' && p !== 'sav') throw new InvalidArgumentError(`"${p}" is not a format of the scored data: use csv, sav, csv,sav or none.`);
  return parts as ScoredFormat[];
}

/**
 * `staffwell run STUDY [--out DIR] [--json]`: runs a study file, prints the summary (or, with --json, the results
 * JSON) and writes results.json and summary.txt to --out (default: `results/` beside the study file).
 */
export function register(program: Command): void {
  program
    .command('run')
    .description('run a study file: score the instruments, run the analyses, write results.json and summary.txt')
    .argument('<study>', 'study file (YAML or JSON); see docs/study-file.md')
    .option('--out <dir>', 'folder for results.json and summary.txt (default: results/ beside the study file)')
    .option('--json', 'print the results JSON instead of the summary')
    .option('--scored <formats>', 'also write the scored data set (one row per respondent): csv, sav, csv,sav or none (default: the study\'s output.scored, else csv)', parseScored)
    .option('--explain', 'print on stderr how the study was run: the accumulators of the scan, what each analysis cost, the time of each phase')
    .action(async (studyPath: string, opts: { out?: string; json?: boolean; explain?: boolean; scored?: ScoredFormat[] }) => {
      const { results, files } = await studyRun(studyPath, { out: opts.out, scored: opts.scored });
      if (opts.explain) process.stderr.write(formatEngine(results));
      process.stdout.write(opts.json ? studyResultsJson(results) : formatStudySummary(results) + `\nWrote ${files.slice(0, -1).join(', ')} and ${files[files.length - 1]}\n`);
    });
}
