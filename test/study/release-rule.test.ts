import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { protectCells } from '../../src/stats/complementary-suppression.ts';
import { hiddenCells, releaseTable } from '../../src/study/release-rule.ts';
import { loadStudy } from '../../src/study/study-file.ts';
import { runStudy } from '../../src/study/run-study.ts';
import { runStudyStreaming } from '../../src/study/plan/run-streaming.ts';
import { studyResultsJson } from '../../src/study/write-study-results.ts';
import { formatStudySummary } from '../../src/study/format-study-summary.ts';
import type { CompareGroupsResult, CrosstabResult, DescribeResult, ProportionResult } from '../../src/study/study-results.ts';

/** Hidden cells of every line either none or together at least `t` respondents (none can be worked out). */
function protectedLines(counts: readonly number[], hidden: (k: number) => boolean, lines: number[][], t: number): string[] {
  const bad: string[] = [];
  lines.forEach((line, l) => {
    const h = line.filter(hidden);
    const sum = h.reduce((s, k) => s + counts[k], 0);
    if (h.length && sum < t) bad.push(`line ${l}: hidden cells ${h.join(',')} hold ${sum} < ${t}`);
  });
  return bad;
}

test('protectCells: one complementary cell of the fewest respondents, not the greedy smallest-first two', () => {
  // hidden 3; shown 5, 8, 40; threshold 10: hiding 8 (3 + 8 = 11) is enough, the greedy rule hid 5 and 8
  const s = protectCells([3, 5, 8, 40], [0], [[0, 1, 2, 3]], 10);
  assert.deepEqual(Array.from(s), [1, 0, 2, 0]);
  // empty cells are never chosen; when even every cell is not enough, all non-empty ones are hidden
  assert.deepEqual(Array.from(protectCells([2, 0, 3], [0], [[0, 1, 2]], 10)), [1, 0, 2]);
});

test('protectCells: in a table, a cell on two deficient lines is preferred (one cell protects a row and a column)', () => {
  // 3×3, row-major; primaries (0,0)=2 and (1,1)=3, threshold 5; rows and columns are lines
  const counts = [2, 9, 6, 7, 3, 8, 6, 9, 30];
  const lines = [[0, 1, 2], [3, 4, 5], [6, 7, 8], [0, 3, 6], [1, 4, 7], [2, 5, 8]];
  const s = protectCells(counts, [0, 4], lines, 5);
  assert.deepEqual(protectedLines(counts, (k) => s[k] > 0, lines, 5), []);
  // (0,1) and (1,0) each protect a row and a column: two complementary cells, not four
  assert.equal(Array.from(s).filter((x) => x === 2).length, 2, `state ${Array.from(s)}`);
});

test('hiddenCells: without a released total only the small groups; with one, enough more that none can be derived', () => {
  assert.deepEqual([...hiddenCells([40, 4, 30, 0], 10, false)], [1]);
  assert.deepEqual([...hiddenCells([40, 4, 30, 0], 10, true)].sort(), [1, 2]);
  assert.deepEqual([...hiddenCells([40, 4, 3, 30], 10, true)].sort(), [1, 2, 3]);
  assert.deepEqual([...hiddenCells([40, 4, 8, 30], 10, true)].sort(), [1, 2]);
  assert.deepEqual([...hiddenCells([40, 0, 30], 10, true)], []);
});

test('releaseTable: cells under minCell and their complements; every shown row and column is protected', () => {
  const counts = [
    [25, 2, 30, 1],
    [14, 12, 4, 18],
    [9, 11, 16, 20],
  ];
  const { rows, cols, cells } = releaseTable(counts, 10, 5);
  assert.equal(rows.size + cols.size, 0);
  const flat = counts.flat();
  const C = 4;
  for (const [i, j] of [[0, 1], [0, 3], [1, 2]]) assert.ok(cells[i * C + j] === 1, `primary (${i},${j})`);
  const lines = [...counts.map((_, i) => [0, 1, 2, 3].map((j) => i * C + j)), ...[0, 1, 2, 3].map((j) => [0, 1, 2].map((i) => i * C + j))];
  assert.deepEqual(protectedLines(flat, (k) => cells[k] > 0, lines, 5), []);
  // without minCell only whole small rows and columns (two small columns protect each other against the grand
  // total; one alone takes the next-smallest column with it)
  const t = releaseTable([[3, 4, 20], [4, 3, 30]], 10, null);
  assert.deepEqual([...t.cols].sort(), [0, 1]);
  assert.deepEqual(Array.from(t.cells), [1, 1, 0, 1, 1, 0]);
  assert.deepEqual([...releaseTable([[3, 20, 15], [4, 30, 12]], 10, null).cols].sort(), [0, 2]);
});

function imagingStudy(suppression: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sw-release-'));
  copyFileSync('examples/imaging/imaging-survey.csv', join(dir, 'imaging-survey.csv'));
  const file = join(dir, 'study.yaml');
  writeFileSync(
    file,
    `name: release rule options
data: { file: imaging-survey.csv, id: respondent, groups: [department, role] }
suppression: ${suppression}
instruments:
  - { name: jss, instrument: warr-cook-wall, items: "jss_{n}" }
analyses:
  - { id: by-department, type: describe, scores: [jss.total], by: [department] }
  - { id: sat, type: compare-groups, score: jss.total, by: department }
  - { id: leaving-by-department, type: crosstab, rows: intend_to_leave, cols: department }
`,
  );
  return file;
}

const byId = <T,>(r: { analyses: { id: string }[] }, id: string) => r.analyses.find((a) => a.id === id) as T;

