/**
 * "Compare two codes" in Chromium, from Retrieval: the first code chosen by keyboard, the second by mouse; the
 * overlap tables and both columns checked against GET /api/compare (the service qualCompareCodes); "only in documents
 * with both" by keyboard; a segment followed to its transcript by mouse. Screenshot and axe.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, browserSkip, demoPage, shot, waitFor } from './browser.ts';

interface Comparison {
  a: { codeId: string; code: string; segments: { segmentId: string; documentId: string }[] };
  b: { codeId: string; code: string; segments: { segmentId: string; documentId: string }[] };
  documents: { documentId: string; documentName: string; a: number; b: number }[];
  participants: { participantId: string; a: number; b: number }[];
  shared: { documents: number; participants: number };
}

test('compare two codes by keyboard and by mouse', { skip: browserSkip(), timeout: 180_000 }, async (t) => {
  const { ws, page, errors } = await demoPage(t, { consoleErrors: true });
  await page.goto(ws.url);
  const codebook = (await (await page.request.get(`${ws.origin}/api/codebook`)).json()) as { codes: { id: string; path: string; segments: number }[]; tree: { id: string }[] };
  await page.getByRole('link', { name: 'Retrieval' }).click();
  await page.getByRole('heading', { name: 'Retrieval' }).waitFor();
  await page.getByRole('link', { name: 'Compare two codes' }).click();
  await page.getByRole('heading', { name: 'Compare two codes', level: 1 }).waitFor();
  await page.getByText('Choose two codes').waitFor();
  assert.equal(await page.locator('nav a[aria-current="page"]').textContent(), 'Retrieval', 'the Retrieval tab stays current');

  // the first code by keyboard: the first code of the codebook tree
  const first = page.getByLabel('First code');
  await first.focus();
  await page.keyboard.press('ArrowDown');
  await waitFor(async () => page.url().includes('a='), 'the first code in the address');
  const a = await first.inputValue();
  assert.equal(a, codebook.tree[0].id);
  // the second by mouse: a code in another branch with segments
  const other = codebook.codes.find((c) => c.id !== a && c.segments > 0 && !c.path.startsWith(codebook.codes.find((x) => x.id === a)!.path))!;
  await page.getByLabel('Second code').selectOption(other.id);
  await waitFor(async () => page.url().includes(`b=${other.id}`), 'the second code in the address');
  const api = (await (await page.request.get(`${ws.origin}/api/compare?a=${a}&b=${other.id}`)).json()) as Comparison;
  await page.locator('.compare-column').first().waitFor();

  await t.test('the overlap tables and both columns are what the service returns', async () => {
    const docRows = page.locator('.compare-table').first().locator('tbody tr');
    assert.equal(await docRows.count(), api.documents.length);
    for (let i = 0; i < api.documents.length; i++) {
      const d = api.documents[i];
      const cells = await docRows.nth(i).locator('td').allTextContents();
      assert.deepEqual(cells, [d.a ? String(d.a) : '', d.b ? String(d.b) : ''], d.documentName);
      assert.equal(await docRows.nth(i).locator('.tag').count(), d.a && d.b ? 1 : 0);
    }
    assert.equal(await page.locator('.compare-table').nth(1).locator('tbody tr').count(), api.participants.length);
    assert.equal(await page.locator('.compare-table').nth(1).locator('tbody tr.both').count(), api.shared.participants);
    const cols = page.locator('.compare-column');
    assert.equal(await cols.nth(0).locator('.hit').count(), api.a.segments.length);
    assert.equal(await cols.nth(1).locator('.hit').count(), api.b.segments.length);
    await page.getByRole('status').filter({ hasText: `Both in ${api.shared.documents} of ${api.documents.length} document` }).waitFor();
    await shot(page, '25-compare-codes');
    assert.deepEqual(await axeViolations(page), []);
  });

  await t.test('by keyboard: only in documents with both', async () => {
    const both = new Set(api.documents.filter((d) => d.a && d.b).map((d) => d.documentId));
    await page.getByLabel('only in documents with both').focus();
    await page.keyboard.press('Space');
    const cols = page.locator('.compare-column');
    await waitFor(async () => (await cols.nth(0).locator('.hit').count()) === api.a.segments.filter((s) => both.has(s.documentId)).length, 'first column filtered');
    assert.equal(await cols.nth(1).locator('.hit').count(), api.b.segments.filter((s) => both.has(s.documentId)).length);
    for (const doc of await page.locator('.compare-column .hit').evaluateAll((els) => els.map((e) => e.getAttribute('data-document')))) assert.ok(both.has(doc!), 'only shared documents');
    await shot(page, '26-compare-codes-shared');
    await page.keyboard.press('Space');
    await waitFor(async () => (await cols.nth(0).locator('.hit').count()) === api.a.segments.length, 'all again');
  });

  await t.test('by mouse: a segment opens in its transcript', async () => {
    const seg = api.b.segments[0];
    await page.locator('.compare-column').nth(1).locator('.hit').first().getByRole('link', { name: 'Open in transcript' }).click();
    await waitFor(async () => page.url().includes(`/document/${seg.documentId}`) && page.url().includes(`seg=${seg.segmentId}`), 'the transcript of the segment');
    await page.goBack();
    await page.getByRole('heading', { name: 'Compare two codes', level: 1 }).waitFor();
    assert.equal(await page.getByLabel('Second code').inputValue(), other.id, 'the comparison is in the address: back gives it again');
  });

  assert.deepEqual(errors, []);
});
