/**
 * The survey commands as a user runs them — `staffwell score | reliability | describe` in a child process on the
 * bundled demo survey — compared with R's psych (test/fixtures/r/cli-demo.R), on CSV, XLSX and SAV; and each kind
 * of bad input: exit code 1, a message naming the file, line, column or field and the value, no output file.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { expectClose } from '../helpers/expect-close.ts';
import { STAFFWELL } from '../helpers/cli.ts';

const SURVEY = 'examples/demo-survey.csv';
const KEYS = 'examples/hse-keys.json';
const R = JSON.parse(readFileSync('test/fixtures/r/cli-demo.json', 'utf8'));
const TOL = { abs: 1e-9 };

function cli(...args: string[]): string {
  return execFileSync(process.execPath, [...STAFFWELL, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
}

function cliFails(...args: string[]): { status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [...STAFFWELL, ...args], { encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr };
}

function checkReliability(out: string, label: string): void {
  const got = JSON.parse(out).scales;
  assert.equal(got.length, R.reliability.length);
  got.forEach((s: any, i: number) => {
    const e = R.reliability[i];
    assert.equal(s.name, e.name);
    assert.equal(s.n_complete, e.n_complete, `${label} ${s.name} n_complete`);
    for (const f of ['raw_alpha', 'std_alpha', 'g6', 'average_r', 'median_r', 'signal_noise', 'ase', 'mean', 'sd', 'scoreitems_alpha']) {
      expectClose(s[f], e[f], TOL, `${label} ${s.name} ${f}`);
    }
    expectClose(s.alpha_ci_feldt[0], e.alpha_ci_feldt[0], TOL, `${label} ${s.name} Feldt lower`);
    expectClose(s.alpha_ci_feldt[1], e.alpha_ci_feldt[1], TOL, `${label} ${s.name} Feldt upper`);
    s.item_stats.forEach((it: any, j: number) => {
      for (const f of ['n', 'raw_r', 'std_r', 'r_cor', 'r_drop', 'mean', 'sd', 'alpha_if_dropped']) {
        expectClose(it[f], e.item_stats[f][j], TOL, `${label} ${s.name} ${it.item} ${f}`);
      }
    });
  });
}

test('staffwell reliability --json on the demo survey equals psych::alpha and scoreItems alpha', () => {
  checkReliability(cli('reliability', SURVEY, '--scales', KEYS, '--na=-99', '--min', '1', '--max', '5', '--json'), 'csv');
});

test('staffwell score writes psych::scoreItems(impute = "none") scores, with the id column first', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-score-'));
  const out = join(dir, 'scores.csv');
  cli('score', SURVEY, '--scales', KEYS, '--na=-99', '--id', 'staff_id', '--impute', 'none', '--out', out);
  const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
  const header = lines[0].split(',');
  assert.deepEqual(header, ['staff_id', ...Object.keys(R.scores)]);
  assert.equal(lines.length - 1, R.ids.length);
  lines.slice(1).forEach((line, r) => {
    const cells = line.split(',');
    assert.equal(cells[0], R.ids[r]);
    header.slice(1).forEach((name, j) => {
      const v = cells[j + 1] === '' ? NaN : Number(cells[j + 1]);
      expectClose(v, R.scores[name][r], { abs: 1e-12 }, `row ${r + 2} ${name}`);
    });
  });
});

test('staffwell describe --by site --json equals per-site means of the scale scores, small sites suppressed', () => {
  const got = JSON.parse(cli('describe', SURVEY, '--scales', KEYS, '--na=-99', '--by', 'site', '--min', '1', '--max', '5', '--json'));
  for (const e of R.by_site) {
    const g = got.groups.find((x: any) => x.by.site === e.site);
    assert.ok(g, `group ${e.site}`);
    if (e.n < 10) {
      assert.equal(g.suppressed, true);
      assert.equal(g.n, '<10');
      assert.deepEqual(g.scales, {});
      continue;
    }
    if (g.suppressed) continue; // complementary suppression (checked in test/psych/describe.test.ts)
    assert.equal(g.n, e.n);
    for (const [name, s] of Object.entries<any>(e.scales)) {
      for (const f of ['n', 'mean', 'sd', 'se']) expectClose(g.scales[name][f], s[f], TOL, `${e.site} ${name} ${f}`);
      expectClose(g.scales[name].ci[0], s.ci[0], TOL, `${e.site} ${name} ci lower`);
      expectClose(g.scales[name].ci[1], s.ci[1], TOL, `${e.site} ${name} ci upper`);
    }
  }
  // Exactly one site is under 10; a second one must be suppressed so the first cannot be recovered from the total.
  assert.equal(got.groups.filter((g: any) => g.suppressed).length, 2);
});

test('the same survey as .xlsx and as SPSS .sav (written by R haven) gives the same reliability', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-xlsx-'));
  const xlsx = join(dir, 'demo-survey.xlsx');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('responses');
  for (const line of readFileSync(SURVEY, 'utf8').trimEnd().split('\n')) {
    ws.addRow(line.split(',').map((c) => (c === '' ? null : /^-?\d+(\.\d+)?$/.test(c) ? Number(c) : c)));
  }
  await wb.xlsx.writeFile(xlsx);
  checkReliability(cli('reliability', xlsx, '--scales', KEYS, '--na=-99', '--min', '1', '--max', '5', '--json'), 'xlsx');
  checkReliability(cli('reliability', 'test/fixtures/cli/demo-survey.sav', '--scales', KEYS, '--min', '1', '--max', '5', '--json'), 'sav');
});

function badInput(name: string, csv: string, keys: object, extra: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'sw-bad-'));
  const data = join(dir, name);
  const k = join(dir, 'keys.json');
  writeFileSync(data, csv);
  writeFileSync(k, JSON.stringify(keys));
  const out = join(dir, 'out.csv');
  const r = cliFails('score', data, '--scales', k, '--out', out, ...extra);
  assert.equal(r.status, 1, r.stderr);
  assert.equal(existsSync(out), false, 'no output file is left behind');
  return { ...r, data, keys: k };
}

const KEY = { s: ['q1', '-q2', 'q3'] };

test('a ragged row names the file, its line and the field counts', () => {
  const r = badInput('ragged.csv', 'id,q1,q2,q3\n1,1,2,3\n2,1,2\n', KEY);
  assert.match(r.stderr, /ragged\.csv, line 3/);
  assert.match(r.stderr, /3|4/);
});

test('text in an item column names the line, column and value, and says what to do', () => {
  const r = badInput('text.csv', 'id,q1,q2,q3\n1,1,2,3\n2,1,two,3\n', KEY);
  assert.match(r.stderr, /text\.csv, line 3, column "q2"/);
  assert.match(r.stderr, /"two"/);
  // a word is an answer label: map it to its code, do not declare it missing
  assert.match(r.stderr, /looks like an answer label: give the labels their codes \(--labels FILE/);
  const na = badInput('text-na.csv', 'id,q1,q2,q3\n1,1,2,3\n2,1,Don\'t know,3\n', KEY);
  assert.match(na.stderr, /\(value "Don't know"\)\. Declare it as a missing-value code \(--na/);
});

test('a value outside --min/--max names the line, column and value', () => {
  const r = badInput('range.csv', 'id,q1,q2,q3\n1,1,2,3\n2,2,7,4\n', KEY, ['--min', '1', '--max', '5']);
  assert.match(r.stderr, /range\.csv, line 3, column "q2"/);
  assert.match(r.stderr, /"7"/);
});

test('duplicate ids name both lines and the id', () => {
  const r = badInput('dups.csv', 'id,q1,q2,q3\nA,1,2,3\nB,2,2,3\nA,1,2,4\n', KEY, ['--id', 'id']);
  assert.match(r.stderr, /dups\.csv/);
  assert.match(r.stderr, /"A"/);
  assert.match(r.stderr, /line 2/);
  assert.match(r.stderr, /line 4/);
});

test('an unknown item in the keys names the keys file, the scale, the item and the closest column', () => {
  const r = badInput('ok.csv', 'id,q1,q2,q3\n1,1,2,3\n2,2,2,3\n', { s: ['q1', '-q2', 'Q4', 'q3'] });
  assert.match(r.stderr, /keys\.json/);
  assert.match(r.stderr, /scale "s"/);
  assert.match(r.stderr, /"Q4"/);
});

test('a keys file that is not psych-style names the file and the scale', () => {
  const r = badInput('ok.csv', 'id,q1,q2,q3\n1,1,2,3\n', { s: 'q1' });
  assert.match(r.stderr, /keys\.json, field "s"/);
});

test('wrong usage exits with 2', () => {
  const r = cliFails('score', SURVEY);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--scales/);
});

test('undeclared missing-value codes in item columns are warned about once, naming the items and the --na to give', () => {
  const r = spawnSync(process.execPath, [...STAFFWELL, 'reliability', SURVEY, '--scales', KEYS], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.split('\n').filter((l) => /far outside/.test(l));
  assert.equal(lines.length, 1, lines.join('\n'));
  assert.match(lines[0], /^warning: \d+ items \(hse_\d+, .* and \d+ more\) have the value -99 \(\d+ answers\), far outside the other answers \(1 to 5\); if it marks a missing answer, declare it \(--na=-99, or data\.missing in a study file\)$/);
  const json = spawnSync(process.execPath, [...STAFFWELL, 'reliability', SURVEY, '--scales', KEYS, '--json'], { encoding: 'utf8' });
  const w = JSON.parse(json.stdout).warnings.find((x: { message: string }) => /far outside/.test(x.message));
  assert.ok(w.items.length > 5 && w.items[0] === w.item, 'every item listed in the JSON');
  assert.match(json.stderr, /staffwell: warning: \d+ items/);
  assert.doesNotMatch(cli('reliability', SURVEY, '--scales', KEYS, '--na=-99'), /far outside/);
});
