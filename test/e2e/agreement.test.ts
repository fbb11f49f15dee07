/**
 * The Agreement view in Chromium: a row per code with the κ (and, on speaker turns, α) that GET /api/agreement
 * gives for the same two coders, the unit changed by keyboard, a code's disagreement review opened by keyboard
 * (the two coders side by side, one-coder segments marked), a one-coder segment accepted for the other coder,
 * and a segment followed to its place in the transcript. Screenshots and axe-core on the table and the review.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { AgreementReport } from '../../src/qual/intercoder.ts';
import { axeViolations, browserSkip, demoPage, shot, tabTo, waitFor } from './browser.ts';

/** The report the server gives the page for these coders and unit (the page's own cookie, same origin). */
function report(page: Page, unit: 'character' | 'turn'): Promise<AgreementReport> {
  return page.evaluate(async (u) => {
    const r = await fetch(`/api/agreement?coder=${encodeURIComponent('Coder A')}&coder=${encodeURIComponent('Coder B')}&unit=${u}`);
    return (await r.json()) as AgreementReport;
  }, unit);
}

/** What the table shows for a value: three decimals, or a dash for undefined (NaN arrives as null). */
const shown = (x: number | null | undefined) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(3) : '—');

/** The table's body rows as [code, κ, α] (κ and α as shown: the number, or a dash when undefined). */
async function tableRows(page: Page): Promise<[string, string, string][]> {
  const cells = await page.locator('table.agreement tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ['th[scope="row"]', 'td.kappa', 'td.alpha'].map((sel) => {
      const el = tr.querySelector(sel);
      return el === null ? '' : el.classList.contains('undefined') ? '—' : (el.querySelector('.value') ?? el).textContent ?? '';
    })),
  );
  return cells.map((c) => [c[0].trim(), c[1].trim(), c[2].trim()]);
}

test('agreement: table equals the API, unit by keyboard, review by keyboard, accept, open in transcript', { skip: browserSkip(), timeout: 180_000 }, async (t) => {
  const { ws, page, errors } = await demoPage(t);
  await page.goto(ws.url);
  await page.getByRole('link', { name: 'Agreement' }).click();
  await page.locator('table.agreement tbody tr').first().waitFor();
  assert.equal(await page.getByLabel('Coder 1').inputValue(), 'Coder A', 'the first two coders by default');
  assert.equal(await page.getByLabel('Coder 2').inputValue(), 'Coder B');
  assert.ok(await page.locator('table.agreement caption').count(), 'the table has a caption');

  // characters: a row per code, κ numeric and equal to the API's
  const chars = await report(page, 'character');
  const rows = await tableRows(page);
  assert.equal(rows.length, chars.comparison.byCode.length, 'a row per code');
  assert.ok(rows.length >= 5);
  assert.deepEqual(
    rows.map((r) => [r[0], r[1]]),
    chars.comparison.byCode.map((c) => [c.code, shown(c.kappa)]),
  );
  for (const r of rows) assert.match(r[1], /^-?\d\.\d{3}$/, `numeric κ for ${r[0]}`);
  assert.equal(await page.locator('table.agreement td.alpha').count(), 0, 'no α on characters');
  assert.ok(await page.locator('table.agreement tr.low-row .flag-text').count(), 'low agreement flagged in text');

  // the unit by keyboard: from the second coder's select, Tab to the unit radios, arrow to speaker turns
  await page.getByLabel('Coder 2').focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowRight');
  await page.locator('table.agreement td.alpha').first().waitFor();
  assert.match(page.url(), /unit=turn/);
  const turns = await report(page, 'turn');
  const alphaOf = new Map((turns.alpha?.byCode ?? []).map((x) => [x.code, x.alpha]));
  await waitFor(async () => (await tableRows(page))[0]?.[1] === shown(turns.comparison.byCode[0]?.kappa), 'κ on turns');
  assert.deepEqual(
    await tableRows(page),
    turns.comparison.byCode.map((c) => [c.code, shown(c.kappa), shown(alphaOf.get(c.code))]),
  );
  assert.equal(await page.locator('table.agreement tfoot td.alpha .value').textContent(), shown(turns.alpha?.meanAlpha), 'the mean α');
  await shot(page, '20-agreement');
  assert.deepEqual(await axeViolations(page), []);

  // a code's review by keyboard: Tab to the first row's Review button, Enter
  const first = turns.comparison.byCode[0].code;
  await tabTo(page, 'Review');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: `Review: ${first}` }).waitFor();
  assert.match(page.url(), /review=/);
  const columns = page.locator('.review-column');
  assert.equal(await columns.count(), 2);
  assert.equal(await columns.nth(0).locator('h3').textContent(), 'Coder A');
  assert.equal(await columns.nth(1).locator('h3').textContent(), 'Coder B');
  await columns.nth(0).locator('.hit').first().waitFor();
  const onlyA = await columns.nth(0).locator('.only-tag').count();
  assert.ok(onlyA > 0, 'Coder A has segments Coder B lacks');
  assert.equal(await columns.nth(0).locator('.only-tag').first().textContent(), 'only Coder A');
  assert.ok(await columns.nth(0).locator('.hit blockquote').first().textContent());
  await shot(page, '21-agreement-review');
  assert.deepEqual(await axeViolations(page), []);

  // accept one: Coder B gets the same code on the same span, the mark goes and the table is recomputed
  const bBefore = await columns.nth(1).locator('.hit').count();
  await columns.nth(0).getByRole('button', { name: /^Accept for Coder B/ }).first().click();
  await waitFor(async () => (await columns.nth(1).locator('.hit').count()) === bBefore + 1, 'the accepted segment in Coder B’s column');
  await waitFor(async () => (await columns.nth(0).locator('.only-tag').count()) === onlyA - 1, 'one fewer one-coder segment');
  const after = await report(page, 'turn');
  await waitFor(async () => (await tableRows(page))[0]?.[1] === shown(after.comparison.byCode[0].kappa), 'the table recomputed');
  assert.ok(after.comparison.byCode[0].kappa > turns.comparison.byCode[0].kappa, 'agreement went up');

  // a click anywhere on a row opens its review too
  const second = turns.comparison.byCode[1].code;
  await page.locator('table.agreement tbody tr').nth(1).locator('th').click();
  await page.getByRole('heading', { name: `Review: ${second}` }).waitFor();
  await columns.nth(0).locator('.hit').first().waitFor();

  // follow a segment to the transcript by keyboard
  await page.getByRole('heading', { name: `Review: ${second}` }).focus();
  await tabTo(page, 'Open in transcript');
  await page.keyboard.press('Enter');
  await page.locator('.selbar strong').waitFor();
  assert.match(page.url(), /#\/document\/.+seg=/);
  assert.ok(await page.getByRole('button', { name: /Remove coding/ }).count(), 'the segment is selected in its transcript');
  assert.deepEqual(errors, []);
});
