/**
 * Chart builders: each on a fixed result object, its SVG compared with a golden file (UPDATE_GOLDEN=1 to
 * regenerate; coordinates rounded to 6 significant digits and Plot's class name normalised), plus what the
 * charts must never do (draw a suppressed group) and must always have (title, alt text, axis labels).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { roundNumbersForGolden } from '../helpers/golden.ts';
import { studyResults } from '../../src/services/study-run.ts';
import type { BenchmarkResult, CorrelationResult, NormMeansResult, PrevalenceResult, StudyResults } from '../../src/study/study-results.ts';
import type { CodeMatrix } from '../../src/qual/matrices.ts';
import {
  benchmarkChart,
  chartSvg,
  chartsForStudy,
  codeFrequencyChart,
  correlationHeatmap,
  groupMeansChart,
  histogramBins,
  saturationChart,
  studyLabels,
  themeGridChart,
  type Chart,
} from '../../src/charts/index.ts';

const pals = JSON.parse(readFileSync('test/fixtures/charts/pals-results.json', 'utf8')) as StudyResults;
const qual = JSON.parse(readFileSync('test/fixtures/charts/qual-results.json', 'utf8'));
const matrix: CodeMatrix = { ...qual.matrix, counts: Int32Array.from(qual.matrix.counts) };

/** Bands made up for the test (Staffwell ships no HSE benchmark numbers). */
const benchmark: BenchmarkResult = {
  id: 'hse-benchmark',
  type: 'benchmark',
  instrument: 'hse',
  norms: ['test-bands'],
  by: [],
  scales: ['demands', 'control', 'role'].map((scale, i) => ({
    scale,
    norm: 'test-bands',
    n: 200,
    mean: 3 + 0.3 * i,
    band: 'middle',
    bands: [
      { label: 'low', min: null, max: null, above: null, below: 2.8 },
      { label: 'middle', min: 2.8, max: 3.4, above: null, below: null },
      { label: 'high', min: null, max: null, above: 3.4, below: null },
    ],
  })),
  groups: null,
  caveats: [],
};

function allCharts(): Chart[] {
  return [
    ...chartsForStudy(pals).flatMap((x) => x.charts),
    benchmarkChart(benchmark, studyLabels(pals)),
    codeFrequencyChart(matrix),
    saturationChart(qual.saturation),
    themeGridChart(qual.recurrence),
  ];
}

function normalise(svg: string): string {
  return roundNumbersForGolden(svg, 6).replace(/plot-[0-9a-f]{6}/g, 'plot-X').replace(/></g, '>\n<');
}

test('every chart kind is drawn from the fixed results', () => {
  const kinds = new Set(allCharts().map((c) => c.kind));
  for (const k of ['likert', 'item-statistics', 'group-means', 'prevalence-forest', 'benchmark-bands', 'correlation-heatmap', 'coefficients', 'code-frequencies', 'saturation', 'theme-grid', 'score-distribution'])
    assert.ok(kinds.has(k as Chart['kind']), `no ${k} chart`);
});

test('golden SVG of each chart (UPDATE_GOLDEN=1 to regenerate)', () => {
  const update = process.env.UPDATE_GOLDEN === '1';
  mkdirSync('test/golden/charts', { recursive: true });
  for (const chart of allCharts()) {
    const file = `test/golden/charts/${chart.id}.svg`;
    const svg = normalise(chartSvg(chart, { title: true }));
    if (update || !existsSync(file)) writeFileSync(file, svg);
    assert.equal(svg, readFileSync(file, 'utf8'), `${file} differs (UPDATE_GOLDEN=1 to regenerate after checking the chart)`);
  }
});

