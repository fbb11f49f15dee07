/**
 * The README's gallery (docs/gallery.md and docs/images/): pages of each example study's PDF report, and the web
 * workspace as the browser tests saw it. Run after `npm test` (which writes test/e2e/screenshots/):
 *
 *   node --import tsx scripts/make-gallery.ts
 *
 * A report page is picked by the figure it shows (its caption), so the pictures follow the report when its
 * layout changes. Needs pdftoppm and pdftotext (Debian poppler-utils) and Chromium (for the PDFs).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeStudyReport } from '../src/services/report.ts';

const IMAGES = 'docs/images';
const SHOTS = 'test/e2e/screenshots';

/** Each example study, and the figures whose pages show it best. */
const REPORTS: { study: string; figures: string[] }[] = [
  { study: 'pals', figures: ['Figure 1', 'Figure 6', 'Figure 13'] },
  { study: 'imaging', figures: ['Figure 1', 'Figure 4'] },
  { study: 'pwp', figures: ['Figure 2', 'Figure 6'] },
];

/** Browser-test screenshots shown in the gallery, under the names the gallery uses. */
const WORKSPACE: [shot: string, name: string][] = [
  ['02-transcript', 'workspace-transcript'],
  ['03-palette', 'workspace-code-palette'],
  ['40-themes', 'workspace-themes'],
  ['42-theme-detail', 'workspace-theme-table'],
  ['20-agreement', 'workspace-agreement'],
  ['30-model', 'workspace-model'],
  ['50-pseudonymise', 'workspace-pseudonymise'],
  ['80-survey-data', 'workspace-survey-data'],
  ['85-results', 'workspace-results'],
  ['90-mixed-profile', 'workspace-mixed-profile'],
  ['91-joint-displays', 'workspace-joint-displays'],
];

mkdirSync(IMAGES, { recursive: true });
const tmp = mkdtempSync(join(tmpdir(), 'staffwell-gallery-'));
try {
  for (const { study, figures } of REPORTS) {
    const pdf = join(tmp, `${study}.pdf`);
    await writeStudyReport({ study: `examples/${study}/study.yaml`, pdf, date: '2026-12-04' });
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1] ?? 0);
    const texts = Array.from({ length: pages }, (_, i) => execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), pdf, '-'], { encoding: 'utf8' }));
    for (const figure of figures) {
      const page = texts.findIndex((t) => new RegExp(`^${figure}$`, 'm').test(t)) + 1;
      if (page === 0) throw new Error(`${study}: no page shows ${figure}`);
      const out = join(IMAGES, `report-${study}-${figure.toLowerCase().replace(' ', '-')}`);
      execFileSync('pdftoppm', ['-png', '-r', '60', '-singlefile', '-f', String(page), '-l', String(page), pdf, out]);
      console.log(`${out}.png (page ${page} of ${pages})`);
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
for (const [shot, name] of WORKSPACE) {
  const from = join(SHOTS, `${shot}.png`);
  if (!existsSync(from)) {
    console.log(`skipped ${name}: ${from} is not there (run the browser tests first)`);
    continue;
  }
  copyFileSync(from, join(IMAGES, `${name}.png`));
  console.log(join(IMAGES, `${name}.png`));
}