test('study file: small: merge puts Dept H and Dept I (under 10 each) into one group "Small departments", in every analysis', async () => {
  const r = await runStudy(loadStudy(imagingStudy('{ minGroup: 10, small: merge, otherLabel: Small departments }')));
  const d = byId<DescribeResult>(r, 'by-department');
  const names = d.groups!.map((g) => g.by.department);
  assert.deepEqual(names, ['Dept A', 'Dept B', 'Dept C', 'Dept D', 'Dept E', 'Dept F', 'Dept G', 'Small departments']);
  const small = d.groups!.find((g) => g.by.department === 'Small departments')!;
  assert.equal(small.n, 11, 'Dept H (6) + Dept I (5)');
  assert.equal(small.suppressed, false);
  const c = byId<CompareGroupsResult>(r, 'sat');
  assert.equal(c.groups.at(-1)!.level, 'Small departments');
  const x = byId<CrosstabResult>(r, 'leaving-by-department');
  assert.deepEqual(x.cols.levels.at(-1), 'Small departments');
  assert.deepEqual(x.suppressed.cols, []);
  assert.equal(r.suppression.small, 'merge');
  assert.match(formatStudySummary(r), /merged into "Small departments"/);
});

test('study file: minCell hides small crosstab cells and their complements; the test still uses every respondent', async () => {
  const plain = await runStudy(loadStudy(imagingStudy('{ minGroup: 10, small: merge, otherLabel: Small departments }')));
  const r = await runStudy(loadStudy(imagingStudy('{ minGroup: 10, minCell: 5, small: merge, otherLabel: Small departments }')));
  const full = byId<CrosstabResult>(plain, 'leaving-by-department');
  const x = byId<CrosstabResult>(r, 'leaving-by-department');
  const counts = full.counts.flat() as number[];
  assert.ok(counts.every((c) => typeof c === 'number'), 'every column is 10 or more: all counts released without minCell');
  const C = x.cols.levels.length;
  const released = x.counts.flat();
  counts.forEach((c, k) => {
    if (c > 0 && c < 5) assert.equal(released[k], null, `cell ${k} (${c}) hidden`);
    if (released[k] !== null) assert.equal(released[k], c, `cell ${k} released as counted`);
  });
  const R = x.rows.levels.length;
  const lines = [
    ...Array.from({ length: R }, (_, i) => Array.from({ length: C }, (_, j) => i * C + j)),
    ...Array.from({ length: C }, (_, j) => Array.from({ length: R }, (_, i) => i * C + j)),
  ];
  assert.deepEqual(protectedLines(counts, (k) => released[k] === null, lines, 5), []);
  assert.ok(x.suppressed.cells > 0);
  assert.equal(x.result!.statistic, full.result!.statistic, 'the test is on every respondent');
  assert.match(x.notes.join(' '), /cell\(s\) with fewer than 5 respondents/);
});

test('study file: overall: false drops the overall row of grouped describe; results and summary say so', async () => {
  const r = await runStudy(loadStudy(imagingStudy('{ minGroup: 10, overall: false }')));
  const d = byId<DescribeResult>(r, 'by-department');
  assert.equal(d.overall, null);
  assert.equal(r.suppression.overall, false);
  assert.match(formatStudySummary(r), /no overall row: suppression.overall is false/);
});

test('study file: minCell and overall run the same on the streaming runner as in memory; merge falls back to memory', async () => {
  const study = loadStudy(imagingStudy('{ minGroup: 10, minCell: 5, overall: false }'));
  const s = (await runStudyStreaming(study, { chunkRows: 16 }))!;
  const m = await runStudy(study, { inMemory: true });
  const norm = (x: object) => JSON.parse(studyResultsJson({ ...x, engine: null, timing: null } as never));
  assert.deepEqual(norm(s).analyses, norm(m).analyses);
  assert.deepEqual(norm(s).suppression, norm(m).suppression);
});

test('study file: proportion by a grouping with hidden groups withholds their proportions in prop.test too, not only in the table', async () => {
  const file = imagingStudy('{ minGroup: 10 }');
  writeFileSync(file, readFileSync(file, 'utf8') + '  - { id: leaving-by-dept, type: proportion, variable: intend_to_leave, level: "1", by: department }\n');
  for (const run of [runStudy, runStudyStreaming]) {
    const r = (await run(loadStudy(file)))!;
    const p = byId<ProportionResult>(r, 'leaving-by-dept');
    // Dept H (7) and Dept I (4): under 10 each, together 11, so no complement is needed
    assert.deepEqual(p.suppressed, ['Dept H', 'Dept I'], run.name);
    assert.deepEqual(p.groups!.map((g) => g.level), ['Dept A', 'Dept B', 'Dept C', 'Dept D', 'Dept E', 'Dept F', 'Dept G']);
    const est = p.prop_test!.estimate as Record<string, number>;
    assert.deepEqual(Object.keys(est), Array.from({ length: 9 }, (_, i) => `prop ${i + 1}`));
    p.groups!.forEach((g, i) => assert.equal(est[`prop ${i + 1}`], g.proportion, `${run.name}: ${g.level} released`));
    assert.ok(Number.isNaN(est['prop 8']) && Number.isNaN(est['prop 9']), `${run.name}: Dept H and Dept I withheld`);
    assert.ok(p.prop_test!.p > 0 && p.prop_test!.p < 1 && Number.isFinite(p.prop_test!.statistic), 'the test is on every group');
    assert.match(studyResultsJson(r), /"prop 8": null,\s*"prop 9": null/);
  }
});
