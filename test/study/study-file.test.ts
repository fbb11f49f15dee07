import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StaffwellError } from '../../src/errors.ts';
import { parseStudy, expandRefs, studyFiles } from '../../src/study/study-file.ts';
import { analyseStudy, readStudyData } from '../../src/study/run-study.ts';

/** Study files are parsed as if they were examples/pals/study.yaml (so ../demo-survey.csv resolves). */
const SOURCE = 'examples/pals/study.yaml';
const HEAD = `name: t
data: { file: ../demo-survey.csv, missing: ["-99"], id: staff_id }
instruments:
  - { name: ghq, instrument: ghq12, items: "ghq_{n}", codes: [0, 1, 2, 3] }
  - { name: hse, instrument: hse-indicator-tool, items: "hse_{n}" }
analyses:
`;

function errorOf(fn: () => unknown): StaffwellError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof StaffwellError, `expected a StaffwellError, got ${(e as Error)?.stack}`);
    return e;
  }
  assert.fail('expected an error');
}

const DEMO = await readStudyData(parseStudy(HEAD + '  - { type: describe, scores: [ghq.total] }\n', SOURCE));

function expectField(text: string, field: string | undefined, message: RegExp, code = 'invalid-study', run = false): StaffwellError {
  const e = errorOf(() => {
    const s = parseStudy(text, SOURCE);
    if (run) analyseStudy(s, DEMO);
  });
  assert.equal(e.code, code, e.message);
  assert.equal(e.location.field, field, e.message);
  assert.match(e.message, message);
  if (code === 'invalid-study') assert.ok(e.message.startsWith(SOURCE), e.message);
  return e;
}

test('a valid study parses; <name>.* expands to every subscale', () => {
  const s = parseStudy(HEAD + '  - { type: describe, scores: [hse.*, ghq.total] }\n', SOURCE);
  assert.deepEqual(expandRefs(s, s.analyses[0].type === 'describe' ? s.analyses[0].scores : []).length, 8);
  assert.equal(s.definitions.ghq.id, 'ghq12');
});

test('unknown analysis type names analyses[i].type and lists the types', () => {
  expectField(HEAD + '  - { type: anova-table, scores: [ghq.total] }\n', 'analyses[1].type', /unknown analysis type; use one of describe, reliability, prevalence/);
});

test('missing data file names data.file', () => {
  expectField(HEAD.replace('../demo-survey.csv', 'nope.csv') + '  - { type: describe, scores: [ghq.total] }\n', 'data.file', /data file does not exist \(value "nope.csv"\)/);
});

test('unknown instrument id names the field and suggests the closest id', () => {
  const e = expectField(HEAD.replace('instrument: ghq12', 'instrument: ghq-12') + '  - { type: describe, scores: [ghq.total] }\n', 'instruments[1].instrument', /no built-in instrument has this id/);
  assert.match(e.message, /Did you mean "ghq12"/);
});

test('bad mapping: an item the instrument does not have', () => {
  const text = HEAD.replace('items: "hse_{n}"', 'items: { hse_1: q1, hse_99: q99 }') + '  - { type: describe, scores: [ghq.total] }\n';
  expectField(text, 'instruments[2].items.hse_99', /not an item of hse-indicator-tool/);
});

test('bad mapping: an object mapping that leaves items without a column', () => {
  const text = HEAD.replace('items: "hse_{n}"', 'items: { hse_1: q1 }') + '  - { type: describe, scores: [ghq.total] }\n';
  expectField(text, 'instruments[2].items.hse_3', /leaves 34 item\(s\) of hse-indicator-tool without a column/);
});

test('bad mapping: a pattern without {n}', () => {
  expectField(HEAD.replace('items: "hse_{n}"', 'items: "hse_"') + '  - { type: describe, scores: [ghq.total] }\n', 'instruments[2].items', /not a valid value|must include|\{n\}/);
});

test('a score referring to an unknown subscale names the field and lists the parts', () => {
  const e = expectField(HEAD + '  - { type: describe, scores: [ghq.total, hse.workload] }\n', 'analyses[1].scores[2]', /hse-indicator-tool has no subscale, classification or conversion "workload"/);
  assert.match(e.message, /hse\.demands/);
});

