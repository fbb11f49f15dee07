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

  await t.test('reorder: Alt+arrow keys on a focused card (announced, focus kept), and by dragging onto a card\'s edge', async () => {
    const roots = async () => (await board()).themes.filter((x) => x.depth === 0).map((x) => x.theme);
    const before = await roots();
    assert.ok(before.length >= 2, 'two top-level themes to reorder');
    const last = before[before.length - 1];
    const n = before.length;
    const card = (id: string) => page.locator(`article[data-theme-id="${id}"]`);
    const focusedId = () => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(a: string): string | null } | null } }).document.activeElement?.getAttribute('data-theme-id') ?? null);
    // the card is a Tab stop of its own, just before its name
    await card(last.id).locator(':scope > header .theme-name').focus();
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focusedId(), last.id, 'Shift+Tab from its name reaches the card');
    await page.keyboard.press('Alt+ArrowUp');
    await waitFor(async () => (await roots())[n - 2]?.id === last.id, `${last.name} one place up`);
    await page.locator('#announce').getByText(`Moved ${last.name} to position ${n - 1} of ${n} in the top level`).waitFor();
    await waitFor(async () => (await page.locator('.board > li > article').nth(n - 2).getAttribute('data-theme-id')) === last.id, 'drawn one place up');
    assert.equal(await focusedId(), last.id, 'the focus stays on the moved card');
    await shot(page, '43-themes-moved-by-keyboard');
    await page.keyboard.press('Alt+ArrowDown');
    await waitFor(async () => (await roots()).map((x) => x.id).join() === before.map((x) => x.id).join(), 'back down: the order as it was');
    await page.locator('#announce').getByText(`Moved ${last.name} to position ${n} of ${n} in the top level`).waitFor();
    await waitFor(async () => (await page.locator('.board > li > article').last().getAttribute('data-theme-id')) === last.id, 'drawn last again');
    await page.keyboard.press('Alt+ArrowDown');
    await page.locator('#announce').getByText(`${last.name} is already last in the top level`).waitFor();
    // into the theme above as its last subtheme, and out again just after it
    const above = before[n - 2];
    await waitFor(async () => (await focusedId()) === last.id, 'focus on the card');
    await page.keyboard.press('Alt+ArrowRight');
    await until(`${last.name} into ${above.name}`, (b) => b.themes.find((x) => x.theme.id === last.id)?.theme.parentId === above.id);
    await card(above.id).locator(`article[data-theme-id="${last.id}"]`).waitFor();
    await waitFor(async () => (await focusedId()) === last.id, 'focus follows it into its new parent');
    await page.keyboard.press('Alt+ArrowLeft');
    await waitFor(async () => (await roots()).map((x) => x.id).join() === before.map((x) => x.id).join(), 'out again, after its old neighbour');
    await waitFor(async () => (await focusedId()) === last.id, 'focus kept');

    // by mouse: the first card dropped on the bottom edge of the last one goes after it. The mouse is moved by hand
    // (Chromium delivers dragover only for moves that rest a moment), so the edge's drop marker can be looked at.
    const dragCard = async (id: string, onto: string, edge: 'before' | 'after', screenshot?: string) => {
      const head = (await card(id).locator(':scope > header').boundingBox())!;
      await page.mouse.move(head.x + 20, head.y + head.height / 2);
      await page.mouse.down();
      await page.mouse.move(head.x + 30, head.y + head.height / 2 + 5, { steps: 3 });
      const to = (await card(onto).boundingBox())!;
      for (const dx of [0, 2, 4]) {
        await page.mouse.move(to.x + to.width / 2 + dx, edge === 'after' ? to.y + to.height - 4 : to.y + 4);
        await new Promise((r) => setTimeout(r, 100));
      }
      await page.locator(`article[data-theme-id="${onto}"].over-${edge}`).waitFor();
      if (screenshot) await shot(page, screenshot);
      await page.mouse.up();
    };
    const first = before[0];
    await dragCard(first.id, last.id, 'after', '44-themes-drag-after');
    await waitFor(async () => (await roots()).map((x) => x.id).join() === [...before.slice(1), first].map((x) => x.id).join(), `${first.name} dragged after ${last.name}`);
    await waitFor(async () => (await page.locator('.board > li > article').last().getAttribute('data-theme-id')) === first.id, 'drawn last');
    await page.locator('#announce').getByText(`Moved ${first.name} to position ${n} of ${n} in the top level`).waitFor();
    // and on the top edge of the (now) first card: back to the front; a drop on the middle still nests (tested above)
    await dragCard(first.id, before[1].id, 'before');
    await waitFor(async () => (await roots()).map((x) => x.id).join() === before.map((x) => x.id).join(), `${first.name} dragged back to the front`);
    const history = (await (await page.request.get(`${ws.origin}/api/history?limit=6`)).json()) as { type: string }[];
    assert.ok(history.filter((h) => h.type === 'theme.move').length >= 4, 'each move is a theme.move command');
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
