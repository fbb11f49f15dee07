import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { toCsv, writeRowsCsv, writeXlsx } from '../../src/qual/exports.ts';

const ROWS = [
  ['code', 'a b', ' lead'],
  ['x,y', 'q"t', 'multi\nline'],
  ['Support/Peer', '3', ''],
];

test('CSV: the atomic writer and toCsv give the same RFC 4180 text', () => {
  const dir = mkdtempSync(join(tmpdir(), 'staffwell-qual-csv-'));
  try {
    const p = join(dir, 'o.csv');
    writeRowsCsv(p, ROWS);
    assert.equal(readFileSync(p, 'utf8'), toCsv(ROWS));
    assert.equal(toCsv(ROWS), 'code,a b," lead"\n"x,y","q""t","multi\nline"\nSupport/Peer,3,\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('XLSX: one sheet per table, counts as numbers, header bold', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'staffwell-qual-xlsx-'));
  try {
    const p = join(dir, 'o.xlsx');
    await writeXlsx(p, [{ name: 'code x site', rows: ROWS }, { name: 'a/b?', rows: [['h'], ['v']] }]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(p);
    assert.deepEqual(wb.worksheets.map((w) => w.name), ['code x site', 'a_b_']);
    const ws = wb.worksheets[0];
    assert.equal(ws.getCell('B3').value, 3);
    assert.equal(ws.getCell('A2').value, 'x,y');
    assert.equal(ws.getCell('A1').font?.bold, true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
