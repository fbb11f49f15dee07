import { test } from 'node:test';
import assert from 'node:assert/strict';
import { textAnswerHint, textAnswerKind } from '../../src/data/text-answer-hint.ts';

test('textAnswerKind: non-answers are declared missing, words are answer labels, the rest is corrected', () => {
  for (const t of ['N/A', 'n/a', ' Missing ', "Don't know", 'Don’t know', 'Prefer not to say', 'REFUSED', '-', '.', 'dk'])
    assert.equal(textAnswerKind(t), 'non-answer', t);
  for (const t of ['Agree', 'Strongly disagree', 'Most of the time', 'Rather more than usual', 'Not at all', "Neither agree nor disagree", 'Très souvent', 'sometimes.'])
    assert.equal(textAnswerKind(t), 'label', t);
  for (const t of ['3a', 'x', '4,5', '12/03/2026', '==1', 'agree!'])
    assert.equal(textAnswerKind(t), 'other', t);
});

test('textAnswerHint: a label is never advised to be declared missing', () => {
  assert.match(textAnswerHint('Agree'), /give the labels their codes \(--labels FILE, or labels: in a study file\)/);
  assert.doesNotMatch(textAnswerHint('Agree'), /declare it as a missing-value code/);
  assert.match(textAnswerHint('N/A'), /^declare it as a missing-value code/);
  assert.match(textAnswerHint('3a', 'workbook'), /^correct it in the workbook/);
});
