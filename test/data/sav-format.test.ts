import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSavDateFormat, savFormatName } from '../../src/data/sav-format.ts';

const packed = (type: number, width: number, decimals: number) => (type << 16) | (width << 8) | decimals;

test('packed print formats render as haven shows them (F8.0, F8.2, A20, DATE11, DATETIME20)', () => {
  assert.equal(savFormatName(packed(5, 8, 0)), 'F8.0');
  assert.equal(savFormatName(packed(5, 8, 2)), 'F8.2');
  assert.equal(savFormatName(packed(1, 20, 0)), 'A20');
  assert.equal(savFormatName(packed(20, 11, 0)), 'DATE11');
  assert.equal(savFormatName(packed(22, 20, 0)), 'DATETIME20');
  assert.equal(savFormatName(packed(99, 8, 0)), 'type998.0'); // unknown type 99, width 8, 0 decimals
});

test('date and time formats are recognised; numbers and strings are not', () => {
  assert.equal(isSavDateFormat(packed(20, 11, 0)), true);
  assert.equal(isSavDateFormat(packed(23, 10, 0)), true);
  assert.equal(isSavDateFormat(packed(5, 8, 2)), false);
  assert.equal(isSavDateFormat(packed(1, 8, 0)), false);
});
