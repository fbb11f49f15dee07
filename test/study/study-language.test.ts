import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectClose } from '../helpers/expect-close.ts';
import { StaffwellError } from '../../src/errors.ts';
import { loadStudy, parseStudy } from '../../src/study/study-file.ts';
import { analyseStudy, readStudyData, runStudy } from '../../src/study/run-study.ts';
import { readTable } from '../../src/data/read-table.ts';
import type {
  CompareGroupsResult,
  CrosstabResult,
  DescribeResult,
  LogisticResult,
  RegressionResult,
  ReliabilityResult,
  StudyResults,
} from '../../src/study/study-results.ts';

/**
 * The study-file language (derived variables, level order and reference levels, inline scales, study scoring
 * rules, answer labels, the {id} pattern) against test/fixtures/r/study-language.json, written by
 * test/fixtures/r/study-language.R from the same data. Tolerance 1e-8 (absolute, relative above 1); counts exactly.
 */
const R = JSON.parse(readFileSync('test/fixtures/r/study-language.json', 'utf8'));
const results: StudyResults = await runStudy(loadStudy('test/fixtures/study/language-study.yaml'));
const byId = <T>(id: string): T => results.analyses.find((a) => a.id === id) as T;
const TOL = { abs: 1e-8, rel: 1e-8 };
const close = (a: number, e: number | null, label: string) => expectClose(a, e, TOL, label);

