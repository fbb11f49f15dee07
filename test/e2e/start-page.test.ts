/**
 * `staffwell serve` without a project, in Chromium: the start page lists the folder's projects; one is opened by
 * mouse, and (on a second start) a new one is created by keyboard; each time the page becomes that project's
 * workspace at the same address. Screenshot and axe-core on the start page.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runQualDemo } from '../../src/demo/qual-demo.ts';
import { serveWorkspace } from '../../src/server/serve.ts';
import { axeViolations, browserSkip, launch, shot } from './browser.ts';

test('the start page opens a project by mouse and creates one by keyboard', { skip: browserSkip(), timeout: 120_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'staffwell-e2e-start-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  await runQualDemo({ outDir: dir, log: () => undefined });
  const { browser, close } = await launch();
  t.after(close);
  const errors: string[] = [];

  await t.test('open the demo project from the list', async () => {
    const ws = await serveWorkspace({ folder: dir, actor: 'Researcher', pollMs: 300 });
    t.after(() => ws.close());
    const page = await (await browser.newContext({ viewport: { width: 1200, height: 800 } })).newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(ws.url);
    await page.getByRole('heading', { name: 'Open a project' }).waitFor();
    assert.equal(await page.locator('tbody tr').count(), 1, 'the project file only (not its key file)');
    await page.getByText('radiology-support.qual.sqlite').waitFor();
    await shot(page, '60-start-page');
    assert.deepEqual(await axeViolations(page), []);
    await page.getByRole('button', { name: 'Open radiology-support.qual.sqlite' }).click();
    await page.getByRole('link', { name: 'Documents' }).waitFor();
    await page.getByRole('heading', { name: 'Documents' }).waitFor();
    await page.locator('table.grid tbody tr').first().waitFor();
    const docs = (await (await page.request.get(`http://127.0.0.1:${ws.port}/api/documents`)).json()) as unknown[];
    assert.ok(docs.length > 0);
    assert.equal(await page.locator('table.grid tbody tr').count(), docs.length, 'the demo documents');
    await ws.close();
  });

  await t.test('create a project by keyboard; a clash is explained', async () => {
    const ws = await serveWorkspace({ folder: dir, actor: 'Researcher', pollMs: 300 });
    t.after(() => ws.close());
    const page = await (await browser.newContext({ viewport: { width: 1200, height: 800 } })).newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(ws.url);
    await page.getByRole('heading', { name: 'New project' }).waitFor();
    await page.getByRole('textbox', { name: 'Name' }).focus();
    await page.keyboard.type('Radiology support');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').getByText(/already in the folder/).waitFor();
    await page.getByRole('textbox', { name: 'Name' }).fill('');
    await page.keyboard.type('Imaging support workers 2026');
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: 'Documents' }).waitFor();
    await page.getByText('Imaging support workers 2026').first().waitFor();
    assert.ok(existsSync(join(dir, 'imaging-support-workers-2026.qual.sqlite')));
    assert.ok(existsSync(join(dir, 'imaging-support-workers-2026.qual.key.sqlite')));
    await page.getByText(/No documents yet/).waitFor();
  });
  assert.deepEqual(errors, []);
});
