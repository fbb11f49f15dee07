/**
 * Deleting in the browser, by mouse and by keyboard: a memo, a coding, a code (its segments deleted, or kept on
 * its parent code) and a document. Each asks first (the browser's dialog) and is undone with the shell's Undo
 * button (mouse) or Ctrl+Z (keyboard); the project is checked through the API after each step.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { axeViolations, browserSkip, demoPage, shot, tabTo, waitFor } from './browser.ts';

interface Code {
  id: string;
  name: string;
  parentId: string | null;
  segments: number;
}

test('deleting (with confirmation) and undoing, by mouse and by keyboard', { skip: browserSkip(), timeout: 240_000 }, async (t) => {
  const { ws, page, errors, dialogs } = await demoPage(t, { consoleErrors: true, acceptDialogs: true });
  const get = async <T>(path: string): Promise<T> => (await (await page.request.get(`${ws.origin}${path}`)).json()) as T;
  const codes = async () => (await get<{ codes: Code[] }>('/api/codebook')).codes;
  const memos = () => get<{ id: string; title: string }[]>('/api/memos');
  const documents = () => get<{ id: string; name: string; segments: number }[]>('/api/documents');
  const segmentTotal = async () => (await codes()).reduce((n, c) => n + c.segments, 0);
  const undoByMouse = async () => {
    await page.locator('.notice-bar').getByRole('button', { name: 'Undo' }).click();
  };
  const undoByKeyboard = async () => {
    await page.locator('body').focus();
    await page.keyboard.press('Control+z');
  };
  await page.goto(ws.url);
  await page.getByRole('heading', { name: 'Documents' }).waitFor();

  await t.test('a memo: mouse (delete, Undo button) and keyboard (Enter on delete, Ctrl+Z)', async () => {
    for (const title of ['Mouse memo', 'Keyboard memo']) await command(page, { type: 'memo.create', target: { kind: 'project' }, title, text: `${title}: to be deleted` });
    await page.getByRole('link', { name: 'Memos' }).click();
    await page.getByRole('button', { name: 'Delete memo Mouse memo' }).click();
    await waitFor(async () => !(await memos()).some((m) => m.title === 'Mouse memo'), 'memo deleted');
    assert.match(dialogs.at(-1)!, /Delete the memo “Mouse memo”/);
    await page.locator('.notice-bar').waitFor();
    await shot(page, '30-delete-memo-notice');
    assert.deepEqual(await axeViolations(page), []);
    await undoByMouse();
    await waitFor(async () => (await memos()).some((m) => m.title === 'Mouse memo'), 'memo back after Undo');

    await page.getByRole('button', { name: 'Delete memo Keyboard memo' }).focus();
    await page.keyboard.press('Enter');
    await waitFor(async () => !(await memos()).some((m) => m.title === 'Keyboard memo'), 'memo deleted by keyboard');
    await undoByKeyboard();
    await waitFor(async () => (await memos()).some((m) => m.title === 'Keyboard memo'), 'memo back after Ctrl+Z');
  });

  await t.test('a coding: mouse (stripe, Remove coding, Undo) and keyboard (segment list, Delete, Ctrl+Z)', async () => {
    await page.getByRole('link', { name: 'Documents' }).click();
    await page.getByRole('link', { name: 'int-01-teams.vtt' }).click();
    await page.locator('.stripe').first().waitFor();
    const before = await segmentTotal();
    await page.locator('.stripe').first().click();
    await page.getByRole('button', { name: /Remove coding/ }).click();
    await waitFor(async () => (await segmentTotal()) === before - 1, 'coding removed');
    assert.match(dialogs.at(-1)!, /Remove the coding/);
    await shot(page, '31-delete-coding');
    await undoByMouse();
    await waitFor(async () => (await segmentTotal()) === before, 'coding back after Undo');

    await page.getByRole('tab', { name: /Segments/ }).click();
    await page.locator('.segment-list button').first().focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: /Remove coding/ }).waitFor();
    await page.locator('.reader').focus();
    await page.keyboard.press('Delete');
    await waitFor(async () => (await segmentTotal()) === before - 1, 'coding removed by keyboard');
    await page.locator('.reader').focus();
    await page.keyboard.press('Control+z');
    await waitFor(async () => (await segmentTotal()) === before, 'coding back after Ctrl+Z');
  });

  await t.test('a code: mouse (its segments kept on the parent, Undo) and keyboard (with its segments, Ctrl+Z)', async () => {
    await page.getByRole('link', { name: 'Codebook' }).click();
    const all = await codes();
    const luck = all.find((c) => c.name === 'Luck')!;
    const parent = all.find((c) => c.id === luck.parentId)!;
    assert.ok(luck.segments > 0);
    await page.getByRole('button', { name: `Edit ${parent.name}/Luck`, exact: true }).click();
    await page.getByLabel(/keep its segments/).check();
    await shot(page, '32-delete-code-keep-segments');
    await page.getByRole('button', { name: 'Delete code' }).click();
    await waitFor(async () => {
      const now = await codes();
      return !now.some((c) => c.name === 'Luck') && now.find((c) => c.id === parent.id)!.segments === parent.segments + luck.segments;
    }, 'Luck deleted, its segments on its parent');
    assert.match(dialogs.at(-1)!, /recoded to/);
    await undoByMouse();
    await waitFor(async () => (await codes()).find((c) => c.name === 'Luck')?.segments === luck.segments, 'Luck back with its segments');

    const limited = (await codes()).find((c) => c.name === 'Limited places')!;
    const total = await segmentTotal();
    await page.getByRole('button', { name: `Edit ${parent.name}/Limited places`, exact: true }).focus();
    await page.keyboard.press('Enter');
    await tabTo(page, 'Delete code');
    await page.keyboard.press('Enter');
    await waitFor(async () => !(await codes()).some((c) => c.name === 'Limited places') && (await segmentTotal()) === total - limited.segments, 'deleted with its segments');
    await undoByKeyboard();
    await waitFor(async () => (await segmentTotal()) === total, 'back after Ctrl+Z');
  });

  await t.test('a document: mouse (delete, Undo) and keyboard (Enter, Ctrl+Z)', async () => {
    await page.getByRole('link', { name: 'Documents' }).click();
    const docs = await documents();
    const [first, second] = docs;
    await page.getByRole('button', { name: `Delete ${first.name}` }).click();
    await waitFor(async () => (await documents()).length === docs.length - 1, 'document deleted');
    assert.match(dialogs.at(-1)!, new RegExp(`Delete the document ${first.name.replace('.', '\\.')} with its ${first.segments} coding`));
    await waitFor(async () => (await page.locator('table.grid tbody tr').count()) === docs.length - 1, 'the list without it');
    await shot(page, '33-delete-document');
    await undoByMouse();
    await waitFor(async () => (await documents()).some((d) => d.id === first.id && d.segments === first.segments), 'document back with its codings');

    await page.getByRole('button', { name: `Delete ${second.name}` }).focus();
    await page.keyboard.press('Enter');
    await waitFor(async () => !(await documents()).some((d) => d.id === second.id), 'deleted by keyboard');
    await undoByKeyboard();
    await waitFor(async () => (await documents()).some((d) => d.id === second.id), 'back after Ctrl+Z');
    await page.getByRole('link', { name: second.name }).waitFor();
  });

  await t.test('every deletion and undo is in the history', async () => {
    const history = await get<{ type: string }[]>('/api/history?limit=40');
    for (const type of ['memo.delete', 'segment.delete', 'code.delete', 'document.delete', 'undo']) assert.ok(history.some((h) => h.type === type), type);
  });
  assert.deepEqual(errors, [], 'no errors in the page');
});

/** A command posted from the page (with its Origin and cookie, as the app posts). */
async function command(page: Page, cmd: unknown): Promise<void> {
  await page.evaluate(async (c) => {
    const r = await fetch('/api/commands', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ command: c }) });
    if (!r.ok) throw new Error(await r.text());
  }, cmd);
}
