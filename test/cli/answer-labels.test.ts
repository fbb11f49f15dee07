/**
 * Text-coded answers in the survey commands (`--labels FILE`): the demo survey with its HSE items written as the
 * labels a Qualtrics or Microsoft Forms export holds (in mixed case and spacing) gives exactly the numbers of the
 * coded file; an unmatched label is an error listing each label with its count and lines (exit 1, no output);
 * the parallel scan counts unmatched labels across workers.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { scanSurvey, surveyColumns } from '../../src/survey/scan-survey.ts';
import { parseKeys } from '../../src/psych/keys.ts';
import { compileLabels, labelColumn, labelTallyInit, normaliseLabel, unmatchedLabelsError } from '../../src/data/answer-labels.ts';
import { makeTable } from '../../src/data/table.ts';
import { StaffwellError } from '../../src/errors.ts';

const BIN = 'bin/staffwell.js';
const KEYS = 'examples/hse-keys.json';
const LABELS = ['Never', 'Seldom', 'Sometimes', 'Often', 'Always'];
const dir = mkdtempSync(join(tmpdir(), 'sw-labels-cli-'));
const labelsFile = join(dir, 'frequency.yaml');
writeFileSync(labelsFile, '# HSE Indicator Tool frequency answers\nNever: 1\nSeldom: 2\nSometimes: 3\nOften: 4\nAlways: 5\n');

/** The demo survey, HSE answers as labels; `bad(row, col)` may return text to put in instead. */
function labelled(name: string, bad: (row: number, col: number) => string | undefined = () => undefined): string {
  const lines = readFileSync('examples/demo-survey.csv', 'utf8').trimEnd().split('\n');
  const header = lines[0].split(',');
  const styles = [(l: string) => l, (l: string) => ` ${l.toUpperCase()}`, (l: string) => l.toLowerCase(), (l: string) => `${l}\u00a0 `];
  const out = [lines[0]];
  for (let i = 1; i < lines.length; i++) {
    const f = lines[i].split(',');
    header.forEach((h, j) => {
      if (!/^hse_\d+$/.test(h)) return;
      const b = bad(i, j);
      if (b !== undefined) f[j] = `"${b}"`;
      else if (/^[1-5]$/.test(f[j])) f[j] = `"${styles[(i + j) % styles.length](LABELS[Number(f[j]) - 1])}"`;
    });
    out.push(f.join(','));
  }
  const p = join(dir, name);
  writeFileSync(p, out.join('\n') + '\n');
  return p;
}

const cli = (...args: string[]) => execFileSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });

test('--labels: reliability, describe and score on labelled answers equal the coded file', () => {
  const file = labelled('labelled.csv');
  for (const cmd of [['reliability', '--json'], ['describe', '--by', 'site', '--json'], ['score', '--impute', 'none', '--min', '1', '--max', '5']]) {
    const coded = cli(cmd[0], 'examples/demo-survey.csv', '--scales', KEYS, '--na=-99', ...cmd.slice(1));
    const text = cli(cmd[0], file, '--scales', KEYS, '--na=-99', '--labels', labelsFile, ...cmd.slice(1));
    assert.equal(text, coded, cmd[0]);
  }
});

test('--labels on an XLSX export of labels (Microsoft Forms style) equals the coded file', async () => {
  const lines = readFileSync('examples/demo-survey.csv', 'utf8').trimEnd().split('\n').map((l) => l.split(','));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Form1');
  const header = lines[0];
  ws.addRow(header);
  for (const row of lines.slice(1))
    ws.addRow(row.map((v, j) => (/^hse_\d+$/.test(header[j]) && /^[1-5]$/.test(v) ? LABELS[Number(v) - 1] : v === '' ? null : /^-?\d+$/.test(v) ? Number(v) : v)));
  const xlsx = join(dir, 'forms.xlsx');
  await wb.xlsx.writeFile(xlsx);
  const coded = cli('describe', 'examples/demo-survey.csv', '--scales', KEYS, '--na=-99', '--by', 'role', '--json');
  assert.equal(cli('describe', xlsx, '--scales', KEYS, '--na=-99', '--by', 'role', '--json', '--labels', labelsFile), coded);
});

