/**
 * The report of a study's results as a Report (report-model.ts): title, a methods paragraph generated from the
 * study (sample, missing data, instruments with citations and scoring rules, the tests used, suppression), then
 * per analysis its APA tables, charts and notes, the warnings, and with a qualitative project its themes.
 * Suppressed groups appear only as "suppressed" (with "n < 10" where the group itself is small, as the results
 * and the charts say): their numbers never reach the report.
 */
import type { AnalysisResult, StudyResults } from '../study/study-results.ts';
import type { TestResult } from '../inference/test-result.ts';
import { formatTestResult } from '../inference/format-test-result.ts';
import { chartsForAnalysis, studyLabels } from '../charts/study-charts.ts';
import { groupLabel } from '../charts/group-means-chart.ts';
import { suppressedLabel } from '../psych/describe-suppression.ts';
import type { ScaleSummaryJson } from '../psych/results.ts';
import type { ChartLabels } from '../charts/chart.ts';
import { fmt, fmtCi, fmtP, fmtPercent, fmtUnit } from '../charts/format-number.ts';
import { slug, suppressedCell, type Report, type ReportBlock, type ReportTable } from './report-model.ts';
import { qualBlocks, type QualReportData } from './qual-report.ts';
import { jointDisplayTable } from './joint-display-report.ts';

export interface StudyReportOptions {
  /** ISO date printed on the report (default today). */
  date?: string;
  /** The qualitative part (themes, quotes, matrices), read from a project without its key file. */
  qual?: QualReportData;
}

const TYPE_HEADING: Record<AnalysisResult['type'], string> = {
  describe: 'Descriptive statistics',
  reliability: 'Reliability',
  prevalence: 'Prevalence against norms',
  'norm-means': 'Means against norms',
  benchmark: 'Benchmark',
  'compare-groups': 'Group comparison',
  correlation: 'Correlations',
  regression: 'Linear regression',
  logistic: 'Logistic regression',
  crosstab: 'Cross-tabulation',
  proportion: 'Proportion',
  'one-sample': 'One-sample test',
  paired: 'Paired comparison',
  'goodness-of-fit': 'Goodness of fit',
};

export function buildStudyReport(results: StudyResults, options: StudyReportOptions = {}): Report {
  const labels = studyLabels(results);
  const used = new Set<string>();
  const blocks: ReportBlock[] = [];
  const h = (level: 1 | 2 | 3, text: string) => blocks.push({ kind: 'heading', level, text, id: slug(text, used) });
  if (results.description) blocks.push({ kind: 'paragraph', text: results.description });
  h(1, 'Method');
  blocks.push(...methodBlocks(results, labels));
  h(1, 'Results');
  for (const a of results.analyses) {
    h(2, `${TYPE_HEADING[a.type]}: ${analysisTitle(a, labels)}`);
    blocks.push(...analysisBlocks(a, results, labels));
    for (const chart of chartsForAnalysis(a, labels)) blocks.push({ kind: 'figure', chart });
  }
  if (results.joint_displays?.length) {
    h(1, 'Joint displays');
    for (const j of results.joint_displays) {
      const { heading, table } = jointDisplayTable(j);
      h(2, heading);
      blocks.push(table);
    }
  }
  if (results.warnings.length) {
    h(2, 'Warnings');
    blocks.push({ kind: 'list', items: results.warnings });
  }
  if (options.qual) {
    h(1, 'Qualitative findings');
    for (const b of qualBlocks(options.qual)) blocks.push(b.kind === 'heading' ? { ...b, id: slug(b.text, used) } : b);
  }
  return {
    title: results.study,
    subtitle: `Data: ${results.data.file} (${results.data.rows} rows). Made with Staffwell ${results.staffwell_version}.`,
    date: options.date ?? new Date().toISOString().slice(0, 10),
    blocks,
  };
}