test('charts are standalone SVG with title, alt text and labelled axes', () => {
  for (const chart of allCharts()) {
    const svg = chartSvg(chart);
    assert.match(svg.slice(0, svg.indexOf('>')), /^<svg .*xmlns="http:\/\/www.w3.org\/2000\/svg"/, chart.id);
    assert.match(svg, new RegExp(`<title id="${chart.id}-title">`), chart.id);
    assert.ok(chart.alt.length > 40, `${chart.id}: alt text too short`);
    assert.ok(svg.includes('role="img"'), chart.id);
    assert.ok(chart.title.length > 5, chart.id);
    const x = chart.plot.x as { label?: string | null } | undefined;
    if (!['correlation-heatmap', 'code-frequencies', 'theme-grid'].includes(chart.kind)) assert.ok(x?.label, `${chart.id}: no x-axis label`);
  }
});

test('a suppressed group keeps its row as "suppressed" and is never drawn as a mean', () => {
  const d = pals.analyses.find((a) => a.id === 'hse-by-site');
  assert.ok(d && d.type === 'describe' && d.groups);
  const suppressed = d.groups.filter((g) => g.suppressed);
  assert.ok(suppressed.length >= 2, 'the fixture has suppressed sites');
  const chart = groupMeansChart(d, ['hse.demands'])!;
  const marks = chart.plot.marks as { data?: { group: string; suppressed: boolean }[] }[];
  const dots = marks.find((m) => (m as { ariaLabel?: string }).ariaLabel === 'dot') as { data: { group: string }[] };
  for (const g of suppressed) {
    const label = String(Object.values(g.by)[0]);
    assert.ok(!dots.data.some((r) => r.group === label), `${label} drawn`);
  }
  const svg = chartSvg(chart);
  assert.equal((svg.match(/>suppressed</g) ?? []).length, suppressed.length);
  assert.match(chart.notes.join(' '), /Suppressed/);
});

test('user text in a chart is escaped in the SVG', () => {
  const evil = { ...matrix, cols: [{ id: 'x', label: '<script>alert(1)</script>' }, ...matrix.cols.slice(1)] };
  const svg = chartSvg(codeFrequencyChart(evil));
  assert.ok(!svg.includes('<script>'), 'raw <script> in the SVG');
  assert.ok(svg.includes('&lt;script&gt;'));
});

test('score distribution: lattice bins (whole numbers, eighths), round-width bins otherwise; counts add up', () => {
  const sum = histogramBins({ values: [0, 1, 3], counts: [5, 2, 1] });
  assert.equal(sum.step, 1);
  assert.deepEqual(sum.bins.map((b) => [b.x1, b.x2, b.count]), [[-0.5, 0.5, 5], [0.5, 1.5, 2], [1.5, 2.5, 0], [2.5, 3.5, 1]]);
  const eighths = histogramBins({ values: [1, 1.125, 1.5, 5], counts: [1, 2, 3, 4] });
  assert.equal(eighths.step, 1 / 8);
  assert.equal(eighths.bins.length, 33);
  assert.equal(eighths.bins.reduce((s, b) => s + b.count, 0), 10);
  const wide = histogramBins({ values: [0.013, 3.7, 99.2], counts: [1, 1, 1] });
  assert.equal(wide.step, null);
  assert.equal(wide.bins[0].x2 - wide.bins[0].x1, 5);
  assert.equal(wide.bins.reduce((s, b) => s + b.count, 0), 3);
});

test('score distribution: drawn for a describe without groups, with the cut-off of the same scoring only', () => {
  const charts = chartsForStudy(pals).find((x) => x.analysis === 'describe-scores')!.charts;
  assert.deepEqual(charts.map((c) => c.kind), new Array(charts.length).fill('score-distribution'));
  const ghq = charts.find((c) => c.id === 'describe-scores.score-distribution.ghq.total')!;
  // GHQ caseness (GHQ method, 4+) is on the GHQ-scored total; the Likert cut-off (13) is not drawn on it
  assert.match(ghq.alt, /GHQ caseness \(GHQ method\): 70 at or above 4\./);
  const lines = ghq.notes.filter((n) => n.startsWith('Dashed line'));
  assert.deepEqual(lines, ['Dashed line: GHQ caseness (GHQ method), 4 or more.']);
  assert.doesNotMatch(ghq.alt, /Likert/);
  assert.match(ghq.alt, /over 218 respondents/);
  const svg = chartSvg(ghq, { title: true });
  assert.match(svg, /stroke-dasharray="4,3"/);
});

