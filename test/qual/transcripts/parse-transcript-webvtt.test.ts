import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, rejectsAt } from './helpers.ts';

const TEAMS = `WEBVTT

NOTE a comment that is not speech
spanning two lines

STYLE
::cue { color: yellow }

0d6a1f2e-3b4c-4d5e-8f90-a1b2c3d4e5f6/12-0
00:00:01.000 --> 00:00:03.500 align:start position:10%
<v Helen Marsh>Thanks for joining &amp; agreeing
to this.</v>

0d6a1f2e-3b4c-4d5e-8f90-a1b2c3d4e5f6/12-1
00:00:03.600 --> 00:00:05.000
<v Helen Marsh>Could you say a bit about your role?

0d6a1f2e-3b4c-4d5e-8f90-a1b2c3d4e5f6/13-0
00:00:05.500 --> 00:00:09.000
<v.loud Priya Raman>Yeah, <i>sure</i> &lt;laughs&gt; it's&nbsp;complicated &#233;&#xE9;.
`;

test('Teams WebVTT: voice tags (closed, unclosed, with class), NOTE/STYLE skipped, entities, multi-line cues', async () => {
  const r = await parse('teams.vtt', TEAMS);
  assert.equal(r.format, 'webvtt');
  assert.equal(r.dialect, 'teams');
  assert.deepEqual(r.speakers, ['Helen Marsh', 'Priya Raman']);
  assert.deepEqual(r.turns, [
    { speaker: 'Helen Marsh', text: 'Thanks for joining & agreeing to this. Could you say a bit about your role?', startMs: 1000, endMs: 5000, sourceLine: 10 },
    { speaker: 'Priya Raman', text: "Yeah, sure <laughs> it's complicated éé.", startMs: 5500, endMs: 9000, sourceLine: 19 },
  ]);
  assert.deepEqual(r.warnings, []);
});

test('WebVTT: timestamps without hours, ids of any form, tags stripped, text outside voice spans inherits', async () => {
  const r = await parse('x.vtt', `WEBVTT - a title
Kind: captions

intro cue id with spaces
00:01.000 --> 00:02.000
<v Ana>One <c.yellow>two</c> <b>three</b> <00:00:01.500>four</v> five

00:02.100 --> 00:03.000
six
`);
  assert.deepEqual(r.turns.map((t) => [t.speaker, t.text]), [['Ana', 'One two three four five six']]);
});

test('WebVTT: two voices in one cue become two turns with the cue time', async () => {
  const r = await parse('x.vtt', 'WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v A>Hello.</v> <v B>Hi there.</v>\n');
  assert.deepEqual(r.turns.map((t) => [t.speaker, t.text, t.startMs, t.endMs]), [
    ['A', 'Hello.', 1000, 4000],
    ['B', 'Hi there.', 1000, 4000],
  ]);
});

