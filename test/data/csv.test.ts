import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readCsv, scanCsv } from '../../src/data/csv.ts';
import type { Table } from '../../src/data/table.ts';
import { concatTables } from '../../src/data/table.ts';
import { StaffwellError } from '../../src/errors.ts';
import { col, plain, tmpFile, values } from './helpers.ts';

function rejects(fn: () => unknown, code: string, checks: Partial<{ line: number; column: string; value: string; message: RegExp }>): StaffwellError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof StaffwellError, `expected a StaffwellError, got ${(e as Error)?.stack}`);
    assert.equal(e.code, code, e.message);
    if (checks.line !== undefined) assert.equal(e.location.line, checks.line, e.message);
    if (checks.column !== undefined) assert.equal(e.location.column, checks.column, e.message);
    if (checks.value !== undefined) assert.equal(e.value, checks.value, e.message);
    if (checks.message) assert.match(e.message, checks.message);
    return e;
  }
  assert.fail('expected an error');
}

test('numbers and text, types inferred, exact strings kept', () => {
  const f = tmpFile('basic.csv', 'id,site,q1,q2,score\n007,Ward A,1,5,2.50\n010,Ward B,2,,-0.125\n011, Ward A ,3,4,1e3\n');
  const t = readCsv(f);
  const p = plain(t);
  assert.deepEqual(p.kinds, { id: 'text', site: 'text', q1: 'number', q2: 'number', score: 'number' });
  assert.deepEqual(p.cols.id, ['007', '010', '011']);
  assert.deepEqual(p.cols.site, ['Ward A', 'Ward B', ' Ward A ']);
  assert.deepEqual(p.cols.q1, [1, 2, 3]);
  assert.deepEqual(p.cols.q2, [5, null, 4]);
  assert.deepEqual(p.cols.score, [2.5, -0.125, 1000]);
  assert.equal(t.rowLine, undefined);
  assert.equal(t.firstDataLine, 2);
  assert.deepEqual(p.lines, [2, 3, 4]);
});

test('numbers parse exactly as Number() does, on the fast and the general path', () => {
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const xs: string[] = ['0', '-0', '0.1', '.5', '1.', '+3', ' 4 ', '123456789012345', '1234567890123456789', '0.000001', '-7.25e-3', '9007199254740993'];
  for (let i = 0; i < 500; i++) xs.push(String((rand() - 0.5) * 10 ** Math.floor(rand() * 12 - 4)));
  for (let i = 0; i < 200; i++) xs.push((rand() * 100).toFixed(Math.floor(rand() * 8)));
  const f = tmpFile('numbers.csv', 'x\n' + xs.map((s) => (s.startsWith(' ') ? `"${s}"` : s)).join('\n') + '\n');
  const t = readCsv(f);
  const c = col(t, 'x');
  assert.equal(c.kind, 'number');
  xs.forEach((s, i) => assert.ok(Object.is((c as { values: Float64Array }).values[i], Number(s)), `${s} read as ${(c as { values: Float64Array }).values[i]}`));
});

test('quoted fields: delimiters, "" escapes, newlines, CRLF; rows map to lines', () => {
  const text = 'id,comment,q1\r\n1,"plain",3\r\n2,"has, comma",4\r\n3,"two\r\nlines and ""quotes""",5\r\n4,"",\r\n5,"x",2\r\n';
  const t = readCsv(tmpFile('quoted.csv', text));
  const p = plain(t);
  assert.deepEqual(p.cols.comment, ['plain', 'has, comma', 'two\r\nlines and "quotes"', null, 'x']);
  assert.deepEqual(p.cols.q1, [3, 4, 5, null, 2]);
  assert.deepEqual(p.lines, [2, 3, 4, 6, 7]);
  assert.ok(t.rowLine, 'rowLine is filled once rows and lines diverge');
});

test('quoted numbers are numbers; a quoted "007" is text', () => {
  const t = readCsv(tmpFile('qnum.csv', 'a,b\n"1","007"\n"2.5","008"\n'));
  assert.deepEqual(plain(t).cols, { a: [1, 2.5], b: ['007', '008'] });
});

test('UTF-8 BOM, bare CR line ends, blank lines, no final newline', () => {
  const t = readCsv(tmpFile('bom.csv', '\ufeffname,q1\rÅsa,1\r\r"Zoë\rB",2'));
  const p = plain(t);
  assert.deepEqual(p.cols, { name: ['Åsa', 'Zoë\rB'], q1: [1, 2] });
  assert.deepEqual(p.lines, [2, 4]);
});

