import { formatP, formatTestResult } from '../inference/format-test-result.ts';
import type { TestResult } from '../inference/test-result.ts';
import type { ScaleSummaryJson } from '../psych/results.ts';
import type {
  GoodnessOfFitResult,
  LocationTestResult,
  ProportionResult,
  AnalysisResult,
  BenchmarkResult,
  CompareGroupsResult,
  CorrelationResult,
  CrosstabResult,
  DescribeResult,
  LogisticResult,
  NormMeansResult,
  PrevalenceResult,
  RegressionResult,
  ReliabilityResult,
  StudyResults,
  JointDisplayJson,
} from './study-results.ts';

/**
 * A readable text summary of study results: one section per analysis, tables in fixed-width columns and tests as
 * APA-style lines (formatTestResult). Kept apart from computing; the numbers are rounded only here.
 */
export function formatStudySummary(r: StudyResults): string {
  const out: string[] = [];
  out.push(r.study, '='.repeat(Math.min(100, r.study.length)), '');
  if (r.description) out.push(wrap(r.description, 100), '');
  out.push(`Data: ${r.data.file} (${r.data.rows} rows, ${r.data.columns} columns${r.data.id_column ? `, id ${r.data.id_column}` : ''})`);
  if (r.data.missing_codes.length) out.push(`Missing codes: ${r.data.missing_codes.join(', ')}`);
  out.push(wrap(`Release rule: ${r.suppression.rules.join(' ')}`, 100), `Staffwell ${r.staffwell_version}`, '');
  out.push('Instruments', '-----------');
  for (const ins of r.instruments) {
    out.push(`${ins.name}: ${ins.instrument === '(inline scale)' ? 'inline scale' : ins.instrument_name}${ins.scoring ? `, scoring ${ins.scoring}` : ''}${ins.codes ? `, data codes ${ins.codes.join('/')}` : ''}`);
    for (const s of ins.scales)
      out.push(
        `  ${scoreRef(ins.name, s.id)}: ${s.label} (${s.rule}${s.published_rule ? ` set by the study; published: ${s.published_rule}` : ''}, ${s.n_items} items); scored ${s.n_scored}, missing ${s.n_missing}`,
      );
    for (const c of ins.classifications)
      out.push(`  ${ins.name}.${c.id}: ${c.bands.map((b) => `${b.label} ${b.count}`).join(', ')}${c.n_missing ? `, missing ${c.n_missing}` : ''}`);
  }
  out.push('');
  for (const a of r.analyses) {
    const title = `${a.id} (${a.type})`;
    out.push(title, '-'.repeat(title.length));
    out.push(...formatAnalysis(a, r.suppression), '');
  }
  if (r.joint_displays?.length) {
    out.push('Joint displays', '--------------');
    for (const j of r.joint_displays) out.push(`${j.id}: ${jointDisplayLine(j.display)}`);
    out.push('  (the tables are in results.json; staffwell mixed joint PROJECT TYPE --html FILE prints one)', '');
  }
  if (r.warnings.length) {
    out.push('Warnings', '--------');
    for (const w of r.warnings) out.push(`- ${w}`);
    out.push('');
  }
  return out.join('\n');
}

function jointDisplayLine(d: JointDisplayJson['display']): string {
  const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
  switch (d.display) {
    case 'statistics-by-themes':
      return `statistics by ${d.unit}, ${plural(d.rows.length, d.unit === 'themes' ? 'theme' : 'code')} with ${d.scores.map((x) => x.ref).concat(d.classifications.map((x) => x.ref)).join(', ') || 'no survey variables'}`;
    case 'case-comparison':
      return `case comparison of ${plural(d.rows.length, d.unit === 'themes' ? 'theme' : 'code')} by ${d.by.ref} (${d.groups.map((g) => `${g.label} ${g.participants.length}`).join(', ')})${d.score ? `, with ${d.score.ref}` : ''}`;
    case 'side-by-side': {
      const fits = Object.entries(d.fits).filter(([, n]) => n > 0).map(([f, n]) => `${f} ${n}`);
      return `side by side "${d.name}", ${plural(d.rows.length, 'row')}${fits.length ? ` (${fits.join(', ')})` : ''}`;
    }
  }
}

