/**
 * Retrieval, search, matrix and memos in Chromium: a matrix cell opens its segments, a segment jumps to its place
 * in the transcript, a KWIC hit opens the transcript at the word, and a memo written in the dock beside the text
 * appears in the memo timeline. Screenshots and axe-core on each view.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, browserSkip, demoPage, shot } from './browser.ts';

test('matrix → retrieval → transcript; search; memos', { skip: browserSkip(), timeout: 180_000 }, async (t) => {
  const { ws, page, errors } = await demoPage(t);
  await page.goto(ws.url);
  await page.getByRole('link', { name: 'Matrix' }).click();
  await page.locator('.cell-button').first().waitFor();
  await shot(page, '10-matrix');
  assert.deepEqual(await axeViolations(page), []);
  await page.locator('.cell-button').first().click();
  await page.locator('.hit').first().waitFor();
  await shot(page, '11-retrieval');
  assert.deepEqual(await axeViolations(page), []);
  await page.getByRole('link', { name: 'Open in transcript' }).first().click();
  await page.locator('.selbar strong').waitFor();
  assert.ok(await page.getByRole('button', { name: /Remove coding/ }).count(), 'the segment is selected in its transcript');

  await page.getByRole('link', { name: 'Search' }).click();
  await page.getByLabel(/Word, phrase/).fill('support*');
  await page.keyboard.press('Enter');
  await page.locator('.kwic td.kw a').first().waitFor();
  assert.ok((await page.locator('.kwic tr').count()) > 3);
  await shot(page, '12-search');
  assert.deepEqual(await axeViolations(page), []);
  await page.locator('.kwic td.kw a').first().click();
  await page.locator('.selbar .quote').waitFor();

  await page.getByRole('tab', { name: 'Memos' }).click();
  await page.getByLabel(/^Memo on/).fill('Noticing how often cover is informal.');
  await page.keyboard.press('Control+Enter');
  await page.getByText('Noticing how often cover is informal.').waitFor();
  await page.getByRole('link', { name: 'Memos' }).click();
  await page.getByRole('heading', { name: 'Memos' }).waitFor();
  await page.getByText('Noticing how often cover is informal.').waitFor();
  await shot(page, '13-memos');
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
});
