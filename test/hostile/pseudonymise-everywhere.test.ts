/**
 * A replacement added after import (`staffwell qual pseudonymise --add`) reaches everywhere the original can be
 * in the project: document names, segment texts, memo texts and titles, code names and descriptions, theme and
 * model names, the payloads and undo data of the audit log, the full-text index. Tested as an auditor would:
 * the raw bytes of the project file (and of a WAL beside it) and of every export are searched for the original;
 * it is only in the key file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { runQualCli } from '../qual/run-qual-cli.ts';

const ORIGINALS = ['Gwendolyn Featherstone', 'Gwendolyn', 'Featherstone', 'Quillfeather Ward', 'Quillfeather'];

/** Every place in `bytes` where one of the originals is (UTF-8, and UTF-16LE as SQLite could store text). */
function leaks(bytes: Uint8Array, where: string): string[] {
  const buf = Buffer.from(bytes);
  const found: string[] = [];
  for (const o of ORIGINALS) {
    for (const enc of ['utf8', 'utf16le'] as const) {
      for (const form of [o, o.toLowerCase(), o.toUpperCase()]) {
        const at = buf.indexOf(Buffer.from(form, enc));
        if (at >= 0) found.push(`${where}: "${form}" (${enc}) at byte ${at}: …${buf.subarray(Math.max(0, at - 40), at + 40).toString('latin1').replace(/[^\x20-\x7e]/g, '.')}…`);
      }
    }
  }
  return found;
}

async function ok(args: string[]): Promise<string> {
  const r = await runQualCli(args);
  assert.equal(r.code, 0, `qual ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

test('pseudonymise --add after import: the original is left only in the key file (raw bytes of the project, its WAL and every export)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-pseudo-'));
  const p = join(dir, 'study.qual.sqlite');
  const key = join(dir, 'study.qual.key.sqlite');
  const vtt = join(dir, 'gwendolyn-featherstone.vtt');
  writeFileSync(vtt, [
    'WEBVTT', '',
    '00:00:01.000 --> 00:00:05.000', '<v Interviewer>How was the week on Quillfeather Ward?', '',
    '00:00:06.000 --> 00:00:12.000', '<v Participant>Gwendolyn Featherstone covered my shift, Gwendolyn always does. Quillfeather is short-staffed.', '',
  ].join('\n'));
  writeFileSync(join(dir, 'speakers.csv'), 'display_name,participant_id\nInterviewer,interviewer\nParticipant,P07\n');
  await ok(['init', p]);
  await ok(['import', p, vtt, '--speakers', join(dir, 'speakers.csv')]);
  const doc = JSON.parse(await ok(['documents', p, '--json']))[0];
  assert.match(doc.name, /gwendolyn/i, 'the document is named after its file, original and all');
  await ok(['codes', p, 'add', 'Support from Gwendolyn', '--description', 'Gwendolyn Featherstone as a buffer on Quillfeather Ward']);
  await ok(['code', p, doc.name, '--code', 'Support from Gwendolyn', '--text', 'Gwendolyn Featherstone covered my shift', '--coder', 'Asha']);
  await ok(['memo', p, '--on', 'code:Support from Gwendolyn', '--title', 'About Gwendolyn', '--text', 'Gwendolyn seems central on Quillfeather Ward.']);
  await ok(['memo', p, '--on', 'project', '--text', 'Check the Featherstone interview again.']);
  await ok(['themes', p, 'add', 'Gwendolyn as the ward\'s buffer', '--codes', 'Support from Gwendolyn', '--description', 'Quillfeather relies on one person']);
  await ok(['model', p, 'add-category', 'Leaning on Gwendolyn', '--description', 'Quillfeather staff cover for each other']);
  // an edit and an undo put earlier versions of texts in the audit log's undo data
  const memos = JSON.parse(await ok(['memo', p, '--json']));
  const projectMemo = memos.find((m: { text: string }) => /Featherstone interview/.test(m.text));
  await ok(['memo', p, '--edit', projectMemo.id, '--text', 'Check the Featherstone interview again, and Quillfeather Ward.']);

  const out = await ok(['pseudonymise', p, '--add', 'Gwendolyn Featherstone=[colleague 1]', 'Gwendolyn=[colleague 1]', 'Featherstone=[colleague 1]', 'Quillfeather Ward=[ward A]', 'Quillfeather=[ward A]']);
  assert.match(out, /5 replacement\(s\) added/);

  // what a user sees: every name and text pseudonymised
  const docs = JSON.parse(await ok(['documents', p, '--json']));
  assert.doesNotMatch(JSON.stringify(docs), /Gwendolyn|Featherstone|Quillfeather/i);
  const codes = await ok(['codes', p, '--json']);
  assert.match(codes, /Support from \[colleague 1\]/);
  for (const word of ['Gwendolyn', 'Quillfeather', 'Featherstone']) {
    assert.deepEqual(JSON.parse(await ok(['query', p, '--kwic', word, '--json'])), [], `the full-text index finds no "${word}"`);
  }
  assert.equal(JSON.parse(await ok(['query', p, '--kwic', 'colleague', '--json'])).length, 2, 'it finds the replacement');

  const exports = { qdpx: join(dir, 'out.qdpx'), qdc: join(dir, 'out.qdc'), csv: join(dir, 'out.csv') };
  await ok(['export', p, '--qdpx', exports.qdpx, '--qdc', exports.qdc, '--csv', exports.csv]);
  await ok(['history', p]); // opens and closes once more (checkpoints the WAL)

  const found: string[] = [];
  found.push(...leaks(readFileSync(p), 'project file'));
  for (const side of ['-wal', '-journal']) if (existsSync(p + side)) found.push(...leaks(readFileSync(p + side), `project file${side}`));
  for (const [name, entry] of Object.entries(unzipSync(readFileSync(exports.qdpx)))) found.push(...leaks(entry, `export.qdpx/${name}`));
  found.push(...leaks(readFileSync(exports.qdc), 'export.qdc'));
  found.push(...leaks(readFileSync(exports.csv), 'export.csv'));
  assert.deepEqual(found, [], 'no original anywhere but the key file');
  assert.ok(leaks(readFileSync(key), 'key file').length > 0, 'the key file keeps the originals (for re-identification by the research team)');
});
