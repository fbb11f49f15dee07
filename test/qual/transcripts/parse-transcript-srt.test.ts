import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, rejectsAt } from './helpers.ts';

test('SRT: BOM, CRLF, comma decimals, index lines, Name: on the first cue of a turn carries over', async () => {
  const srt = '\ufeff1\r\n00:00:01,000 --> 00:00:02,000\r\nFacilitator: Hi all,\r\n\r\n2\r\n00:00:02,000 --> 00:00:04,000\r\nthanks for <i>coming</i>.\r\n\r\n'
    + '3\r\n00:00:04,500 --> 00:00:06,000\r\nJo: Hi!\r\n\r\n4\r\n00:00:06,100 --> 00:00:07,000\r\nFacilitator: Shall we start?\r\n';
  const r = await parse('fg.srt', srt);
  assert.equal(r.format, 'srt');
  assert.equal(r.dialect, 'prefixed');
  assert.deepEqual(r.speakers, ['Facilitator', 'Jo']);
  assert.deepEqual(r.turns, [
    { speaker: 'Facilitator', text: 'Hi all, thanks for coming.', startMs: 1000, endMs: 4000, sourceLine: 2 },
    { speaker: 'Jo', text: 'Hi!', startMs: 4500, endMs: 6000, sourceLine: 10 },
    { speaker: 'Facilitator', text: 'Shall we start?', startMs: 6100, endMs: 7000, sourceLine: 14 },
  ]);
  assert.deepEqual(r.warnings, []);
});

test('SRT without speakers: one turn per cue, speaker null; content sniffing without the .srt extension', async () => {
  const r = await parse('captions.txt', '1\n00:00:01,000 --> 00:00:02,000\nHello.\n\n2\n00:00:02,500 --> 00:00:03,000\nGoodbye.\n');
  assert.equal(r.format, 'srt');
  assert.deepEqual(r.turns.map((t) => [t.speaker, t.text]), [[null, 'Hello.'], [null, 'Goodbye.']]);
});

test('SRT: stray lines after a blank line inside a cue are kept with a warning', async () => {
  const r = await parse('x.srt', '1\n00:00:01,000 --> 00:00:02,000\nA: Hello\n\nthere\n\n2\n00:00:03,000 --> 00:00:04,000\nB: Hi\n');
  assert.deepEqual(r.turns.map((t) => t.text), ['Hello there', 'Hi']);
  assert.equal(r.warnings[0]!.line, 5);
});

test('malformed SRT: bad time, reversed cue, empty file', async () => {
  // "->" is almost a timing line: an error on its line, not text added to the cue above
  await rejectsAt('bad.srt', '1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n00:00:02,000 -> 00:00:03,000\nno arrow\n\n3\n0:0:x --> 00:00:04,000\nbad\n', 6, '00:00:02,000 -> 00:00:03,000');
  await rejectsAt('bad.srt', '1\n00:00:01,000 --> 00:00:02,000\nok\n\n3\n0:0:x --> 00:00:04,000\nbad\n', 6, '0:0:x');
  await rejectsAt('bad.srt', '1\n00:00:09,000 --> 00:00:02,000\nreversed\n', 2);
  await rejectsAt('empty.srt', '', undefined);
  await rejectsAt('textonly.srt', 'just some text\n', 1, 'just some text');
});
