import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { expectClose } from '../helpers/expect-close.ts';
import { loadStudy } from '../../src/study/study-file.ts';
import { runStudy } from '../../src/study/run-study.ts';
import type {
  CompareGroupsResult,
  CorrelationResult,
  CrosstabResult,
  DescribeResult,
  LogisticResult,
  PrevalenceResult,
  RegressionResult,
  StudyResults,
} from '../../src/study/study-results.ts';

/**
 * The PALS example study against test/fixtures/r/study-pals.json, written by test/fixtures/r/study-pals.R, which
 * scores GHQ-12 caseness and the HSE domains by the published rules in R and runs binom.test, prop.test,
 * fisher.test, oneway.test, pairwise.t.test, TukeyHSD, cor.test, lm, glm and chisq.test. Tolerance: 1e-8
 * absolute (relative for values above 1) for every quantity; counts and sizes exactly.
 */
const R = JSON.parse(readFileSync('test/fixtures/r/study-pals.json', 'utf8'));
const results: StudyResults = await runStudy(loadStudy('examples/pals/study.yaml'));
const byId = <T>(id: string): T => results.analyses.find((a) => a.id === id) as T;
const TOL = { abs: 1e-8, rel: 1e-8 };
let maxDiff = 0;
function close(actual: number, expected: number | null, label: string, tol = TOL): void {
  expectClose(actual, expected, tol, label);
  if (expected !== null && Number.isFinite(expected) && Number.isFinite(actual)) {
    const d = Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
    if (tol === TOL && d > maxDiff) maxDiff = d;
  }
}

test('describe: n, mean, sd of every score match R', () => {
  const d = byId<DescribeResult>('describe-scores');
  for (const [ref, e] of Object.entries(R.describe) as [string, { n: number; mean: number; sd: number }][]) {
    const s = d.overall!.scales[ref];
    assert.equal(s.n, e.n, `${ref} n`);
    close(s.mean, e.mean, `${ref} mean`);
    close(s.sd, e.sd, `${ref} sd`);
  }
});

test('prevalence: binom.test, prop.test and fisher.test against each norm match R', () => {
  const p = byId<PrevalenceResult>('ghq-caseness');
  assert.equal(p.count, R.prevalence.count);
  assert.equal(p.n, R.prevalence.n);
  close(p.ci_wilson[0], R.prevalence.wilson[0], 'wilson lower');
  close(p.ci_wilson[1], R.prevalence.wilson[1], 'wilson upper');
  for (const c of p.comparisons) {
    const e = R.prevalence.comparisons[c.norm.id];
    assert.ok(e, c.norm.id);
    close(c.binomial.p, e.binomial.p, `${c.norm.id} binom p`);
    close(c.binomial.ci![0], e.binomial.ci[0], `${c.norm.id} binom ci lower`);
    close(c.binomial.ci![1], e.binomial.ci[1], `${c.norm.id} binom ci upper`);
    const t = c.two_sample!;
    close(t.prop_test.statistic, e.prop_test.statistic, `${c.norm.id} prop.test X2`);
    close(t.prop_test.p, e.prop_test.p, `${c.norm.id} prop.test p`);
    close(t.prop_test.ci![0], e.prop_test.ci[0], `${c.norm.id} prop.test ci lower`);
    close(t.prop_test.ci![1], e.prop_test.ci[1], `${c.norm.id} prop.test ci upper`);
    close(t.fisher.p, e.fisher.p, `${c.norm.id} fisher p`);
    close(t.fisher.estimate as number, e.fisher.estimate, `${c.norm.id} fisher OR`);
    close(t.fisher.ci![0], e.fisher.ci[0], `${c.norm.id} fisher ci lower`);
    close(t.fisher.ci![1], e.fisher.ci[1], `${c.norm.id} fisher ci upper`);
  }
  const cc = p.comparisons.find((c) => c.norm.id === 'ghq12-call-centre-charbotel-2009')!;
  assert.equal(cc.comparable, false);
  assert.match(cc.caveats.join(' '), /Different criterion/);
});

