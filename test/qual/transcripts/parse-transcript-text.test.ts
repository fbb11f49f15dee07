import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, rejectsAt } from './helpers.ts';

test('plain text with I:/P: prefixes: continuation lines and paragraphs stay in the turn; preamble has no speaker', async () => {
  const r = await parse('int.txt', 'Interview 3 transcript\n\nI: So tell me about your role.\nP: Well, I\'m a band 4 imaging support worker.\nIt\'s varied.\n\nStill P talking after a blank line.\n\nI: What about support?\n\nP: My manager is great.\n');
  assert.equal(r.format, 'text');
  assert.equal(r.dialect, 'prefixed');
  assert.deepEqual(r.speakers, ['I', 'P']);
  assert.deepEqual(r.turns.map((t) => [t.speaker, t.text, t.sourceLine]), [
    [null, 'Interview 3 transcript', 1],
    ['I', 'So tell me about your role.', 3],
    ['P', "Well, I'm a band 4 imaging support worker.\nIt's varied.\nStill P talking after a blank line.", 4],
    ['I', 'What about support?', 9],
    ['P', 'My manager is great.', 11],
  ]);
});

test('Markdown bold names, times before or after the name, a name alone on its line', async () => {
  const r = await parse('int.md', '**Interviewer:** Hello.\n\n**Participant 2**: Hi.\n\n[00:01:05] Interviewer: Next?\n\nParticipant 2 (00:01:09): Yes.\n\nInterviewer:\nOn the next line.\n');
  assert.deepEqual(r.turns.map((t) => [t.speaker, t.text, t.startMs]), [
    ['Interviewer', 'Hello.', null],
    ['Participant 2', 'Hi.', null],
    ['Interviewer', 'Next?', 65000],
    ['Participant 2', 'Yes.', 69000],
    ['Interviewer', 'On the next line.', null],
  ]);
});

test('plain text without speakers: one turn per paragraph, speaker unknown; a one-off "Note:" is not a speaker', async () => {
  const r = await parse('notes.txt', 'First paragraph\nwrapped.\n\nNote: this is a remark.\n\nThird paragraph.\n');
  assert.equal(r.dialect, 'none');
  assert.deepEqual(r.turns.map((t) => [t.speaker, t.text]), [
    [null, 'First paragraph\nwrapped.'],
    [null, 'Note: this is a remark.'],
    [null, 'Third paragraph.'],
  ]);
});

test('a focus-group member who speaks once is recognised in a prefixed file; URLs and clock times are not names', async () => {
  const r = await parse('fg.txt', 'Mod: Welcome.\nAmy: Hi.\nMod: Anyone else?\nBen Ode: Just me, see https://example.org at 10:30 today.\nMod: Thanks.\n');
  assert.deepEqual(r.speakers, ['Mod', 'Amy', 'Ben Ode']);
  assert.equal(r.turns[3]!.text, 'Just me, see https://example.org at 10:30 today.');
});

test('text encodings: UTF-16 with BOM, and Windows-1252 with a warning', async () => {
  const s = 'A: Zoë said hi.\nB: Hello.\n';
  const u16 = new Uint8Array(2 + s.length * 2);
  u16[0] = 0xff;
  u16[1] = 0xfe;
  for (let i = 0; i < s.length; i++) {
    u16[2 + 2 * i] = s.charCodeAt(i) & 0xff;
    u16[3 + 2 * i] = s.charCodeAt(i) >> 8;
  }
  assert.equal((await parse('u16.txt', u16)).turns[0]!.text, 'Zoë said hi.');
  const cp1252 = Uint8Array.from([...'A: Zo'].map((c) => c.charCodeAt(0)).concat([0xeb], [...' hi\nB: ok\n'].map((c) => c.charCodeAt(0))));
  const r = await parse('latin.txt', cp1252);
  assert.equal(r.turns[0]!.text, 'Zoë hi');
  assert.equal(r.warnings.length, 1);
});

test('empty and binary text files are errors', async () => {
  await rejectsAt('empty.txt', '', undefined);
  await rejectsAt('blank.md', ' \n\n', undefined);
  await rejectsAt('bin.txt', Uint8Array.from([0x41, 0, 0x42]), undefined);
});

test('a Teams transcript pasted into a .txt (headers without blank lines) is read in the Teams layout', async () => {
  const r = await parse('pasted.txt', 'Ana Lima   0:03\nHello, we start at 10:30 today.\nBo Chen   0:09\nFine.\nAna Lima   1:15\nGreat.\n');
  assert.equal(r.dialect, 'teams');
  assert.deepEqual(r.turns.map((t) => [t.speaker, t.text, t.startMs, t.sourceLine]), [
    ['Ana Lima', 'Hello, we start at 10:30 today.', 3000, 1],
    ['Bo Chen', 'Fine.', 9000, 3],
    ['Ana Lima', 'Great.', 75000, 5],
  ]);
});
