import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { readXlsx, xlsxSheetNames } from '../../src/data/xlsx.ts';
import { StaffwellError } from '../../src/errors.ts';
import { plain, tmpDir, tmpFile } from './helpers.ts';

async function workbook(name: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Responses');
  ws.addRow(['id', 'site', 'q1', 'q2', 'started', 'total', 'consent', 'code']);
  ws.addRow(['007', 'Ward A', 1, 4, new Date(Date.UTC(2026, 2, 1)), { formula: 'C2+D2', result: 5 }, true, '12']);
  ws.addRow(['008', { richText: [{ text: 'Ward ' }, { text: 'B' }] }, -99, '3', new Date(Date.UTC(2026, 2, 2, 9, 30)), { formula: 'C3+D3', result: -96 }, false, '13']);
  ws.addRow([]); // empty row: skipped, lines keep Excel row numbers
  ws.addRow(['009', 'N/A', null, 2, null, { formula: '1/0', result: { error: '#DIV/0!' } }, null, 'x']);
  wb.addWorksheet('Notes').addRow(['note']);
  const p = join(tmpDir(), name);
  await wb.xlsx.writeFile(p);
  return p;
}

async function rejects(p: Promise<unknown>, code: string, check: (e: StaffwellError) => void = () => undefined): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof StaffwellError, String(e));
    assert.equal(e.code, code, e.message);
    check(e);
    return true;
  });
}

test('reads a workbook written by exceljs: numbers, text, formulas, dates, booleans, missing', async () => {
  const p = await workbook('survey.xlsx');
  const t = await readXlsx(p, { missing: { all: ['-99', 'N/A'] } });
  const v = plain(t);
  assert.deepEqual(v.kinds, { id: 'text', site: 'text', q1: 'number', q2: 'number', started: 'text', total: 'number', consent: 'text', code: 'text' });
  assert.deepEqual(v.cols.id, ['007', '008', '009']);
  assert.deepEqual(v.cols.site, ['Ward A', 'Ward B', null]);
  assert.deepEqual(v.cols.q1, [1, null, null]);
  assert.deepEqual(v.cols.q2, [4, 3, 2]);
  assert.deepEqual(v.cols.started, ['2026-03-01', '2026-03-02T09:30:00', null]);
  assert.deepEqual(v.cols.total, [5, -96, null]);
  assert.deepEqual(v.cols.consent, ['TRUE', 'FALSE', null]);
  assert.deepEqual(v.cols.code, ['12', '13', 'x']);
  assert.deepEqual(v.lines, [2, 3, 5], 'Excel row numbers');
  assert.equal(t.source, p);
});

test('sheet by name or position; unknown sheets list the sheets; columns and types', async () => {
  const p = await workbook('sheets.xlsx');
  assert.equal((await readXlsx(p, { sheet: 'Notes' })).nrows, 0);
  assert.equal((await readXlsx(p, { sheet: 1 })).nrows, 3);
  await rejects(readXlsx(p, { sheet: 'responses' }), 'not-found', (e) => assert.match(e.message, /"Responses", "Notes"/));
  const t = await readXlsx(p, { columns: ['q2', 'id'], types: { q2: 'text' } });
  assert.deepEqual(plain(t).cols, { q2: ['4', '3', '2'], id: ['007', '008', '009'] });
  await rejects(readXlsx(p, { types: { code: 'number' } }), 'not-numeric', (e) => {
    assert.equal(e.location.line, 5);
    assert.equal(e.location.column, 'code');
    assert.equal(e.value, 'x');
  });
  await rejects(readXlsx(p, { columns: ['Q1'] }), 'unknown-column');
});

test('errors: header problems, not a workbook, missing file', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('S');
  ws.addRow(['a', 'a']);
  ws.addRow([1, 2]);
  const p = join(tmpDir(), 'dup.xlsx');
  await wb.xlsx.writeFile(p);
  await rejects(readXlsx(p), 'format', (e) => assert.match(e.message, /columns A and B/));
  await rejects(readXlsx(tmpFile('fake.xlsx', 'a,b\n1,2\n')), 'format', (e) => assert.match(e.message, /not an Excel/));
  await rejects(readXlsx(join(tmpDir(), 'none.xlsx')), 'io');
});

test('xlsxSheetNames: the sheets in the workbook\'s order, names with XML-escaped characters as Excel shows them', async () => {
  const wb = new ExcelJS.Workbook();
  const names = ['Responses', 'R&D <"wave"> 2', "Ärzte' Notes", '2026'];
  for (const n of names) wb.addWorksheet(n).addRow(['x']);
  const p = join(tmpDir(), 'sheets.xlsx');
  await wb.xlsx.writeFile(p);
  assert.deepEqual(xlsxSheetNames(p), names);
  // the same order as the reader's sheet positions
  const back = new ExcelJS.Workbook();
  await back.xlsx.readFile(p);
  assert.deepEqual(xlsxSheetNames(p), back.worksheets.map((w) => w.name));
  await rejects(Promise.resolve().then(() => xlsxSheetNames(tmpFile('not.xlsx', 'id\n1\n'))), 'format');
  // the workbook part inflates within a limit (16 MB unless given): past it, an error naming the file and the part
  await rejects(Promise.resolve().then(() => xlsxSheetNames(p, { maxEntryBytes: 64 })), 'format', (e) => assert.match(e.message, /sheets\.xlsx: entry "xl\/workbook\.xml"/));
});
