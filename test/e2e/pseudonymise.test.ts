/**
 * Pseudonymisation review in Chromium: the suggested names (none of the key file's originals sent), a name read in
 * context, replaced by keyboard everywhere and undone, replaced by mouse, set aside as not a name (kept on reload),
 * another name replaced from the form, and the originals shown only when asked. Each step is checked through the
 * API (`/api/pseudonymisation`, `/api/kwic`: the same services the CLI reads). Screenshots in test/e2e/screenshots/.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { QualSession } from '../../src/qual/project.ts';
import { qualImportTranscripts } from '../../src/services/qual-import.ts';
import { openQualProject } from '../../src/services/qual-project.ts';
import { axeViolations, browserSkip, demoPage, shot, waitFor } from './browser.ts';

/** A late interview (invented) whose names the import's replacement list did not cover. */
const LATE = [
  'Interviewer: How was the week?',
  'Robin: Busy. I covered the late list again, and Dunmore Ward is short every Friday.',
  'Interviewer: Who decides the cover?',
  'Robin: Nobody really. We ask Tomasz, and Tomasz asks whoever is left.',
].join('\n');

async function addLateInterview(projectPath: string): Promise<void> {
  const project = openQualProject({ path: projectPath });
  try {
    await qualImportTranscripts(new QualSession(project, 'Researcher'), {
      files: [{ name: 'int-09-late.txt', bytes: new TextEncoder().encode(LATE) }],
      speakers: [
        { displayName: 'Interviewer', participantId: 'interviewer' },
        { displayName: 'Robin', participantId: 'P09' },
      ],
    });
  } finally {
    project.close();
  }
}

interface Review {
  hasKey: boolean;
  suggestions: { candidate: string; count: number; reason: string; documents: string[] }[];
  replacements: { replacement: string; category: string; original?: string }[];
}

