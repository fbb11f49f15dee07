import type { Command } from 'commander';
import { dirname, join, resolve } from 'node:path';
import { loadStudy } from '../../study/study-file.ts';
import { runStudy } from '../../study/run-study.ts';
import { formatEngine, formatStudySummary } from '../../study/format-study-summary.ts';
import { studyResultsJson, writeStudyResults } from '../../study/write-study-results.ts';

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
    .option('--explain', 'print on stderr how the study was run: the accumulators of the scan, what each analysis cost, the time of each phase')
    .action(async (studyPath: string, opts: { out?: string; json?: boolean; explain?: boolean }) => {
      const study = loadStudy(studyPath);
      const results = await runStudy(study);
      if (opts.explain) process.stderr.write(formatEngine(results));
      const outDir = opts.out ?? join(dirname(resolve(studyPath)), 'results');
      const written = writeStudyResults(results, outDir);
      process.stdout.write(opts.json ? studyResultsJson(results) : formatStudySummary(results) + `\nWrote ${written.json} and ${written.summary}\n`);
    });
}
