import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readCsv } from '../../src/data/csv.ts';
import { expectClose } from '../helpers/expect-close.ts';
import { plain, tmpFile } from './helpers.ts';

/** Fixture from test/fixtures/r/data-csv.R: CSV texts and what R's read.csv makes of them. */
interface Fixture {
  R: string;
  cases: {
    name: string;
    csv: string;
    missing: string[];
    columns: Record<string, { type: 'number' | 'text'; values: (number | string | null)[] }>;
  }[];
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/r/data-csv.json', import.meta.url), 'utf8')) as Fixture;

for (const c of fixture.cases) {
  test(`read.csv agreement (${fixture.R}): ${c.name}`, () => {
    const t = plain(readCsv(tmpFile(`r-${c.name}.csv`, c.csv), { missing: { all: c.missing } }));
    assert.deepEqual(Object.keys(t.cols), Object.keys(c.columns));
    let maxRel = 0;
    for (const [name, want] of Object.entries(c.columns)) {
      assert.equal(t.kinds[name], want.type, `type of ${name}`);
      want.values.forEach((w, i) => {
        const got = t.cols[name][i];
        if (want.type === 'number') {
          // Tolerance: 1 ulp relative (R's strtod is not always correctly rounded; Staffwell's is).
          const expected = w === null ? null : Number(w); // R wrote numbers as %.17g text
          const actual = got === null ? NaN : (got as number);
          expectClose(actual, expected, { rel: 2.3e-16 }, `${name}[${i}] from "${c.csv.split(/\r?\n/)[i + 1]}"`);
          if (expected) maxRel = Math.max(maxRel, Math.abs(actual - expected) / Math.abs(expected));
        } else {
          // R reads quoted CRLF as LF (text-mode connection); Staffwell keeps the bytes of the field.
          assert.equal(typeof got === 'string' ? got.replace(/\r\n/g, '\n') : got, w, `${name}[${i}]`);
        }
      });
    }
    assert.ok(maxRel <= 2.3e-16, `max relative difference ${maxRel}`);
    if (process.env.STAFFWELL_REPORT) console.log(`${c.name}: max relative difference from R ${maxRel}`);
  });
}
