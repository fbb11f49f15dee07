/**
 * The Results tab of a study that names its qualitative project (`mixed:`): the joint displays follow the
 * analyses as report tables, the same cells the report model has; reached by mouse and by keyboard.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { makeLinkedExample, PROJECT_FILE } from '../helpers/linked-example.ts';
import { buildStudyReport } from '../../src/report/study-report.ts';
import { studyResults } from '../../src/services/study-run.ts';
import type { ReportTable } from '../../src/report/report-model.ts';
import { axeViolations, browserSkip, demoPage, shot, tabTo } from './browser.ts';

test('the Results tab shows a study\'s joint displays after its analyses, by mouse and by keyboard', { skip: browserSkip(), timeout: 180_000 }, async (t) => {
  let study = '';
  const { ws, page, errors } = await demoPage(t, {
    consoleErrors: true,
    build: async (dir) => {
      const project = await makeLinkedExample(dir);
      study = join(dirname(project), 'study.yaml');
      writeFileSync(study, readFileSync(study, 'utf8') + `mixed:\n  project: ${PROJECT_FILE}\n  displays:\n    - { type: statistics-by-themes, scores: [ghq.total] }\n    - { type: side-by-side }\n`);
      return project;
    },
  });
  const report = buildStudyReport(await studyResults(study));
  const joint = report.blocks.slice(report.blocks.findIndex((b) => b.kind === 'heading' && b.text === 'Joint displays')).filter((b): b is ReportTable => b.kind === 'table');
  assert.equal(joint.length, 2);
  const pane = page.getByRole('region', { name: 'Results' });

  await t.test('by mouse', async () => {
    await page.goto(ws.url);
    await page.getByRole('link', { name: 'Results' }).click();
    await page.getByRole('link', { name: 'study.yaml' }).click();
    await pane.getByRole('heading', { name: 'Joint displays', level: 2 }).or(pane.getByRole('heading', { name: 'Joint displays' })).first().waitFor();
    for (const tbl of joint) {
      const el = pane.locator('.apa-table table', { has: page.locator('caption .title', { hasText: tbl.title }) });
      await el.waitFor();
      const rows = await el.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
      assert.deepEqual(rows, tbl.rows, tbl.title);
    }
    await pane.getByText('A third are GHQ-12 cases').first().waitFor();
    await pane.getByRole('heading', { name: 'Side by side: side-by-side' }).scrollIntoViewIfNeeded();
    await shot(page, '95-results-joint-displays');
    assert.deepEqual(await axeViolations(page), []);
  });

  await t.test('by keyboard', async () => {
    await page.goto(ws.url);
    await page.getByRole('heading', { name: 'Documents' }).waitFor();
    await page.locator('body').focus();
    await tabTo(page, 'Results', 40);
    await page.keyboard.press('Enter');
    await tabTo(page, 'study.yaml', 60);
    await page.keyboard.press('Enter');
    await pane.getByRole('heading', { name: 'Statistics by themes' }).waitFor();
  });
  assert.deepEqual(errors, []);
});