test('a score of an undeclared instrument', () => {
  expectField(HEAD + '  - { type: compare-groups, score: jss.total, by: site }\n', 'analyses[1].score', /instrument that is not declared/);
});

test('a cut-off not allowed by the instrument', () => {
  expectField(HEAD.replace('codes: [0, 1, 2, 3] }', 'codes: [0, 1, 2, 3], cutoffs: { caseness: 5 } }') + '  - { type: describe, scores: [ghq.total] }\n', 'instruments[1].cutoffs.caseness', /not published for ghq12 caseness \(value "5"\)\. Choose one of 3, 4/);
});

test('a cut-off for a classification without a selectable cut-off', () => {
  expectField(HEAD.replace('items: "hse_{n}" }', 'items: "hse_{n}", cutoffs: { demands: 3 } }') + '  - { type: describe, scores: [ghq.total] }\n', 'instruments[2].cutoffs.demands', /no classification "demands" with a selectable cut-off/);
});

test('an unknown scoring method and wrong codes', () => {
  expectField(HEAD.replace('codes: [0, 1, 2, 3] }', 'codes: [0, 1, 2, 3], scoring: cghq }') + '  - { type: describe, scores: [ghq.total] }\n', 'instruments[1].scoring', /no such scoring method.*ghq, likert/);
  expectField(HEAD.replace('codes: [0, 1, 2, 3]', 'codes: [0, 1, 2]') + '  - { type: describe, scores: [ghq.total] }\n', 'instruments[1].codes', /give 4 distinct codes/);
});

test('norms: unknown id, wrong kind, and a level the classification does not have', () => {
  expectField(HEAD + '  - { type: prevalence, classification: ghq.caseness, level: case, norms: [ghq12-nhs-staff] }\n', 'analyses[1].norms[1]', /no norm has this id/);
  expectField(HEAD + '  - { type: prevalence, classification: ghq.caseness, level: case, norms: [brs-mixed-sample-smith-2013] }\n', 'analyses[1].norms[1]', /a mean norm; this analysis needs a prevalence norm/);
  expectField(HEAD + '  - { type: prevalence, classification: ghq.caseness, level: cases, norms: [ghq12-nhs-trust-staff-wall-1997] }\n', 'analyses[1].level', /not a level of ghq.caseness.*"non-case", "case"/);
});

test('a subscale where a classification is needed, and vice versa', () => {
  expectField(HEAD + '  - { type: prevalence, classification: ghq.total, level: case, norms: [ghq12-nhs-trust-staff-wall-1997] }\n', 'analyses[1].classification', /ghq.total is a subscale; this field needs a classification/);
  expectField(HEAD + '  - { type: describe, scores: [ghq.caseness] }\n', 'analyses[1].scores[1]', /is a classification; this field needs a subscale or conversion/);
});

test('schema errors: a missing field, an unknown field, duplicate names and ids, bad YAML', () => {
  expectField(HEAD.replace('name: t\n', '') + '  - { type: describe, scores: [ghq.total] }\n', 'name', /a required field is missing/);
  expectField(HEAD + '  - { type: describe, scores: [ghq.total], group: [site] }\n', 'analyses[1].group', /unknown field "group"\. The fields here are type, id, scores, by/);
  expectField(HEAD.replace('name: hse,', 'name: ghq,') + '  - { type: describe, scores: [ghq.total] }\n', 'instruments[2].name', /two instruments share a name/);
  expectField(HEAD + '  - { id: a, type: describe, scores: [ghq.total] }\n  - { id: a, type: describe, scores: [hse.*] }\n', 'analyses[2].id', /two analyses share an id/);
  expectField('name: [unclosed\n', undefined, /not valid YAML/);
});