test('derived recode with other, inline scale with a prorated rule, HSE by the study rule: describe as R', () => {
  const d = byId<DescribeResult>('by-officer');
  for (const [ref, e] of Object.entries(R.by_officer.overall) as [string, { n: number; mean: number; sd: number }][]) {
    assert.equal(d.overall!.scales[ref].n, e.n, `${ref} n`);
    close(d.overall!.scales[ref].mean, e.mean, `${ref} mean`);
    close(d.overall!.scales[ref].sd, e.sd, `${ref} sd`);
  }
  assert.deepEqual(d.groups!.map((g) => g.by.officer), ['Officer', 'Others']);
  for (const g of d.groups!) {
    const e = R.by_officer.groups[g.by.officer as string];
    assert.equal(g.n, e.N);
    for (const ref of ['ghq.total', 'climate', 'hse.demands']) {
      assert.equal(g.scales[ref].n, e[ref].n, `${g.by.officer} ${ref} n`);
      close(g.scales[ref].mean, e[ref].mean, `${g.by.officer} ${ref} mean`);
      close(g.scales[ref].sd, e[ref].sd, `${g.by.officer} ${ref} sd`);
    }
  }
  const hse = results.instruments.find((i) => i.name === 'hse')!;
  for (const s of hse.scales) {
    assert.equal(s.published_rule, 'mean of all items');
    assert.equal(s.rule, 'prorated-mean (min 0.5 of items)');
  }
  assert.ok(results.warnings.some((w) => /every subscale of hse is scored by the study's rule/.test(w)));
  assert.equal(results.instruments.find((i) => i.name === 'climate')!.instrument, '(inline scale)');
});

test('officer vs others: Welch t as R; combined sites listed first (levels) in ANOVA with Tukey as R', () => {
  const t = byId<CompareGroupsResult>('ghq-officer');
  assert.deepEqual(t.groups.map((g) => g.level), ['Officer', 'Others']);
  close(t.result!.statistic, R.ghq_officer.statistic, 't');
  close(t.result!.df as number, R.ghq_officer.df, 'df');
  close(t.result!.p, R.ghq_officer.p, 'p');
  close(t.result!.ci![0], R.ghq_officer.ci[0], 'ci lower');
  close(t.result!.ci![1], R.ghq_officer.ci[1], 'ci upper');
  const a = byId<CompareGroupsResult>('climate-sites');
  assert.deepEqual(a.groups.map((g) => g.level), R.climate_sites.levels);
  close(a.result!.statistic, R.climate_sites.F, 'F');
  close(a.result!.p, R.climate_sites.p, 'F p');
  a.posthoc!.comparisons.forEach((c, i) => {
    assert.equal(`${c.group1}-${c.group2}`, R.climate_sites.tukey.names[i]);
    close(c.difference!, R.climate_sites.tukey.diff[i], `tukey diff ${i}`);
    close(c.p!, R.climate_sites.tukey.p[i], `tukey p ${i}`);
    close(c.ci![0], R.climate_sites.tukey.lwr[i], `tukey lwr ${i}`);
  });
});

test('recode of a classification, recode of a column, cut of a column (left-closed) and of a score (right-closed): crosstabs as R', () => {
  const w = byId<CrosstabResult>('wellbeing-band');
  assert.deepEqual(w.rows.levels, ['well', 'unwell']);
  assert.deepEqual(w.cols.levels, ['Band 3-4', 'Band 5-6']);
  assert.deepEqual(w.counts, R.wellbeing_band.counts);
  close(w.result!.p, R.wellbeing_band.fisher.p, 'fisher p');
  close(w.result!.estimate as number, R.wellbeing_band.fisher.estimate, 'fisher OR');
  const x = byId<CrosstabResult>('demands-experience');
  assert.deepEqual(x.rows.levels, ['low', 'middle', 'high']);
  assert.deepEqual(x.cols.levels, ['< 2', '2 to < 10', '>= 10']);
  assert.deepEqual(x.counts, R.demands_experience.counts);
  close(x.result!.statistic, R.demands_experience.chisq.statistic, 'X2');
  close(x.result!.p, R.demands_experience.chisq.p, 'p');
});

test('reference levels: lm with role reference Administrator (PALS officer listed first), glm with officer reference Others, as R', () => {
  const m = byId<RegressionResult>('ghq-on-role');
  assert.deepEqual(m.coefficients.map((c) => c.term), ['(Intercept)', 'hse.demands', 'rolePALS officer', 'roleImaging support worker', 'rolePsychological wellbeing practitioner']);
  assert.equal(m.n, R.ghq_on_role.n);
  m.coefficients.forEach((c, i) => {
    close(c.estimate, R.ghq_on_role.estimate[i], `${c.term} B`);
    close(c.se, R.ghq_on_role.se[i], `${c.term} SE`);
    close(c.p, R.ghq_on_role.p[i], `${c.term} p`);
    close(c.ci[0], R.ghq_on_role.ci_lower[i], `${c.term} ci lower`);
  });
  close(m.r_squared, R.ghq_on_role.r_squared, 'R2');
  assert.deepEqual(m.factor_levels.role, ['Administrator', 'PALS officer', 'Imaging support worker', 'Psychological wellbeing practitioner']);
  const g = byId<LogisticResult>('unwell-on-officer');
  assert.deepEqual(g.coefficients.map((c) => c.term), ['(Intercept)', 'officerOfficer', 'climate']);
  g.coefficients.forEach((c, i) => {
    close(c.estimate, R.unwell_on_officer.estimate[i], `${c.term} B`);
    close(c.se, R.unwell_on_officer.se[i], `${c.term} SE`);
    close(c.p, R.unwell_on_officer.p[i], `${c.term} p`);
  });
  close(g.deviance, R.unwell_on_officer.deviance, 'deviance');
  close(g.aic, R.unwell_on_officer.aic, 'AIC');
});

test('reliability of an inline scale with a reversed item: psych::alpha as R', () => {
  const r = byId<ReliabilityResult>('climate-alpha');
  close(r.scales[0].raw_alpha, R.climate_alpha.raw_alpha, 'raw alpha');
  close(r.scales[0].std_alpha, R.climate_alpha.std_alpha, 'std alpha');
  close(r.scales[0].average_r, R.climate_alpha.average_r, 'average r');
});

// --- errors ----------------------------------------------------------------------------------------------------

const SOURCE = 'examples/pals/study.yaml';
const HEAD = `name: t
data: { file: ../demo-survey.csv, missing: ["-99"], id: staff_id }
instruments:
  - { name: ghq, instrument: ghq12, items: "ghq_{n}", codes: [0, 1, 2, 3] }
  - { name: hse, instrument: hse-indicator-tool, items: "hse_{n}" }
`;
const DESCRIBE = 'analyses:\n  - { type: describe, scores: [ghq.total] }\n';
const DEMO = await readStudyData(parseStudy(HEAD + DESCRIBE, SOURCE));

function errorOf(text: string, run = false, table = DEMO): StaffwellError {
  try {
    const s = parseStudy(text, SOURCE);
    if (run) analyseStudy(s, table);
  } catch (e) {
    assert.ok(e instanceof StaffwellError, `expected a StaffwellError, got ${(e as Error)?.stack}`);
    return e;
  }
  assert.fail('expected an error');
}

function expectField(text: string, field: string, message: RegExp, run = false): StaffwellError {
  const e = errorOf(text, run);
  assert.equal(e.location.field, field, e.message);
  assert.match(e.message, message);
  return e;
}

test('an unknown key names the key and the nearest valid one (not "a required field is missing")', () => {
  expectField(HEAD + 'analyses:\n  - { type: describe, scroes: [ghq.total] }\n', 'analyses[1].scroes', /unknown field "scroes"; did you mean "scores"\?/);
  expectField(HEAD + 'analyses:\n  - { type: compare-groups, score: ghq.total, by: site, posthock: holm }\n', 'analyses[1].posthock', /did you mean "posthoc"/);
  expectField(HEAD.replace('id: staff_id', 'id: staff_id, grups: [site]') + DESCRIBE, 'data.grups', /unknown field "grups"; did you mean "groups"/);
  expectField(HEAD.replace('codes: [0, 1, 2, 3] }', 'codes: [0, 1, 2, 3], cutoff: { caseness: 4 } }') + DESCRIBE, 'instruments[1].cutoff', /did you mean "cutoffs"/);
  expectField(HEAD + DESCRIBE + 'suppresion: { minGroup: 5 }\n', 'suppresion', /did you mean "suppression"/);
  const e = expectField(HEAD + 'analyses:\n  - { type: describe, scores: [ghq.total], zzz: 1 }\n', 'analyses[1].zzz', /unknown field "zzz"\. The fields here are type, id, scores, by/);
  assert.doesNotMatch(e.message, /did you mean/);
});

test('positions in messages count from 1', () => {
  expectField(HEAD + 'analyses:\n  - { type: describe, scores: [ghq.total] }\n  - { type: describe, scores: [ghq.total, hse.workload] }\n', 'analyses[2].scores[2]', /no subscale, classification or conversion "workload"/);
  expectField(HEAD.replace('codes: [0, 1, 2, 3]', 'codes: [0, 1, 2]') + DESCRIBE, 'instruments[1].codes', /give 4 distinct codes/);
});

test('the {id} item pattern', async () => {
  const s = parseStudy(HEAD.replace('items: "hse_{n}"', 'items: "{id}"') + 'analyses:\n  - { type: describe, scores: [hse.demands] }\n', SOURCE);
  const r = analyseStudy(s, DEMO);
  assert.deepEqual(r.instruments[1].columns.hse_3, 'hse_3');
  expectField(HEAD.replace('items: "hse_{n}"', 'items: "hse_"') + DESCRIBE, 'instruments[2].items', /must contain \{n\} \(item number\) or \{id\}/);
});

test('data.groups: an unknown column gets the nearest names', () => {
  expectField(HEAD.replace('id: staff_id', 'id: staff_id, groups: [Site]') + DESCRIBE, 'data.groups[1]', /no column of this name.*Did you mean "site"/, true);
});

test('derived variables: one way each, values that exist, sources declared before, names free', () => {
  const V = (v: string) => HEAD + `variables:\n${v}\n` + DESCRIBE;
  expectField(V('  a: { from: role }'), 'variables.a', /say how the variable is derived: recode, combine or cut/);
  expectField(V('  a: { from: role, recode: { x: [PALS officer] }, cut: [1] }'), 'variables.a', /give one of recode, combine and cut, not recode and cut/);
  expectField(V('  a: { from: role, recode: { x: [PALS officer], y: [PALS officer, Administrator] } }'), 'variables.a.recode.y[1]', /already listed under "x"/);
  expectField(V('  a: { from: years_in_post, cut: [10, 2] }'), 'variables.a.cut[2]', /cut points must increase/);
  expectField(V('  a: { from: years_in_post, cut: [2, 10], labels: [low, high] }'), 'variables.a.labels', /2 cut point\(s\) make 3 groups/);
  expectField(V('  a: { from: ghq.caseness, recode: { x: [cases] }, other: y }'), 'variables.a.recode.x[1]', /not a level of ghq.caseness.*did you mean "case"/i);
  expectField(V('  a: { from: ghq.caseness, cut: [1] }'), 'variables.a.cut', /holds categories; only a number can be cut/);
  expectField(V('  a: { from: hse.demands, recode: { x: [1] } }'), 'variables.a.recode', /is a score; group a score with cut/);
  expectField(V('  a: { from: b, recode: { x: [y] } }\n  b: { from: role, recode: { y: [PALS officer] }, other: z }'), 'variables.a.from', /declared before it/);
  expectField(V('  ghq: { from: role, recode: { x: [PALS officer] }, other: y }'), 'variables.ghq', /already used by an instrument/);
  expectField(V('  role: { from: site, recode: { x: [Lakeside Unit] }, other: y }'), 'variables.role', /data file .* has a column of this name/, true);
  const e = expectField(V('  a: { from: role, recode: { Officer: [PALS officer] } }').replace(DESCRIBE, 'analyses:\n  - { type: compare-groups, score: ghq.total, by: a }\n'), 'variables.a.recode', /3 value\(s\) of role are not listed: "Administrator" \(68\)/, true);
  assert.match(e.message, /catch them with `other: <level>`/);
  expectField(V('  a: { from: role, recode: { x: [PALS officer] }, other: y }').replace(DESCRIBE, 'analyses:\n  - { type: describe, scores: [a] }\n'), 'analyses[1].scores[1]', /a derived variable of categories; this field needs a number/);
});

test('a derived value that no row has is a warning naming the nearest value', () => {
  const s = parseStudy(HEAD + 'variables:\n  a: { from: role, recode: { x: [PALS Oficer] }, other: y }\nanalyses:\n  - { type: crosstab, rows: a, cols: ghq.caseness }\n', SOURCE);
  const r = analyseStudy(s, DEMO);
  assert.ok(r.warnings.some((w) => /variables\.a: no respondent has role = "PALS Oficer" \(did you mean "PALS officer"\?\)/.test(w)), r.warnings.join('\n'));
});

test('levels: categorical variables only; listed levels exist (known levels at parse time, data levels at run time)', () => {
  expectField(HEAD + 'levels:\n  ghq.total: [a]\n' + DESCRIBE, 'levels.ghq.total', /ghq.total is a subscale; level order is for categorical variables/);
  expectField(HEAD + 'levels:\n  ghq.caseness: { reference: cases }\n' + DESCRIBE, 'levels.ghq.caseness.reference', /not a level of ghq.caseness.*did you mean "case"/i);
  expectField(HEAD + 'levels:\n  ghq.caseness: [case, case]\n' + DESCRIBE, 'levels.ghq.caseness[2]', /listed twice/);
  expectField(HEAD + 'levels:\n  role: { reference: PALS oficer }\nanalyses:\n  - { type: regression, outcome: ghq.total, predictors: [role] }\n', 'levels.role.reference', /no respondent has this level of role.*did you mean "PALS officer"/i, true);
});

test('inline scales and study rules: checked against the items and the published metric', () => {
  const S = (s: string) => HEAD + `scales:\n${s}\n` + DESCRIBE;
  expectField(S('  c: { items: [hse_1, hse_2], reversed: [hse_3], codes: [1, 2, 3, 4, 5], rule: mean }'), 'scales.c.reversed[1]', /reversed item must be one of the items/);
  expectField(S('  c: { items: [hse_1, hse_2], codes: [1, 2, 3, 4, 5], rule: { type: prorated-mean, minAnswered: 3 } }'), 'scales.c.rule.minAnswered', /more than the 2 items/);
  expectField(S('  ghq: { items: [hse_1, hse_2], codes: [1, 2, 3, 4, 5], rule: sum }'), 'scales.ghq', /already used by an instrument/);
  expectField(S('  c: { items: [hse_1, hse_2], codes: [1, 2, 3, 4, 5], rule: sum }').replace(DESCRIBE, 'analyses:\n  - { type: compare-groups, score: ghq.total, by: c }\n'), 'analyses[1].by', /c is a scale score; this field needs categories/);
  const R = (rules: string) => HEAD.replace('codes: [0, 1, 2, 3] }', `codes: [0, 1, 2, 3], rules: ${rules} }`) + DESCRIBE;
  expectField(R('{ total: mean }'), 'instruments[1].rules.total', /total is published as a sum and caseness, likert_distress are computed from it; a mean would change its metric/);
  expectField(R('{ totl: sum }'), 'instruments[1].rules.totl', /no subscale "totl".*did you mean "total"/i);
  const ok = parseStudy(R('{ total: { type: prorated-sum, minAnswered: 10 } }'), SOURCE);
  assert.deepEqual(ok.definitions.ghq.subscales[0].rule, { type: 'prorated-sum', minAnswered: 10 });
  assert.deepEqual(ok.scoring[0].publishedRules, { total: { type: 'sum' } });
});

// --- answer labels ---------------------------------------------------------------------------------------------

const LABELS = ['Never', 'Seldom', 'Sometimes', 'Often', 'Always'];

/** The demo survey with the HSE items written as labels, in mixed case and spacing, with NBSP and a line break. */
function labelledCopy(dir: string, mangle: (row: number, col: number, label: string) => string): string {
  const lines = readFileSync('examples/demo-survey.csv', 'utf8').trimEnd().split('\n');
  const header = lines[0].split(',');
  const hse = header.map((h, j) => (/^hse_\d+$/.test(h) ? j : -1)).filter((j) => j >= 0);
  const out = [lines[0]];
  for (let i = 1; i < lines.length; i++) {
    const f = lines[i].split(',');
    for (const j of hse) if (/^[1-5]$/.test(f[j])) f[j] = `"${mangle(i, j, LABELS[Number(f[j]) - 1])}"`;
    out.push(f.join(','));
  }
  const p = join(dir, 'labelled.csv');
  writeFileSync(p, out.join('\n') + '\n');
  return p;
}

test('answer labels: text answers (any case, spacing, quotes) score exactly as their codes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-labels-'));
  const styles = [(l: string) => l, (l: string) => ` ${l.toUpperCase()} `, (l: string) => l.toLowerCase().replace('o', 'o'), (l: string) => `${l}\u00a0`, (l: string) => l.replace(/(.)/, '$1')];
  labelledCopy(dir, (i, j, l) => styles[(i + j) % styles.length](l));
  writeFileSync(join(dir, 'freq.yaml'), 'Never: 1\nSeldom: 2\nSometimes: 3\nOften: 4\nAlways: 5\n');
  const text = (labels: string) => `name: labels
data: { file: labelled.csv, missing: ["-99"] }
labels: { frequency: freq.yaml }
instruments:
  - { name: hse, instrument: hse-indicator-tool, items: "hse_{n}", labels: ${labels} }
analyses:
  - { type: describe, scores: [hse.*] }
  - { type: reliability, instrument: hse }
`;
  const numeric = await runStudy(parseStudy(`name: n\ndata: { file: ../../examples/demo-survey.csv, missing: ["-99"] }\ninstruments: [{ name: hse, instrument: hse-indicator-tool, items: "hse_{n}" }]\nanalyses:\n  - { type: describe, scores: [hse.*] }\n  - { type: reliability, instrument: hse }\n`, 'test/study/numeric.yaml'));
  for (const labels of ['frequency', 'freq.yaml', '{ never: 1, seldom: 2, sometimes: 3, often: 4, always: 5 }']) {
    const r = await runStudy(parseStudy(text(labels), join(dir, 'study.yaml')));
    assert.deepEqual(r.analyses, numeric.analyses, labels);
  }
});