test('pseudonymisation review by keyboard and by mouse', { skip: browserSkip(), timeout: 180_000 }, async (t) => {
  const { ws, page, errors, dialogs } = await demoPage(t, { consoleErrors: true, acceptDialogs: true, prepare: addLateInterview });
  const get = async <T,>(path: string): Promise<T> => (await (await page.request.get(`${ws.origin}${path}`)).json()) as T;
  const review = () => get<Review>('/api/pseudonymisation');
  const exactHits = async (word: string) => (await get<{ keyword: string }[]>(`/api/kwic?q=${encodeURIComponent(word)}`)).filter((h) => h.keyword === word).length;

  await page.goto(ws.url);
  await page.getByRole('link', { name: 'Pseudonymise' }).click();
  await page.getByRole('heading', { name: 'Pseudonymise', level: 1 }).waitFor();
  const first = await review();
  assert.ok(first.hasKey, 'the demo is served with its key file');
  assert.ok(first.suggestions.length >= 2, 'the demo leaves names to review');
  await page.locator('.suggestions tbody tr').first().waitFor();

  await t.test('what the browser is sent: suggestions and replacements, never an original', async () => {
    const originals = await get<{ original: string; replacement: string }[]>('/api/pseudonymisation/originals');
    assert.equal(originals.length, first.replacements.length);
    const sent = JSON.stringify(first);
    for (const o of originals) {
      const word = new RegExp(`(?<![\\p{L}])${o.original.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'u');
      assert.ok(!word.test(sent), `original ${o.original} not in /api/pseudonymisation`);
    }
    assert.ok(first.replacements.every((r) => r.original === undefined));
    assert.equal(await page.locator('.suggestions tbody tr[data-candidate]').count(), first.suggestions.length);
    assert.equal(await page.getByText('hidden (key file)').count(), first.replacements.length);
    await shot(page, '50-pseudonymise');
    assert.deepEqual(await axeViolations(page), []);
  });

  const a = first.suggestions.find((s) => s.candidate === 'Tomasz')!;
  const b = first.suggestions.find((s) => s.candidate === 'Dunmore Ward')!;
  assert.ok(a && b, 'the late interview names are suggested');
  await t.test('by keyboard: read a name in context, replace it everywhere, undo', async () => {
    const row = page.locator(`tr[data-candidate="${a.candidate}"]`);
    await row.getByRole('button', { name: 'In context' }).focus();
    await page.keyboard.press('Enter');
    const ctx = page.getByRole('list', { name: `${a.candidate} in context` });
    await ctx.locator('mark').first().waitFor();
    assert.equal(await ctx.locator('li mark').count(), await exactHits(a.candidate), 'every occurrence shown');
    await shot(page, '51-pseudonymise-context');
    assert.deepEqual(await axeViolations(page), []);

    await page.getByLabel(`Replacement for ${a.candidate}`).focus();
    await page.keyboard.type('[colleague 9]');
    await page.keyboard.press('Enter');
    await waitFor(async () => (await exactHits(a.candidate)) === 0, `${a.candidate} replaced in every document`);
    assert.ok((await exactHits('colleague 9')) >= a.count, 'the replacement is in the text');
    assert.ok(!(await review()).suggestions.some((s) => s.candidate === a.candidate), 'no longer suggested');
    await page.locator('tr', { hasText: '[colleague 9]' }).getByText('hidden (key file)').waitFor();
    await page.locator(`tr[data-candidate="${a.candidate}"]`).waitFor({ state: 'detached' });

    await page.locator('h1').click();
    await page.keyboard.press('Control+z');
    await waitFor(async () => (await exactHits(a.candidate)) === a.count, 'undo brings the name back');
    await page.locator(`tr[data-candidate="${a.candidate}"]`).waitFor();
  });

  await t.test('by mouse: replace, set a word aside as not a name (kept on reload), replace from the form', async () => {
    const row = page.locator(`tr[data-candidate="${a.candidate}"]`);
    await row.getByLabel(`Replacement for ${a.candidate}`).fill('[colleague 9]');
    await row.getByLabel(`Category of ${a.candidate}`).selectOption('colleague');
    await row.getByRole('button', { name: 'Replace' }).click();
    await waitFor(async () => (await exactHits(a.candidate)) === 0, 'replaced by mouse');
    assert.equal((await review()).replacements.find((r) => r.replacement === '[colleague 9]')?.category, 'colleague');

    await page.locator(`tr[data-candidate="${b.candidate}"]`).getByRole('button', { name: 'Not a name' }).click();
    await page.locator(`tr[data-candidate="${b.candidate}"]`).waitFor({ state: 'detached' });
    await page.reload();
    await page.getByRole('heading', { name: 'Pseudonymise', level: 1 }).waitFor();
    await page.locator('.suggestions tbody tr').first().waitFor();
    assert.equal(await page.locator(`tr[data-candidate="${b.candidate}"]`).count(), 0, 'still set aside after a reload');
    await page.getByLabel(/show the 1 set aside/).check();
    await page.locator(`tr[data-candidate="${b.candidate}"]`).getByRole('button', { name: 'Suggest again' }).click();
    await page.getByLabel(/show the \d+ set aside/).waitFor({ state: 'detached' });
    assert.equal(await exactHits(b.candidate), b.count, 'setting aside changes no text');

    const form = page.getByRole('form', { name: 'Replace another name' });
    await form.getByLabel('Name as written').fill(b.candidate);
    await form.getByLabel('with').fill('[Ward B]');
    await form.getByLabel('category').selectOption('ward');
    await form.getByRole('button', { name: 'Replace everywhere' }).click();
    await waitFor(async () => (await exactHits(b.candidate)) === 0, 'replaced from the form');
  });

  await t.test('the originals, only when asked', async () => {
    const list = page.getByRole('region', { name: /Replacement list/ });
    assert.equal(await list.getByText(a.candidate, { exact: true }).count(), 0);
    await page.getByRole('button', { name: 'Show originals…' }).click();
    await list.getByText(a.candidate, { exact: true }).waitFor();
    assert.ok(dialogs.some((d) => d.startsWith('Show the original names')), 'asked first');
    await page.getByRole('button', { name: 'Hide originals' }).click();
    assert.equal(await list.getByText(a.candidate, { exact: true }).count(), 0);
  });

  assert.deepEqual(errors, []);
});