test('--labels: unmatched labels are an error listing each with its count and lines; exit 1; no output file', () => {
  const file = labelled('bad.csv', (i, j) => (i === 3 && j === 8 ? 'Oftne' : i === 7 && j === 8 ? 'oftne ' : i === 20 && j === 9 ? 'N/A' : undefined));
  const out = join(dir, 'scores.csv');
  const r = spawnSync(process.execPath, [BIN, 'score', file, '--scales', KEYS, '--na=-99', '--labels', labelsFile, '--out', out], { encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /bad\.csv: 3 answers match no label of the answer labels \(.*frequency\.yaml\)/);
  assert.match(r.stderr, /"Oftne" in column hse_4: 1 answer, line 4/);
  assert.match(r.stderr, /"oftne " in column hse_4: 1 answer, line 8/);
  assert.match(r.stderr, /"N\/A" in column hse_5: 1 answer, line 21/);
  assert.ok(!existsSync(out));
  // declared missing: N/A is no longer an unmatched label
  const r2 = spawnSync(process.execPath, [BIN, 'reliability', file, '--scales', KEYS, '--na=-99,N/A', '--labels', labelsFile], { encoding: 'utf8' });
  assert.equal(r2.status, 1);
  assert.match(r2.stderr, /2 answers match no label/);
  assert.doesNotMatch(r2.stderr, /N\/A/);
  // a bad labels file fails before reading data
  writeFileSync(join(dir, 'dup.yaml'), 'Agree: 4\n" agree": 5\n');
  const r3 = spawnSync(process.execPath, [BIN, 'reliability', file, '--scales', KEYS, '--labels', join(dir, 'dup.yaml')], { encoding: 'utf8' });
  assert.equal(r3.status, 1);
  assert.match(r3.stderr, /dup\.yaml, field " agree": two labels read the same but have different codes \("Agree" = 4\)/);
});

test('parallel scans count unmatched labels in every worker and keep the first lines in file order', async () => {
  const file = labelled('par.csv', (i, j) => (j === 8 && i % 50 === 0 ? 'Sometmes' : undefined));
  const keys = parseKeys(readFileSync(KEYS, 'utf8'), KEYS);
  const read = { missing: { all: ['-99'] } };
  const { columns, types } = await surveyColumns(file, keys, { labels: true }, read);
  const map = { Never: 1, Seldom: 2, Sometimes: 3, Often: 4, Always: 5 };
  await assert.rejects(
    scanSurvey(file, { keys, labels: { source: 'labels', map }, describe: { by: [], minGroupSize: 10 } }, { read: { ...read, columns, types, chunkRows: 16 }, workers: 2, parallelMinBytes: 1 }),
    (e: StaffwellError) => /6 answers match no label/.test(e.message) && /"Sometmes" in column hse_4: 6 answers, lines 51, 101, 151, 201, 251, \.\.\./.test(e.message),
  );
});

test('normaliseLabel: case, spaces, NBSP, line breaks, curly quotes and dashes', () => {
  assert.equal(normaliseLabel('  Strongly\u00a0 AGREE\n'), 'strongly agree');
  assert.equal(normaliseLabel('Don\u2019t know'), "don't know");
  assert.equal(normaliseLabel('1 \u2013 Never'), '1 - never');
  const lookup = compileLabels({ "Don't know": 9, '1 - Never': 1 }, 'x');
  const tally = labelTallyInit();
  const t = makeTable({ source: 'd.csv', columns: [{ kind: 'text', name: 'q', codes: Int32Array.from([0, 1, 2, -1, 3]), dictionary: ['DON\u2019T KNOW', '1 \u2014 never', '7', 'Sometimes'] }] });
  const c = labelColumn(t, t.columns[0], lookup, tally);
  assert.deepEqual(Array.from(c.values), [9, 1, 7, NaN, NaN]);
  assert.match(unmatchedLabelsError(tally, lookup, 'd.csv')!.message, /"Sometimes" in column q: 1 answer, line 6/);
});
