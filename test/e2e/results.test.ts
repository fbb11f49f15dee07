/**
 * The survey results pane in Chromium: a study file beside the project opened by mouse and by keyboard, its APA
 * tables the report model's cell for cell (a value checked against studyResults), a small group shown as
 * "suppressed (n < 10)" and the group hidden with it as "suppressed", never with their numbers, every chart drawn
 * with its accessible name and description, the analyses' contents moving the focus, a broken study's error
 * (file, field) in the pane, a changed study file run again on focus, and the HTML report downloaded.
 * Screenshots and axe-core.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chartsForStudy } from '../../src/charts/study-charts.ts';
import { fmt } from '../../src/charts/format-number.ts';
import { buildStudyReport } from '../../src/report/study-report.ts';
import type { ReportTable } from '../../src/report/report-model.ts';
import { studyResults } from '../../src/services/study-run.ts';
import type { DescribeResult } from '../../src/study/study-results.ts';
import { writePalsStudy } from '../helpers/pals-study.ts';
import { axeViolations, browserSkip, demoPage, shot, tabTo, waitFor } from './browser.ts';

const NAME = 'PALS staff wellbeing survey (synthetic demo)';

test('the results pane: a study run and shown as its report, by mouse and by keyboard', { skip: browserSkip(), timeout: 180_000 }, async (t) => {
  let studyFile = '';
  const { ws, page, errors } = await demoPage(t, {
    consoleErrors: true,
    prepare: async (projectPath) => {
      studyFile = writePalsStudy(dirname(projectPath));
      const broken = readFileSync(studyFile, 'utf8').replace('scores: [hse.*], by: [site] }', 'scores: [hse.*], byy: [site] }');
      writeFileSync(join(dirname(projectPath), 'broken.yaml'), broken);
    },
  });
  const results = await studyResults(studyFile);
  const report = buildStudyReport(results);
  const tables = report.blocks.filter((b): b is ReportTable => b.kind === 'table');
  const charts = chartsForStudy(results).flatMap((x) => x.charts);
  const pane = page.getByRole('region', { name: 'Results' });

  await page.goto(ws.url);
  await page.getByRole('link', { name: 'Results' }).click();
  await page.getByRole('heading', { name: 'Survey results', level: 1 }).waitFor();

  await t.test('open by mouse: the tables are the report model\'s, a value as in the results', async () => {
    const t0 = Date.now();
    await page.getByRole('link', { name: 'study.yaml' }).click();
    await page.getByRole('heading', { name: NAME, level: 1 }).waitFor();
    await waitFor(async () => (await page.locator('.chart-host > svg').count()) === charts.length, 'every chart drawn');
    t.diagnostic(`study run, tables and ${charts.length} charts drawn ${Date.now() - t0} ms after the click`);
    assert.equal(await page.getByRole('link', { name: 'study.yaml' }).getAttribute('aria-current'), 'page');
    // every table, in order, cell for cell as the HTML report has it
    const shown = await pane.locator('.apa-table table').evaluateAll((els) =>
      els.map((el) => ({
        caption: (el.querySelector('caption .title') as { textContent: string }).textContent,
        head: [...el.querySelectorAll('thead th')].map((th) => th.textContent),
        rows: [...el.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
      })),
    );
    assert.equal(shown.length, tables.length);
    shown.forEach((s, i) => {
      assert.equal(s.caption, tables[i].title);
      assert.deepEqual(s.head, tables[i].columns.map((c) => c.label));
      assert.deepEqual(s.rows, tables[i].rows);
    });
    // and a value straight from the results: GHQ-12 total's n and mean in the first table
    const describe = results.analyses.find((a): a is DescribeResult => a.id === 'describe-scores')!;
    const ghq = describe.overall!.scales['ghq.total'];
    const row = pane.locator('.apa-table').first().locator('tbody tr', { hasText: 'GHQ-12 total' });
    assert.deepEqual((await row.locator('td').allTextContents()).slice(1, 3), [String(ghq.n), fmt(ghq.mean)]);
    assert.match((await pane.getByRole('status').textContent()) ?? '', /300 respondents in demo-survey\.csv/);
  });

  await t.test('a small group is suppressed in the tables and the charts: no numbers', async () => {
    const table = pane.locator('.apa-table').filter({ hasText: 'HSE Management Standards Indicator Tool by site' }).first();
    // Lakeside Unit is small (9 staff); Westbrook Clinic is hidden only so that Lakeside cannot be worked out
    for (const [site, shown] of [
      ['Lakeside Unit', 'suppressed (n < 10)'],
      ['Westbrook Clinic', 'suppressed'],
    ]) {
      const rows = table.locator('tbody tr', { hasText: site });
      assert.equal(await rows.count(), 7, 'one row per HSE domain');
      for (const cells of await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => ({ text: td.textContent, cls: td.className }))))) {
        assert.deepEqual(
          cells.map((c) => c.text),
          ['', site, shown, '', '', ''],
        );
        assert.match(cells[2].cls, /suppressed/);
      }
    }
    const note = (await table.locator('.note').textContent()) ?? '';
    assert.match(note, /Suppressed: groups of fewer than 10 respondents/);
    // the group-means chart marks the site as suppressed instead of a mean
    const fig = pane.locator('figure.chart').filter({ hasText: 'by site' }).first();
    assert.match((await fig.locator('.chart-host > svg').textContent()) ?? '', /suppressed/);
  });

  await t.test('every chart is drawn with its title and alt text as its accessible name and description', async () => {
    const svgs = pane.locator('figure.chart .chart-host > svg');
    assert.equal(await svgs.count(), charts.length);
    const drawn = await svgs.evaluateAll((els) =>
      els.map((svg) => {
        const [title, desc] = (svg.getAttribute('aria-labelledby') ?? '').split(' ').map((id: string) => svg.ownerDocument.getElementById(id)?.textContent);
        return { role: svg.getAttribute('role'), figure: svg.closest('figure')?.getAttribute('aria-label'), title, desc, styles: svg.querySelectorAll('style').length };
      }),
    );
    drawn.forEach((d, i) => {
      assert.deepEqual(d, { role: 'img', figure: charts[i].title, title: charts[i].title, desc: charts[i].alt, styles: 0 });
    });
  });

  await t.test('the analyses contents move the focus to an analysis, by keyboard', async () => {
    const heading = 'Cross-tabulation: GHQ caseness (GHQ method) by site';
    await page.getByRole('navigation', { name: 'Study files and analyses' }).getByRole('button', { name: heading }).focus();
    await page.keyboard.press('Enter');
    const focused = () =>
      page.evaluate(() => {
        const el = (globalThis as unknown as { document: { activeElement: { tagName: string; textContent: string } | null } }).document.activeElement;
        return el && { tagName: el.tagName, textContent: el.textContent };
      });
    await waitFor(async () => (await focused())?.textContent === heading, 'the focus on the analysis heading');
    assert.equal((await focused())?.tagName, 'H3');
  });

  await t.test('the HTML report downloads', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download the HTML report' }).click();
    const d = await download;
    assert.equal(d.suggestedFilename(), 'study-report.html');
    const html = readFileSync((await d.path())!, 'utf8');
    assert.match(html, new RegExp(`<title>${NAME.replace(/[()]/g, '\\$&')}</title>`));
    assert.ok(html.includes('<td class="r suppressed">suppressed (n &lt; 10)</td>'));
  });

  assert.deepEqual(await axeViolations(page), []);
  await page.getByRole('heading', { name: NAME, level: 1 }).scrollIntoViewIfNeeded();
  await shot(page, '85-results');

  await t.test('open by keyboard: a broken study shows its error (file, field) in the pane', async () => {
    await page.getByRole('heading', { level: 1 }).click();
    await tabTo(page, 'broken.yaml');
    await page.keyboard.press('Enter');
    const alert = pane.getByRole('alert');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    assert.match(text, /The study did not run/);
    assert.match(text, /Filebroken\.yaml/);
    assert.match(text, /Fieldanalyses\[2\]\.byy/);
    assert.match(text, /unknown field "byy"; did you mean "by"\?/);
    assert.equal(await pane.locator('.apa-table').count(), 0, 'no stale tables under the error');
    assert.deepEqual(await axeViolations(page), []);
    await shot(page, '86-results-error');

    await page.getByRole('heading', { level: 1 }).click();
    await tabTo(page, 'study.yaml');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: NAME, level: 1 }).waitFor();
    assert.equal(await pane.locator('.apa-table').count(), tables.length);
  });

  await t.test('a changed study file runs again when the tab gets the focus back; Run again runs it at once', async () => {
    writeFileSync(studyFile, readFileSync(studyFile, 'utf8').replace(`name: ${NAME}`, 'name: PALS renamed'));
    await page.evaluate(() => (globalThis as unknown as EventTarget).dispatchEvent(new Event('focus')));
    await page.getByRole('heading', { name: 'PALS renamed', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Run again' }).focus();
    const answer = page.waitForResponse((r) => r.url().includes('/api/study?') && r.url().includes('fresh=1'));
    await page.keyboard.press('Enter');
    assert.equal(((await (await answer).json()) as { cached: boolean }).cached, false, 'run afresh, not from the cache');
    await waitFor(async () => (await page.getByRole('button', { name: 'Run again' }).getAttribute('aria-disabled')) === 'false', 'the run done');
    assert.equal(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } | null } }).document.activeElement?.textContent), 'Run again', 'the focus stays on the button');
  });

  // page errors and console errors (a CSP violation by a chart, say), but the broken study's expected 400
  assert.deepEqual(
    errors.filter((e) => !/status of 400/.test(e)),
    [],
  );
  assert.ok(errors.some((e) => /status of 400/.test(e)), 'the broken study answered 400');
});
