import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StaffwellError } from '../../src/errors.ts';
import { findReplacementMatches, mapOffset, mapRange, pseudonymise, type PseudonymSpan, type Replacement } from '../../src/qual/pseudonymise.ts';

const LIST: Replacement[] = [
  { original: 'Sarah', replacement: '[colleague]', category: 'colleague' },
  { original: 'Sarah Jones', replacement: '[colleague 1]', category: 'colleague' },
  { original: 'St Elsewhere Hospital', replacement: '[Trust A]', category: 'trust' },
  { original: 'Zoë', replacement: '[patient]', category: 'patient' },
  { original: "O'Neil", replacement: '[matron]', category: 'colleague' },
  { original: 'Neil', replacement: '[person]', category: 'person' },
  { original: 'Jean-Luc', replacement: '[supervisor]', category: 'colleague' },
  { original: 'Northgate', replacement: '[the trust]', category: 'trust' },
  { original: 'Ward 7', replacement: '[a ward]', category: 'ward' },
];

/** Every span maps back to the input and forward to the output. */
function checkSpans(input: string, output: string, spans: PseudonymSpan[]): void {
  let prevEnd = -1;
  for (const s of spans) {
    assert.equal(input.slice(s.originalStart, s.originalEnd), s.original);
    assert.equal(output.slice(s.start, s.end), s.replacement);
    assert.ok(s.originalStart >= prevEnd, 'spans in order, non-overlapping');
    prevEnd = s.originalEnd;
  }
}

test('longest match first, case-insensitive by default, possessives, no double replacement', () => {
  const text = "Sarah Jones said Sarah's shift at St Elsewhere Hospital ran late; SARAH JONES agreed, and sarah too.";
  const r = pseudonymise(text, LIST);
  assert.equal(r.text, "[colleague 1] said [colleague]'s shift at [Trust A] ran late; [colleague 1] agreed, and [colleague] too.");
  checkSpans(text, r.text, r.spans);
  assert.deepEqual(r.spans.map((s) => [s.original, s.category, s.entry]), [
    ['Sarah Jones', 'colleague', 1],
    ['Sarah', 'colleague', 0],
    ['St Elsewhere Hospital', 'trust', 2],
    ['SARAH JONES', 'colleague', 1],
    ['sarah', 'colleague', 0],
  ]);
  // A replacement that contains another original is not replaced again.
  const r2 = pseudonymise('Ask Sarah.', [{ original: 'Sarah', replacement: '[Sarah’s manager Neil]' }, { original: 'Neil', replacement: 'X' }]);
  assert.equal(r2.text, 'Ask [Sarah’s manager Neil].');
});

test('case-sensitive entries and options', () => {
  const list: Replacement[] = [{ original: 'Rose', replacement: '[colleague]', caseSensitive: true }];
  assert.equal(pseudonymise('Rose said the rose was red.', list).text, '[colleague] said the rose was red.');
  assert.equal(pseudonymise('Rose and rose.', [{ original: 'Rose', replacement: 'X' }], { caseSensitive: true }).text, 'X and rose.');
});

test('Unicode-aware word boundaries: Zoë, O’Neil, Jean-Luc, decomposed accents, hyphenated compounds', () => {
  const text = 'Zoë met O’Neil and Neil; Jean‐Luc too. Zoe\u0308 again. Zoëtrope and Zoey are not Zoë. Northgate-based staff on Ward 7, not Ward 70.';
  const r = pseudonymise(text, LIST);
  assert.equal(r.text, '[patient] met [matron] and [person]; [supervisor] too. [patient] again. Zoëtrope and Zoey are not [patient]. [the trust]-based staff on [a ward], not Ward 70.');
  checkSpans(text, r.text, r.spans);
  // "Neil" is not found inside "O'Neil" when only "Neil" is listed
  assert.equal(pseudonymise("O'Neil and Neil", [{ original: 'Neil', replacement: 'N' }]).text, "O'Neil and N");
  // names across a line break match; non-Latin scripts have boundaries too
  assert.equal(pseudonymise('Sarah\nJones and Σοφία, Σοφίας', [{ original: 'Sarah Jones', replacement: 'X' }, { original: 'Σοφία', replacement: 'Y' }]).text, 'X and Y, Σοφίας');
});