/** One analysis' lines; `rule` (the results' release rule) lets a hidden score say what it fell short of. */
export function formatAnalysis(a: AnalysisResult, rule?: Pick<StudyResults['suppression'], 'min_group'>): string[] {
  switch (a.type) {
    case 'describe':
      return formatDescribe(a, rule?.min_group);
    case 'reliability':
      return formatReliability(a);
    case 'prevalence':
      return formatPrevalence(a);
    case 'norm-means':
      return formatNormMeans(a);
    case 'benchmark':
      return formatBenchmark(a);
    case 'compare-groups':
      return formatCompare(a);
    case 'correlation':
      return formatCorrelation(a);
    case 'regression':
      return formatRegression(a);
    case 'logistic':
      return formatLogistic(a);
    case 'crosstab':
      return formatCrosstab(a);
    case 'proportion':
      return formatProportion(a);
    case 'one-sample':
    case 'paired':
      return formatLocation(a);
    case 'goodness-of-fit':
      return formatGoodnessOfFit(a);
  }
}

function ciText(ci: readonly number[] | null | undefined, d = 2): string {
  return ci ? `[${num(ci[0], d)}, ${num(ci[1], d)}]` : '';
}

function formatProportion(a: ProportionResult): string[] {
  const out = [`  ${a.variable} = "${a.level}": ${a.count} of ${a.n} = ${pct(a.proportion)}`];
  if (a.groups) {
    out.push(...table([a.by ?? '', 'count', 'n', '%'], a.groups.map((g) => [g.level, String(g.count), String(g.n), pct(g.proportion)])));
    if (a.suppressed.length) out.push(`  in the test, not shown (fewer respondents than the threshold): ${a.suppressed.join(', ')}`);
  }
  if (a.prop_test) out.push(`  ${a.prop_test.method}: ${apa(a.prop_test)}`);
  if (a.binomial) out.push(`  ${a.binomial.method}: ${apa(a.binomial)} (Clopper–Pearson); Wilson CI ${ciText(a.ci_wilson, 3)}`);
  for (const n of a.notes) out.push(`  Note: ${n}`);
  return out;
}

function formatLocation(a: LocationTestResult): string[] {
  const what = a.type === 'paired' ? `${a.variables[0]} − ${a.variables[1]}` : a.variables[0];
  return [`  ${what}: n = ${a.n}, mean ${num(a.mean)} (SD ${num(a.sd)})`, `  ${a.result.method}: ${apa(a.result)}`];
}

function formatGoodnessOfFit(a: GoodnessOfFitResult): string[] {
  const out = table(['level', 'count', 'expected %', 'expected', 'residual'], a.levels.map((l) => [l.level, String(l.count), pct(l.expected_p), num(l.expected, 1), num(l.residual)]));
  out.push(`  ${a.result.method}: ${apa(a.result)}`);
  for (const n of a.notes) out.push(`  Note: ${n}`);
  return out;
}

/** `<instrument>.<scale>`, or an inline scale's own name (its one scale is named after it). */
function scoreRef(instrument: string, scale: string): string {
  return instrument === scale ? instrument : `${instrument}.${scale}`;
}

