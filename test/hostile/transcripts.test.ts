import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StaffwellError } from '../../src/errors.ts';
import { importTranscript } from '../../src/qual/import-transcript.ts';
import { parseTranscript } from '../../src/qual/transcripts/index.ts';
import { tempProject } from '../qual/qual-helpers.ts';

const enc = (s: string) => new TextEncoder().encode(s);

async function rejection(p: Promise<unknown>): Promise<StaffwellError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof StaffwellError, `a StaffwellError, not ${String((e as Error)?.stack ?? e)}`);
    return e;
  }
  assert.fail('expected the promise to reject');
}

test('a line that is almost a cue timing is an error naming the line, not text merged into the cue above', async () => {
  const vtt = 'WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Ann>Hello there.\n\n00:00:05.000 -> 00:00:08.000\n<v Bob>Hi.\n';
  const e = await rejection(parseTranscript({ name: 'near.vtt', bytes: enc(vtt) }));
  assert.equal(e.location.line, 6);
  assert.match(e.message, /near\.vtt, line 6: .*almost a cue timing.*"-->"/);
  for (const [name, line, bad] of [
    ['a.srt', 5, '00:00:05,000 - > 00:00:08,000'],
    ['b.srt', 5, '00:00:05,000 —> 00:00:08,000'],
    ['c.srt', 5, '00:00:05,000 => 00:00:08,000'],
    ['d.srt', 5, '00:00:05,000 ---> 00:00:08,000'],
    ['e.srt', 5, '00:00:05,000 00:00:08,000'],
  ] as const) {
    const srt = `1\n00:00:01,000 --> 00:00:04,000\nAnn: Hello.\n\n2\n${bad}\nBob: Hi.\n`.replace('2\n' + bad, bad);
    const err = await rejection(parseTranscript({ name, bytes: enc(srt) }));
    assert.equal(err.location.line, line, `${bad}: ${err.message}`);
  }
  // in a plain-text transcript too (an SRT saved as .txt whose first timing has a typo)
  const txt = '1\n00:00:01,000 -> 00:00:04,000\nAnn: Hello.\n';
  const t = await rejection(parseTranscript({ name: 'notes.txt', bytes: enc(txt) }));
  assert.equal(t.location.line, 2);
  // ordinary speech that mentions times is not a timing line
  const ok = await parseTranscript({ name: 'talk.txt', bytes: enc('Ann: The shift runs 07:00 to 19:30, then handover.\nBob: Yes.\nAnn: Right.\nBob: OK.\n') });
  assert.equal(ok.turns.length, 4);
});

test('a plain-text transcript whose speaker is labelled "Interviewer:" and mapped to the interviewer imports', async () => {
  const t = await tempProject();
  try {
    const text = 'Interviewer: How are the night shifts?\nJo Smith: Long, Interviewer, very long.\nInterviewer: Thank you.\nJo Smith: No problem.\n';
    const r = await importTranscript(t.project, { name: 'int-03.txt', bytes: enc(text) }, { speakers: { Interviewer: 'interviewer', 'Jo Smith': 'P01' } });
    const doc = (await t.project.store.getDocument(r.documentId))!;
    assert.ok(doc.text.startsWith('Interviewer: How are the night shifts?\n\nP01: Long'), doc.text);
    assert.deepEqual(r.speakers.map((s) => s.label).sort(), ['Interviewer', 'P01']);
  } finally {
    t.cleanup();
  }
});

test('speaker names change a file-derived document name only as whole words, case-sensitively', async () => {
  const t = await tempProject();
  try {
    const text = 'Int: How are you?\nJo: Fine.\nInt: Good.\nJo: Yes.\n';
    const r = await importTranscript(t.project, { name: 'int-03.txt', bytes: enc(text) }, { speakers: { Int: 'interviewer', Jo: 'P02' } });
    assert.equal(r.name, 'int-03.txt');
    const r2 = await importTranscript(t.project, { name: 'Jo-Int-04.txt', bytes: enc(text) }, { speakers: { Int: 'interviewer', Jo: 'P03' } });
    assert.equal(r2.name, '[P03]-[interviewer]-04.txt', 'a name written as the speaker wrote it is still replaced');
    const r3 = await importTranscript(t.project, { name: 'jordan-05.txt', bytes: enc(text) }, { speakers: { Int: 'interviewer', Jo: 'P04' } });
    assert.equal(r3.name, 'jordan-05.txt', 'not inside a longer word');
  } finally {
    t.cleanup();
  }
});

test('a file that is not what its extension says is refused with a clear message', async () => {
  const pdf = enc('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n');
  const cases: Array<[string, Uint8Array, RegExp]> = [
    ['interview.pdf', enc('Ann: hello\nBob: hi\n'), /interview\.pdf: .*called \.pdf but holds plain text.*rename it/i],
    ['interview.pdf', pdf, /interview\.pdf: .*PDF.*not read as a transcript/i],
    ['interview.txt', pdf, /interview\.txt: .*called \.txt but holds a PDF document/i],
    ['interview.vtt', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]), /interview\.vtt: .*called \.vtt but holds a zip archive/i],
    ['interview.srt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), /interview\.srt: .*called \.srt but holds an image/i],
    ['interview.docx', enc('Ann: hello\nBob: hi\n'), /interview\.docx: .*holds plain text/i],
    ['recording.m4a', new Uint8Array([0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70, 0x4d, 0x34, 0x41, 0x20]), /recording\.m4a: .*audio or video.*not read as a transcript/i],
    ['notes.rtf', enc('{\\rtf1\\ansi hello}'), /notes\.rtf: .*Rich Text.*not read as a transcript/i],
  ];
  for (const [name, bytes, re] of cases) {
    const e = await rejection(parseTranscript({ name, bytes }));
    assert.match(e.message, re, name);
    assert.ok(e.hint, 'says what to do');
  }
});