test('compare-groups: Welch t, Welch ANOVA with Holm pairwise t tests, ANOVA with Tukey HSD, suppressed sites as R', () => {
  const w = byId<CompareGroupsResult>('wellbeing-by-caseness');
  const e = R.wellbeing_by_caseness;
  assert.equal(w.result!.method, 'Welch Two Sample t-test');
  close(w.result!.statistic, e.statistic, 'welch t');
  close(w.result!.df as number, e.df, 'welch t df');
  close(w.result!.p, e.p, 'welch t p');
  close(w.result!.ci![0], e.ci[0], 'welch t ci lower');
  close(w.result!.ci![1], e.ci[1], 'welch t ci upper');
  const est = w.result!.estimate as Record<string, number>;
  close(est['mean of x'], e.estimate[0], 'mean of cases');
  close(est['mean of y'], e.estimate[1], 'mean of non-cases');
  const j = byId<CompareGroupsResult>('jss-by-site');
  assert.deepEqual(j.suppressed, [...R.jss_by_site.suppressed].sort());
  close(j.result!.statistic, R.jss_by_site.welch.statistic, 'welch F');
  close((j.result!.df as number[])[1], R.jss_by_site.welch.df[1], 'welch df2');
  close(j.result!.p, R.jss_by_site.welch.p, 'welch p');
  // a comparison with a hidden group is in the Holm adjustment (the released p values are R's) but shows no p
  const hidden = new Set(j.suppressed);
  j.posthoc!.comparisons.forEach((c, i) => {
    if (hidden.has(c.group1) || hidden.has(c.group2)) assert.deepEqual([c.p, c.statistic, c.difference, c.ci], [null, null, null, null], `${c.group1} - ${c.group2}`);
    else close(c.p!, R.jss_by_site.holm[i], `holm p ${c.group1} - ${c.group2}`);
  });
  assert.ok(j.posthoc!.comparisons.some((c) => c.p !== null) && j.posthoc!.comparisons.some((c) => c.p === null), 'both kinds in the fixture');
  const g = byId<CompareGroupsResult>('ghq-by-role');
  close(g.result!.statistic, R.ghq_by_role.anova.statistic, 'anova F');
  close(g.result!.p, R.ghq_by_role.anova.p, 'anova p');
  g.posthoc!.comparisons.forEach((c, i) => {
    close(c.difference!, R.ghq_by_role.tukey.diff[i], `tukey diff ${i}`);
    close(c.ci![0], R.ghq_by_role.tukey.lwr[i], `tukey lwr ${i}`);
    close(c.ci![1], R.ghq_by_role.tukey.upr[i], `tukey upr ${i}`);
    close(c.p!, R.ghq_by_role.tukey.p[i], `tukey p ${i}`);
  });
});

test('correlation: pairwise n, r, p and CI of every pair match cor.test', () => {
  const c = byId<CorrelationResult>('correlations');
  assert.equal(c.pairs.length, R.correlations.length);
  c.pairs.forEach((p, i) => {
    const e = R.correlations[i];
    assert.equal(`${p.x}|${p.y}`, `${e.x}|${e.y}`);
    assert.equal(p.result.n, e.n);
    close(p.result.estimate as number, e.estimate, `${p.x}~${p.y} r`);
    close(p.result.statistic, e.statistic, `${p.x}~${p.y} t`);
    close(p.result.p, e.p, `${p.x}~${p.y} p`);
    close(p.result.ci![0], e.ci[0], `${p.x}~${p.y} ci lower`);
    close(p.result.ci![1], e.ci[1], `${p.x}~${p.y} ci upper`);
  });
});

test('regression (lm) and logistic regression (glm) match R', () => {
  const r = byId<RegressionResult>('swemwbs-on-hse');
  const e = R.regression;
  assert.equal(r.n, e.n);
  close(r.r_squared, e.r_squared, 'R2');
  close(r.adj_r_squared, e.adj_r_squared, 'adj R2');
  close(r.sigma, e.sigma, 'sigma');
  close(r.model.statistic, e.f, 'F');
  close(r.model.p, e.f_p, 'F p');
  r.coefficients.forEach((c, i) => {
    close(c.estimate, e.estimate[i], `${c.term} B`);
    close(c.se, e.se[i], `${c.term} SE`);
    close(c.statistic, e.t[i], `${c.term} t`);
    close(c.p, e.p[i], `${c.term} p`);
    close(c.ci[0], e.ci_lower[i], `${c.term} ci lower`);
    close(c.ci[1], e.ci_upper[i], `${c.term} ci upper`);
  });
  const l = byId<LogisticResult>('caseness-on-hse');
  const g = R.logistic;
  assert.equal(l.n, g.n);
  assert.equal(l.iterations, g.iterations);
  assert.equal(l.events, g.events);
  close(l.deviance, g.deviance, 'deviance');
  close(l.null_deviance, g.null_deviance, 'null deviance');
  close(l.aic, g.aic, 'AIC');
  close(l.model.p, g.lr_p, 'LR p');
  l.coefficients.forEach((c, i) => {
    close(c.estimate, g.estimate[i], `${c.term} B`);
    close(c.se, g.se[i], `${c.term} SE`);
    close(c.statistic, g.z[i], `${c.term} z`);
    close(c.p, g.p[i], `${c.term} p`);
    close(c.odds_ratio, g.or[i], `${c.term} OR`);
    close(c.or_ci[0], g.or_lower[i], `${c.term} OR lower`);
    close(c.or_ci[1], g.or_upper[i], `${c.term} OR upper`);
  });
});

test('crosstab: counts, suppressed sites (in the test), chi-squared and Cramér\'s V match R', () => {
  const c = byId<CrosstabResult>('caseness-by-site');
  assert.deepEqual(c.suppressed.cols, [...R.crosstab.suppressed].sort());
  // hidden sites' columns are null; every other count is R's
  const hidden = c.cols.levels.map((l) => c.suppressed.cols.includes(l));
  assert.deepEqual(c.counts, R.crosstab.counts.map((row: number[]) => row.map((x, j) => (hidden[j] ? null : x))));
  close(c.result!.statistic, R.crosstab.chisq.statistic, 'X2');
  close(c.result!.p, R.crosstab.chisq.p, 'p');
  close(c.cramers_v!, R.crosstab.cramers_v, 'V');
});

test('max relative difference from R', () => {
  // printed for the report
  console.log(`study-pals: max |difference| / max(1, |R|) over the 1e-8 quantities = ${maxDiff.toExponential(2)}`);
  assert.ok(maxDiff <= 1e-8);
});
