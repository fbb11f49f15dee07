import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { readTable, scanTable } from '../../src/data/read-table.ts';
import type { Table } from '../../src/data/table.ts';
import { StaffwellError } from '../../src/errors.ts';
import { plain, tmpDir, tmpFile } from './helpers.ts';

test('dispatches on the extension: .csv, .tsv, .txt, .xlsx', async () => {
  const want = { id: [1, 2], q1: [3, 4] };
  assert.deepEqual(plain(await readTable(tmpFile('r.csv', 'id,q1\n1,3\n2,4\n'))).cols, want);
  assert.deepEqual(plain(await readTable(tmpFile('r.tsv', 'id\tq1\n1\t3\n2\t4\n'))).cols, want);
  assert.deepEqual(plain(await readTable(tmpFile('r.TXT', 'id;q1\n1;3\n2;4\n'))).cols, want);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('data');
  ws.addRow(['id', 'q1']);
  ws.addRow([1, 3]);
  ws.addRow([2, 4]);
  const x = join(tmpDir(), 'r.xlsx');
  await wb.xlsx.writeFile(x);
  assert.deepEqual(plain(await readTable(x)).cols, want);
});

test('unknown extensions are refused, listing the supported ones', async () => {
  await assert.rejects(readTable(tmpFile('r.xls', 'x')), (e: unknown) => {
    assert.ok(e instanceof StaffwellError);
    assert.equal(e.code, 'unsupported');
    assert.match(e.message, /\.csv, \.tsv, \.tab, \.txt, \.xlsx, \.sav, \.zsav/);
    assert.match(e.message, /save an \.xls workbook as \.xlsx/);
    return true;
  });
});

test('scanTable streams CSV in chunks and passes other formats whole', async () => {
  const rows = ['id'];
  for (let i = 0; i < 10; i++) rows.push(String(i));
  const chunks: Table[] = [];
  await scanTable(tmpFile('s.csv', rows.join('\n')), { chunkRows: 4 }, (c) => chunks.push(c));
  assert.deepEqual(chunks.map((c) => [c.firstRow, c.nrows]), [[0, 4], [4, 4], [8, 2]]);
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('data').addRows([['id'], [1], [2]]);
  const x = join(tmpDir(), 's.xlsx');
  await wb.xlsx.writeFile(x);
  const whole: Table[] = [];
  await scanTable(x, { chunkRows: 1 }, (c) => whole.push(c));
  assert.equal(whole.length, 1);
  assert.equal(whole[0].nrows, 2);
});

test('.sav and .zsav go to readSav; columns and types are checked against the variables', async () => {
  const sav = fileURLToPath(new URL('../fixtures/sav/pspp-compressed.sav', import.meta.url));
  const zsav = fileURLToPath(new URL('../fixtures/sav/haven-zsav.zsav', import.meta.url));
  const t = await readTable(sav);
  assert.ok(t.nrows > 0 && t.columns.length > 0);
  assert.ok((await readTable(zsav)).nrows > 0);
  const first = t.columns[0].name;
  const only = await readTable(sav, { columns: [first] });
  assert.deepEqual(only.columns.map((c) => c.name), [first]);
  await assert.rejects(readTable(sav, { columns: ['no_such_variable'] }), (e: unknown) => e instanceof StaffwellError && e.code === 'unknown-column');
});
