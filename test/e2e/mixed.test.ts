/**
 * Mixed methods in Chromium, on the linked example (examples/mixed/ built through the services): a participant's
 * profile (survey scores and caseness with its cut-off beside their themes and quotes) and the joint displays,
 * each theme opening retrieval filtered by it and each participant their profile; by mouse and by keyboard.
 * An unlinked project says how to link it.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { makeLinkedExample } from '../helpers/linked-example.ts';
import { axeViolations, browserSkip, demoPage, shot, tabTo } from './browser.ts';

const P = 'S017';

async function scoreCell(page: Page, ref: string): Promise<string> {
  return (await page.locator(`.profile-scores tr[data-ref="${ref}"] td`).first().textContent())?.trim() ?? '';
}

test('a participant’s profile and the joint displays, by mouse and by keyboard', { skip: browserSkip(), timeout: 180_000 }, async (t) => {
  const { ws, page, errors } = await demoPage(t, { build: (dir) => makeLinkedExample(dir), consoleErrors: true });
  const apiGet = async (path: string) => (await page.request.get(`${ws.origin}${path}`)).json();
  await page.goto(ws.url);
  await page.getByRole('heading', { name: 'Documents' }).waitFor();
  const { profile, rules } = await apiGet(`/api/mixed/profile/${P}`);
  const total = profile.survey.values.find((v: { ref: string }) => v.ref === 'ghq.total').value as number;
  const caseness = profile.survey.values.find((v: { ref: string }) => v.ref === 'ghq.caseness').value as string;
  const cut = rules.find((r: { ref: string }) => r.ref === 'ghq.caseness').cutoff as number;

  // by keyboard: Alt+7, Tab to the participant, Enter
  await page.locator('body').focus();
  await page.keyboard.press('Alt+7');
  await page.getByRole('heading', { name: 'Participants' }).waitFor();
  await page.getByText(/Linked to study\.yaml/).waitFor();
  await tabTo(page, P, 80);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: `Profile of ${P}` }).waitFor();
  assert.ok(page.url().endsWith(`#/participants/${P}`));
  assert.equal(await scoreCell(page, 'ghq.total'), String(total));
  assert.equal(await scoreCell(page, 'ghq.caseness'), caseness);
  const rule = await page.locator('.profile-scores tr[data-ref="ghq.caseness"] td').nth(1).textContent();
  assert.match(rule ?? '', new RegExp(`${caseness === 'case' ? '≥' : '<'} ${cut} on ghq\\.total`));
  for (const th of profile.themes) assert.ok(await page.locator('.profile-themes').getByRole('link', { name: th.theme }).count(), `theme ${th.theme}`);
  const quote = profile.codes[0].quotes[0].text as string;
  assert.ok(await page.locator('.profile blockquote', { hasText: quote }).count(), 'a quote of the participant');
  await shot(page, '90-mixed-profile');
  assert.deepEqual(await axeViolations(page), []);

  // by keyboard: the Joint displays tab, then a theme of statistics by themes opens retrieval filtered by it
  const sbt = await apiGet('/api/mixed/statistics-by-themes');
  const theme = sbt.display.rows[0];
  await page.locator('body').focus();
  await tabTo(page, 'Joint displays', 40);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Joint displays' }).waitFor();
  await page.locator('table.joint caption', { hasText: 'Statistics by themes' }).waitFor();
  // the table is the CLI's: every cell of a row after the participants column as the server's table has it
  const cells = await page.locator(`table.joint tr[data-row="${theme.id}"] td`).allTextContents();
  assert.deepEqual(cells.slice(1), sbt.table[1].slice(2));
  assert.ok(cells.some((c) => c === `suppressed (n < ${sbt.display.minGroup})`) || sbt.table.flat().some((c: string) => c.startsWith('suppressed')), 'small groups suppressed');
  await shot(page, '91-joint-displays');
  assert.deepEqual(await axeViolations(page), []);
  await tabTo(page, theme.label, 40);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Retrieval' }).waitFor();
  assert.ok(page.url().includes(`#/retrieval?theme=${encodeURIComponent(theme.id)}`), page.url());
  await page.locator('.hit').first().waitFor();

  // by mouse: case comparison, a participant opens their profile; a theme opens retrieval
  await page.getByRole('link', { name: 'Joint displays' }).click();
  await page.getByRole('link', { name: 'Case comparison' }).click();
  await page.locator('table.joint caption', { hasText: 'Case comparison by ghq.caseness' }).waitFor();
  await page.getByLabel('Score').selectOption('ghq.total');
  await page.locator('table.joint thead').getByText('ghq.caseness: case').waitFor();
  await page.waitForFunction(() => (globalThis as unknown as { location: { hash: string } }).location.hash.includes('score=ghq.total'));
  await page.locator('table.joint td', { hasText: 'ghq.total:' }).first().waitFor();
  // the column of interviewees not in the survey says so where a score would be, never an empty "ghq.total:"
  const notLinked = page.locator('table.joint td', { hasText: 'ghq.total: (not in the survey)' });
  assert.ok((await notLinked.count()) > 0, 'a cell of someone not in the survey');
  for (const text of await page.locator('table.joint td').allInnerTexts()) assert.doesNotMatch(text, /ghq\.total:\s*(\n|$)/, text);
  await shot(page, '92-case-comparison');
  const cc = await apiGet('/api/mixed/case-comparison?by=ghq.caseness&score=ghq.total');
  const someone = cc.display.rows.flatMap((r: { cells: { participants: string[] }[] }) => r.cells.flatMap((c) => c.participants))[0] as string;
  await page.locator('table.joint td').getByRole('link', { name: someone, exact: true }).first().click();
  await page.getByRole('heading', { name: `Profile of ${someone}` }).waitFor();
  const theirs = (await apiGet(`/api/mixed/profile/${someone}`)).profile;
  const theirTotal = theirs.survey?.values.find((v: { ref: string }) => v.ref === 'ghq.total')?.value;
  if (theirTotal !== undefined) assert.equal(await scoreCell(page, 'ghq.total'), String(theirTotal));
  // a theme of the profile: retrieval of this participant's segments of it
  const own = theirs.themes[0];
  await page.locator('.profile-themes').getByRole('link', { name: own.theme }).click();
  await page.getByRole('heading', { name: 'Retrieval' }).waitFor();
  await page.getByText(`${own.segments} segment${own.segments === 1 ? '' : 's'}`, { exact: true }).waitFor();
  assert.equal(await page.locator('.hit').count(), own.segments);
  for (const head of await page.locator('.hit-head .muted').allTextContents()) assert.ok(head.includes(` · ${someone} · `), head);

  await page.getByRole('link', { name: 'Joint displays' }).click();
  await page.getByRole('link', { name: 'Side by side' }).click();
  await page.locator('table.joint caption', { hasText: 'Side by side' }).waitFor();
  const sbs = await apiGet('/api/mixed/side-by-side');
  assert.equal(await page.locator('table.joint tbody tr').count(), sbs.display.rows.length);
  await shot(page, '93-side-by-side');
  assert.deepEqual(await axeViolations(page), []);
  const linked = sbs.display.rows[0].themes[0];
  await page.locator('table.joint').getByRole('link', { name: linked.name }).click();
  await page.getByRole('heading', { name: 'Retrieval' }).waitFor();
  assert.ok(page.url().includes(`theme=${encodeURIComponent(linked.id)}`));
  assert.deepEqual(errors, []);
});

test('an unlinked project: the participants view and the joint displays say how to link it', { skip: browserSkip(), timeout: 120_000 }, async (t) => {
  const { ws, page, errors } = await demoPage(t, { build: (dir) => makeLinkedExample(dir, { link: false }), consoleErrors: true });
  await page.goto(ws.url);
  await page.getByRole('heading', { name: 'Documents' }).waitFor();
  await page.getByRole('link', { name: 'Participants' }).click();
  await page.getByText('staffwell mixed link wellbeing.qual.sqlite --study STUDY.yaml').waitFor();
  assert.equal(await page.locator('table.participants th a').count(), 0, 'no profile links without a link');
  await page.goto(`${ws.origin}/#/participants/${P}`);
  await page.getByText('staffwell mixed link wellbeing.qual.sqlite --study STUDY.yaml').waitFor();
  assert.equal(await page.locator('.profile').count(), 0);
  await page.getByRole('link', { name: 'Joint displays' }).click();
  await page.getByRole('heading', { name: 'Joint displays' }).waitFor();
  await page.getByText('staffwell mixed link wellbeing.qual.sqlite --study STUDY.yaml').waitFor();
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
});
