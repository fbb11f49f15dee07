/**
 * The header: the project line (name, who is coding, live state) and, in a row of its own, the tabs in labelled
 * groups (interviews, then survey). Nothing in it wraps at a laptop's width; the current tab is marked for screen
 * readers; Alt+digit opens a tab.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, browserSkip, demoPage, shot } from './browser.ts';

test('header: grouped tabs in their own row, nothing wrapped at 1400 or 1024 px, Alt+8 opens Themes', { skip: browserSkip(), timeout: 120_000 }, async (t) => {
  const { ws, page, errors } = await demoPage(t);
  await page.goto(ws.url);
  await page.getByRole('heading', { name: 'Documents' }).waitFor();
  const nav = page.getByRole('navigation', { name: 'Views' });
  const interviews = nav.getByRole('list', { name: 'Interviews' });
  assert.ok((await interviews.getByRole('link').count()) >= 10, 'the interview tabs are one labelled list');
  assert.equal(await interviews.getByRole('link', { name: 'Documents' }).getAttribute('aria-current'), 'page');
  await page.getByText('● live').waitFor();
  for (const width of [1400, 1024]) {
    await page.setViewportSize({ width, height: 700 });
    const live = await page.getByText('● live').boundingBox();
    const coder = await page.getByLabel('Coder name').boundingBox();
    const tabs = await interviews.boundingBox();
    assert.ok(live && coder && tabs, 'laid out');
    assert.ok(live.height < 24, `"● live" on one line at ${width} px (height ${live.height})`);
    assert.ok(Math.abs(live.y + live.height / 2 - (coder.y + coder.height / 2)) < 8, `live state beside the coder at ${width} px`);
    assert.ok(tabs.y >= coder.y + coder.height - 2, `the tabs are in a row under the project line at ${width} px`);
    assert.ok(tabs.height < 40, `the interview tabs fit one row at ${width} px (height ${tabs.height})`);
  }
  await shot(page, '05-header-1024');
  await page.keyboard.press('Alt+8');
  await page.getByRole('heading', { name: 'Themes', level: 1 }).waitFor();
  assert.equal(await interviews.getByRole('link', { name: 'Themes' }).getAttribute('aria-current'), 'page');
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
});