test('delimiter sniffing: semicolon, tab, .tsv, and the delimiter option', () => {
  assert.deepEqual(plain(readCsv(tmpFile('semi.csv', 'a;b\n1;x,y\n'))).cols, { a: [1], b: ['x,y'] });
  assert.deepEqual(plain(readCsv(tmpFile('tab.txt', 'a\tb\n1\tx;y\n'))).cols, { a: [1], b: ['x;y'] });
  assert.deepEqual(plain(readCsv(tmpFile('data.tsv', 'a,b\tc\n1,2\t3\n'))).cols, { 'a,b': ['1,2'], c: [3] });
  assert.deepEqual(plain(readCsv(tmpFile('pipe.csv', 'a|b\n1|2\n'), { delimiter: '|' })).cols, { a: [1], b: [2] });
});

const QUALTRICS =
  'StartDate,ResponseId,Q1_1,Q1_2\n' +
  '"Start Date","Response ID","How often...\nplease think - Tired","How often... - Stressed"\n' +
  '"{""ImportId"":""startDate""}","{""ImportId"":""_recordId""}","{""ImportId"":""QID1_1""}","{""ImportId"":""QID1_2""}"\n' +
  '2026-01-05,R_1,3,4\n2026-01-06,R_2,x,5\n';

test('Qualtrics exports: the two extra header rows are detected and skipped; lines count them', () => {
  const t = readCsv(tmpFile('qualtrics.csv', QUALTRICS.replace(',x,', ',2,')));
  const p = plain(t);
  assert.deepEqual(p.kinds, { StartDate: 'text', ResponseId: 'text', Q1_1: 'number', Q1_2: 'number' });
  assert.deepEqual(p.cols.Q1_1, [3, 2]);
  assert.equal(t.firstDataLine, 5, 'names, question text over two lines, ImportId row');
  assert.deepEqual(p.lines, [5, 6]);
  // Declared numeric: the error names the editor line (header rows and the quoted newline counted).
  rejects(() => readCsv(tmpFile('qualtrics-bad.csv', QUALTRICS), { types: { Q1_1: 'number' } }), 'not-numeric', {
    line: 6,
    column: 'Q1_1',
    value: 'x',
  });
  // qualtrics: false reads the rows as data (all text); headerLines does the same job generally.
  assert.equal(readCsv(tmpFile('q2.csv', QUALTRICS), { qualtrics: false }).nrows, 4);
  assert.equal(readCsv(tmpFile('q3.csv', QUALTRICS), { headerLines: 3, qualtrics: false }).nrows, 2);
});

test('missing codes: always "" and NA, global numeric codes compared as numbers, text codes trimmed, per column', () => {
  const f = tmpFile('missing.csv', 'id,site,q1,q2\n1,N/A,-99,999\n2, N/A ,-99.0,3\n3,Ward,NA,999\n4,-99,4,-99\n');
  const t = readCsv(f, { missing: { all: ['-99', 'N/A'], byColumn: { q2: ['999'] } } });
  const p = plain(t);
  assert.deepEqual(p.cols.site, [null, null, 'Ward', null]);
  assert.deepEqual(p.cols.q1, [null, null, null, 4]);
  assert.deepEqual(p.cols.q2, [null, 3, null, null]);
  // Without codes the same file keeps the values (and "NA" can be turned off).
  const raw = plain(readCsv(f, { missing: { naString: false } }));
  assert.equal(raw.kinds.q1, 'text');
  assert.deepEqual(raw.cols.q1, ['-99', '-99.0', 'NA', '4']);
  assert.deepEqual(plain(readCsv(f)).cols.q2, [999, 3, 999, -99]);
  rejects(() => readCsv(f, { missing: { byColumn: { q9: ['1'] } } }), 'unknown-column', { value: 'q9' });
});

test('columns: only the named columns are read, in the order given', () => {
  const f = tmpFile('cols.csv', 'id,junk,q1,q2\n1,"a,b",2,3\n2,"c\nd",4,5\n');
  const t = readCsv(f, { columns: ['q2', 'id'] });
  assert.deepEqual(t.columns.map((c) => c.name), ['q2', 'id']);
  assert.deepEqual(plain(t).cols, { q2: [3, 5], id: [1, 2] });
  rejects(() => readCsv(f, { columns: ['Q1'] }), 'unknown-column', { value: 'Q1', message: /[Dd]id you mean "q1"/ });
});

test('types: declared text keeps numbers as strings; declared number rejects text with line, column and value', () => {
  const f = tmpFile('types.csv', 'id,q1\n1,2\n2,"3\n"\n3,x\n');
  assert.deepEqual(plain(readCsv(f, { types: { id: 'text', q1: 'text' } })).cols.id, ['1', '2', '3']);
  const e = rejects(() => readCsv(f, { types: { q1: 'number' } }), 'not-numeric', { line: 5, column: 'q1', value: 'x' });
  assert.match(e.message, /missing-value code/);
  rejects(() => readCsv(f, { types: { Q1: 'number' } }), 'unknown-column', { value: 'Q1' });
});