test('wholeWord: false matches inside words', () => {
  assert.equal(pseudonymise('Northgateshire', [{ original: 'Northgate', replacement: 'N', wholeWord: false }]).text, 'Nshire');
  assert.equal(pseudonymise('Northgateshire', [{ original: 'Northgate', replacement: 'N' }]).text, 'Northgateshire');
});

test('mapOffset: exact outside spans and round trip; inside a span maps to its start or end by bias', () => {
  const text = 'Before Sarah Jones, 😀 Zoë and St Elsewhere Hospital after.';
  const r = pseudonymise(text, LIST);
  checkSpans(text, r.text, r.spans);
  const inside = new Set<number>();
  for (const s of r.spans) for (let k = s.originalStart + 1; k < s.originalEnd; k++) inside.add(k);
  for (let k = 0; k <= text.length; k++) {
    const p = mapOffset(r.spans, k, 'toPseudonymised');
    if (inside.has(k)) continue;
    assert.equal(mapOffset(r.spans, p, 'toOriginal'), k, `offset ${k}`);
    if (k < text.length && !r.spans.some((s) => s.originalStart === k)) assert.equal(r.text[p], text[k], `character at ${k}`);
  }
  const s0 = r.spans[0]!; // Sarah Jones
  assert.equal(mapOffset(r.spans, s0.originalStart + 3, 'toPseudonymised'), s0.start);
  assert.equal(mapOffset(r.spans, s0.originalStart + 3, 'toPseudonymised', 'end'), s0.end);
  assert.equal(mapOffset(r.spans, s0.start + 2, 'toOriginal'), s0.originalStart);
  assert.equal(mapOffset(r.spans, s0.start + 2, 'toOriginal', 'end'), s0.originalEnd);
  // a range in the pseudonymised text maps to a range covering whole originals
  const after = r.text.indexOf('after');
  assert.equal(text.slice(mapOffset(r.spans, after, 'toOriginal'), mapOffset(r.spans, after + 5, 'toOriginal', 'end')), 'after');
  // no spans: identity
  assert.equal(mapOffset([], 17, 'toOriginal'), 17);
});

test('findReplacementMatches resolves overlaps by length, then position, then list order', () => {
  const m = findReplacementMatches('Dr Sarah Jones', [
    { original: 'Dr Sarah', replacement: 'a' },
    { original: 'Sarah Jones', replacement: 'b' },
    { original: 'Jones', replacement: 'c' },
  ]);
  assert.deepEqual(m, [{ start: 3, end: 14, entry: 1 }]);
});

test('invalid lists throw StaffwellError naming the entry', () => {
  const bad = (list: Replacement[], field: string) => {
    assert.throws(() => pseudonymise('x', list), (e: unknown) => e instanceof StaffwellError && e.code === 'invalid-definition' && e.location.field === field);
  };
  bad([{ original: '  ', replacement: 'x' }], 'replacements[0].original');
  bad([{ original: 'Sarah', replacement: 'a' }, { original: 'sarah', replacement: 'b' }], 'replacements[1].original');
  bad([{ original: 'Sarah', replacement: 'a', category: 'nurse' as never }], 'replacements[0].category');
  // the same pair twice is harmless; case-sensitive twins are different entries
  assert.equal(pseudonymise('Sarah', [{ original: 'Sarah', replacement: 'a' }, { original: 'Sarah', replacement: 'a' }]).text, 'a');
  assert.equal(pseudonymise('Rose rose', [{ original: 'Rose', replacement: 'A', caseSensitive: true }, { original: 'rose', replacement: 'b', caseSensitive: true }]).text, 'A b');
});

test('mapRange keeps rendered turn offsets right after pseudonymising the canonical text', () => {
  const text = 'Interviewer: Hi Sarah.\n\nP01: Sarah Jones works on Ward 7.';
  const turns = [{ start: 13, end: 22 }, { start: 29, end: text.length }];
  const r = pseudonymise(text, LIST);
  const mapped = turns.map((t) => mapRange(r.spans, t.start, t.end, 'toPseudonymised'));
  assert.deepEqual(mapped.map((t) => r.text.slice(t.start, t.end)), ['Hi [colleague].', '[colleague 1] works on [a ward].']);
  // a range inside a replacement widens to the whole replacement
  const inJones = text.indexOf('Jones');
  const w = mapRange(r.spans, inJones, inJones + 5, 'toPseudonymised');
  assert.equal(r.text.slice(w.start, w.end), '[colleague 1]');
});