test('unknown column in `by` (and in predictors) is reported against the study field when the data are read', () => {
  const e = expectField(HEAD + '  - { type: describe, scores: [ghq.total], by: [Site] }\n', 'analyses[1].by[1]', /no data column, derived variable or score of this name/, 'invalid-study', true);
  assert.match(e.message, /Did you mean "site"/);
  expectField(HEAD + '  - { type: regression, outcome: ghq.total, predictors: [hse.demands, grade] }\n', 'analyses[1].predictors[2]', /no data column, derived variable or score/, 'invalid-study', true);
  expectField(HEAD.replace('id: staff_id', 'id: staff') + '  - { type: describe, scores: [ghq.total] }\n', 'data.id', /id column is not in the data file/, 'invalid-study', true);
});

test('a two-group test on more than two groups names analyses[i].test', () => {
  expectField(HEAD + '  - { type: compare-groups, score: ghq.total, by: role, test: welch-t }\n', 'analyses[1].test', /compares exactly two groups; role has 4/, 'invalid-study', true);
});

test('duplicate ids in the data: error naming the data file, line, column and value', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-study-'));
  writeFileSync(join(dir, 'd.csv'), 'id,site,x1,x2\nA,s,1,2\nB,s,2,3\nA,s,3,3\n');
  writeFileSync(join(dir, 'def.yaml'), `id: two
name: Two items
version: "1"
citation: {authors: [Test], year: 2026, title: Test, source: Test}
licence: {name: CC0, wordingIncluded: false, notes: test}
verification: {verified: true, sources: [test]}
responseOptions: [{code: 1}, {code: 2}, {code: 3}]
items: [{id: x1}, {id: x2}]
subscales: [{id: total, items: [x1, x2], rule: {type: sum}}]
`);
  const text = `name: dup
data: { file: d.csv, id: id }
instruments: [{ name: t, instrument: def.yaml, items: "x{n}" }]
analyses: [{ type: describe, scores: [t.total] }]
`;
  const study = parseStudy(text, join(dir, 'study.yaml'));
  const table = await readStudyData(study);
  const e = errorOf(() => analyseStudy(study, table));
  assert.equal(e.code, 'duplicate-id');
  assert.equal(e.location.line, 4);
  assert.equal(e.location.column, 'id');
  assert.match(e.message, /first on line 2/);
});

test('studyFiles: the data, instrument definition, norms and answer-labels files a study reads, each once, resolved', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-study-files-'));
  writeFileSync(join(dir, 'd.csv'), 'id,x1,x2,site\nA,Often,Never,s\n');
  writeFileSync(join(dir, 'def.yaml'), `id: two
name: Two items
version: "1"
citation: {authors: [Test], year: 2026, title: Test, source: Test}
licence: {name: CC0, wordingIncluded: false, notes: test}
verification: {verified: true, sources: [test]}
responseOptions: [{code: 1}, {code: 2}, {code: 3}, {code: 4}, {code: 5}]
items: [{id: x1}, {id: x2}]
subscales: [{id: total, items: [x1, x2], rule: {type: sum}}]
`);
  const labels = 'Never: 1\nSeldom: 2\nSometimes: 3\nOften: 4\nAlways: 5\n';
  writeFileSync(join(dir, 'freq.yaml'), labels);
  writeFileSync(join(dir, 'freq2.yaml'), labels);
  writeFileSync(join(dir, 'norms.yaml'), readFileSync('test/fixtures/study/mean-norms-fictional.yaml', 'utf8'));
  const study = parseStudy(
    `name: files
data: { file: d.csv, id: id }
norms: [norms.yaml]
labels: { frequency: freq.yaml, inline: { "Yes": 1 } }
instruments:
  - { name: t, instrument: def.yaml, items: "x{n}", labels: frequency }
  - { name: u, instrument: def.yaml, items: "x{n}", labels: ./freq2.yaml }
  - { name: g, instrument: ghq12, items: "x{n}" }
analyses: [{ type: describe, scores: [t.total] }]
`,
    join(dir, 'study.yaml'),
  );
  assert.deepEqual(studyFiles(study), ['d.csv', 'def.yaml', 'norms.yaml', 'freq.yaml', 'freq2.yaml'].map((f) => join(dir, f)));
});