function chunkFile(): string {
  const rows = ['id,q1,q2'];
  for (let i = 1; i <= 20; i++) rows.push(`${i},${i % 5},${i === 17 ? 'n/a' : i === 3 ? '1.50' : String(i)}`);
  return tmpFile('late-text.csv', rows.join('\n') + '\n');
}

test('a column that turns to text after the first chunk comes out as text with its exact strings', () => {
  const f = chunkFile();
  const t = readCsv(f, { chunkRows: 4 });
  const q2 = col(t, 'q2');
  assert.equal(q2.kind, 'text');
  assert.deepEqual(values(q2).slice(0, 4), ['1', '2', '1.50', '4']);
  assert.equal(values(q2)[16], 'n/a');
  assert.equal(col(t, 'q1').kind, 'number');
  assert.equal(t.nrows, 20);
  // Streaming without onRestart: a clear error instead of silently changing the chunks already delivered.
  rejects(() => scanCsv(f, { chunkRows: 4 }, () => undefined), 'not-numeric', { line: 18, column: 'q2', value: 'n/a' });
  // With onRestart: the consumer is told, and the chunks start again from row 0 with q2 as text.
  const chunks: Table[] = [];
  const restarts: string[][] = [];
  scanCsv(f, { chunkRows: 4, onRestart: (c) => (restarts.push(c), (chunks.length = 0)) }, (c) => chunks.push(c));
  assert.deepEqual(restarts, [['q2']]);
  assert.deepEqual(chunks.map((c) => c.firstRow), [0, 4, 8, 12, 16]);
  assert.deepEqual(plain(concatTables(chunks)), plain(t));
});

test('streaming: chunks carry file row numbers and lines; any block size gives the same table', () => {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const rows = ['id,text,q1,q2'];
  for (let i = 0; i < 300; i++) {
    const r = rand();
    const text = r < 0.2 ? `"line\nbreak ${i}"` : r < 0.4 ? `"say ""hi"", ${i}"` : r < 0.5 ? '' : `w${i % 7}`;
    rows.push(`${i},${text},${Math.floor(rand() * 5) + 1},${rand() < 0.1 ? '' : (rand() * 10).toFixed(2)}`);
  }
  const f = tmpFile('stream.csv', rows.join('\r\n') + '\r\n');
  const whole = plain(readCsv(f));
  for (const blockBytes of [64, 100, 257, 4096]) {
    const chunks: Table[] = [];
    scanCsv(f, { chunkRows: 37, blockBytes }, (c) => chunks.push(c));
    assert.deepEqual(plain(concatTables(chunks)), whole, `blockBytes ${blockBytes}`);
    let row = 0;
    for (const c of chunks) {
      assert.equal(c.firstRow, row);
      row += c.nrows;
    }
  }
  // Line of each row = 2 + the number of line breaks before it.
  const text = rows.join('\r\n');
  const starts: number[] = [];
  let line = 2;
  rows.slice(1).forEach((r) => {
    starts.push(line);
    line += r.split('\n').length;
  });
  assert.deepEqual(whole.lines, starts);
  assert.ok(text.length > 0);
});

test('errors: ragged rows, unterminated quotes, text after a closing quote', () => {
  rejects(() => readCsv(tmpFile('ragged.csv', 'a,b,c\n1,2,3\n"x\ny",2\n')), 'ragged-row', { line: 3, message: /2 fields but the header has 3/ });
  rejects(() => readCsv(tmpFile('ragged2.csv', 'a,b\n1,2\n3,4,5\n')), 'ragged-row', { line: 3, message: /3 fields but the header has 2/ });
  rejects(() => readCsv(tmpFile('unterminated.csv', 'a,b\n1,2\n3,"open\n4,5\n6,7\n')), 'format', { line: 3, message: /never closed/ });
  rejects(() => readCsv(tmpFile('after-quote.csv', 'a,b\n1,"x"y\n')), 'format', { line: 2, message: /after the closing quote/ });
});

