import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editDistance, isNearName, suggestNames } from '../../src/qual/pseudonymise-suggest.ts';

const TEXT = `Interviewer: So how was the week?

P01: Well, Marcus on Maple Ward said Sara would cover. Sarah's great. I told Dave at Northgate NHS Foundation Trust, and then Dave said no. On Monday in March we had the Band 5 interviews on Ward 7 at Riverside Community Hospital.

P01: Dave was fine. Yeah. Zoë helped. So Marcus agreed. The NHS is busy. Jonse was there. Dr. Patel too. The PWPs and the IAPT team.`;

test('suggestNames: capitalised sequences, part-of-known, near-known; stop words, sentence starts and listed names excluded', () => {
  const s = suggestNames(TEXT, ['Sarah Jones', 'Zoë Hart', 'Jones', 'Northgate NHS Foundation Trust']);
  const by = new Map(s.map((x) => [x.candidate, x]));
  assert.deepEqual([...by.keys()], ['Sara', 'Jonse', 'Sarah', 'Zoë', 'Dave', 'Marcus', 'Maple Ward', 'Ward 7', 'Riverside Community Hospital', 'Dr. Patel']);
  assert.deepEqual(by.get('Sara'), { candidate: 'Sara', count: 1, offsets: [TEXT.indexOf('Sara would')], reason: 'near-known', similarTo: 'Sarah Jones' });
  assert.equal(by.get('Jonse')!.similarTo, 'Jones');
  assert.equal(by.get('Sarah')!.reason, 'part-of-known');
  const dave = by.get('Dave')!;
  assert.equal(dave.count, 3);
  for (const o of dave.offsets) assert.equal(TEXT.slice(o, o + 4), 'Dave');
  for (const x of ['Interviewer', 'Well', 'NHS', 'Monday', 'March', 'Band 5', 'Yeah', 'So', 'The', 'PWPs', 'IAPT', 'Northgate', 'Foundation Trust']) {
    assert.ok(!by.has(x), x);
  }
});

test('suggestNames: a word only at sentence starts needs three occurrences and no lower-case use', () => {
  assert.deepEqual(suggestNames('Kemi came. Kemi left.', []), []);
  assert.equal(suggestNames('Kemi came. Kemi left. Kemi phoned.', [])[0]!.candidate, 'Kemi');
  assert.deepEqual(suggestNames('Give it. Give more. Give up. We give.', []), []);
  assert.deepEqual(suggestNames('I saw Kemi.', [], { stopWords: ['kemi'] }), []);
  assert.deepEqual(suggestNames('I saw Kemi. Then Kemi left.', [], { minCount: 3 }), []);
});

test('fuzzy rule: one edit, longer name at least 5 letters', () => {
  assert.equal(editDistance('jones', 'jonse'), 1);
  assert.equal(editDistance('sarah', 'sara'), 1);
  assert.ok(isNearName('Sara', 'Sarah'));
  assert.ok(isNearName('Pryia', 'Priya'));
  assert.ok(!isNearName('Tom', 'Tim'));
  assert.ok(!isNearName('Sarah', 'sarah'));
  assert.ok(!isNearName('Sarah', 'Susan'));
});

test('suggestNames: sentence-initial gerunds and adverbs, reported speech, dashes and notes give no false names; true names stay', () => {
  const cands = (text: string, known: string[] = []) => suggestNames(text, known).map((x) => x.candidate);
  // "Taking" only ever starts a sentence (three times, never in lower case): a gerund, not a name; a name would be kept
  assert.deepEqual(cands('Taking bloods is hard. Taking breaks is harder. Taking it home is worst.'), []);
  assert.deepEqual(cands('Kemi came. Kemi left. Kemi phoned.'), ['Kemi']);
  assert.deepEqual(cands('Luckily it was quiet. Luckily nobody saw. Luckily we left.'), []);
  // reported speech, a false start, a bracketed note: a common word there is the speaker's capital...
  assert.deepEqual(cands('She said, "Taking bloods is your job" and I was taking notes.'), []);
  assert.deepEqual(cands('I was – Working nights was the worst, working days was fine.'), []);
  assert.deepEqual(cands('[laughs] Going home was the best bit, going in the worst.'), []);
  assert.deepEqual(cands("and she goes 'Taking the bloods is your job'."), []);
  // ...and a name there is still a name
  assert.deepEqual(cands('She said, "Marcus, can you take the bloods?"'), ['Marcus']);
  assert.deepEqual(cands('[laughs] Priya knew.'), ['Priya']);
  // a sequence's sentence-initial common word is dropped, the name kept; a name is never cut down to a stop word
  assert.deepEqual(cands('Taking Maple Ward on was hard.'), ['Maple Ward']);
  assert.deepEqual(cands('Covering Riverside Community Hospital was a lot. I was covering for weeks.'), ['Riverside Community Hospital']);
  assert.deepEqual(cands('Maple Ward was busy. The maple tree outside.'), ['Maple Ward']);
  // inside a sentence a capitalised -ing word is still a place, even when the word is also used in lower case
  assert.deepEqual(cands('I moved to Reading last year, after reading the advert.'), ['Reading']);
  assert.deepEqual(cands('She works at Ealing now.'), ['Ealing']);
  // names next to these: mid-sentence and listed ones unchanged
  const s = suggestNames('Taking over from Dave was odd. Sara helped. I was taking it slowly.', ['Sarah Jones']);
  assert.deepEqual(s.map((x) => [x.candidate, x.reason]), [['Sara', 'near-known'], ['Dave', 'capitalised']]);
});
