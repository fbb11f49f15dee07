/**
 * Code co-occurrence in the Matrix view, in Chromium: the code × code table (overlapping segments, then the same
 * speaker turn) shows the server's counts; a cell opens retrieval listing the segments of the row's code that
 * co-occur with the column's, as the API lists them; by mouse and by keyboard. Screenshot and axe-core.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, browserSkip, demoPage, shot, waitFor } from './browser.ts';

interface Cooc {
  codes: { id: string; label: string }[];
  counts: number[];
}

test('co-occurrence: the code × code matrix, a cell to its segments, by mouse and by keyboard', { skip: browserSkip(), timeout: 120_000 }, async (t) => {
  const { ws, page, errors } = await demoPage(t);
  const api = async <T>(path: string): Promise<T> => (await (await page.request.get(`${ws.origin}${path}`)).json()) as T;
  await page.goto(ws.url);
  await page.getByRole('link', { name: 'Matrix' }).click();
  await page.locator('.cell-button').first().waitFor();

  // by keyboard: choose the co-occurrence columns
  await page.getByRole('combobox', { name: 'Columns' }).focus();
  await page.getByRole('combobox', { name: 'Columns' }).selectOption('codes');
  await page.getByRole('combobox', { name: 'Co-occurring' }).waitFor();
  const m = await api<Cooc>('/api/cooccurrence?scope=overlap');
  const n = m.codes.length;
  let pair: [number, number] | undefined;
  for (let i = 0; i < n && !pair; i++) for (let j = 0; j < n && !pair; j++) if (i !== j && m.counts[i * n + j] > 0) pair = [i, j];
  assert.ok(pair, 'the demo has co-occurring codes');
  const [a, b] = pair;
  const cell = page.getByRole('button', { name: `${m.codes[a].label} × ${m.codes[b].label}: ${m.counts[a * n + b]} overlapping pairs` });
  await cell.waitFor();
  await shot(page, '14-cooccurrence');
  assert.deepEqual(await axeViolations(page), []);

  // by mouse: the cell opens the co-occurring segments
  await cell.click();
  await page.getByText('Co-occurring with').waitFor();
  const listed = await api<unknown[]>(`/api/segments?code=${m.codes[a].id}&with=${m.codes[b].id}&scope=overlap`);
  assert.ok(listed.length > 0);
  await waitFor(async () => (await page.getByRole('status').first().textContent())?.trim() === `${listed.length} segment${listed.length === 1 ? '' : 's'}`, 'the segments listed');
  assert.equal(await page.locator('.hit').count(), listed.length);
  assert.deepEqual(await axeViolations(page), []);

  // by keyboard: back, the same speaker turn, Enter on a cell
  await page.goBack();
  await page.getByRole('combobox', { name: 'Co-occurring' }).selectOption('turn');
  const turn = await api<Cooc>('/api/cooccurrence?scope=turn');
  const button = page.getByRole('button', { name: `${turn.codes[a].label} × ${turn.codes[b].label}: ${turn.counts[a * n + b]} turns with both` });
  await button.focus();
  await page.keyboard.press('Enter');
  await page.getByText('in the same speaker turn').waitFor();
  const inTurns = await api<unknown[]>(`/api/segments?code=${m.codes[a].id}&with=${m.codes[b].id}&scope=turn`);
  await waitFor(async () => (await page.locator('.hit').count()) === inTurns.length, 'the segments in shared turns');
  assert.deepEqual(errors, []);
});
