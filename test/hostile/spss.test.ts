import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StaffwellError } from '../../src/errors.ts';
import { SavBytes } from '../../src/data/sav-bytes.ts';
import { readSavDictionary } from '../../src/data/sav-dictionary.ts';
import { readSav, readSavBytes } from '../../src/data/sav.ts';
import { parseKeys, resolveKeys } from '../../src/psych/keys.ts';
import type { TextColumn } from '../../src/data/table.ts';

const DIR = join(import.meta.dirname, '../fixtures/sav');
const TMP = mkdtempSync(join(tmpdir(), 'staffwell-sav-hostile-'));
process.on('exit', () => rmSync(TMP, { recursive: true, force: true }));

/** haven-none.sav (uncompressed) with the 24-byte string variable "site" rewritten in the cases given. */
function withSite(values: Map<number, string> | 'all-empty'): string {
  const f = join(DIR, 'haven-none.sav');
  const b = Buffer.from(readFileSync(f));
  const d = readSavDictionary(new SavBytes(b, f));
  const site = d.variables.find((v) => v.name === 'site')!;
  const caseBytes = d.nSlots * 8;
  const at = (i: number) => d.dataOffset + i * caseBytes + site.segments[0].slot * 8;
  const n = d.nCases;
  for (let i = 0; i < n; i++) {
    const v = values === 'all-empty' ? '' : values.get(i);
    if (v !== undefined) b.write(v.padEnd(site.segments[0].nSlots * 8, ' '), at(i), 'latin1');
  }
  const p = join(TMP, `site-${Math.random().toString(36).slice(2)}.sav`);
  writeFileSync(p, b);
  return p;
}

test('a string value "NA" in a .sav file is an answer, not a missing value (the CSV rule does not apply)', () => {
  const p = withSite(new Map([[0, 'NA'], [1, 'N/A']]));
  const site = readSav(p).columns.find((c) => c.name === 'site') as TextColumn;
  assert.equal(site.dictionary[site.codes[0]], 'NA');
  assert.equal(site.dictionary[site.codes[1]], 'N/A');
  // declared codes still apply
  const declared = readSav(p, { missing: { byColumn: { site: ['NA'] } } }).columns.find((c) => c.name === 'site') as TextColumn;
  assert.equal(declared.codes[0], -1);
});

test('an encrypted .sav gets a message saying so and what to do', () => {
  // the 36-byte wrapper of an encrypted system file (PSPP documentation, "Common Wrapper Format")
  const header = Buffer.concat([Buffer.from([0x1c, 0, 0, 0, 0, 0, 0, 0]), Buffer.from('ENCRYPTEDSAV', 'latin1'), Buffer.from([0x15]), Buffer.alloc(15)]);
  const p = join(TMP, 'secret.sav');
  writeFileSync(p, Buffer.concat([header, Buffer.alloc(4096, 0xa7)]));
  assert.throws(() => readSav(p), (e: unknown) => {
    assert.ok(e instanceof StaffwellError);
    assert.equal(e.code, 'unsupported');
    assert.match(e.message, /secret\.sav: the file is an encrypted \(password-protected\) SPSS file\. Open it in SPSS with its password and save it again without a password/);
    return true;
  });
});

test('a .sav or .zsav cut short at any byte says the file is incomplete', () => {
  for (const f of ['haven-zsav.zsav', 'pspp-zcompressed.zsav', 'haven-zsav-multiblock.zsav', 'pspp-uncompressed.sav', 'pspp-compressed.sav', 'haven-byte.sav']) {
    const bytes = readFileSync(join(DIR, f));
    const step = bytes.length > 20000 ? 7 : 1;
    for (let n = 1; n < bytes.length; n += step) {
      try {
        readSavBytes(bytes.subarray(0, n), f);
      } catch (e) {
        assert.ok(e instanceof StaffwellError, `${f} cut at ${n}: ${String(e)}`);
        assert.match(`${e.message}`, /incomplete/, `${f} cut at ${n}: ${e.message}`);
        continue;
      }
      // only a cut inside the trailing padding of the last ZSAV block may still read (then it reads whole)
      assert.fail(`${f} cut at ${n} of ${bytes.length} read without an error`);
    }
  }
});

test('an empty string column used as a scale item is reported as having no answers, not as text', () => {
  const p = withSite('all-empty');
  const t = readSav(p);
  const keys = parseKeys(JSON.stringify({ wellbeing: ['item1', 'site'] }), 'keys.json');
  assert.throws(() => resolveKeys(keys, t), (e: unknown) => {
    assert.ok(e instanceof StaffwellError);
    assert.match(e.message, /column "site": column has no answers \(it is empty in every row\) but is an item of scale "wellbeing"/);
    assert.doesNotMatch(e.message, /holds text/);
    return true;
  });
});