test('WebVTT: voice annotation with entities and an anonymised "@" name', async () => {
  const r = await parse('x.vtt', 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Jones &amp; Co>Hi\n\n00:00:02.000 --> 00:00:03.000\n<v user@example>Hello\n');
  assert.deepEqual(r.speakers, ['Jones & Co', 'user@example']);
});

const ZOOM = `WEBVTT

1
00:00:00.000 --> 00:00:04.000
Helen Marsh: Hello there and welcome

2
00:00:04.100 --> 00:00:08.000
Helen Marsh: to the interview. So: what do you do?

3
00:00:08.500 --> 00:00:12.000
Sam Okoro: I work as a PWP.

4
00:00:12.200 --> 00:00:16.000
Sam Okoro: Mostly on the phone.

5
00:00:22.000 --> 00:00:24.000
Sam Okoro: After a long pause.
`;

test('Zoom WebVTT: Name: prefixes, cues of one speaker merged, split when the silence exceeds mergeGapMs', async () => {
  const r = await parse('zoom.vtt', ZOOM);
  assert.equal(r.dialect, 'zoom');
  assert.deepEqual(r.turns.map((t) => [t.speaker, t.text, t.startMs, t.endMs, t.sourceLine]), [
    ['Helen Marsh', 'Hello there and welcome to the interview. So: what do you do?', 0, 8000, 4],
    ['Sam Okoro', 'I work as a PWP. Mostly on the phone.', 8500, 16000, 12],
    ['Sam Okoro', 'After a long pause.', 22000, 24000, 20],
  ]);
  // a 6 s silence: default gap (5 s) splits; a larger gap merges; 0 splits at every gap
  const merged = await parse('zoom.vtt', ZOOM, { mergeGapMs: 10000 });
  assert.equal(merged.turns.length, 2);
  const split = await parse('zoom.vtt', ZOOM, { mergeGapMs: 0 });
  assert.equal(split.turns.length, 5);
  const never = await parse('zoom.vtt', ZOOM, { mergeGapMs: Infinity });
  assert.equal(never.turns.length, 2);
});

test('Zoom-style prefixes can be switched off; a one-off "Something:" in unlabelled speech is not a speaker', async () => {
  const off = await parse('zoom.vtt', ZOOM, { namePrefixes: false });
  assert.deepEqual(off.speakers, []);
  assert.equal(off.turns.length, 5);
  assert.ok(off.turns[0]!.text.startsWith('Helen Marsh: '));
  const r = await parse('x.vtt', 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nthe thing is this\n\n00:00:02.000 --> 00:00:03.000\nand what I said was: no\n\n00:00:03.000 --> 00:00:04.000\nfine\n');
  assert.deepEqual(r.speakers, []);
  assert.deepEqual(r.turns.map((t) => t.text), ['the thing is this', 'and what I said was: no', 'fine']);
});

test('WebEx cue ids carry the speaker', async () => {
  const r = await parse('webex.vtt', 'WEBVTT\n\n1 "Shmo, Jonathan" (1838608384)\n00:00:01.000 --> 00:00:02.000\nHello all.\n\n2 "Shmo, Jonathan" (1838608384)\n00:00:02.000 --> 00:00:03.000\nShall we start?\n');
  assert.equal(r.dialect, 'webex');
  assert.deepEqual(r.turns.map((t) => [t.speaker, t.text]), [['Shmo, Jonathan', 'Hello all. Shall we start?']]);
});

test('WebVTT with CRLF and a BOM', async () => {
  const r = await parse('crlf.vtt', '\ufeffWEBVTT\r\n\r\n00:00:01.000 --> 00:00:02.000\r\n<v A>Line one\r\nline two\r\n\r\n00:00:02.000 --> 00:00:03.000\r\n<v B>Reply\r\n');
  assert.deepEqual(r.turns.map((t) => [t.speaker, t.text, t.sourceLine]), [['A', 'Line one line two', 3], ['B', 'Reply', 7]]);
});

test('text without a timing line is kept (added to the cue above) with a warning, never dropped', async () => {
  const r = await parse('meet.vtt', 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v A>First part\n\nsecond part after a blank line\n\n00:00:03.000 --> 00:00:04.000\n<v B>Next\n');
  assert.deepEqual(r.turns.map((t) => t.text), ['First part second part after a blank line', 'Next']);
  assert.equal(r.warnings.length, 1);
  assert.equal(r.warnings[0]!.line, 6);
});

test('a cue without a blank line before it is read, with a warning; decimal commas in WebVTT are accepted with a warning', async () => {
  const r = await parse('x.vtt', 'WEBVTT\n\n1\n00:00:01,000 --> 00:00:02,000\nA: one\n2\n00:00:02,000 --> 00:00:03,000\nB: two\n');
  assert.deepEqual(r.turns.map((t) => [t.speaker, t.text]), [['A', 'one'], ['B', 'two']]);
  assert.equal(r.warnings.length, 2);
});

test('malformed WebVTT: each error names the file, the line and the value', async () => {
  await rejectsAt('bad.vtt', 'WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nok\n\n2\n00:00:02.000 --> 00:00:03.000\nok\n\n3\n00:00:03.000 --> 00:00:04.000\nok\n\n00:01:02.5 --> x\nbad\n', 15, 'x');
  await rejectsAt('bad.vtt', 'WEBVTT\n\n00:00:aa.000 --> 00:00:02.000\nbad\n', 3, '00:00:aa.000');
  await rejectsAt('bad.vtt', 'WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nends before it starts\n', 3, '00:00:05.000 --> 00:00:01.000');
  await rejectsAt('bad.vtt', 'WEBVTT\n\n00:00:61.000 --> 00:01:02.000\nbad seconds\n', 3);
  const e = await rejectsAt('noheader.vtt', '1\n00:00:01,000 --> 00:00:02,000\nHello\n', 1, '1');
  assert.match(e.hint!, /SRT/);
  await rejectsAt('empty.vtt', '', undefined);
  await rejectsAt('blank.vtt', '\n\n  \n', undefined);
  await rejectsAt('nocues.vtt', 'WEBVTT\n\nNOTE only a note\n', undefined);
  await rejectsAt('stray.vtt', 'WEBVTT\n\nsome text before any cue\n\n00:00:01.000 --> 00:00:02.000\nx\n', 3, 'some text');
});

test('a fractional second with fewer than three digits is read as a decimal fraction', async () => {
  const r = await parse('x.vtt', 'WEBVTT\n\n00:01:02.5 --> 00:01:03.25\nhello\n');
  assert.equal(r.turns[0]!.startMs, 62500);
  assert.equal(r.turns[0]!.endMs, 63250);
});

test('Zoom display names with pronouns in brackets or "Last, First" are speaker names', async () => {
  const r = await parse('z.vtt', 'WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nHelen Marsh (she/her): Hello.\n\n2\n00:00:02.000 --> 00:00:03.000\nOkoro, Sam: Hi.\n\n3\n00:00:03.000 --> 00:00:04.000\nHelen Marsh (she/her): Right.\n');
  assert.deepEqual(r.speakers, ['Helen Marsh (she/her)', 'Okoro, Sam']);
  const t = await parse('t.txt', 'Yes, exactly: that.\nWell, what I mean: this.\n');
  assert.deepEqual(t.speakers, []);
});
