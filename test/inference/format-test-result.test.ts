import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatP, formatTestResult } from '../../src/inference/format-test-result.ts';
import type { TestResult } from '../../src/inference/test-result.ts';
import { correlationTest } from '../../src/inference/correlation-test.ts';
import { fisherTest2x2 } from '../../src/inference/fisher-test-2x2.ts';

const base = { n: 43, alternative: 'two.sided' as const };

test('formatTestResult prints a Welch t test as in APA style', () => {
  const r: TestResult = {
    ...base,
    method: 'Welch Two Sample t-test',
    statistic: 2.1012,
    statisticName: 't',
    df: 41.318,
    p: 0.04172,
    estimate: { 'mean of x': 3.4, 'mean of y': 3.1 },
    ci: [0.0213, 0.8788],
    confLevel: 0.95,
    effectSize: { name: 'd', value: 0.4503 },
  };
  assert.equal(formatTestResult(r), 't(41.3) = 2.10, p = .042, d = 0.45, 95% CI [0.02, 0.88]');
});

test('formatTestResult prints F with two df, χ² with N, and p below .001', () => {
  const f: TestResult = { ...base, method: 'ANOVA', statistic: 3.896, statisticName: 'F', df: [3, 43], p: 0.01506 };
  assert.equal(formatTestResult(f), 'F(3, 43) = 3.90, p = .015');
  const x: TestResult = { ...base, n: 171, method: "Pearson's Chi-squared test", statistic: 12.3456, statisticName: 'X-squared', df: 3, p: 0.00063 };
  assert.equal(formatTestResult(x), 'χ²(3, N = 171) = 12.35, p < .001');
});

test('formatTestResult prints r with df and no leading zero, and an odds ratio with its interval', () => {
  const r = correlationTest([1, 2, 3, 4, 5, 6], [2, 1, 4, 3, 6, 5]);
  assert.match(formatTestResult(r), /^r\(4\) = \.83, p = \.\d{3}, 95% CI \[\.\d\d, \.98\]$/);
  const f = fisherTest2x2([[7, 2], [1, 9]]);
  assert.match(formatTestResult(f), /^Fisher's Exact Test for Count Data, p = \.00\d, OR = \d+\.\d\d, 95% CI \[\d+\.\d\d, \d+\.\d\d\]$/);
});

test('formatP follows APA: three decimals, no leading zero, NA for undefined', () => {
  assert.equal(formatP(0.0004), 'p < .001');
  assert.equal(formatP(0.5), 'p = .500');
  assert.equal(formatP(1), 'p = 1.000');
  assert.equal(formatP(NaN), 'p = NA');
});
