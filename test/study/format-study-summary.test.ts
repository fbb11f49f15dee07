import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatAnalysis } from '../../src/study/format-study-summary.ts';
import type { DescribeResult } from '../../src/study/study-results.ts';

const shown = (n: number, mean: number) => ({ n, mean, sd: 1, se: 1 / Math.sqrt(n), ci: [mean - 1, mean + 1] as [number, number] });
const hidden = (kind: 'primary' | 'complementary') => ({ n: NaN, mean: NaN, sd: NaN, se: NaN, ci: [NaN, NaN] as [number, number], suppressed: kind });

const describe: DescribeResult = {
  id: 'by-site',
  type: 'describe',
  scores: ['ghq.total', 'hse.demands'],
  by: ['site'],
  overall: { n: 40, suppressed: false, scales: { 'ghq.total': shown(40, 11), 'hse.demands': shown(38, 3.1) } },
  groups: [
    { by: { site: 'North' }, n: 22, suppressed: false, scales: { 'ghq.total': shown(22, 10), 'hse.demands': hidden('primary') } },
    { by: { site: 'South' }, n: 18, suppressed: false, scales: { 'ghq.total': shown(18, 12), 'hse.demands': hidden('complementary') } },
  ],
  distributions: null,
};

test('a score hidden in a released group says the threshold it fell short of; one hidden to protect it says only "suppressed"', () => {
  const lines = formatAnalysis(describe, { min_group: 10 });
  const [north, south] = lines.filter((l) => l.includes('hse.demands') && l.includes('suppressed'));
  assert.match(north, /hse\.demands\s+suppressed \(n < 10\)$/);
  assert.match(south, /hse\.demands\s+suppressed$/);
  assert.ok(lines.some((l) => /North\s+22\s+ghq\.total\s+22\s+10\.00/.test(l)), lines.join('\n'));
});

test('without the release rule (a caller formatting one analysis) the hidden score says "small n"', () => {
  assert.ok(formatAnalysis(describe).some((l) => /suppressed \(small n\)$/.test(l)));
});
