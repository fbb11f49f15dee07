/**
 * Hostile text in a real browser: transcript text, speaker labels and code names holding script tags, event
 * handler attributes and `javascript:` links are drawn as text and never run; a tab without the token gets no
 * data; the page runs under the server's CSP.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProject } from '../../src/qual/open-project.ts';
import { serveWorkspace } from '../../src/server/serve.ts';
import { browserSkip, launch, shot } from './browser.ts';

const HOSTILE = [
  '<script>window.__xss = 1</script>',
  '<img src=x onerror="window.__xss = 2">',
  '<a href="javascript:window.__xss = 3">click me</a>',
  '"><svg onload="window.__xss = 4">',
];

test('user text is rendered as text, never as HTML', { skip: browserSkip(), timeout: 120_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'staffwell-xss-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'x.qual.sqlite');
  const project = await createProject(path, { actor: 'me', name: '<b onmouseover="window.__xss=5">Project</b>' });
  const text = HOSTILE.join('\n');
  const s = project.as('me');
  const doc = await s.apply({
    type: 'document.import',
    document: { name: '<img src=x onerror="window.__xss=6">.txt', format: 'text', text },
    turns: HOSTILE.map((h, i) => {
      const start = HOSTILE.slice(0, i).reduce((n, x) => n + x.length + 1, 0);
      return { speaker: i === 0 ? '<i onclick="window.__xss=7">P1</i>' : 'P1', participantId: null, start, end: start + h.length, startMs: i * 1000, endMs: null };
    }),
    redactions: [],
  });
  const code = await s.apply({ type: 'code.create', name: '<img src=x onerror="window.__xss=8">', description: '<script>window.__xss=9</script>' });
  await s.apply({ type: 'segment.create', documentId: (doc as { id: string }).id, codeId: code.id, start: 0, end: 10, coder: '<u onmouseover="window.__xss=10">coder</u>' });
  const code2 = await s.apply({ type: 'code.create', name: '"><svg onload="window.__xss=11">' });
  await s.apply({ type: 'segment.create', documentId: (doc as { id: string }).id, codeId: code2.id, start: 2, end: 12, coder: 'me' });
  project.close();
  const ws = await serveWorkspace({ projectPath: path, actor: 'me' });
  t.after(() => ws.close());
  const { browser, close } = await launch();
  t.after(close);

  const page = await browser.newPage();
  const violations: string[] = [];
  page.on('console', (m) => m.type() === 'error' && violations.push(m.text()));
  await page.goto(ws.url);
  await page.getByRole('link', { name: /onerror/ }).click();
  await page.locator('.turn').first().waitFor();
  for (const h of HOSTILE) assert.ok(await page.getByText(h, { exact: true }).count(), `shown literally: ${h}`);
  await page.locator('.stripe').first().hover();
  await page.locator('.stripe').first().click();
  await page.getByRole('tab', { name: /Segments/ }).click();
  await page.getByRole('tab', { name: 'Codes' }).click();
  await page.goto(`${new URL(ws.url).origin}/#/codes`);
  await page.getByRole('heading', { name: 'Codebook' }).waitFor();
  assert.ok(await page.getByText('<img src=x onerror="window.__xss=8">').count(), 'the code name is text');
  await shot(page, '90-hostile-codebook');
  // the two codes compared: names, document name and segment text as text
  await page.goto(`${new URL(ws.url).origin}/#/compare?a=${code.id}&b=${code2.id}`);
  await page.locator('.compare-column .hit').nth(1).waitFor();
  assert.ok(await page.locator('.compare-column h2', { hasText: '"><svg onload="window.__xss=11">' }).count(), 'the second code name is text');
  assert.ok(await page.locator('.compare-table a', { hasText: '<img src=x onerror="window.__xss=6">.txt' }).count(), 'the document name is text');
  assert.equal(await page.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss), undefined, 'no injected script ran');
  assert.equal(await page.locator('script:not([src])').count(), 0);
  assert.equal(await page.locator('img[src=x], svg[onload], a[href^="javascript:"]').count(), 0);

  // a tab that never had the token: no data, only the instruction to open the printed URL
  const stranger = await browser.newContext();
  const p2 = await stranger.newPage();
  const r = await p2.goto(`${new URL(ws.url).origin}/`);
  assert.equal(r?.status(), 401);
  assert.doesNotMatch(await p2.content(), /onerror/);
  await stranger.close();
});
