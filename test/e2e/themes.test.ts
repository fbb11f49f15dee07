/**
 * The themes board in Chromium, by keyboard and by mouse: create a theme, add a code from its list, drag a code
 * onto it and a theme under another, remove a code and undo, open a theme's table and flag a key quote, follow the
 * recurrence table to the theme's segments, rename with markup (drawn as text), delete. Each step is checked through
 * the API (`/api/themes`, the same services the CLI reads). Screenshots in test/e2e/screenshots/.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, browserSkip, demoPage, shot, waitFor } from './browser.ts';

interface Board {
  themes: { theme: { id: string; name: string; parentId: string | null; kind: string }; depth: number }[];
  links: { themeId: string; codeId: string }[];
  recurrence: { participants: string[]; rows: { themeId: string; name: string; count: number; present: boolean[] }[] };
}

test('the themes board by keyboard and by mouse', { skip: browserSkip(), timeout: 180_000 }, async (t) => {
  const { ws, page, errors, dialogs } = await demoPage(t, { consoleErrors: true, acceptDialogs: true });
  const board = async (): Promise<Board> => (await (await page.request.get(`${ws.origin}/api/themes`)).json()) as Board;
  const codebook = async (): Promise<{ id: string; name: string; path: string; codable: boolean }[]> => (await (await page.request.get(`${ws.origin}/api/codebook`)).json()).codes;
  const theme = async (name: string) => (await board()).themes.find((x) => x.theme.name === name)?.theme;
  const codesOf = async (name: string) => {
    const b = await board();
    const id = b.themes.find((x) => x.theme.name === name)?.theme.id;
    return b.links.filter((l) => l.themeId === id).map((l) => l.codeId);
  };
  const until = (what: string, ok: (b: Board) => boolean) => waitFor(async () => ok(await board()), what);

  await page.goto(ws.url);
  await page.getByRole('link', { name: 'Themes' }).click();
  await page.getByRole('heading', { name: 'Themes', level: 1 }).waitFor();
  await page.locator('.theme-card').first().waitFor();

  await t.test('the demo themes are drawn, each with its codes, and the recurrence table matches the service', async () => {
    const b = await board();
    assert.ok(b.themes.length >= 2, 'the demo has themes');
    for (const { theme: th } of b.themes) {
      const card = page.locator(`article[data-theme="${th.name}"]`);
      assert.equal(await card.count(), 1, `one card for ${th.name}`);
      const own = b.links.filter((l) => l.themeId === th.id).length;
      assert.equal(await card.locator(':scope > ul.chip-list > li').count(), own, `${th.name}: ${own} code chips`);
    }
    const rows = page.locator('.recurrence-table tbody tr');
    assert.equal(await rows.count(), b.recurrence.rows.length);
    const n = b.recurrence.participants.length;
    for (let i = 0; i < b.recurrence.rows.length; i++) {
      const r = b.recurrence.rows[i];
      assert.equal((await rows.nth(i).locator('th').textContent())?.trim(), r.name);
      assert.equal(await rows.nth(i).locator('td.tick a').count(), r.count, `${r.name}: ticks`);
      assert.ok((await rows.nth(i).textContent())?.includes(`${r.count} of ${n}`), `${r.name}: ${r.count} of ${n}`);
    }
    await shot(page, '40-themes');
    assert.deepEqual(await axeViolations(page), []);
  });

  const NAME = 'Working around the rota';
  await t.test('by keyboard: create a theme and add a code to it', async () => {
    await page.getByRole('textbox', { name: 'New theme' }).focus();
    await page.keyboard.type(NAME);
    await page.keyboard.press('Enter');
    await until('theme created', (b) => b.themes.some((x) => x.theme.name === NAME && x.theme.parentId === null && x.theme.kind === 'theme'));
    const select = page.getByLabel(`Code to add to ${NAME}`);
    await select.focus();
    await page.keyboard.press('ArrowDown');
    const picked = await select.inputValue();
    assert.ok(picked, 'a code chosen with the arrow key');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await waitFor(async () => (await codesOf(NAME)).includes(picked), 'code linked by keyboard');
    await page.locator(`article[data-theme="${NAME}"] .code-chip`).first().waitFor();
  });

  await t.test('by mouse: drag a code onto the theme, and the theme under another', async () => {
    const have = await codesOf(NAME);
    const other = (await codebook()).find((c) => c.codable && !have.includes(c.id))!;
    await page.locator(`.board-codes li[data-code="${other.name}"]`).dragTo(page.locator(`article[data-theme="${NAME}"] > header`));
    await waitFor(async () => (await codesOf(NAME)).includes(other.id), `${other.name} linked by dragging`);
    const parent = (await board()).themes.find((x) => x.depth === 0 && x.theme.name !== NAME)!.theme;
    await page.locator(`article[data-theme="${NAME}"] > header`).dragTo(page.locator(`article[data-theme="${parent.name}"] > header`));
    await until(`${NAME} moved under ${parent.name}`, (b) => b.themes.find((x) => x.theme.name === NAME)?.theme.parentId === parent.id);
    await page.locator(`article[data-theme="${parent.name}"] article[data-theme="${NAME}"]`).waitFor();
    // the recurrence row of the moved theme follows it, indented under its parent
    const row = (await board()).recurrence.rows.find((r) => r.name === NAME)!;
    assert.ok(row.count > 0, 'its codes bring participants');
    await shot(page, '41-themes-edited');
  });

  await t.test('remove a code from the theme, then undo (Ctrl+Z)', async () => {
    const before = await codesOf(NAME);
    const chip = page.locator(`article[data-theme="${NAME}"] .code-chip`).first();
    const label = (await chip.locator('.chip-x').getAttribute('aria-label'))!;
    await chip.locator('.chip-x').click();
    await waitFor(async () => (await codesOf(NAME)).length === before.length - 1, 'code removed');
    await page.locator('h1').click();
    await page.keyboard.press('Control+z');
    await waitFor(async () => (await codesOf(NAME)).length === before.length, 'removal undone');
    await page.getByRole('button', { name: label }).waitFor();
  });

  await t.test("a theme's table, a key quote, and the recurrence table's way to the segments", async () => {
    await page.getByRole('link', { name: NAME, exact: true }).first().click();
    const detail = page.locator('.theme-detail');
    await detail.getByRole('heading', { name: new RegExp(NAME) }).waitFor();
    const id = (await theme(NAME))!.id;
    const table = (await (await page.request.get(`${ws.origin}/api/themes/${id}`)).json()) as { codes: unknown[]; recurrence: { count: number; total: number }; keyQuotes: { segmentId: string; flagged: boolean }[] };
    assert.equal(await detail.locator('tbody tr').count(), table.codes.length);
    await detail.getByText(`Participants: ${table.recurrence.count} of ${table.recurrence.total}`).waitFor();
    assert.ok(table.keyQuotes.length > 0, 'quotes offered');
    // flip the first quote's flag from the panel; the service sees it
    const first = table.keyQuotes[0];
    await detail.locator('.hit').first().getByRole('button', { name: first.flagged ? '★ key quote' : '☆ flag as key quote' }).click();
    await waitFor(async () => {
      const now = (await (await page.request.get(`${ws.origin}/api/themes/${id}`)).json()) as typeof table;
      return first.flagged ? !now.keyQuotes.some((q) => q.segmentId === first.segmentId && q.flagged) : now.keyQuotes.some((q) => q.segmentId === first.segmentId && q.flagged);
    }, 'key quote flag flipped');
    await shot(page, '42-theme-detail');
    assert.deepEqual(await axeViolations(page), []);

    const row = page.locator('.recurrence-table tbody tr', { has: page.getByRole('link', { name: NAME, exact: true }) });
    const tick = row.locator('td.tick a').first();
    const participant = (await tick.getAttribute('aria-label'))!.split(': ')[1].split(' ')[0];
    await tick.click();
    await page.getByRole('heading', { name: 'Retrieval' }).waitFor();
    await page.locator('.filter-note').getByText(NAME).waitFor();
    await page.locator('.hit').first().waitFor();
    const hits = (await (await page.request.get(`${ws.origin}/api/segments?theme=${id}&participant=${participant}`)).json()) as unknown[];
    assert.ok(hits.length > 0);
    assert.equal(await page.locator('.hit').count(), hits.length, 'the retrieval lists the theme × participant segments');
    const csvHref = (await page.getByRole('link', { name: 'Export these segments (CSV)' }).getAttribute('href'))!;
    const csv = await (await page.request.get(`${ws.origin}${csvHref}`)).text();
    assert.equal(csv.trim().split('\n').length, hits.length + 1, 'the export holds the listed segments');
    await page.goBack();
    await page.locator('.theme-detail').waitFor();
  });

  await t.test('a name with markup is drawn as text; the editor deletes a theme', async () => {
    const hostile = '<img src=x onerror="alert(1)"> Rota <script>alert(2)</script>';
    await page.getByRole('button', { name: `Edit theme ${NAME}` }).click();
    const editor = page.getByRole('form', { name: `Edit theme ${NAME}` });
    await editor.getByLabel('Name').fill(hostile);
    await editor.getByLabel('Description').fill('Informal swaps <b>and</b> cover');
    await editor.getByRole('button', { name: 'Save' }).click();
    await until('renamed', (b) => b.themes.some((x) => x.theme.name === hostile));
    await page.locator('article .theme-name', { hasText: hostile }).waitFor();
    await page.locator('article .desc', { hasText: 'Informal swaps <b>and</b> cover' }).waitFor();
    assert.equal(await page.locator('.view img').count(), 0, 'no element made from the name');
    await page.getByRole('button', { name: `Edit theme ${hostile}` }).click();
    await page.getByRole('button', { name: 'Delete theme' }).click();
    await until('deleted', (b) => !b.themes.some((x) => x.theme.name === hostile));
    await page.locator('article .theme-name', { hasText: hostile }).waitFor({ state: 'detached' });
    assert.ok(dialogs.some((d) => d.startsWith('Delete the theme')), 'deleting asked first');
    assert.ok(!dialogs.some((d) => d === '1' || d === '2'), 'no script ran');
  });

  assert.deepEqual(errors, []);
});
