import { test } from 'node:test';
import assert from 'node:assert/strict';
import { zipSync, strToU8 } from 'fflate';
import { minimalDocx } from '../../../scripts/make-qual-demo.ts';
import { parse, rejectsAt } from './helpers.ts';

test('Teams .docx layout "Name   0:03": header paragraphs, started-transcription event reported, paragraph numbers', async () => {
  const docx = minimalDocx([
    'Staff interview 2',
    'Helen Marsh started transcription',
    'Helen Marsh   0:03',
    'Thanks for joining.',
    'Sam Okoro   0:09',
    'No problem.',
    '',
    'Helen Marsh   1:02:05',
    'Last question.',
  ]);
  const r = await parse('teams.docx', docx);
  assert.equal(r.format, 'docx');
  assert.equal(r.dialect, 'teams');
  assert.deepEqual(r.turns, [
    { speaker: null, text: 'Staff interview 2', startMs: null, endMs: null, sourceLine: 1 },
    { speaker: 'Helen Marsh', text: 'Thanks for joining.', startMs: 3000, endMs: null, sourceLine: 3 },
    { speaker: 'Sam Okoro', text: 'No problem.', startMs: 9000, endMs: null, sourceLine: 5 },
    { speaker: 'Helen Marsh', text: 'Last question.', startMs: 3725000, endMs: null, sourceLine: 8 },
  ]);
  assert.deepEqual(r.warnings.map((w) => w.line), [2]);
});

test('Teams .docx, newer "Name  00:00:03" and wall-clock "Name 10:30 AM" headers', async () => {
  const r = await parse('new.docx', minimalDocx(['Ana Lima  00:00:03', 'Hello.', 'Bo Chen  00:00:07', 'Hi.', 'Ana Lima  00:01:10', 'Bye.']));
  assert.deepEqual(r.turns.map((t) => [t.speaker, t.startMs]), [['Ana Lima', 3000], ['Bo Chen', 7000], ['Ana Lima', 70000]]);
  const c = await parse('clock.docx', minimalDocx(['Ana Lima 10:30 AM', 'Hello.', 'Bo Chen 10:31 AM', 'Hi.', 'Ana Lima 10:32 AM', 'Bye.']));
  assert.deepEqual(c.turns.map((t) => [t.speaker, t.startMs]), [['Ana Lima', null], ['Bo Chen', null], ['Ana Lima', null]]);
  assert.equal(c.warnings.length, 1);
});

test('plain .docx interview with Interviewer:/P: prefixes', async () => {
  const r = await parse('plain.docx', minimalDocx(['Interview 5', 'Interviewer: How are you?', 'P: Fine, thanks.', 'Mostly.', 'Interviewer: Good.']));
  assert.equal(r.dialect, 'prefixed');
  assert.deepEqual(r.turns.map((t) => [t.speaker, t.text, t.sourceLine]), [
    [null, 'Interview 5', 1],
    ['Interviewer', 'How are you?', 2],
    ['P', 'Fine, thanks.\nMostly.', 3],
    ['Interviewer', 'Good.', 5],
  ]);
});

test('malformed .docx: not a zip, an old .doc, a zip without a document, an empty document', async () => {
  await rejectsAt('notzip.docx', 'hello, I am not a zip', undefined, 'is called .docx but holds plain text');
  const e = await rejectsAt('old.docx', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), undefined);
  assert.match(e.message, /old Word \.doc/);
  await rejectsAt('other.docx', zipSync({ 'hello.txt': strToU8('hi') }), undefined, 'could not be read');
  await rejectsAt('empty.docx', minimalDocx([]), undefined, 'no text');
});
