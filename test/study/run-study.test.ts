import { test } from 'node:test';
import { roundNumbersForGolden } from '../helpers/golden.ts';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { loadStudy } from '../../src/study/study-file.ts';
import { runStudy } from '../../src/study/run-study.ts';
import { formatStudySummary } from '../../src/study/format-study-summary.ts';
import { studyResultsJson, writeStudyResults } from '../../src/study/write-study-results.ts';
import { register } from '../../src/cli/commands/run.ts';
import type { BenchmarkResult, CompareGroupsResult, CrosstabResult, DescribeResult, NormMeansResult, PrevalenceResult } from '../../src/study/study-results.ts';

const EXAMPLES = ['examples/pals/study.yaml', 'examples/imaging/study.yaml', 'examples/pwp/study.yaml'];

/** Every test result in the JSON has the TestResult fields. */
function checkTestResults(x: unknown, path: string): number {
  let count = 0;
  if (Array.isArray(x)) x.forEach((v, i) => (count += checkTestResults(v, `${path}[${i}]`)));
  else if (x && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    if ('method' in o && 'p' in o && 'statisticName' in o) {
      for (const k of ['method', 'statistic', 'p', 'n', 'alternative']) assert.ok(k in o, `${path}: ${k}`);
      count++;
    }
    for (const [k, v] of Object.entries(o)) count += checkTestResults(v, `${path}.${k}`);
  }
  return count;
}

for (const file of EXAMPLES) {
  test(`example study runs: ${file}`, async () => {
    const r = await runStudy(loadStudy(file));
    assert.equal(r.analyses.length, loadStudy(file).analyses.length);
    assert.ok(checkTestResults(JSON.parse(studyResultsJson(r)), 'results') > 0);
    const json = studyResultsJson(r);
    assert.doesNotMatch(json, /NaN|Infinity|\d{4}-\d\d-\d\dT/);
    assert.equal(studyResultsJson(await runStudy(loadStudy(file))), json, 'reproducible');
    assert.ok(formatStudySummary(r).length > 500);
  });
}

test('golden: the PALS example results.json and summary.txt (UPDATE_GOLDEN=1 to regenerate)', async () => {
  // the version is normalised so that a release does not change the golden files
  const r = { ...(await runStudy(loadStudy('examples/pals/study.yaml'))), staffwell_version: '<version>' };
  const files: [string, string][] = [
    ['test/golden/study/pals-results.json', roundNumbersForGolden(studyResultsJson(r))],
    ['test/golden/study/pals-summary.txt', formatStudySummary(r)],
  ];
  for (const [path, actual] of files) {
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync('test/golden/study', { recursive: true });
      writeFileSync(path, actual);
    }
    assert.equal(actual, readFileSync(path, 'utf8'), `${path} differs (run with UPDATE_GOLDEN=1 if the change is intended)`);
    // (numbers in the JSON are rounded to 10 significant digits: see test/helpers/golden.ts)
  }
});

