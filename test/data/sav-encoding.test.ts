import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeWindows1252, makeSavDecoder, savEncodingName } from '../../src/data/sav-encoding.ts';

test('windows-1252 bytes 0x80-0x9F decode to their characters (Node 20 TextDecoder leaves them as C1 controls)', () => {
  assert.equal(decodeWindows1252(Uint8Array.from([0x80, 0x93, 0x97, 0x94, 0x5a, 0x6f, 0xeb])), '€“—”Zoë');
  assert.equal(makeSavDecoder('windows-1252')!(Uint8Array.from([0x97])), '—');
  assert.equal(makeSavDecoder('iso-8859-1')!(Uint8Array.from([0x97])), '—');
});

test('the encoding comes from record 7.20 first, then the code page of record 7.3, else windows-1252 is assumed', () => {
  assert.deepEqual(savEncodingName('UTF-8', 1252), { label: 'utf-8', source: 'record 7.20', declared: 'UTF-8' });
  assert.equal(savEncodingName('WINDOWS-1252', undefined).label, 'windows-1252');
  assert.equal(savEncodingName('CP1250', undefined).label, 'windows-1250');
  assert.deepEqual(savEncodingName(undefined, 65001), { label: 'utf-8', source: 'record 7.3', declared: '65001' });
  assert.equal(savEncodingName(undefined, 2).label, 'windows-1252');
  assert.equal(savEncodingName(undefined, 99999).source, 'assumed');
  assert.equal(savEncodingName(undefined, undefined).source, 'assumed');
});

test('an encoding Node cannot decode gives no decoder (the reader turns that into an "unsupported" error)', () => {
  assert.equal(makeSavDecoder('x-no-such-encoding'), undefined);
  assert.equal(makeSavDecoder('utf-8')!(Uint8Array.from([0x5a, 0x6f, 0xc3, 0xab])), 'Zoë');
});