function num(x: number | null | undefined, d = 2): string {
  if (x === null || x === undefined || Number.isNaN(x)) return 'NA';
  const s = x.toFixed(d);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

function pct(x: number): string {
  return Number.isNaN(x) ? 'NA' : `${(x * 100).toFixed(1)}%`;
}

function table(header: string[], rows: string[][], rightFrom = 1): string[] {
  const w = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (r: string[]) => r.map((c, j) => (j >= rightFrom ? c.padStart(w[j]) : c.padEnd(w[j]))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].map((l) => `  ${l}`);
}

function summaryCells(s: ScaleSummaryJson | undefined, minGroup: number | undefined): string[] {
  if (!s) return ['', '', '', ''];
  // a score hidden in a shown group: fewer respondents have it than the minimum group size (primary), or it would
  // give such a cell away (complementary)
  if (s.suppressed) return [s.suppressed === 'primary' ? `suppressed (${minGroup === undefined ? 'small n' : `n < ${minGroup}`})` : 'suppressed', '', '', ''];
  return [String(s.n), num(s.mean), num(s.sd), `[${num(s.ci[0])}, ${num(s.ci[1])}]`];
}

function formatDescribe(a: DescribeResult, minGroup: number | undefined): string[] {
  const out: string[] = [];
  const overall = a.overall;
  if (overall) out.push(...table(['score', 'n', 'mean', 'sd', '95% CI'], a.scores.map((s) => [s, ...(overall.suppressed ? ['suppressed', '', '', ''] : summaryCells(overall.scales[s], minGroup))])));
  else out.push('  (no overall row: suppression.overall is false)');
  if (a.groups) {
    out.push('', `  by ${a.by.join(' × ')}:`);
    const grows: string[][] = [];
    for (const g of a.groups) {
      const label = a.by.map((b) => String(g.by[b] ?? '(missing)')).join(' / ');
      if (g.suppressed) {
        grows.push([label, String(g.n), 'suppressed', '', '', '', '']);
        continue;
      }
      a.scores.forEach((s, j) => grows.push([j === 0 ? label : '', j === 0 ? String(g.n) : '', s, ...summaryCells(g.scales[s], minGroup)]));
    }
    out.push(...table(['group', 'N', 'score', 'n', 'mean', 'sd', '95% CI'], grows, 1));
  }
  return out;
}

function formatReliability(a: ReliabilityResult): string[] {
  const rows = a.scales.map((s) => [
    scoreRef(a.instrument, s.name),
    String(s.n_items),
    String(s.n_complete),
    num(s.raw_alpha),
    `[${num(s.alpha_ci_feldt[0])}, ${num(s.alpha_ci_feldt[1])}]`,
    num(s.std_alpha),
    num(s.average_r),
  ]);
  const out = table(['scale', 'items', 'complete', 'alpha', '95% CI (Feldt)', 'std.alpha', 'average r'], rows);
  out.push(`  Cronbach's alpha as psych::alpha (${a.missing} missing data), reversed items keyed "-".`);
  return out;
}

function line(label: string, t: TestResult): string {
  return `  ${label}: ${apa(t)}`;
}

/** The APA line without a leading method name (printed when a test has no statistic, e.g. Fisher's). */
function apa(t: TestResult): string {
  const s = formatTestResult(t);
  return s.startsWith(`${t.method}, `) ? s.slice(t.method.length + 2) : s;
}

/** "< .001", ".042", "1.000". */
function pCell(p: number): string {
  return formatP(p).replace(/^p = /, '').replace(/^p /, '');
}

function formatPrevalence(a: PrevalenceResult): string[] {
  const out = [
    `  ${a.classification} = "${a.level}"${a.cutoff !== null ? ` (cut-off ${a.cutoff})` : ''}: ${a.count} of ${a.n} = ${pct(a.proportion)}, ` +
      `95% CI [${pct(a.ci_clopper_pearson[0])}, ${pct(a.ci_clopper_pearson[1])}] (Clopper–Pearson), [${pct(a.ci_wilson[0])}, ${pct(a.ci_wilson[1])}] (Wilson)`,
  ];
  for (const c of a.comparisons) {
    out.push('', `  vs ${c.norm.label}: ${c.norm.percent}%${c.norm.n !== null ? ` of ${c.norm.n_approximate ? 'about ' : ''}${c.norm.n}` : ''} — ${c.norm.citation}`);
    out.push(line('exact binomial test', c.binomial) + `, h = ${num(c.cohens_h)}`);
    if (c.two_sample) {
      out.push(line('two samples, prop.test', c.two_sample.prop_test));
      out.push(line("Fisher's exact test", c.two_sample.fisher));
      out.push(line('risk difference', c.two_sample.risk_difference));
      out.push(line('risk ratio', c.two_sample.risk_ratio));
      out.push(line('odds ratio', c.two_sample.odds_ratio));
    }
    for (const cv of c.caveats) out.push(`  CAVEAT: ${cv}`);
  }
  return out;
}

function formatNormMeans(a: NormMeansResult): string[] {
  const out = [`  ${a.score}: n = ${a.sample.n}, M = ${num(a.sample.mean)}, SD = ${num(a.sample.sd)}`];
  for (const c of a.comparisons) {
    out.push('', `  vs ${c.norm.label}: M = ${c.norm.mean}${c.norm.sd !== null ? `, SD = ${c.norm.sd}` : ''}${c.norm.n !== null ? `, n = ${c.norm.n}` : ''} — ${c.norm.citation}`);
    out.push(line('one-sample t test against the norm mean', c.one_sample));
    if (c.welch) out.push(line("Welch's t test against the norm sample", c.welch));
    out.push(`  Cohen's d = ${num(c.cohens_d.value)} (${c.cohens_d.standardiser})`);
    for (const cv of c.caveats) out.push(`  CAVEAT: ${cv}`);
  }
  return out;
}

function formatBenchmark(a: BenchmarkResult): string[] {
  const out = table(
    ['scale', 'n', 'mean', 'band'],
    a.scales.map((s) => [`${a.instrument}.${s.scale}`, ...(s.suppressed ? ['suppressed', '', ''] : [String(s.n), num(s.mean), s.band ?? '(no band)'])]),
  );
  if (a.groups) {
    out.push('', `  by ${a.by.join(' × ')}:`);
    const scales = a.scales.map((s) => s.scale);
    const rows = a.groups.map((g) => [
      a.by.map((b) => String(g.by[b] ?? '(missing)')).join(' / '),
      String(g.n),
      ...scales.map((s) => (g.suppressed || g.bands[s]?.suppressed ? 'suppressed' : `${num(g.bands[s]?.mean)} ${g.bands[s]?.band ?? ''}`.trim())),
    ]);
    out.push(...table(['group', 'N', ...scales], rows));
  }
  for (const cv of a.caveats) out.push(`  CAVEAT: ${cv}`);
  return out;
}

function formatCompare(a: CompareGroupsResult): string[] {
  const out = table(['group', 'n', 'mean', 'sd'], a.groups.map((g) => (g.n === null ? [g.level, 'suppressed', '', ''] : [g.level, String(g.n), num(g.mean), num(g.sd)])));
  if (a.suppressed.length) out.push(`  in the test, figures not shown: ${a.suppressed.join(', ')}`);
  if (a.result) out.push(`  ${a.result.method}: ${formatTestResult(a.result)}`);
  if (a.posthoc) {
    out.push(`  post hoc: ${a.posthoc.method}`);
    out.push(
      ...table(
        ['comparison', 'difference', 'p', 'CI'],
        a.posthoc.comparisons.map((c) => [`${c.group1} − ${c.group2}`, c.difference === null ? 'suppressed' : num(c.difference), c.p === null ? '' : pCell(c.p), c.ci ? `[${num(c.ci[0])}, ${num(c.ci[1])}]` : '']),
      ).map((l) => `  ${l}`),
    );
  }
  for (const n of a.notes) out.push(`  Note: ${n}`);
  return out;
}

function formatCorrelation(a: CorrelationResult): string[] {
  return table(
    ['x', 'y', 'n', a.method === 'pearson' ? 'r' : a.method === 'kendall' ? 'tau' : 'rho', 'p', '95% CI'],
    a.pairs.map((p) => [
      p.x,
      p.y,
      String(p.result.n),
      num(p.result.estimate as number),
      pCell(p.result.p),
      p.result.ci ? `[${num(p.result.ci[0])}, ${num(p.result.ci[1])}]` : '',
    ]),
    2,
  );
}

function formatRegression(a: RegressionResult): string[] {
  const out = [`  ${a.outcome} ~ ${a.predictors.join(' + ')}`, `  n = ${a.n} (${a.dropped} incomplete rows left out), R² = ${num(a.r_squared, 3)}, adjusted R² = ${num(a.adj_r_squared, 3)}`];
  out.push(`  ${formatTestResult(a.model)}`);
  out.push(
    ...table(
      ['term', 'B', 'SE', 't', 'p', '95% CI', 'beta'],
      a.coefficients.map((c) => [c.term, num(c.estimate, 3), num(c.se, 3), num(c.statistic), pCell(c.p), `[${num(c.ci[0], 3)}, ${num(c.ci[1], 3)}]`, Number.isNaN(c.standardized_beta) ? '' : num(c.standardized_beta)]),
    ),
  );
  return out;
}

function formatLogistic(a: LogisticResult): string[] {
  const out = [
    `  ${a.outcome} = "${a.event}" ~ ${a.predictors.join(' + ')}`,
    `  n = ${a.n} (${a.events} events; ${a.dropped} incomplete rows left out), deviance = ${num(a.deviance)} on ${a.df_residual} df (null ${num(a.null_deviance)} on ${a.df_null}), AIC = ${num(a.aic)}`,
    `  model vs intercept only: ${formatTestResult(a.model)}`,
  ];
  out.push(
    ...table(
      ['term', 'B', 'SE', 'z', 'p', 'OR', '95% CI (Wald)'],
      a.coefficients.map((c) => [c.term, num(c.estimate, 3), num(c.se, 3), num(c.statistic), pCell(c.p), num(c.odds_ratio), `[${num(c.or_ci[0])}, ${num(c.or_ci[1])}]`]),
    ),
  );
  if (!a.converged || a.separation) out.push('  WARNING: separation or no convergence; estimates are not trustworthy.');
  return out;
}

function formatCrosstab(a: CrosstabResult): string[] {
  const cell = (x: number | null) => (x === null ? 'suppressed' : String(x));
  const rows = a.rows.levels.map((l, i) => [l, ...a.counts[i].map(cell), cell(a.row_totals[i])]);
  rows.push(['total', ...a.col_totals.map(cell), String(a.n)]);
  const out = [`  ${a.rows.variable} × ${a.cols.variable}`, ...table(['', ...a.cols.levels, 'total'], rows)];
  if (a.suppressed.rows.length) out.push(`  suppressed rows (in the test): ${a.suppressed.rows.join(', ')}`);
  if (a.suppressed.cols.length) out.push(`  suppressed columns (in the test): ${a.suppressed.cols.join(', ')}`);
  if (a.result) out.push(`  ${a.result.method}: ${apa(a.result)}${a.test === 'fisher' && a.cramers_v !== null ? `, φ = ${num(a.cramers_v)}` : ''}`);
  for (const n of a.notes) out.push(`  Note: ${n}`);
  return out;
}

function wrap(text: string, width: number): string {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    if (cur && cur.length + 1 + w.length > width) {
      lines.push(cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) lines.push(cur);
  return lines.join('\n');
}

/** How the study was run (`staffwell run --explain`): the engine's plan, each analysis' cost, the phases' times. */
export function formatEngine(r: StudyResults): string {
  const e = r.engine;
  if (!e) return 'The study ran in memory (an analysis has no streaming plan).\n';
  const kinds = new Map<string, number>();
  for (const k of e.accumulators) kinds.set(k, (kinds.get(k) ?? 0) + 1);
  const lines = [
    `One streaming scan of ${e.columns_read} of the ${r.data.columns} columns, ${r.data.rows} rows${e.lane_rows !== undefined ? ` (${e.lane_rows} through the coded lane)` : ''}, into ${e.accumulators.length} accumulators (${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')}).`,
    ...e.analyses.map((a) => `  ${a.id} (${a.type}): ${a.cost}${a.seconds !== undefined ? ` [${a.seconds.toFixed(3)} s]` : ''}`),
  ];
  if (e.seconds) lines.push(`Seconds: plan and id check ${e.seconds.plan.toFixed(3)}, scan (parse, accumulate, merge) ${e.seconds.scan.toFixed(3)}, results ${e.seconds.values.toFixed(3)}.`);
  return lines.join('\n') + '\n';
}