function analysisTitle(a: AnalysisResult, l: ChartLabels): string {
  switch (a.type) {
    case 'describe': {
      const prefixes = new Set(a.scores.map((x) => x.split('.')[0]));
      const what = a.scores.length > 1 && prefixes.size === 1 ? l.score([...prefixes][0]) : a.scores.length <= 3 ? a.scores.map((x) => l.score(x)).join(', ') : `${a.scores.length} scores`;
      return a.by.length ? `${what} by ${a.by.join(' × ')}` : what;
    }
    case 'reliability':
      return l.score(a.instrument);
    case 'prevalence':
      return `${l.score(a.classification)}: ${a.level}`;
    case 'norm-means':
      return l.score(a.score);
    case 'benchmark':
      return l.score(a.instrument);
    case 'compare-groups':
      return `${l.score(a.score)} by ${l.score(a.by)}`;
    case 'correlation':
      return a.scores.length > 4 ? `${a.scores.length} scores` : a.scores.map((s) => l.score(s)).join(', ');
    case 'regression':
    case 'logistic':
      return l.score(a.outcome);
    case 'crosstab':
      return `${l.score(a.rows.variable)} by ${l.score(a.cols.variable)}`;
    case 'proportion':
      return `${l.score(a.variable)}: ${a.level}${a.by ? ` by ${l.score(a.by)}` : ''}`;
    case 'one-sample':
      return l.score(a.variables[0]);
    case 'paired':
      return a.variables.map((v) => l.score(v)).join(' and ');
    case 'goodness-of-fit':
      return l.score(a.variable);
  }
}

function methodBlocks(r: StudyResults, l: ChartLabels): ReportBlock[] {
  const out: ReportBlock[] = [];
  const missing = r.data.missing_codes.length ? `Values ${r.data.missing_codes.map((c) => `“${c}”`).join(', ')} and empty cells were treated as missing` : 'Empty cells were treated as missing';
  const scored = r.instruments
    .flatMap((i) => i.scales.map((s) => `${l.score(`${i.name}.${s.id}`)} (n = ${s.n_scored}, ${s.n_missing} not scored)`))
    .join('; ');
  out.push({
    kind: 'paragraph',
    text:
      `The data file ${r.data.file} holds ${r.data.rows} respondents and ${r.data.columns} columns${r.data.id_column ? ` (respondent id: ${r.data.id_column})` : ''}. ` +
      `${missing}; each analysis uses the respondents with the scores it needs (pairwise for descriptive statistics and Cronbach's alpha, complete cases for the models). Scores: ${scored}.`,
  });
  for (const ins of r.instruments) {
    const rules = ins.scales.map((s) => `${s.label}: ${s.rule}${s.published_rule ? ` (published rule: ${s.published_rule})` : ''}`).join('; ');
    const cls = ins.classifications.map((c) => `${c.label}${c.cutoff !== null ? ` (cut-off ${c.cutoff})` : ''}`).join('; ');
    out.push({
      kind: 'paragraph',
      text: `${ins.instrument_name} (${ins.version}; ${ins.citation}). Scoring${ins.scoring ? ` ${ins.scoring}` : ''}: ${rules}.${cls ? ` Classifications: ${cls}.` : ''}`,
    });
  }
  const tests = [...new Set(r.analyses.flatMap(testsUsed))];
  if (tests.length) out.push({ kind: 'paragraph', text: `Tests and models: ${tests.join('; ')}. Two-sided tests at α = .05; p values are not adjusted across analyses.` });
  out.push({
    kind: 'paragraph',
    text: `Disclosure control, in every table and figure: ${r.suppression.rules.join(' ')} Hidden figures are listed as “suppressed” without their numbers.`,
  });
  return out;
}

function testsUsed(a: AnalysisResult): string[] {
  switch (a.type) {
    case 'describe':
      return ['means with t-based 95% confidence intervals'];
    case 'reliability':
      return ['Cronbach’s alpha (psych::alpha) with Feldt confidence intervals'];
    case 'prevalence':
      return ['exact binomial tests against each norm’s proportion, Wilson 95% intervals' + (a.comparisons.some((c) => c.two_sample) ? ', two-sample tests of proportions (prop.test, Fisher’s exact test)' : '')];
    case 'norm-means':
      return ['one-sample t tests against norm means (Welch’s t test where the norm gives SD and n), Cohen’s d'];
    case 'compare-groups':
      return a.result ? [a.result.method + (a.posthoc ? ` with ${a.posthoc.method} post hoc comparisons` : '')] : [];
    case 'correlation':
      return [`${a.method === 'spearman' ? 'Spearman' : 'Pearson'} correlations`];
    case 'regression':
      return ['ordinary least squares regression'];
    case 'logistic':
      return ['logistic regression (maximum likelihood, Wald intervals)'];
    case 'crosstab':
    case 'goodness-of-fit':
    case 'one-sample':
    case 'paired':
      return a.result ? [a.result.method] : [];
    case 'proportion':
      return [a.binomial, a.prop_test].filter((t): t is TestResult => t !== null).map((t) => t.method);
    default:
      return [];
  }
}