test('answer labels: every unmatched label is listed with its count and lines; declared missing codes are not', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-labels-'));
  labelledCopy(dir, (i, j, l) => (i === 5 && j === 7 ? 'Oftne' : i === 9 && j === 7 ? 'oftne' : i === 12 ? 'Prefer not to say' : l));
  const text = (missing: string) => `name: labels
data: { file: labelled.csv, missing: [${missing}] }
instruments:
  - { name: hse, instrument: hse-indicator-tool, items: "hse_{n}", labels: { Never: 1, Seldom: 2, Sometimes: 3, Often: 4, Always: 5 } }
analyses:
  - { type: describe, scores: [hse.*] }
`;
  const s = parseStudy(text('"-99"'), join(dir, 'study.yaml'));
  const table = await readTable(join(dir, 'labelled.csv'), { missing: { all: ['-99'] } });
  let e: StaffwellError | undefined;
  try {
    analyseStudy(s, table);
  } catch (x) {
    e = x as StaffwellError;
  }
  assert.ok(e instanceof StaffwellError);
  assert.equal(e.code, 'out-of-range');
  assert.match(e.message, /answers match no label/);
  assert.match(e.message, /"Oftne" in column hse_3: 1 answer, line 6/);
  assert.match(e.message, /"oftne" in column hse_3: 1 answer, line 10/);
  assert.match(e.message, /"Prefer not to say" in column hse_1: 1 answer, line 13/);
  assert.match(e.message, /declare them missing-value codes/);
  // "Prefer not to say" declared missing: only the misspellings are left
  const s2 = parseStudy(text('"-99", "Prefer not to say"'), join(dir, 'study.yaml'));
  const t2 = await readStudyData(s2);
  assert.throws(() => analyseStudy(s2, t2), (x: StaffwellError) => !/Prefer not/.test(x.message) && /2 answers match no label/.test(x.message));
});

