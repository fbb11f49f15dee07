/**
 * Transcript import in the browser: a Teams-style VTT chosen by keyboard, its speakers mapped to ids by keyboard,
 * imported and pseudonymised (speakers' names replaced by their ids, the project's list applied); an SRT dropped on
 * the drop zone by mouse; a broken .docx named in the error. Checked through the API. Screenshot of the mapping.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, browserSkip, demoPage, fileChoosers, shot, waitFor } from './browser.ts';

const VTT = `WEBVTT

00:00:01.000 --> 00:00:04.000
<v Sam Okafor>How have the last few weeks been on the unit?</v>

00:00:05.000 --> 00:00:12.000
<v Dana Whitfield>Honestly, long. Sam, you know how it is with the rota.</v>

00:00:13.000 --> 00:00:18.000
<v Dana Whitfield>Dana is fine, but nobody asks how the support workers are.</v>
`;

const SRT = `1
00:00:01,000 --> 00:00:03,000
INTERVIEWER: Where do you go for support?

2
00:00:04,000 --> 00:00:09,000
LEE: Mostly the other support workers, on the late shift.
`;

test('import transcripts: choose by keyboard, map speakers, drop by mouse, a broken file named', { skip: browserSkip(), timeout: 180_000 }, async (t) => {
  const { ws, page, errors } = await demoPage(t);
  const docs = async () => (await (await page.request.get(`${ws.origin}/api/documents`)).json()) as { id: string; name: string; participantId: string | null; turns: number }[];
  const choosers = fileChoosers(page);
  await page.goto(ws.url);
  await page.getByRole('heading', { name: 'Import transcripts' }).waitFor();
  const before = (await docs()).length;

  await t.test('by keyboard: choose a VTT, give each speaker an id, import', async () => {
    await page.getByRole('button', { name: 'choose files…' }).focus();
    const chooser = choosers.next();
    await page.keyboard.press('Enter');
    await (await chooser).setFiles({ name: 'int-10-teams.vtt', mimeType: 'text/vtt', buffer: Buffer.from(VTT) });
    const form = page.getByRole('form', { name: 'Map speakers and import' });
    await form.waitFor();
    assert.equal(await form.locator('tbody tr').count(), 1);
    assert.match((await form.locator('tbody tr').textContent()) ?? '', /int-10-teams\.vtt.*vtt.*Sam Okafor, Dana Whitfield/);
    assert.ok(await form.getByRole('button', { name: 'Import 1 file' }).isDisabled(), 'not before every speaker has an id');
    await shot(page, '70-import-mapping');
    assert.deepEqual(await axeViolations(page), []);
    await form.getByLabel('Participant id for Sam Okafor').focus();
    await page.keyboard.type('interviewer');
    await page.keyboard.press('Tab');
    await page.keyboard.type('P10');
    await page.keyboard.press('Enter');
    await waitFor(async () => (await docs()).length === before + 1, 'imported');
    const doc = (await docs()).find((d) => d.participantId === 'P10')!;
    assert.ok(doc, 'the document is P10s');
    const view = (await (await page.request.get(`${ws.origin}/api/documents/${doc.id}`)).json()) as { text: string };
    for (const name of ['Sam', 'Okafor', 'Dana', 'Whitfield']) assert.ok(!new RegExp(`\\b${name}\\b`).test(view.text), `${name} replaced in the text`);
    assert.match(view.text, /\[P10\] is fine/);
    await page.getByRole('link', { name: doc.name }).waitFor();
  });

  await t.test('by mouse: drop an SRT on the drop zone and import it', async () => {
    await page.evaluate((srt) => {
      const g = globalThis as unknown as { document: { querySelector(s: string): { dispatchEvent(e: unknown): void } }; DataTransfer: new () => { items: { add(f: unknown): void } }; File: new (b: string[], n: string) => unknown; DragEvent: new (t: string, i: unknown) => unknown };
      const dt = new g.DataTransfer();
      dt.items.add(new g.File([srt], 'int-11-late.srt'));
      g.document.querySelector('.drop-zone').dispatchEvent(new g.DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, SRT);
    const form = page.getByRole('form', { name: 'Map speakers and import' });
    await form.getByLabel('Participant id for LEE').fill('P11');
    assert.equal(await form.getByLabel('Participant id for INTERVIEWER').inputValue(), 'interviewer', 'an interviewer label is recognised');
    await form.getByRole('button', { name: 'Import 1 file' }).click();
    await waitFor(async () => (await docs()).some((d) => d.participantId === 'P11' && d.turns === 2), 'imported by drop');
  });

  await t.test('a broken file is named in the error, and nothing is imported', async () => {
    const n = (await docs()).length;
    const chooser = choosers.next();
    await page.getByRole('button', { name: 'choose files…' }).click();
    await (await chooser).setFiles({ name: 'int-12.docx', mimeType: 'application/octet-stream', buffer: Buffer.from('not a zip at all') });
    await page.getByRole('alert').getByText(/int-12\.docx/).waitFor();
    assert.equal((await docs()).length, n);
  });
  assert.deepEqual(errors, []);
});
