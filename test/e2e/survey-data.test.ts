/**
 * The survey data view in the browser: a survey file of the workspace folder opened from the list by keyboard, its
 * columns, first rows and instrument suggestions shown; missing-value codes typed in and read again (the address
 * keeps them); the other file opened by mouse; a file dropped on the page read (not saved); an SPSS file chosen by
 * keyboard with its labels; a broken one named in the error. Screenshot of the columns and rows; axe finds nothing.
 * An Excel workbook's sheets in a chooser, by mouse and by keyboard, for a folder file (whose first sheet cannot be
 * read) and a dropped one.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { dirname, join } from 'node:path';
import { axeViolations, browserSkip, demoPage, fileChoosers, shot, tabTo, waitFor } from './browser.ts';

test('survey data: open by keyboard, re-read with missing codes, open by mouse, drop a file', { skip: browserSkip(), timeout: 180_000 }, async (t) => {
  let folder = '';
  const { ws, page, errors } = await demoPage(t, {
    consoleErrors: true,
    prepare: async (projectPath) => {
      folder = dirname(projectPath);
      copyFileSync('examples/demo-survey.csv', join(folder, 'demo-survey.csv'));
      copyFileSync('examples/imaging/imaging-survey.csv', join(folder, 'imaging-survey.csv'));
    },
  });
  const choosers = fileChoosers(page);
  await page.goto(ws.url);
  await page.getByRole('link', { name: 'Survey data' }).waitFor();
  const columnRow = (name: string) => page.getByRole('region', { name: 'Columns', exact: true }).getByRole('row', { name: new RegExp(`^${name} `) });

  await t.test('by keyboard: the tab, then a file from the list', async () => {
    await page.getByRole('link', { name: 'Survey data' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Files in the folder' }).waitFor();
    const link = page.getByRole('link', { name: 'demo-survey.csv' });
    await link.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'demo-survey.csv', level: 2 }).waitFor();
    assert.match((await page.locator('.survey-summary').textContent()) ?? '', /CSV · 300 rows · \d+ columns/);
    assert.match((await columnRow('hse_1').textContent()) ?? '', /hse_1number8 \(3%\)-99 – 5 · 6 distinct/);
    const suggestions = (await page.locator('.survey-suggestions li').allTextContents()).join('\n');
    assert.match(suggestions, /General Health Questionnaire.*Goldberg & Williams \(1988\).*ghq_1 … ghq_12 — named by its item ids; in a study file items: ghq_\{n\}/);
    const head = page.getByRole('region', { name: 'First rows' });
    assert.equal(await head.locator('tbody tr').count(), 20);
    assert.equal(await head.locator('tbody tr').first().locator('td').first().textContent(), 'S0001');
  });

  await t.test('missing-value codes typed in re-read the file, and the address keeps them', async () => {
    await page.getByLabel('Missing-value codes').focus();
    await page.keyboard.type('-99');
    await page.keyboard.press('Enter');
    await waitFor(async () => /hse_1number11 \(4%\)1 – 5 · 5 distinct/.test((await columnRow('hse_1').textContent()) ?? ''), 'read with -99 missing');
    assert.match(page.url(), /#\/survey\/demo-survey\.csv\?na=-99$/);
    await page.getByRole('region', { name: 'Columns', exact: true }).scrollIntoViewIfNeeded();
    await shot(page, '80-survey-data');
    assert.deepEqual(await axeViolations(page), []);
  });

  await t.test('by mouse: the other file from the list', async () => {
    await page.getByRole('link', { name: 'imaging-survey.csv' }).click();
    await page.getByRole('heading', { name: 'imaging-survey.csv', level: 2 }).waitFor();
    assert.match((await page.locator('.survey-suggestions').textContent()) ?? '', /Brief Resilience Scale|BRS/);
    assert.equal(await page.getByLabel('Missing-value codes').inputValue(), '', 'codes belong to a reading, not to every file');
  });

  await t.test('a dropped file is read (and not saved); a text answer among numbers offered as a missing code', async () => {
    const before = readdirSync(folder).sort();
    await page.evaluate((csv) => {
      const g = globalThis as unknown as { document: { querySelector(s: string): { dispatchEvent(e: unknown): void } }; DataTransfer: new () => { items: { add(f: unknown): void } }; File: new (b: string[], n: string) => unknown; DragEvent: new (t: string, i: unknown) => unknown };
      const dt = new g.DataTransfer();
      dt.items.add(new g.File([csv], 'wave2.csv'));
      g.document.querySelector('.drop-zone').dispatchEvent(new g.DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, 'id,age,q1\n1,34,1\n2,refused,2\n3,51,3\n4,29,\n');
    await page.getByRole('heading', { name: 'wave2.csv', level: 2 }).waitFor();
    assert.match((await page.locator('.survey-summary').textContent()) ?? '', /4 rows · 3 columns · dropped file \(not saved\)/);
    assert.match((await columnRow('age').textContent()) ?? '', /text.*mostly numbers; not: “refused” \(1 row\)/);
    await shot(page, '81-survey-dropped');
    await page.getByRole('button', { name: 'treat as missing in age' }).click();
    await waitFor(async () => /^agenumber1 \(25%\)/.test((await columnRow('age').textContent()) ?? ''), 'age read as numbers');
    assert.equal(await page.getByLabel('Missing-value codes').inputValue(), 'refused');
    assert.deepEqual(readdirSync(folder).sort(), before, 'nothing written to the folder');
  });

  await t.test('by keyboard: choose an SPSS file; its variable and value labels, and its own missing values', async () => {
    await page.getByRole('button', { name: 'choose a file…' }).focus();
    const chooser = choosers.next();
    await page.keyboard.press('Enter');
    await (await chooser).setFiles({ name: 'wellbeing.sav', mimeType: 'application/octet-stream', buffer: readFileSync('test/fixtures/sav/pspp-compressed.sav') });
    await page.getByRole('heading', { name: 'wellbeing.sav', level: 2 }).waitFor();
    await waitFor(async () => (await page.getByLabel('Missing-value codes').inputValue()) === '', 'a new file is read without the last one’s codes');
    const item1 = (await columnRow('item1').textContent()) ?? '';
    assert.match(item1, /Felt calm at work/);
    assert.match(item1, /1 = Never; 2 = Rarely; 3 = Sometimes; 4 = Often; 5 = Always; 9 = Refused/);
    assert.match(item1, /SPSS: 9/);
    assert.match((await columnRow('item2').textContent()) ?? '', /SPSS: 97 thru 99/);
    await shot(page, '82-survey-spss');
    assert.deepEqual(await axeViolations(page), []);
  });

  await t.test('a broken file is named in the error', async () => {
    await page.evaluate(() => {
      const g = globalThis as unknown as { document: { querySelector(s: string): { dispatchEvent(e: unknown): void } }; DataTransfer: new () => { items: { add(f: unknown): void } }; File: new (b: string[], n: string) => unknown; DragEvent: new (t: string, i: unknown) => unknown };
      const dt = new g.DataTransfer();
      dt.items.add(new g.File(['not spss at all'], 'export.sav'));
      g.document.querySelector('.drop-zone').dispatchEvent(new g.DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    await page.getByRole('alert').getByText(/^export\.sav: /).waitFor();
  });
  assert.deepEqual(errors.filter((e) => !/status of 400/.test(e)), []);
});

/** A workbook: an empty cover sheet first, then two waves of answers. */
async function workbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Cover');
  wb.addWorksheet('Wave 1').addRows([['id', 'ghq_1', 'ghq_2'], ['w1-a', 1, 2], ['w1-b', 0, 3]]);
  wb.addWorksheet('Wave 2 & follow-up').addRows([['id', 'site', 'q1'], ['w2-a', 'Leeds', 4], ['w2-b', 'York', 5], ['w2-c', 'Hull', 2]]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test('survey data: an Excel workbook\'s sheets chosen from a list, by mouse and by keyboard, in the folder and dropped', { skip: browserSkip(), timeout: 180_000 }, async (t) => {
  const book = await workbook();
  const { ws, page, errors } = await demoPage(t, {
    consoleErrors: true,
    prepare: async (projectPath) => {
      const { writeFileSync } = await import('node:fs');
      writeFileSync(join(dirname(projectPath), 'waves.xlsx'), book);
    },
  });
  await page.goto(ws.url);
  await page.getByRole('link', { name: 'Survey data' }).click();
  const sheet = page.getByLabel('Sheet');
  const summary = page.locator('.survey-summary');
  const firstCell = () => page.getByRole('region', { name: 'First rows' }).locator('tbody tr').first().locator('td').first().textContent();

  await t.test('by mouse: the workbook from the list; its first sheet is empty, the chooser lists every sheet', async () => {
    await page.getByRole('link', { name: 'waves.xlsx' }).click();
    await page.getByRole('alert').getByText(/^waves\.xlsx \[sheet "Cover"\]: the sheet is empty/).waitFor();
    await waitFor(async () => (await sheet.count()) === 1, 'the sheet chooser');
    assert.deepEqual(await sheet.locator('option').allTextContents(), ['Cover (first)', 'Wave 1', 'Wave 2 & follow-up']);
    await shot(page, '84-survey-sheet-empty');
    await sheet.selectOption('Wave 1');
    await waitFor(async () => /XLSX, sheet Wave 1 · 2 rows · 3 columns/.test((await summary.textContent()) ?? ''), 'Wave 1 read');
    assert.equal(await firstCell(), 'w1-a');
    assert.match(page.url(), /#\/survey\/waves\.xlsx\?sheet=Wave(%20|\+)1$/);
    assert.equal(await sheet.inputValue(), 'Wave 1');
    assert.equal(await page.getByRole('alert').count(), 0);
  });

  await t.test('by keyboard: Tab to the chooser, an arrow key reads the next sheet; the address keeps it', async () => {
    await page.getByRole('heading', { name: 'waves.xlsx', level: 2 }).click();
    await tabTo(page, 'Sheet');
    await page.keyboard.press('ArrowDown');
    await waitFor(async () => /sheet Wave 2 & follow-up · 3 rows · 3 columns/.test((await summary.textContent()) ?? ''), 'Wave 2 read');
    assert.equal(await firstCell(), 'w2-a');
    assert.equal(new URLSearchParams(new URL(page.url()).hash.split('?')[1]).get('sheet'), 'Wave 2 & follow-up');
    assert.equal(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { tagName: string } } }).document.activeElement.tagName), 'SELECT', 'the focus stays on the chooser');
    await shot(page, '83-survey-sheets');
    assert.deepEqual(await axeViolations(page), []);
    await page.goBack();
    await waitFor(async () => /sheet Wave 1 · 2 rows/.test((await summary.textContent()) ?? ''), 'back to Wave 1');
    assert.equal(await sheet.inputValue(), 'Wave 1');
  });

  await t.test('a dropped workbook: its sheets listed though its first sheet is empty, one chosen by keyboard is read', async () => {
    await page.evaluate((bytes) => {
      const g = globalThis as unknown as { document: { querySelector(s: string): { dispatchEvent(e: unknown): void } }; DataTransfer: new () => { items: { add(f: unknown): void } }; File: new (b: unknown[], n: string) => unknown; DragEvent: new (t: string, i: unknown) => unknown };
      const dt = new g.DataTransfer();
      dt.items.add(new g.File([new Uint8Array(bytes)], 'dropped.xlsx'));
      g.document.querySelector('.drop-zone').dispatchEvent(new g.DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, [...book]);
    await page.getByRole('heading', { name: 'dropped.xlsx', level: 2 }).waitFor();
    await page.getByRole('alert').getByText(/^dropped\.xlsx \[sheet "Cover"\]: the sheet is empty/).waitFor();
    await waitFor(async () => (await sheet.count()) === 1 && (await sheet.evaluate((el) => (el as unknown as { tagName: string }).tagName)) === 'SELECT', 'the chooser of the dropped workbook');
    assert.deepEqual(await sheet.locator('option').allTextContents(), ['Cover (first)', 'Wave 1', 'Wave 2 & follow-up']);
    await page.getByLabel('Missing-value codes').focus();
    await tabTo(page, 'Sheet', 3);
    await page.keyboard.press('ArrowDown');
    await waitFor(async () => /XLSX, sheet Wave 1 · 2 rows · 3 columns · dropped file/.test((await summary.textContent()) ?? ''), 'Wave 1 of the dropped file');
    assert.equal(await page.getByRole('alert').count(), 0);
    await page.keyboard.press('ArrowDown');
    await waitFor(async () => /sheet Wave 2 & follow-up · 3 rows · 3 columns · dropped file/.test((await summary.textContent()) ?? ''), 'Wave 2 of the dropped file');
    assert.equal(await firstCell(), 'w2-a');
  });
  assert.deepEqual(errors.filter((e) => !/status of 400/.test(e)), []);
});