test('answer labels: two labels that read the same with different codes, and an unknown set name', () => {
  expectField(HEAD.replace('items: "hse_{n}" }', 'items: "hse_{n}", labels: { Agree: 4, " agree ": 5 } }') + DESCRIBE, 'instruments[2].labels. agree ', /two labels read the same but have different codes \("Agree" = 4\)/);
  expectField('labels: { agree5: { Agree: 4 } }\n' + HEAD.replace('items: "hse_{n}" }', 'items: "hse_{n}", labels: agree6 }') + DESCRIBE, 'instruments[2].labels', /no answer-label set of this name.*did you mean "agree5"/i);
});

test('tests in every form from a study file match R: prop.test one- and k-sample (correct on and off), binom.test, one-sample and paired t and Wilcoxon with CIs, Kendall, Fisher r×c, McNemar, goodness of fit, rank-sum HL', () => {
  type T = { statistic: number; p: number; estimate?: number | Record<string, number>; ci?: [number, number]; df?: number | number[] };
  const same = (r: T, e: { statistic: number | null; p: number; estimate?: unknown; ci?: number[] | null; df?: unknown }, label: string, withEstimate = true) => {
    if (e.statistic !== null && e.statistic !== undefined) close(r.statistic, e.statistic, `${label} statistic`);
    close(r.p, e.p, `${label} p`);
    if (r.df !== undefined && typeof e.df === 'number') close(r.df as number, e.df, `${label} df`);
    if (withEstimate && typeof e.estimate === 'number') close(r.estimate as number, e.estimate, `${label} estimate`);
    if (e.ci) {
      close(r.ci![0], e.ci[0], `${label} ci lower`);
      close(r.ci![1], e.ci[1], `${label} ci upper`);
    }
  };
  const prop = (id: string) => byId<import('../../src/study/study-results.ts').ProportionResult>(id);
  same(prop('officer-share').prop_test!, R.officer_share.prop, 'officer-share prop.test');
  same(prop('officer-share').binomial!, R.officer_share.binom, 'officer-share binom.test');
  same(prop('officer-share-uncorrected').prop_test!, R.officer_share_uncorrected.prop, 'uncorrected prop.test');
  same(prop('unwell-by-sites').prop_test!, R.unwell_by_sites, 'k-sample prop.test', false);
  same(prop('unwell-by-officer').prop_test!, R.unwell_by_officer, '2-sample prop.test', false);
  const loc = (id: string) => byId<import('../../src/study/study-results.ts').LocationTestResult>(id).result;
  for (const [id, key] of [['climate-mid', 'climate_mid'], ['climate-mid-t', 'climate_mid_t'], ['climate-demands-t', 'climate_demands_t'], ['climate-demands-w', 'climate_demands_w']])
    same(loc(id), R[key], id);
  const cor = byId<import('../../src/study/study-results.ts').CorrelationResult>('kendall');
  same(cor.pairs[0].result, R.kendall, 'kendall');
  same(byId<CrosstabResult>('demands-experience-fisher').result!, R.demands_experience_fisher, 'fisher r×c');
  same(byId<CrosstabResult>('high-mcnemar').result!, R.high_mcnemar, 'mcnemar');
  const gof = (id: string) => byId<import('../../src/study/study-results.ts').GoodnessOfFitResult>(id).result;
  same(gof('sites-even'), R.sites_even, 'gof equal');
  same(gof('band-gof'), R.band_gof, 'gof given p');
  same(byId<CompareGroupsResult>('officer-mw').result!, R.officer_mw, 'rank sum with HL');
});
