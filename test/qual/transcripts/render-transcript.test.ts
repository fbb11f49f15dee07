import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderTranscript } from '../../../src/qual/transcripts/index.ts';

test('renderTranscript: "Label: text" turns separated by blank lines; offsets cover the spoken text only', () => {
  const turns = [
    { speaker: 'Helen Marsh', text: 'Hello, Zoë 😀 — how are you?', startMs: 0, endMs: 2000 },
    { speaker: 'Priya Raman', text: '  Fine.\n\n\nReally fine.  ', startMs: 2500, endMs: 4000 },
    { speaker: null, text: '[inaudible]', startMs: null, endMs: null },
    { speaker: 'Priya Raman', text: '   ', startMs: 5000, endMs: 5100 },
  ];
  const labels: Record<string, string> = { 'Helen Marsh': 'Interviewer', 'Priya Raman': 'P01' };
  const r = renderTranscript(turns, (s) => (s === null ? '' : labels[s]!));
  assert.equal(r.text, 'Interviewer: Hello, Zoë 😀 — how are you?\n\nP01: Fine.\nReally fine.\n\n[inaudible]');
  assert.equal(r.turns.length, 3);
  const expectedTexts = ['Hello, Zoë 😀 — how are you?', 'Fine.\nReally fine.', '[inaudible]'];
  r.turns.forEach((t, i) => assert.equal(r.text.slice(t.start, t.end), expectedTexts[i]));
  assert.deepEqual(r.turns.map((t) => [t.speaker, t.startMs, t.endMs]), [['Interviewer', 0, 2000], ['P01', 2500, 4000], ['', null, null]]);
  // UTF-16 code units: the emoji counts 2
  assert.equal(r.turns[1]!.start, 'Interviewer: Hello, Zoë 😀 — how are you?\n\nP01: '.length);
  assert.ok(!r.text.includes('Helen') && !r.text.includes('Priya'));
});

test('renderTranscript of nothing is an empty text', () => {
  assert.deepEqual(renderTranscript([], () => 'X'), { text: '', turns: [] });
});
