import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import type { StaffwellError } from '../../src/errors.ts';
import { addReplacements, importTranscript, suggestReplacements } from '../../src/qual/import-transcript.ts';
import { openProject } from '../../src/qual/open-project.ts';
import { tempProject } from './qual-helpers.ts';

const EX = join(import.meta.dirname, '../../examples/qual');
const file = (name: string) => ({ name, bytes: readFileSync(join(EX, name)) });
const INT01 = { 'Helen Marsh': 'interviewer', 'Priya Raman': 'P01' };
const REPLACEMENTS = [
  { original: 'Northgate General', replacement: '[Site A]', category: 'site' },
  { original: 'Sarah', replacement: '[superintendent radiographer]', category: 'colleague' },
];

function countRows(path: string, sql: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

test('import: speakers mapped, text pseudonymised, originals and speaker key only in the key file', async () => {
  const t = await tempProject();
  try {
    const r = await importTranscript(t.session, file('int-01-teams.vtt'), { speakers: INT01, replacements: REPLACEMENTS, site: 'Site A' });
    assert.equal(r.format, 'webvtt');
    assert.deepEqual(r.speakers.map((s) => s.label).sort(), ['Interviewer', 'P01']);
    const doc = (await t.project.store.getDocument(r.documentId))!;
    assert.ok(doc.text.startsWith('Interviewer: Thanks for making time for this, [P01].'));
    assert.ok(doc.text.includes("[Site A]"), "site");
    assert.ok(!/Priya|Helen|Northgate General|Sarah/.test(doc.text), doc.text.slice(0, 3000));
    // replacement spans are listable and point at their replacement text
    const spans = await t.project.store.listRedactions(r.documentId);
    assert.ok(spans.length >= 3, "spans " + spans.length);
    for (const s of spans) assert.equal(doc.text.slice(s.start, s.end), s.replacement);
    // turns cover what was said, with the participant
    const turns = await t.project.store.listTurns(r.documentId);
    assert.equal(turns[1].participantId, 'P01');
    assert.equal(doc.text.slice(turns[1].start, turns[1].end), "Yes, that's fine. I've read the information sheet.");
    // the key file holds the original layer; the project file holds no display name or original anywhere
    const orig = (await t.project.store.getOriginal(r.documentId))!;
    assert.ok(orig.originalText.includes('Priya'));
    for (const s of orig.spans) assert.equal(orig.originalText.slice(s.originalStart, s.originalEnd), s.original);
    assert.deepEqual((await t.project.store.listSpeakerKey()).map((k) => [k.displayName, k.participantId]), [
      ['Helen Marsh', null],
      ['Priya Raman', 'P01'],
    ]);
    t.project.close();
    const projectBytes = readFileSync(t.path).toString('latin1') + readFileSync(t.path + '-wal', { flag: 'a+' }).toString('latin1');
    for (const secret of ['Priya', 'Helen Marsh', 'Northgate General', 'Sarah']) assert.ok(!projectBytes.includes(secret), `${secret} in the project file`);
    assert.ok(readFileSync(t.keyPath).toString('latin1').includes('Priya Raman'));
    // the project opens and is usable without its key file
    const shared = openProject(t.path);
    assert.equal((await shared.store.listDocuments()).length, 1);
    await assert.rejects(shared.store.listReplacements(), (e: StaffwellError) => e.code === 'not-found');
    shared.close();
  } finally {
    t.cleanup();
  }
});

test('import: unmapped speakers are an error that names them and says how to map them; nothing is written', async () => {
  const t = await tempProject();
  try {
    await assert.rejects(
      importTranscript(t.session, file('fg-01.srt'), { speakers: { 'Helen Marsh': 'interviewer', 'Dan Mercer': 'P05' } }),
      (e: StaffwellError) => e.code === 'not-found' && /Leanne Price/.test(e.message) && /speakers CSV/.test(e.message),
    );
    await assert.rejects(
      importTranscript(t.session, { name: 'bad.vtt', bytes: new TextEncoder().encode('WEBVTT\n\n00:00:05.000 --> 00:00:01.000\n<v A>x\n') }, { speakers: { A: 'P01' } }),
      (e: StaffwellError) => e.code === 'format',
    );
    await assert.rejects(
      importTranscript(t.session, file('int-01-teams.vtt'), { speakers: { 'Helen Marsh': 'interviewer', 'Priya Raman': 'Priya Raman' } }),
      (e: StaffwellError) => e.code === 'invalid-option',
    );
    assert.equal((await t.project.store.listDocuments()).length, 0);
    assert.equal((await t.project.store.listOriginalDocumentIds()).length, 0);
  } finally {
    t.cleanup();
  }
});

for (const point of [
  'document.import:after-document',
  'document.import:after-project',
  'document.import:after-key-original',
  'document.import:after-key',
  'document.import:before-log',
  'batch:before-log',
]) {
  test(`import: a crash at ${point} leaves neither the project nor the key file with a half-imported document`, async () => {
    let armed = false;
    const t = await tempProject({
      fault: (p) => {
        if (armed && p === point) throw new Error(`injected crash at ${p}`);
      },
    });
    try {
      armed = true;
      await assert.rejects(importTranscript(t.session, file('int-01-teams.vtt'), { speakers: INT01, replacements: REPLACEMENTS }), /injected crash/);
      t.project.close();
      for (const table of ['documents', 'turns', 'redactions', 'participants', 'sites']) {
        assert.equal(countRows(t.path, `SELECT count(*) AS n FROM ${table}`), 0, `project ${table}`);
      }
      assert.equal(countRows(t.path, `SELECT count(*) AS n FROM commands WHERE type <> 'project.rename'`), 0);
      for (const table of ['originals', 'original_spans', 'speaker_key', 'replacements']) {
        assert.equal(countRows(t.keyPath, `SELECT count(*) AS n FROM ${table}`), 0, `key ${table}`);
      }
      // and the same import then succeeds
      const again = openProject(t.path, { keyPath: t.keyPath });
      await importTranscript(again.as('tester'), file('int-01-teams.vtt'), { speakers: INT01, replacements: REPLACEMENTS });
      assert.equal((await again.store.listDocuments()).length, 1);
      again.close();
    } finally {
      t.cleanup();
    }
  });
}

test('opening reconciles a key entry left without its document (crash during the two-file commit)', async () => {
  const t = await tempProject();
  try {
    t.project.close();
    const key = new Database(t.keyPath);
    key.prepare("INSERT INTO originals(document_id, source_file, original_text, imported_at) VALUES ('ghost', 'x.vtt', 'Priya', '2026')").run();
    key.close();
    const p = openProject(t.path, { keyPath: t.keyPath });
    assert.deepEqual(await p.store.listOriginalDocumentIds(), []);
    p.close();
  } finally {
    t.cleanup();
  }
});

test('suggestions, then added replacements move coded segments exactly and extend the key', async () => {
  let armed = false;
  const t = await tempProject({
    fault: (p) => {
      if (armed && p === 'document.pseudonymise:before-key') throw new Error('injected crash');
    },
  });
  try {
    const p = t.session;
    const r = await importTranscript(p, file('int-01-teams.vtt'), { speakers: INT01, replacements: REPLACEMENTS });
    assert.ok(r.suggestions.some((s) => s.candidate === 'Marcus'));
    assert.ok((await suggestReplacements(p.store)).some((s) => s.candidate === 'Marcus'));
    const { id: code } = await p.apply({ type: 'code.create', name: 'Support' });
    const text = (await p.store.getDocument(r.documentId))!.text;
    const quote = 'The CT lead, Marcus, is good too.';
    const start = text.indexOf(quote);
    const after = 'The rest of the support is really each other.';
    const { id: s1 } = await p.apply({ type: 'segment.create', documentId: r.documentId, codeId: code, start, end: start + quote.length, coder: 'A' });
    const { id: s2 } = await p.apply({ type: 'segment.create', documentId: r.documentId, codeId: code, start: text.indexOf(after), end: text.indexOf(after) + after.length, coder: 'A' });
    const before = JSON.stringify([await p.store.getDocument(r.documentId), await p.store.listSegments(), await p.store.listRedactions()]);
    armed = true;
    await assert.rejects(addReplacements(p, [{ original: 'Marcus', replacement: '[CT lead]', category: 'colleague' }]), /injected crash/);
    armed = false;
    assert.equal(JSON.stringify([await p.store.getDocument(r.documentId), await p.store.listSegments(), await p.store.listRedactions()]), before);
    // the batch adding the entry committed before the per-document step failed; applying again is harmless
    const res = await addReplacements(p, [{ original: 'Marcus', replacement: '[CT lead]', category: 'colleague' }]);
    assert.equal(res.replaced, 1);
    const now = (await p.store.getDocument(r.documentId))!.text;
    const [a, b] = await p.store.listSegments({ ids: [s1, s2] });
    assert.equal(now.slice(a.start, a.end), 'The CT lead, [CT lead], is good too.');
    assert.equal(a.text, 'The CT lead, [CT lead], is good too.');
    assert.equal(now.slice(b.start, b.end), after);
    for (const s of await p.store.listRedactions(r.documentId)) assert.equal(now.slice(s.start, s.end), s.replacement);
    const orig = (await p.store.getOriginal(r.documentId))!;
    for (const s of orig.spans) assert.equal(orig.originalText.slice(s.originalStart, s.originalEnd), s.original);
    assert.ok(orig.spans.some((s) => s.original === 'Marcus'));
  } finally {
    t.cleanup();
  }
});