const num = (x: number | null | undefined, d = 2) => fmt(x, d);

function testLine(t: TestResult | null): string {
  return t ? `${t.method}: ${formatTestResult(t)}.` : '';
}

function analysisBlocks(a: AnalysisResult, r: StudyResults, l: ChartLabels): ReportBlock[] {
  switch (a.type) {
    case 'describe': {
      const cols = [
        { label: 'Score', align: 'left' as const },
        ...(a.groups ? [{ label: capitalise(a.by.map((b) => l.score(b)).join(' × ')), align: 'left' as const }] : []),
        { label: 'n', align: 'right' as const },
        { label: 'M', align: 'right' as const },
        { label: 'SD', align: 'right' as const },
        { label: '95% CI', align: 'right' as const },
      ];
      const rows: string[][] = [];
      const groupRows: number[] = [];
      const notes: string[] = [];
      const min = r.suppression.min_group;
      // a score's cells: its figures, or why they are hidden (the whole group's n, or the score's own)
      const cells = (n: number | string | null, suppressed: boolean, v: ScaleSummaryJson | undefined): string[] =>
        suppressed ? [suppressedCell(n), '', '', ''] : !v ? ['', '', '', ''] : v.suppressed ? [suppressedCell(suppressedLabel(v.suppressed, min)), '', '', ''] : [String(v.n), num(v.mean), num(v.sd), fmtCi(v.ci)];
      for (const s of a.scores) {
        const o = a.overall?.scales[s];
        if (!a.groups) {
          rows.push([l.score(s), ...(o || a.overall?.suppressed ? cells(a.overall?.n ?? null, !!a.overall?.suppressed, o) : [suppressedCell(null), '', '', ''])]);
          continue;
        }
        groupRows.push(rows.length);
        if (a.overall) rows.push([l.score(s), 'All', ...cells(a.overall.n, false, o)]);
        a.groups.forEach((g, gi) => {
          const first = !a.overall && gi === 0 ? l.score(s) : '';
          rows.push([first, groupLabel(g.by), ...cells(g.n, g.suppressed, g.scales[s])]);
        });
      }
      if (a.groups?.some((g) => g.suppressed)) notes.push(`Suppressed: groups of fewer than ${min} respondents, and the fewest others needed so that none can be worked out from the total.`);
      const scoreHidden = [a.overall, ...(a.groups ?? [])].some((g) => g && Object.values(g.scales).some((v) => v.suppressed));
      if (scoreHidden) notes.push(`A score's figures are also suppressed where fewer than ${min} respondents of a shown group have that score, with the fewest others needed so that none can be worked out from a total.`);
      notes.push('n is the number of respondents with the score; CI is the t-based 95% confidence interval of the mean.');
      return [table(`${TYPE_HEADING.describe}: ${analysisTitle(a, l)}`, cols, rows, notes, groupRows)];
    }
    case 'reliability': {
      const rows = a.scales.map((s) => [
        l.score(`${a.instrument}.${s.name}`),
        String(s.n_items),
        String(s.n_complete),
        fmtUnit(s.raw_alpha),
        fmtCi(s.alpha_ci_feldt, 2, true),
        fmtUnit(s.std_alpha),
        fmtUnit(s.average_r),
        num(s.mean),
        num(s.sd),
      ]);
      const notes = [`α: Cronbach’s alpha (raw), 95% CI by Feldt’s method; std. α from the correlations; mean r: average inter-item correlation. Missing answers: ${a.missing}. M and SD of the scale's item mean.`];
      if (a.warnings.length) notes.push(a.warnings.map((w) => w.message).join(' '));
      return [
        table(
          `Internal consistency of ${l.score(a.instrument)}`,
          [
            { label: 'Scale', align: 'left' },
            { label: 'Items', align: 'right' },
            { label: 'n (complete)', align: 'right' },
            { label: 'α', align: 'right' },
            { label: '95% CI', align: 'right' },
            { label: 'Std. α', align: 'right' },
            { label: 'Mean r', align: 'right' },
            { label: 'M', align: 'right' },
            { label: 'SD', align: 'right' },
          ],
          rows,
          notes,
        ),
      ];
    }
    case 'prevalence': {
      const rows = [
        ['This sample', `${a.count} / ${a.n}`, fmtPercent(a.proportion), `[${fmtPercent(a.ci_wilson[0])}, ${fmtPercent(a.ci_wilson[1])}]`, '', ''],
        ...a.comparisons.map((c) => [
          `${c.norm.label} (${c.norm.citation})`,
          c.norm.cases !== null && c.norm.n !== null ? `${c.norm.cases} / ${c.norm.n}${c.norm.cases_derived ? '†' : ''}` : '',
          fmt(c.norm.percent, 1),
          c.norm.ci_wilson ? `[${fmtPercent(c.norm.ci_wilson[0])}, ${fmtPercent(c.norm.ci_wilson[1])}]` : '',
          fmtP(c.binomial.p),
          c.comparable ? 'yes' : 'no',
        ]),
      ];
      const notes = ['%: percentage of respondents; 95% CI: Wilson interval; p: exact binomial test of the sample count against the norm’s percentage (two-sided).'];
      if (a.comparisons.some((c) => c.norm.cases_derived)) notes.push('† Number of cases derived from the published percentage.');
      const caveats = [...new Set(a.comparisons.flatMap((c) => c.caveats))];
      if (caveats.length) notes.push(`Comparable: whether the norm's criterion and scoring are known to match the study's. ${caveats.join(' ')}`);
      return [
        table(
          `${l.score(a.classification)}: ${a.level}${a.cutoff !== null ? ` (cut-off ${a.cutoff})` : ''}, sample and norms`,
          [
            { label: 'Group', align: 'left' },
            { label: 'Cases / n', align: 'right' },
            { label: '%', align: 'right' },
            { label: '95% CI', align: 'right' },
            { label: 'p', align: 'right' },
            { label: 'Comparable', align: 'left' },
          ],
          rows,
          notes,
        ),
      ];
    }
    case 'norm-means': {
      const rows = [
        ['This sample', String(a.sample.n), num(a.sample.mean), num(a.sample.sd), '', '', ''],
        ...a.comparisons.map((c) => [
          `${c.norm.label} (${c.norm.citation})`,
          c.norm.n !== null ? String(c.norm.n) : '',
          num(c.norm.mean),
          num(c.norm.sd),
          formatTestResult(c.one_sample).split(', ')[0],
          fmtP(c.one_sample.p),
          num(c.cohens_d.value),
        ]),
      ];
      const caveats = [...new Set(a.comparisons.flatMap((c) => c.caveats))];
      return [
        table(
          `${l.score(a.score)} against norms`,
          ['Group', 'n', 'M', 'SD', 'Test', 'p', 'd'].map((label, i) => ({ label, align: i === 0 || i === 4 ? ('left' as const) : ('right' as const) })),
          rows,
          ['Test: one-sample t test of the sample mean against the norm mean; d: Cohen’s d (standardised by the norm SD where given).', ...caveats],
        ),
      ];
    }
    case 'benchmark': {
      const rows = a.scales.map((s) => [l.score(`${a.instrument}.${s.scale}`), ...(s.suppressed ? [suppressedCell(suppressedLabel(s.suppressed, r.suppression.min_group)), '', ''] : [String(s.n), num(s.mean), s.band ?? ''])]);
      return [table(`${l.score(a.instrument)} against the benchmark`, ['Domain', 'n', 'M', 'Band'].map((label, i) => ({ label, align: i === 1 || i === 2 ? ('right' as const) : ('left' as const) })), rows, [`Benchmark: ${a.norms.join(', ')}.`, ...a.caveats])];
    }
    case 'compare-groups': {
      const rows = a.groups.map((g) => (g.n === null ? [g.level, 'suppressed', '', ''] : [g.level, String(g.n), num(g.mean), num(g.sd)]));
      const notes = [testLine(a.result), ...a.notes].filter(Boolean);
      const out: ReportBlock[] = [table(`${l.score(a.score)} by ${l.score(a.by)}`, ['Group', 'n', 'M', 'SD'].map((label, i) => ({ label, align: i ? ('right' as const) : ('left' as const) })), rows, notes)];
      if (a.posthoc && a.posthoc.comparisons.length) {
        out.push(
          table(
            `Post hoc comparisons (${a.posthoc.method}): ${l.score(a.score)} by ${l.score(a.by)}`,
            ['Comparison', 'Difference', '95% CI', 'p'].map((label, i) => ({ label, align: i ? ('right' as const) : ('left' as const) })),
            a.posthoc.comparisons.map((c) => [`${c.group1} − ${c.group2}`, num(c.difference), c.ci ? fmtCi(c.ci) : '', fmtP(c.p)]),
            [`p adjusted by ${a.posthoc.method}.`],
          ),
        );
      }
      return out;
    }
    case 'correlation': {
      const n = a.scores.length;
      const key = (x: string, y: string) => (x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`);
      const pairs = new Map(a.pairs.map((p) => [key(p.x, p.y), p.result]));
      const rows = a.scores.map((s, i) => [
        `${i + 1}. ${l.score(s)}`,
        ...a.scores.slice(0, n - 1).map((t, j) => {
          if (j >= i) return j === i ? '—' : '';
          const res = pairs.get(key(s, t));
          const est = res && typeof res.estimate === 'number' ? res.estimate : NaN;
          return res ? `${fmtUnit(est)}${res.p < 0.001 ? '***' : res.p < 0.01 ? '**' : res.p < 0.05 ? '*' : ''}` : '';
        }),
      ]);
      const ns = [...new Set(a.pairs.map((p) => (typeof p.result.n === 'number' ? p.result.n : NaN)))].filter(Number.isFinite);
      return [
        table(
          `${a.method === 'spearman' ? 'Spearman' : 'Pearson'} correlations`,
          [{ label: 'Variable', align: 'left' }, ...a.scores.slice(0, n - 1).map((_, j) => ({ label: String(j + 1), align: 'right' as const }))],
          rows,
          [`n = ${ns.length === 1 ? ns[0] : `${Math.min(...ns)}–${Math.max(...ns)}`} (pairwise). * p < .05, ** p < .01, *** p < .001 (two-sided, unadjusted).`],
        ),
      ];
    }
    case 'regression': {
      const rows = a.coefficients.map((c) => [l.score(c.term), num(c.estimate), num(c.se), fmtCi(c.ci), c.term === '(Intercept)' ? '' : num(c.standardized_beta), num(c.statistic), fmtP(c.p)]);
      return [
        table(
          `Linear regression of ${l.score(a.outcome)}`,
          ['Predictor', 'B', 'SE', '95% CI', 'β', 't', 'p'].map((label, i) => ({ label, align: i ? ('right' as const) : ('left' as const) })),
          rows,
          [`n = ${a.n}${a.dropped ? ` (${a.dropped} with missing values left out)` : ''}; R² = ${fmtUnit(a.r_squared, 3)}, adjusted R² = ${fmtUnit(a.adj_r_squared, 3)}; ${formatTestResult(a.model)}.`],
        ),
      ];
    }
    case 'logistic': {
      const rows = a.coefficients.map((c) => [l.score(c.term), num(c.estimate), num(c.se), num(c.odds_ratio), fmtCi(c.or_ci), num(c.statistic), fmtP(c.p)]);
      const notes = [`Outcome: ${l.score(a.outcome)} = ${a.event} (${a.events} of ${a.n}${a.dropped ? `; ${a.dropped} with missing values left out` : ''}). Model against the intercept-only model: ${formatTestResult(a.model)}; AIC = ${num(a.aic)}.`];
      if (!a.converged) notes.push('The fit did not converge: the estimates are not reliable.');
      if (a.separation) notes.push('Separation: a predictor (nearly) determines the outcome; odds ratios and their intervals are not reliable.');
      return [
        table(
          `Logistic regression of ${l.score(a.outcome)}: ${a.event}`,
          ['Predictor', 'B', 'SE', 'OR', '95% CI (OR)', 'z', 'p'].map((label, i) => ({ label, align: i ? ('right' as const) : ('left' as const) })),
          rows,
          notes,
        ),
      ];
    }
    case 'proportion':
    case 'one-sample':
    case 'paired':
    case 'goodness-of-fit':
      return moreBlocks(a, l);
    case 'crosstab': {
      const cell = (x: number | null) => (x === null ? 'suppressed' : String(x));
      const rows = a.rows.levels.map((lv, i) => [lv, ...a.counts[i].map(cell), cell(a.row_totals[i])]);
      const notes = [testLine(a.result), a.cramers_v !== null ? `Cramér’s V = ${fmtUnit(a.cramers_v)}.` : '', ...a.notes].filter(Boolean);
      const sup = [...a.suppressed.rows, ...a.suppressed.cols];
      if (sup.length) notes.push(`Suppressed (in the test, not shown): ${sup.join(', ')}.`);
      return [
        table(
          `${l.score(a.rows.variable)} by ${l.score(a.cols.variable)}`,
          [{ label: l.score(a.rows.variable), align: 'left' }, ...a.cols.levels.map((c) => ({ label: c, align: 'right' as const })), { label: 'Total', align: 'right' }],
          rows,
          notes,
        ),
      ];
    }
  }
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function moreBlocks(a: AnalysisResult, l: ChartLabels): ReportBlock[] {
  switch (a.type) {
    case 'proportion': {
      const right = (label: string) => ({ label, align: 'right' as const });
      const rows = a.groups
        ? a.groups.map((g) => [g.level, `${g.count} / ${g.n}`, fmtPercent(g.proportion)])
        : [['All', `${a.count} / ${a.n}`, fmtPercent(a.proportion), a.ci_wilson ? `[${fmtPercent(a.ci_wilson[0])}, ${fmtPercent(a.ci_wilson[1])}]` : '']];
      for (const s of a.suppressed) rows.push([s, 'suppressed', '', ...(a.groups ? [] : [''])]);
      const notes = [testLine(a.binomial), testLine(a.prop_test), ...a.notes].filter(Boolean);
      if (a.suppressed.length) notes.push('Suppressed groups are left out of the test.');
      return [table(`${l.score(a.variable)}: ${a.level}`, [{ label: a.by ? capitalise(l.score(a.by)) : 'Group', align: 'left' }, right('Count / n'), right('%'), ...(a.groups ? [] : [right('95% CI (Wilson)')])], rows, notes)];
    }
    case 'one-sample':
    case 'paired':
      return [
        table(
          a.type === 'paired' ? `${a.variables.map((v) => l.score(v)).join(' − ')} (differences)` : l.score(a.variables[0]),
          ['n', 'M', 'SD', 'Test'].map((label, i) => ({ label, align: i < 3 ? ('right' as const) : ('left' as const) })),
          [[String(a.n), fmt(a.mean), fmt(a.sd), formatTestResult(a.result)]],
          [`${a.result.method}.`],
        ),
      ];
    case 'goodness-of-fit':
      return [
        table(
          `${l.score(a.variable)}: observed and expected counts`,
          ['Level', 'Observed', 'Expected p', 'Expected', 'Residual'].map((label, i) => ({ label, align: i ? ('right' as const) : ('left' as const) })),
          a.levels.map((v) => [v.level, String(v.count), fmtUnit(v.expected_p, 3), fmt(v.expected, 1), fmt(v.residual)]),
          [testLine(a.result), ...a.notes].filter(Boolean),
        ),
      ];
    default:
      return [];
  }
}

function table(title: string, columns: ReportTable['columns'], rows: string[][], notes: string[], groupRows?: number[]): ReportTable {
  return { kind: 'table', title, columns, rows, notes, ...(groupRows && groupRows.length ? { groupRows } : {}) };
}
