import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openCsvLayout } from '../../src/data/csv-layout.ts';
import { countCsvRange } from '../../src/data/csv-count.ts';
import { scanCsvRange } from '../../src/data/csv-range.ts';
import { inferCsvTypes, declaredFlags } from '../../src/data/csv.ts';
import { planRanges } from '../../src/data/scan-parallel.ts';
import type { Table } from '../../src/data/table.ts';
import { concatTables } from '../../src/data/table.ts';
import { plain, tmpFile } from './helpers.ts';

/**
 * The parallel scan's range logic without threads: random split points (at line starts, often inside quoted
 * multi-line fields), worker counts, the plan, and a scan of each planned range must give exactly the
 * sequential table, row numbers and lines included.
 */
function randomCsv(seed: number): string {
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const eols = ['\n', '\r\n', '\r'];
  const eol = eols[Math.floor(rand() * 3)];
  const out = ['id,text,q1'];
  for (let i = 0; i < 120; i++) {
    const r = rand();
    const text =
      r < 0.25 ? `"multi${eols[Math.floor(rand() * 3)]}line ""${i}""${rand() < 0.3 ? '\n\nx' : ''}"` : r < 0.35 ? '"a,b"' : r < 0.45 ? '' : `t${i % 5}`;
    out.push(`${i},${text},${rand() < 0.1 ? '' : Math.floor(rand() * 5)}`);
    if (rand() < 0.05) out.push(''); // blank line
  }
  return out.join(eol) + (rand() < 0.5 ? eol : '');
}

test('random split points: counts, plan and range scans reproduce the sequential scan', () => {
  for (let s = 1; s <= 40; s++) {
    const f = tmpFile(`ranges-${s}.csv`, randomCsv(s * 7919));
    const layout = openCsvLayout(f);
    const types = inferCsvTypes(layout, {});
    const opts = { types, declared: declaredFlags(layout, {}), chunkRows: 16, blockBytes: 128 };
    const seqChunks: Table[] = [];
    const seq = scanCsvRange(layout, { start: layout.dataStart, end: layout.size, firstRow: 0, firstLine: layout.firstDataLine }, { ...opts, onChunk: (c) => seqChunks.push(c) });
    const whole = plain(concatTables(seqChunks));
    // The count of the whole data agrees with the parser.
    const all = countCsvRange(f, layout.delimiter, layout.dataStart, layout.size, { size: layout.size, blockBytes: 100 });
    assert.equal(all.records, seq.rows, `records, seed ${s}`);
    const endsWithBreak = readFileSync(f).at(-1) === 10 || readFileSync(f).at(-1) === 13;
    assert.equal(layout.firstDataLine + all.lines, seq.nextLine - (endsWithBreak ? 0 : 1), `lines, seed ${s}`);
    // Random cuts at line starts.
    const bytes = readFileSync(f);
    const starts: number[] = [];
    for (let i = layout.dataStart; i < bytes.length - 1; i++) if (bytes[i] === 10 || (bytes[i] === 13 && bytes[i + 1] !== 10)) starts.push(i + 1);
    for (let parts = 2; parts <= 5; parts++) {
      const cuts = [layout.dataStart];
      for (let k = 1; k < parts; k++) cuts.push(starts[Math.floor((starts.length * k) / parts)]);
      cuts.push(layout.size);
      const ranges: [number, number][] = [];
      for (let k = 0; k + 1 < cuts.length; k++) if (cuts[k + 1] > cuts[k]) ranges.push([cuts[k], cuts[k + 1]]);
      const counts = ranges.map(([a, b]) => countCsvRange(f, layout.delimiter, a, b, { size: layout.size, blockBytes: 64 }));
      const plan = planRanges(layout, ranges, counts, 64);
      const chunks: Table[] = [];
      for (const { plan: p } of plan) {
        scanCsvRange(layout, { start: p.start, end: p.end, firstRow: p.firstRow, firstLine: p.firstLine }, { ...opts, onChunk: (c) => chunks.push(c) });
      }
      assert.deepEqual(plain(concatTables(chunks)), whole, `seed ${s}, ${parts} parts`);
    }
  }
});