test('errors: empty file, header problems, not text, not UTF-8, missing file', () => {
  rejects(() => readCsv(tmpFile('empty.csv', '')), 'format', { message: /empty/ });
  rejects(() => readCsv(tmpFile('blank.csv', '\n\n')), 'format', { message: /empty/ });
  rejects(() => readCsv(tmpFile('dup.csv', 'a,b,a\n1,2,3\n')), 'format', { line: 1, column: 'a', message: /columns 1 and 3/ });
  rejects(() => readCsv(tmpFile('noname.csv', ',a\n1,2\n')), 'format', { line: 1, message: /row names/ });
  rejects(() => readCsv(tmpFile('book.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]))), 'format', { message: /ZIP archive.*xlsx/ });
  rejects(() => readCsv(tmpFile('data.csv', Buffer.from('$FL2@(#) SPSS DATA FILE'))), 'format', { message: /SPSS/ });
  const latin1 = Buffer.concat([Buffer.from('name,q1\nAnn,1\nZo'), Buffer.from([0xeb]), Buffer.from(',2\n')]);
  rejects(() => readCsv(tmpFile('latin1.csv', latin1)), 'format', { line: 3, message: /not UTF-8.*windows-1252/ });
  assert.deepEqual(plain(readCsv(tmpFile('latin1b.csv', latin1), { encoding: 'windows-1252' })).cols.name, ['Ann', 'Zoë']);
  rejects(() => readCsv('/nonexistent/staffwell/file.csv'), 'io', { message: /no such file/ });
});

test('a header-only file gives an empty table with the header columns', () => {
  const t = readCsv(tmpFile('header-only.csv', 'id,q1\n'));
  assert.equal(t.nrows, 0);
  assert.deepEqual(t.columns.map((c) => c.name), ['id', 'q1']);
});

test('text columns are dictionary-encoded per chunk and merged by concatTables', () => {
  const rows = ['site'];
  for (let i = 0; i < 50; i++) rows.push(['North', 'South', 'East'][i % 3]);
  const t = readCsv(tmpFile('dict.csv', rows.join('\n')), { chunkRows: 7 });
  const c = col(t, 'site');
  assert.equal(c.kind, 'text');
  if (c.kind === 'text') assert.deepEqual(c.dictionary, ['North', 'South', 'East']);
  assert.deepEqual(values(c).slice(0, 4), ['North', 'South', 'East', 'North']);
});

test('decimal comma (European exports): "3,5" is 3.5 with ";" as delimiter', () => {
  const f = tmpFile('decimal-comma.csv', 'id;q1;q2\n1;3,5;2\n2;-0,25;"1,5"\n3;4;\n');
  assert.deepEqual(plain(readCsv(f, { decimal: ',' })).cols, { id: [1, 2, 3], q1: [3.5, -0.25, 4], q2: [2, 1.5, null] });
  assert.deepEqual(plain(readCsv(f)).cols.q1, ['3,5', '-0,25', '4'], 'without the option the values stay text');
  assert.equal(plain(readCsv(tmpFile('dc2.csv', 'a;b\n1.5;1,5\n'), { decimal: ',' })).kinds.a, 'text');
  rejects(() => readCsv(tmpFile('dc3.csv', 'a,b\n1,2\n'), { decimal: ',' }), 'invalid-option', { message: /delimiter cannot be a comma/ });
});

test('ByteDictionary: repeated values, empty values and hash collisions', async () => {
  const { ByteDictionary } = await import('../../src/data/csv-dictionary.ts');
  const d = new ByteDictionary((b, s, e) => b.toString('utf8', s, e), (s) => s.trim() === '' || s === 'NA');
  const buf = Buffer.from('North,South,,NA,North, ,South,Zoë');
  const fields = buf.toString().split(',');
  const codes: number[] = [];
  let p = 0;
  for (const f of fields) {
    const len = Buffer.byteLength(f);
    codes.push(d.code(buf, p, p + len));
    p += len + 1;
  }
  assert.deepEqual(codes, [0, 1, -1, -1, 0, -1, 1, 2]);
  assert.deepEqual(d.strings, ['North', 'South', 'Zoë']);
  for (let i = 0; i < 100; i++) d.code(buf, 12, 12); // the empty field again: no new entries
  assert.equal((d as unknown as { n: number }).n, 6);
  // Many distinct values (rehashing) keep their codes.
  const many = Buffer.from(Array.from({ length: 5000 }, (_, i) => `v${i}`).join(','));
  const e = new ByteDictionary((b, s, t) => b.toString('utf8', s, t), () => false);
  let q = 0;
  for (let i = 0; i < 5000; i++) {
    const len = `v${i}`.length;
    assert.equal(e.code(many, q, q + len), i);
    q += len + 1;
  }
  assert.equal(e.code(Buffer.from('v4321'), 0, 5), 4321);
  d.reset();
  assert.deepEqual(d.strings, []);
  assert.equal(d.code(buf, 6, 11), 0, 'after reset, codes start again');
});
