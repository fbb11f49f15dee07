import type { Command } from 'commander';
import { writeStudyReport } from '../../services/report.ts';

/**
 * `staffwell report STUDY [--qual PROJECT] [--html FILE] [--pdf FILE] [--docx FILE]`: runs the study and writes
 * its report (methods, APA tables, charts; with --qual the themes, quotes and code matrices) in each format named.
 */
export function register(program: Command): void {
  program
    .command('report')
    .description('run a study file and write its report: HTML (self-contained), PDF (printed by Chromium), Word .docx')
    .argument('<study>', 'study file (YAML or JSON); see docs/study-file.md')
    .option('--qual <project>', 'a qualitative project (.sqlite): themes, key quotes, code-by-site matrix (read without its key file)')
    .option('--html <file>', 'write the report as one self-contained HTML file')
    .option('--pdf <file>', 'write the report as PDF (needs Chromium: apt-get install chromium, or STAFFWELL_CHROMIUM)')
    .option('--docx <file>', 'write the report as a Word document')
    .option('--date <yyyy-mm-dd>', 'the date printed on the report (default today)')
    .action(async (study: string, opts: { qual?: string; html?: string; pdf?: string; docx?: string; date?: string }) => {
      if (!opts.html && !opts.pdf && !opts.docx) program.error('error: name at least one report file: --html FILE, --pdf FILE or --docx FILE', { exitCode: 2 });
      const { files } = await writeStudyReport({ study, ...opts });
      process.stdout.write(files.map((f) => `Wrote ${f}\n`).join(''));
    });
}
