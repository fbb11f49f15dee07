import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeLineEndings, offsetConverter } from '../../src/refi/positions.ts';

test('normalizeLineEndings maps CRLF and lone CR to LF with an offset map', () => {
  // "a\r\nb\rc": CRLF -> LF (the offset between CR and LF maps to the LF), lone CR -> LF.
  const { text, map } = normalizeLineEndings('a\r\nb\rc');
  assert.equal(text, 'a\nb\nc');
  assert.deepEqual([...map], [0, 1, 1, 2, 3, 4, 5]);
  const same = normalizeLineEndings('plain\n');
  assert.equal(same.text, 'plain\n');
  assert.deepEqual([...same.map], [0, 1, 2, 3, 4, 5, 6]);
});

test('offsetConverter: UTF-16 <-> code points around surrogate pairs', () => {
  // "a😩b": UTF-16 a=0, 😩=1..2, b=3 (length 4); code points a=0, 😩=1, b=2 (3).
  const c = offsetConverter('a😩b');
  assert.equal(c.codePoints, 3);
  assert.deepEqual([0, 1, 2, 3, 4].map(c.toCodePoint), [0, 1, 1, 2, 3]); // 2 is inside the pair -> its start
  assert.deepEqual([0, 1, 2, 3].map(c.toUtf16), [0, 1, 3, 4]);
  assert.ok(Number.isNaN(c.toUtf16(4)));
  assert.ok(Number.isNaN(c.toUtf16(1.5)));
});
