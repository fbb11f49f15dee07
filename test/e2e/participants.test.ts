/**
 * The participants view in Chromium: opened by mouse (its tab) and by keyboard (Alt+7), one row per participant
 * of the project (checked through the API) with site, attributes and documents; a document opens its transcript.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, browserSkip, demoPage, shot } from './browser.ts';

test('participants with their attributes and documents', { skip: browserSkip(), timeout: 120_000 }, async (t) => {
  const { ws, page, errors } = await demoPage(t);
  await page.goto(ws.url);
  await page.getByRole('heading', { name: 'Documents' }).waitFor();
  const api = (await (await page.request.get(`${ws.origin}/api/participants`)).json()) as {
    participants: { id: string; siteId: string | null; attributes: Record<string, unknown> }[];
    variables: { id: string; name: string }[];
    sites: { id: string; name: string }[];
  };
  const docs = (await (await page.request.get(`${ws.origin}/api/documents`)).json()) as { id: string; name: string; participants: string[] }[];
  assert.ok(api.participants.length > 0, 'the demo has participants');

  // by keyboard
  await page.locator('body').focus();
  await page.keyboard.press('Alt+7');
  await page.getByRole('heading', { name: 'Participants' }).waitFor();
  const rows = page.locator('table.participants tbody tr');
  assert.equal(await rows.count(), api.participants.length);
  for (const v of api.variables) assert.ok(await page.getByRole('columnheader', { name: v.name }).count(), `column ${v.name}`);
  // every participant is listed with the documents they speak in (a focus group's speakers too)
  for (const x of api.participants) {
    const names = docs.filter((d) => d.participants.includes(x.id)).map((d) => d.name);
    assert.deepEqual(await page.locator(`tr[data-participant="${x.id}"] td a`).allTextContents(), names, `documents of ${x.id}`);
  }
  const p = api.participants.find((x) => docs.filter((d) => d.participants.includes(x.id)).length > 1) ?? api.participants[0];
  const row = page.locator(`tr[data-participant="${p.id}"]`);
  const cells = await row.locator('td').allTextContents();
  assert.equal(cells[0], api.sites.find((s) => s.id === p.siteId)?.name ?? '', 'site');
  api.variables.forEach((v, i) => assert.equal(cells[1 + i], p.attributes[v.id] == null ? '' : String(p.attributes[v.id]), v.name));
  await shot(page, '40-participants');
  assert.deepEqual(await axeViolations(page), []);

  // by mouse: away and back by the tab, then a document
  await page.getByRole('link', { name: 'Documents' }).click();
  await page.getByRole('link', { name: 'Participants' }).click();
  const doc = docs.find((d) => d.participants.includes(p.id))!;
  await row.getByRole('link', { name: doc.name }).click();
  await page.locator('.turn').first().waitFor();
  assert.ok(page.url().includes(`#/document/${encodeURIComponent(doc.id)}`));
  assert.deepEqual(errors, []);
});
