/**
 * The grounded-theory Model view in Chromium: every phase and category of GET /api/model drawn, a relationship
 * made by keyboard only (its arrow label appears), a property and a category added by mouse (the category under
 * "Unplaced", its HTML-looking name drawn as text), a duplicate refused in the error bar, Ctrl+Z undoing, a change
 * from elsewhere appearing live, a relationship deleted, a category's codes linked (by keyboard), followed to retrieval
 * and unlinked (by mouse), a category deleted and undone, a phase deleted, and the saturation chart. Screenshots, axe.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import type { GtModel } from '../../src/qual/grounded-theory.ts';
import { axeViolations, browserSkip, demoPage, shot, tabTo, waitFor } from './browser.ts';

test('the model view: diagram, edits by keyboard and mouse, undo, live changes, saturation', { skip: browserSkip(), timeout: 180_000 }, async (t) => {
  const { ws, page, errors, dialogs } = await demoPage(t, { acceptDialogs: true, consoleErrors: true });
  const model = async (): Promise<GtModel> => (await (await page.request.get(`${ws.origin}/api/model`)).json()) as GtModel;
  const arrowLabels = () => page.locator('.model-arrows text').allTextContents();
  await page.goto(ws.url);
  await page.getByRole('link', { name: 'Model' }).click();
  await page.getByRole('heading', { name: 'Model', level: 1 }).waitFor();
  await page.locator('.model-arrows text').first().waitFor();

  const m = await model();
  assert.ok(m.phases.length >= 3 && m.categories.length >= 5, 'the demo has a model');
  const headings = await page.locator('.model-column h2').allTextContents();
  for (const p of m.phases) assert.ok(headings.some((h) => h.endsWith(p.name)), `phase ${p.name} drawn`);
  assert.ok(headings.some((h) => h === 'Unplaced'));
  const boxes = await page.locator('.category-box h3').allTextContents();
  assert.deepEqual([...boxes].sort(), m.categories.map((c) => c.name).sort());
  // categories stand in their phase's column
  for (const p of m.phases) {
    const column = page.getByRole('region', { name: `Phase: ${p.name}` });
    for (const id of p.categoryIds) assert.equal(await column.locator(`[data-category="${id}"]`).count(), 1);
  }
  assert.equal((await arrowLabels()).length, m.relationships.length);
  for (const r of m.relationships) assert.ok((await arrowLabels()).includes(r.type), `arrow ${r.type}`);
  await page.locator('.chart-host > svg').waitFor();
  const chartText = (await page.locator('.chart-host > svg').textContent()) ?? '';
  assert.match(chartText, /Codes \(count\)/, 'y axis label');
  assert.match(chartText, /Document \(coding order\)/, 'x axis label');
  assert.deepEqual(await axeViolations(page), []);
  await shot(page, '30-model');

  await t.test('the skip link: the first stop after the heading, shown when focused, jumps past the diagram (keyboard and mouse)', async () => {
    const activeId = () => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id ?? '');
    await page.getByRole('heading', { name: 'Model', level: 1 }).click();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip the diagram: to the relationships and the forms' });
    assert.equal(await skip.evaluate((el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement), true, 'Tab from the heading reaches the skip link first');
    assert.ok(((await skip.boundingBox())?.width ?? 0) > 50, 'visible while focused');
    await shot(page, '31-model-skip-link');
    await page.keyboard.press('Enter');
    await waitFor(async () => (await activeId()) === 'model-rels', 'focus on the Relationships heading');
    assert.match(page.url(), /#\/model$/, 'the route is unchanged');
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(a: string): string | null } | null } }).document.activeElement?.getAttribute('aria-label') ?? '');
    assert.match(next, /^Delete the relationship /, 'the next Tab stop is the first relationship, not a diagram box');
    assert.equal(((await skip.boundingBox())?.width ?? 0) <= 1, true, 'hidden again once left');
    // by mouse (the link is focused by Tab first, as only a keyboard user sees it)
    await page.getByRole('heading', { name: 'Model', level: 1 }).click();
    await page.keyboard.press('Tab');
    await skip.click();
    await waitFor(async () => (await activeId()) === 'model-rels', 'a click jumps too');
  });

  await t.test('a relationship by keyboard only', async () => {
    await tabTo(page, 'From');
    await page.keyboard.type('Blocked');
    await page.keyboard.press('Tab');
    await page.keyboard.type('wears down');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Role');
    await tabTo(page, 'Add relationship');
    await page.keyboard.press('Enter');
    await waitFor(async () => (await arrowLabels()).includes('wears down'), 'the new arrow label');
    await page.getByText('Blocked progression — wears down → Role ambiguity').waitFor();
    const rel = (await model()).relationships.find((r) => r.type === 'wears down');
    assert.ok(rel);
    assert.equal(m.categories.find((c) => c.id === rel.from)?.name, 'Blocked progression');
    assert.equal(m.categories.find((c) => c.id === rel.to)?.name, 'Role ambiguity');
  });

  await t.test('a property by mouse', async () => {
    await page.getByLabel('Property of').selectOption({ label: 'Staying or leaving' });
    await page.getByLabel('Property', { exact: true }).fill('intention');
    await page.getByLabel('Low', { exact: true }).fill('settled');
    await page.getByLabel('High', { exact: true }).fill('job hunting');
    await page.getByRole('button', { name: 'Add property' }).click();
    const box = page.getByRole('article', { name: 'Category Staying or leaving' });
    await box.getByText('intention').waitFor();
    assert.match((await box.textContent()) ?? '', /intention settled – job hunting/);
  });

  const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
  await t.test('a category by mouse lands in Unplaced, its name as text; a duplicate is refused; Ctrl+Z undoes', async () => {
    await page.getByRole('textbox', { name: 'New category' }).fill(evil);
    await page.getByRole('button', { name: 'Create category' }).click();
    const unplaced = page.getByRole('region', { name: 'Unplaced categories' });
    await unplaced.locator('.category-box h3').filter({ hasText: evil }).waitFor();
    assert.equal(await page.locator('.model-page img').count(), 0, 'no element made from the name');
    assert.equal(await page.locator('.model-page script').count(), 0);
    assert.equal(await page.locator('select option', { hasText: evil }).count() > 0, true);
    await page.locator('.model-diagram').scrollIntoViewIfNeeded();
    await shot(page, '31-model-edited');

    await page.getByRole('textbox', { name: 'New category' }).fill('Role ambiguity');
    await page.getByRole('button', { name: 'Create category' }).click();
    await page.getByRole('alert').filter({ hasText: 'a category with this name already exists' }).waitFor();
    await page.getByRole('button', { name: 'dismiss' }).click();
    await page.getByRole('textbox', { name: 'New category' }).fill('');

    await page.getByRole('button', { name: 'Create category' }).focus();
    await page.keyboard.press('Control+z');
    await waitFor(async () => (await unplaced.locator('.category-box').count()) === 0, 'the category undone');
    assert.ok(!(await model()).categories.some((c) => c.name === evil));
  });

  await t.test('a change from elsewhere appears live; a category moved into it; a relationship deleted', async () => {
    const r = await page.request.post(`${ws.origin}/api/commands`, { headers: { origin: ws.origin }, data: { command: { type: 'phase.create', name: 'Leaving well' }, actor: 'Other tab' } });
    assert.equal(r.status(), 200, await r.text());
    const column = page.getByRole('region', { name: 'Phase: Leaving well' });
    await column.waitFor();
    await page.getByRole('combobox', { name: /^Move/ }).selectOption({ label: 'Staying or leaving' });
    await page.getByRole('combobox', { name: /^into/ }).selectOption({ label: 'Leaving well' });
    await page.getByRole('button', { name: 'Move', exact: true }).click();
    await column.getByRole('article', { name: 'Category Staying or leaving' }).waitFor();
    await page.getByRole('button', { name: 'Delete the relationship Blocked progression — wears down → Role ambiguity' }).click();
    await waitFor(async () => !(await arrowLabels()).includes('wears down'), 'the arrow gone');
    assert.equal(dialogs.length, 1, 'only the delete asked');
    assert.deepEqual(await axeViolations(page), []);
    await shot(page, '32-model-moved');
  });
  await t.test("a category's codes linked by keyboard, followed to retrieval, unlinked by mouse; a category and a phase deleted, Ctrl+Z", async () => {
    const codes = (await (await page.request.get(`${ws.origin}/api/codebook`)).json()) as { codes: { id: string; path: string }[] };
    const cat = (await model()).categories.find((c) => c.name === 'Staying or leaving')!;
    const code = codes.codes.find((c) => !cat.codes.includes(c.path))!;
    const box = page.getByRole('article', { name: 'Category Staying or leaving' });
    const select = box.getByRole('combobox', { name: 'Link a code to Staying or leaving' });
    await select.focus();
    await select.selectOption({ label: code.path });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await waitFor(async () => (await model()).categories.find((c) => c.id === cat.id)!.codes.includes(code.path), 'linked');
    await box.getByRole('link', { name: code.path }).click();
    await page.getByRole('heading', { name: 'Retrieval', level: 1 }).waitFor();
    assert.match(page.url(), new RegExp(`code=${code.id}`), 'retrieval of that code');
    await page.goBack();
    await box.getByRole('button', { name: `Unlink ${code.path} from Staying or leaving` }).click();
    await waitFor(async () => !(await model()).categories.find((c) => c.id === cat.id)!.codes.includes(code.path), 'unlinked');

    const asked = dialogs.length;
    await page.getByRole('button', { name: 'Delete the category Staying or leaving' }).click();
    await waitFor(async () => !(await model()).categories.some((c) => c.id === cat.id), 'category deleted');
    assert.match(dialogs[asked], /^Delete the category Staying or leaving, with its properties, its relationships and its links to codes/);
    await page.locator('.reader, main').first().focus();
    await page.keyboard.press('Control+z');
    await waitFor(async () => (await model()).categories.some((c) => c.id === cat.id), 'undone');
    await page.getByRole('button', { name: 'Delete the phase Leaving well' }).click();
    await waitFor(async () => !(await model()).phases.some((p) => p.name === 'Leaving well'), 'phase deleted');
    await page.getByRole('region', { name: 'Unplaced categories' }).getByRole('article', { name: 'Category Staying or leaving' }).waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await shot(page, '33-model-deleted');
  });

  // console errors too (a Content-Security-Policy violation by the chart would be one); the refused duplicate's
  // 409 and the event stream cut at the end are the network's own reports
  assert.deepEqual(errors.filter((e) => !/^Failed to load resource/.test(e)), []);
});
