/**
 * The codebook in Chromium, by mouse and by keyboard: create, rename, recolour, nest (drag a row onto another; or
 * choose the parent), merge (with a segment, which must move) and delete codes, each checked afterwards through the
 * API (`/api/codebook`, the same service the CLI reads). Screenshots in test/e2e/screenshots/.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { axeViolations, browserSkip, demoPage, shot, tabTo, waitFor } from './browser.ts';

interface Code {
  id: string;
  name: string;
  path: string;
  parentId: string | null;
  color: string | null;
  segments: number;
}

test('the codebook by mouse and by keyboard', { skip: browserSkip(), timeout: 180_000 }, async (t) => {
  const { ws, page, errors, dialogs } = await demoPage(t, { consoleErrors: true, acceptDialogs: true });
  await page.goto(ws.url);
  await page.getByRole('link', { name: 'Codebook' }).click();
  await page.getByRole('heading', { name: 'Codebook' }).waitFor();
  const codes = async (): Promise<Code[]> => (await (await page.request.get(`${ws.origin}/api/codebook`)).json()).codes as Code[];
  const code = async (name: string) => (await codes()).find((c) => c.name === name);
  const until = (what: string, ok: (cs: Code[]) => boolean) => waitFor(async () => ok(await codes()), what);

  await t.test('by mouse: create two codes, rename and recolour one, drag it under the other', async () => {
    const form = page.getByRole('form', { name: 'New code' });
    for (const name of ['Rota pressure', 'Staffing']) {
      await form.getByRole('textbox').click();
      await form.getByRole('textbox').fill(name);
      await form.getByRole('button', { name: 'Create' }).click();
      await until(`${name} created`, (cs) => cs.some((c) => c.name === name && c.parentId === null));
    }
    await page.getByRole('button', { name: 'Edit Rota pressure' }).click();
    const editor = page.getByRole('form', { name: 'Edit code Rota pressure' });
    await editor.getByLabel('Name').fill('Rota pressures');
    await editor.getByLabel('Colour').fill('#aa3311');
    await shot(page, '20-codebook-editing');
    await editor.getByRole('button', { name: 'Save' }).click();
    await until('renamed and recoloured', (cs) => cs.some((c) => c.name === 'Rota pressures' && c.color === '#aa3311'));
    assert.equal(await code('Rota pressure'), undefined, 'the old name is gone');

    await page.locator('tr[data-code="Rota pressures"]').dragTo(page.locator('tr[data-code="Staffing"]'));
    const staffing = (await code('Staffing'))!;
    await until('moved under Staffing by dragging', (cs) => cs.find((c) => c.name === 'Rota pressures')?.parentId === staffing.id);
    assert.equal((await code('Rota pressures'))!.path, 'Staffing/Rota pressures');
    await page.locator('tr[data-code="Rota pressures"]').waitFor();
    await shot(page, '21-codebook-nested');
    assert.deepEqual(await axeViolations(page), []);
  });

  await t.test('by mouse: merge a code with a segment into another; delete a code with its subcode', async () => {
    const form = page.getByRole('form', { name: 'New code' });
    await form.getByRole('textbox').fill('Shift swaps');
    await form.getByRole('button', { name: 'Create' }).click();
    await until('Shift swaps created', (cs) => cs.some((c) => c.name === 'Shift swaps'));
    const swaps = (await code('Shift swaps'))!;
    await coding(page, swaps.id);
    await until('Shift swaps has its segment', (cs) => cs.find((c) => c.name === 'Shift swaps')?.segments === 1);
    const before = (await code('Rota pressures'))!.segments;

    await page.getByRole('button', { name: 'Edit Shift swaps' }).click();
    const editor = page.getByRole('form', { name: 'Edit code Shift swaps' });
    await editor.getByLabel('Merge into').selectOption({ label: 'Staffing/Rota pressures' });
    await editor.getByRole('button', { name: 'Merge' }).click();
    await until('merged', (cs) => !cs.some((c) => c.name === 'Shift swaps') && cs.find((c) => c.name === 'Rota pressures')?.segments === before + 1);

    await page.getByRole('button', { name: 'Edit Staffing', exact: true }).click();
    await page.getByRole('form', { name: 'Edit code Staffing' }).getByRole('button', { name: 'Delete code' }).click();
    await until('Staffing and its subcode deleted', (cs) => !cs.some((c) => c.name === 'Staffing' || c.name === 'Rota pressures'));
    assert.match(dialogs.at(-1) ?? '', /Delete the code Staffing/, 'asked before deleting');
    await shot(page, '22-codebook-after-mouse');
  });

  await t.test('by keyboard only: create, nest, rename, move back to the top, merge, delete', async () => {
    const input = page.getByRole('form', { name: 'New code' }).getByRole('textbox');
    await input.focus();
    await page.keyboard.type('Keyboard parent');
    await page.keyboard.press('Enter');
    await until('Keyboard parent created', (cs) => cs.some((c) => c.name === 'Keyboard parent'));
    // the name box keeps the focus: a subcode, its parent chosen in the "under" list by typing
    await input.focus();
    await page.keyboard.type('Keyboard child');
    await page.keyboard.press('Tab');
    await page.keyboard.press('End'); // the newest code is the last in the "under" list
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const parent = (await code('Keyboard parent'))!;
    await until('Keyboard child created under its parent', (cs) => cs.find((c) => c.name === 'Keyboard child')?.parentId === parent.id);

    await page.getByRole('button', { name: 'Edit Keyboard parent/Keyboard child' }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('Keyboard renamed');
    await shot(page, '23a-codebook-keyboard-rename');
    await page.keyboard.press('Enter');
    await until('renamed by keyboard', (cs) => cs.some((c) => c.name === 'Keyboard renamed' && c.parentId === parent.id));

    await page.getByRole('button', { name: 'Edit Keyboard parent/Keyboard renamed' }).focus();
    await page.keyboard.press('Enter');
    await tabTo(page, 'Parent');
    await page.keyboard.press('Home'); // (top level)
    await shot(page, '23-codebook-keyboard-editor');
    await tabTo(page, 'Save');
    await page.keyboard.press('Enter');
    await until('moved to the top level by keyboard', (cs) => cs.find((c) => c.name === 'Keyboard renamed')?.parentId === null);

    await page.getByRole('button', { name: 'Edit Keyboard renamed', exact: true }).focus();
    await page.keyboard.press('Enter');
    await tabTo(page, 'Merge into');
    await page.keyboard.press('End'); // codes in creation order: Keyboard parent is the last of the others
    await page.keyboard.press('Tab');
    await shot(page, '23b-codebook-keyboard-merge');
    await page.keyboard.press('Enter');
    await until('merged by keyboard', (cs) => !cs.some((c) => c.name === 'Keyboard renamed'));

    await page.getByRole('button', { name: 'Edit Keyboard parent', exact: true }).focus();
    await page.keyboard.press('Enter');
    await tabTo(page, 'Delete code');
    await page.keyboard.press('Enter');
    await until('deleted by keyboard', (cs) => !cs.some((c) => c.name === 'Keyboard parent'));
    await shot(page, '24-codebook-after-keyboard');
  });

  await t.test('the changes are commands in the project history', async () => {
    const history = (await (await page.request.get(`${ws.origin}/api/history?limit=40`)).json()) as { type: string }[];
    for (const type of ['code.create', 'code.update', 'code.move', 'code.merge', 'code.delete']) assert.ok(history.some((h) => h.type === type), type);
  });
  assert.deepEqual(errors, [], 'no errors in the page');
});

/** Codes the first 30 characters of the first document with `codeId` (a command posted from the page). */
async function coding(page: Page, codeId: string): Promise<void> {
  await page.evaluate(async (id) => {
    const docs = (await (await fetch('/api/documents')).json()) as { id: string }[];
    const r = await fetch('/api/commands', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ command: { type: 'segment.create', documentId: docs[0].id, codeId: id, start: 0, end: 30, coder: 'Researcher' } }),
    });
    if (!r.ok) throw new Error(await r.text());
  }, codeId);
}