test('correlation heat map: every x score named under its column, level when it fits, turned when long, never cut off', () => {
  const result = pals.analyses.find((a): a is CorrelationResult => a.type === 'correlation')!;
  const cases: [string, (ref: string) => string, boolean][] = [
    ['labels of the study', studyLabels(pals).score, true],
    ['short names', (ref) => ref.split('.').map((p) => p.slice(0, 2).toUpperCase()).join('.'), false],
    ['very long names', (ref) => `${studyLabels(pals).score(ref)} — a very long label indeed`, true],
  ];
  for (const [what, score, rotated] of cases) {
    const chart = correlationHeatmap(result, { score });
    const svg = chartSvg(chart);
    const names = result.scores.map(score);
    const group = /<g transform="translate\(([-\d.]+),([-\d.]+)\)"[^>]*aria-label="x-axis tick label">(.*?)<\/g>/s.exec(svg);
    assert.ok(group, `${what}: no x tick labels`);
    const labels = [...group[3].matchAll(/<text transform="translate\(([-\d.]+),([-\d.]+)\)( rotate\(-?\d+\))?"[^>]*>([^<]*)<\/text>/g)];
    const unescape = (s: string) => s.replace(/&#39;|&apos;/g, "'").replace(/&amp;/g, '&');
    assert.deepEqual(labels.map((m) => unescape(m[4])), names.slice(0, -1), `${what}: x labels`);
    assert.equal(labels.every((m) => Boolean(m[3])), rotated, `${what}: rotated`);
    const width = Number(chart.plot.width);
    const height = Number(chart.plot.height);
    for (const m of labels) {
      // the label's far end, at ~6 px a character: left and down along the rotation, or centred when level
      const x = Number(group[1]) + Number(m[1]);
      const y = Number(group[2]) + Number(m[2]);
      const w = [...unescape(m[4])].reduce((sum, c) => sum + (/[A-Z0-9]/.test(c) ? 7 : 6), 0);
      const [x0, x1, y1] = m[3] ? [x - w * Math.cos(Math.PI / 4.5), x, y + w * Math.sin(Math.PI / 4.5)] : [x - w / 2, x + w / 2, y + 10];
      assert.ok(x0 >= 0 && x1 <= width && y1 <= height, `${what}: "${m[4]}" cut off (${x0.toFixed(0)}..${x1.toFixed(0)}, ${y1.toFixed(0)} in ${width}×${height})`);
    }
  }
});

test('score distribution: the norms the study compares a score with, their means drawn where comparable, each cited', async () => {
  // PWP compares resilience (BRS mean) with Smith et al.'s mean: a dotted line at the norm's mean, cited in the notes
  const pwp = await studyResults('examples/pwp/study.yaml');
  const nm = pwp.analyses.find((a): a is NormMeansResult => a.type === 'norm-means')!;
  const norm = nm.comparisons[0].norm;
  assert.equal(nm.score, 'brs.total');
  assert.equal(nm.comparisons[0].comparable, true);
  const brs = chartsForStudy(pwp).find((x) => x.analysis === 'overall')!.charts.find((c) => c.id === 'overall.score-distribution.brs.total')!;
  const svg = chartSvg(brs);
  assert.equal((svg.match(/stroke-dasharray="1.5,2.5"/g) ?? []).length, 1, 'one dotted norm line');
  assert.ok(svg.includes(`>Norm M = ${norm.mean.toFixed(2)}<`));
  const note = brs.notes.find((n) => n.startsWith('Dotted line'));
  assert.ok(note, 'a note for the norm line');
  assert.ok(note.includes(norm.label) && note.includes(norm.citation), note);
  assert.match(brs.alt, new RegExp(`Norm mean ${norm.mean.toFixed(2)}`));
  // a norm not comparable (another scoring: another scale) is named and cited, never drawn
  const other = { ...pwp, analyses: pwp.analyses.map((a) => (a === nm ? { ...nm, comparisons: nm.comparisons.map((c) => ({ ...c, comparable: false })) } : a)) };
  const brs2 = chartsForStudy(other).find((x) => x.analysis === 'overall')!.charts.find((c) => c.id === brs.id)!;
  assert.ok(!chartSvg(brs2).includes('1.5,2.5'));
  assert.ok(brs2.notes.some((n) => n.startsWith('Not drawn') && n.includes(norm.citation)));
  // PALS compares GHQ caseness (a cut-off of the GHQ total) with prevalence norms: each norm's percentage beside the
  // sample's share at the drawn cut-off, cited, and marked when not comparable
  const ghq = chartsForStudy(pals).find((x) => x.analysis === 'describe-scores')!.charts.find((c) => c.id === 'describe-scores.score-distribution.ghq.total')!;
  const prev = pals.analyses.find((a): a is PrevalenceResult => a.type === 'prevalence')!;
  const cases = (() => {
    const d = (pals.analyses.find((a) => a.id === 'describe-scores') as { distributions: Record<string, { values: number[]; counts: number[] }> }).distributions['ghq.total'];
    return [d.counts.reduce((s, k, i) => s + (d.values[i] >= prev.cutoff! ? k : 0), 0), d.counts.reduce((s, k) => s + k, 0)];
  })();
  assert.deepEqual(cases, [prev.count, prev.n], 'the histogram counts the same cases as the prevalence analysis');
  const prevNote = ghq.notes.find((x) => x.includes('in the norms:'))!;
  assert.ok(prevNote.startsWith(`GHQ caseness (GHQ method): ${((100 * prev.count) / prev.n).toFixed(1)}% of this sample at or above 4; in the norms: `), prevNote);
  for (const c of prev.comparisons) {
    const at = prevNote.indexOf(`${c.norm.label}, ${c.norm.percent.toFixed(1)}%${c.comparable ? '' : ' (not comparable)'} (`);
    assert.ok(at > 0, c.norm.label);
    assert.ok(prevNote.includes(c.norm.citation.replace(/\.$/, '')), c.norm.citation);
  }
});

test('score distribution: a norm mean in a panel of several scores, its label inside the chart near the right edge', () => {
  // a FICTIONAL norm (tests only) on one HSE domain: drawn in that panel only
  const norm = { id: 'test-hse', label: 'FICTIONAL HSE demands mean (tests only)', instrument: 'hse', scale: 'demands', scoring: 'mean of items 1-5', threshold: null, population: 'none', citation: 'Staffwell tests (2026).', mean: 4.9, sd: 0.5, n: 100 };
  const nm: NormMeansResult = { id: 'nm', type: 'norm-means', score: 'hse.demands', sample: { n: 1, mean: 1, sd: 1 }, comparisons: [{ norm, comparable: true, caveats: [], one_sample: {} as never, welch: null, cohens_d: { value: 0, standardiser: 'sample SD' } }] };
  const results = { ...pals, analyses: [...pals.analyses, nm] };
  const hse = chartsForStudy(results).find((x) => x.analysis === 'describe-scores')!.charts.find((c) => c.id === 'describe-scores.score-distribution.hse.demands')!;
  const svg = chartSvg(hse);
  assert.equal((svg.match(/stroke-dasharray="1.5,2.5"/g) ?? []).length, 1);
  const label = /<g[^>]*text-anchor="(start|end)"[^>]*>(?:(?!<\/g>).)*>Norm M = 4\.90</s.exec(svg);
  assert.ok(label, 'the norm label');
  assert.equal(label[1], 'end', 'left of a line near the right edge');
  assert.ok(hse.notes.some((n) => n.startsWith('Dotted line (HSE Demands): the mean of the norm FICTIONAL HSE demands mean') && n.endsWith('Staffwell tests (2026).')));
});