test('PALS: the call-centre norm is flagged as a different criterion; caveats are printed', async () => {
  const r = await runStudy(loadStudy('examples/pals/study.yaml'));
  const p = r.analyses.find((a) => a.type === 'prevalence') as PrevalenceResult;
  const cc = p.comparisons.find((c) => c.norm.id === 'ghq12-call-centre-charbotel-2009')!;
  assert.equal(cc.comparable, false);
  const evans = p.comparisons.find((c) => c.norm.id === 'ghq-mh-social-workers-evans-2006')!;
  assert.deepEqual(evans.two_sample!.table, [[p.count, p.n - p.count], [111, 126]]);
  assert.equal(evans.norm.cases_derived, false);
  const s = formatStudySummary(r);
  assert.match(s, /CAVEAT: Different criterion: the norm counts likert_distress \(Likert total > 12\)/);
  assert.match(s, /CAVEAT: The norm's threshold is not stated/);
});

test('suppression: small groups show no numbers in describe, compare-groups and crosstab', async () => {
  const r = await runStudy(loadStudy('examples/imaging/study.yaml'));
  const d = r.analyses.find((a) => a.id === 'by-department') as DescribeResult;
  for (const dept of ['Dept H', 'Dept I']) {
    const g = d.groups!.find((x) => x.by.department === dept)!;
    assert.equal(g.suppressed, true);
    assert.equal(g.n, '<10');
    assert.deepEqual(g.scales, {});
  }
  const c = r.analyses.find((a) => a.id === 'role-clarity-by-department') as CompareGroupsResult;
  // The release rule: every department is in the test; Dept H and I (under 10 respondents) and Dept G (11
  // respondents, under 10 with a role-clarity score) show no figures.
  assert.deepEqual(c.suppressed, ['Dept G', 'Dept H', 'Dept I']);
  for (const dept of ['Dept G', 'Dept H', 'Dept I']) assert.deepEqual(c.groups.find((g) => g.level === dept), { level: dept, n: null, mean: null, sd: null });
  assert.equal(c.groups.length, 9);
  assert.equal(c.result!.method, 'One-way analysis of means (not assuming equal variances)');
  assert.equal((c.result!.df as number[])[0], 8, 'all nine departments in the test');
  assert.ok(Number.isNaN(c.result!.n as number), 'the n of the test not released (nor per group)');
  for (const p of c.posthoc!.comparisons)
    if (c.suppressed.includes(p.group1) || c.suppressed.includes(p.group2)) assert.equal(p.difference, null);
    else assert.equal(typeof p.difference, 'number');
  const x = r.analyses.find((a) => a.id === 'leaving-by-department') as CrosstabResult;
  assert.ok(x.suppressed.cols.includes('Dept I'));
  // in the table and the test, with no counts
  const di = x.cols.levels.indexOf('Dept I');
  assert.ok(di >= 0);
  assert.ok(x.counts.every((row) => row[di] === null));
  assert.equal(x.col_totals[di], null);
  assert.match(formatStudySummary(r), /Dept I\s+<10\s+suppressed/);
});

test('PWP: CBI with reversed data codes, BRS against its norm mean (one-sample only: no SD published)', async () => {
  const r = await runStudy(loadStudy('examples/pwp/study.yaml'));
  const nm = r.analyses.find((a) => a.type === 'norm-means') as NormMeansResult;
  const c = nm.comparisons[0];
  assert.equal(c.one_sample.method, 'One Sample t-test');
  assert.equal(c.one_sample.nullValue, 3.7);
  assert.equal(c.welch, null);
  assert.equal(c.cohens_d.standardiser, 'sample SD');
  const cbi = r.instruments.find((i) => i.name === 'cbi')!;
  assert.deepEqual(cbi.codes, [5, 4, 3, 2, 1]);
  const g = r.analyses.find((a) => a.id === 'burnout-by-role') as CompareGroupsResult;
  assert.equal(g.result!.method, 'Welch Two Sample t-test');
  // PWPs are generated with more burnout: a higher CBI score (0-100, higher = more burnout)
  const pwp = g.groups.find((x) => x.level === 'PWP')!;
  const hit = g.groups.find((x) => x.level !== 'PWP')!;
  assert.ok(pwp.mean! > hit.mean!);
});

test('benchmark with a user norms file (FICTIONAL bands, tests only)', async () => {
  const r = await runStudy(loadStudy('test/fixtures/study/benchmark-study.yaml'));
  const b = r.analyses[0] as BenchmarkResult;
  const dem = b.scales.find((s) => s.scale === 'demands')!;
  assert.equal(dem.norm, 'test-hse-demands-bands');
  assert.equal(dem.band, dem.mean < 2.5 ? 'fictional-low' : dem.mean < 3.5 ? 'fictional-middle' : 'fictional-high');
  assert.equal(b.scales.find((s) => s.scale === 'change')!.band, null);
  assert.ok(b.groups!.some((g) => g.suppressed && Object.keys(g.bands).length === 0));
  assert.match(b.caveats.join(' '), /No benchmark bands for: managers_support/);
});

test('writeStudyResults writes results.json and summary.txt atomically (no temp files left)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-run-'));
  const r = await runStudy(loadStudy('examples/pwp/study.yaml'));
  writeStudyResults(r, join(dir, 'out'));
  assert.deepEqual(readdirSync(join(dir, 'out')).sort(), ['results.json', 'summary.txt']);
  assert.equal(readFileSync(join(dir, 'out', 'results.json'), 'utf8'), studyResultsJson(r));
});

async function cli(args: string[]): Promise<string> {
  const program = new Command('staffwell').exitOverride();
  register(program);
  let buf = '';
  const orig = process.stdout.write.bind(process.stdout);
  (process.stdout as { write: unknown }).write = (chunk: string | Uint8Array) => {
    buf += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  };
  try {
    await program.parseAsync(['node', 'staffwell', ...args]);
  } finally {
    (process.stdout as { write: unknown }).write = orig;
  }
  return buf;
}

test('staffwell run STUDY --out DIR prints the summary; --json prints the results JSON', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-cli-'));
  const s = await cli(['run', 'examples/pwp/study.yaml', '--out', dir]);
  assert.match(s, /^Burnout and resilience of IAPT practitioners/);
  assert.match(s, /Wrote .*results\.json/);
  assert.ok(existsSync(join(dir, 'results.json')) && existsSync(join(dir, 'summary.txt')));
  const j = JSON.parse(await cli(['run', 'examples/pwp/study.yaml', '--out', dir, '--json']));
  assert.deepEqual(Object.keys(j), ['study', 'description', 'staffwell_version', 'data', 'suppression', 'instruments', 'analyses', 'warnings']);
  assert.equal(j.data.file, 'pwp-survey.csv');
});

test('norm-means with a norm that publishes mean, SD and n (FICTIONAL, tests only): one-sample and Welch t, d by the norm SD', async () => {
  const { welchFromSummary } = await import('../../src/inference/index.ts');
  const r = await runStudy(loadStudy('test/fixtures/study/norm-means-study.yaml'));
  const nm = r.analyses[0] as NormMeansResult;
  const c = nm.comparisons[0];
  const x = r.instruments[0].scales[0].n_scored;
  assert.equal(nm.sample.n, x);
  assert.deepEqual(c.welch, welchFromSummary(nm.sample, { mean: 70, sd: 15, n: 400 }, { alternative: 'less' }));
  assert.equal(c.one_sample.alternative, 'less');
  assert.equal(c.one_sample.nullValue, 70);
  assert.equal(c.cohens_d.standardiser, 'norm SD');
  assert.equal(c.cohens_d.value, (nm.sample.mean - 70) / 15);
  assert.equal(c.comparable, true);
});
