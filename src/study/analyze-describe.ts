import { makeTable, type Column } from '../data/table.ts';
import type { Keys } from '../psych/keys.ts';
import { describe } from '../psych/describe.ts';
import { reliability } from '../psych/alpha.ts';
import { valueCountsAdd, valueCountsInit, valueCountsTable } from '../stats/value-counts.ts';
import type { PercentileBandsNorm } from '../norms/norm.ts';
import { expandRefs, pos, type AnalysisSpec } from './study-file.ts';
import { releaseOptions, releasedGroups } from './release-rule.ts';
import { numericVariable, type StudyContext } from './study-variables.ts';
import type { BenchmarkResult, DescribeResult, ReliabilityResult } from './study-results.ts';

type Spec<T extends AnalysisSpec['type']> = Extract<AnalysisSpec, { type: T }>;

/**
 * n, mean, sd, se and 95% CI of each score, overall and by groups, through psych's group-summary accumulator
 * (one single-item "scale" per score, so its mean is the score itself) and its small-group suppression.
 */
export function runDescribe(ctx: StudyContext, a: Spec<'describe'>, id: string, at: string): DescribeResult {
  const scores = expandRefs(ctx.study, a.scores);
  const by = a.by ?? [];
  const d = describeScores(ctx, scores, (j) => `${at}.scores${pos(j)}`, by, (j) => `${at}.by${pos(j)}`);
  const overall = by.length && !releaseOptions(ctx.study).overall ? null : d.overall;
  const distributions =
    by.length || d.overall.suppressed
      ? null
      : // a score hidden overall (fewer respondents have it than the threshold) shows no distribution either
        Object.fromEntries(
          scores.map((s, j) => [s, d.overall.scales[s]?.suppressed ? null : ctx.engine ? ctx.engine.valueCounts(s) : scoreValueCounts(numericVariable(ctx, s, `${at}.scores${pos(j)}`).values)]),
        );
  return { id, type: 'describe', scores, by, overall, groups: d.groups, distributions };
}

/** Most distinct values a score's distribution keeps (more: no histogram). */
export const DISTRIBUTION_LIMIT = 4096;

/** A score's value counts, or null with more than {@link DISTRIBUTION_LIMIT} distinct values. */
export function scoreValueCounts(values: Float64Array): { values: number[]; counts: number[] } | null {
  const st = valueCountsInit(DISTRIBUTION_LIMIT);
  valueCountsAdd(st, values);
  return st.overflow ? null : valueCountsTable(st);
}

/** psych's describe over study variables (score refs as column names). */
export function describeScores(
  ctx: StudyContext,
  scores: readonly string[],
  scoreField: (j: number) => string,
  by: readonly string[],
  byField: (j: number) => string,
): { overall: NonNullable<DescribeResult['overall']>; groups: DescribeResult['groups'] } {
  if (ctx.engine) {
    const all = ctx.engine.describe(scores, []).groups[0];
    return { overall: { n: all.n, suppressed: all.suppressed, scales: all.scales }, groups: by.length ? ctx.engine.describe(scores, by).groups : null };
  }
  const cols: Column[] = scores.map((r, j) => ({ kind: 'number', name: r, values: numericVariable(ctx, r, scoreField(j)).values }));
  const groupCols: Column[] = by.map((r, j) => {
    const g = releasedGroups(ctx, r, byField(j));
    return { kind: 'text', name: r, codes: g.codes, dictionary: g.levels };
  });
  const table = makeTable({ source: ctx.table.source, columns: [...cols, ...groupCols], nrows: ctx.table.nrows });
  const keys: Keys = { source: ctx.study.source, scales: scores.map((r) => ({ name: r, items: [{ name: r, reversed: false }] })) };
  const all = describe(table, keys, { by: [], minGroupSize: ctx.minGroup }).groups[0];
  const overall = { n: all.n, suppressed: all.suppressed, scales: all.scales };
  const groups = by.length ? describe(table, keys, { by, minGroupSize: ctx.minGroup }).groups : null;
  return { overall, groups };
}

/** psych::alpha of each subscale on its mapped item columns, reversed items keyed with "-". */
export function runReliability(ctx: StudyContext, a: Spec<'reliability'>, id: string, _at: string, warnings: string[]): ReliabilityResult {
  const keys = reliabilityKeys(ctx.study, a.instrument, ctx.scores.get(a.instrument)!.columns);
  const missing = a.missing ?? 'pairwise';
  if (keys.scales.length === 0) {
    warnings.push(`${id}: ${a.instrument} has no subscale of more than one item: no alpha to compute.`);
    return { id, type: 'reliability', instrument: a.instrument, missing, scales: [], warnings: [] };
  }
  const v = ctx.engine ? ctx.engine.reliability(keys, { missing }) : reliability(ctx.table, keys, { missing });
  for (const w of v.warnings) warnings.push(w.items ? `${id}: ${w.message}` : `${id}: ${w.scale === a.instrument ? a.instrument : `${a.instrument}.${w.scale}`}, item ${w.item}: ${w.message}`);
  return { id, type: 'reliability', instrument: a.instrument, missing, scales: v.scales, warnings: v.warnings };
}

/** The keys of an instrument's subscales of more than one item, on their data columns (item id -> column). */
export function reliabilityKeys(study: StudyContext['study'], instrument: string, columns: Readonly<Record<string, string>>): Keys {
  const def = study.definitions[instrument];
  const reversedItems = new Set(def.items.filter((x) => x.reversed).map((x) => x.id));
  return {
    source: `${study.source}: instrument ${instrument}`,
    scales: def.subscales
      .filter((s) => s.items.length > 1)
      .map((s) => ({
        name: s.id,
        items: s.items.map((it) => ({ name: columns[it], reversed: reversedItems.has(it) || (s.reversed ?? []).includes(it) })),
      })),
  };
}

function bandOf(x: number, norm: PercentileBandsNorm): string | null {
  if (Number.isNaN(x)) return null;
  for (const b of norm.bands) {
    if (
      (b.min === undefined || x >= b.min) &&
      (b.max === undefined || x <= b.max) &&
      (b.above === undefined || x > b.above) &&
      (b.below === undefined || x < b.below)
    )
      return b.label;
  }
  return null;
}

/** Each subscale's mean (overall, and by groups with suppression) placed in the norm's percentile bands. */
export function runBenchmark(ctx: StudyContext, a: Spec<'benchmark'>, id: string, at: string): BenchmarkResult {
  const def = ctx.study.definitions[a.instrument];
  const ids = Array.isArray(a.norms) ? a.norms : [a.norms];
  const norms = ids.map((n) => ctx.study.normEntries.find((x) => x.id === n) as PercentileBandsNorm);
  const caveats: string[] = [];
  for (const n of norms)
    if (n.instrument !== def.id) caveats.push(`Norm ${n.id} is for instrument ${n.instrument}, not ${def.id}.`);
  const refs = def.subscales.map((s) => `${a.instrument}.${s.id}`);
  const normFor = new Map(def.subscales.map((s) => [s.id, norms.find((n) => n.scale === s.id) ?? (norms.length === 1 && !norms[0].scale ? norms[0] : undefined)]));
  const by = a.by ?? [];
  const d = describeScores(ctx, refs, () => `${at}.instrument`, by, (j) => `${at}.by${pos(j)}`);
  const scales = def.subscales.map((s, j) => {
    const norm = normFor.get(s.id);
    const sum = d.overall.scales[refs[j]];
    const mean = sum ? sum.mean : NaN;
    const bands = (norm?.bands ?? []).map((b) => ({ label: b.label, min: b.min ?? null, max: b.max ?? null, above: b.above ?? null, below: b.below ?? null }));
    // a suppressed score cell has no mean, so no band (bandOf(NaN) is null), and says why
    return { scale: s.id, norm: norm?.id ?? null, n: sum ? sum.n : 0, mean, band: norm ? bandOf(mean, norm) : null, bands, ...(sum?.suppressed ? { suppressed: sum.suppressed } : {}) };
  });
  const missingNorms = scales.filter((s) => s.norm === null).map((s) => s.scale);
  if (missingNorms.length) caveats.push(`No benchmark bands for: ${missingNorms.join(', ')}.`);
  const groups = d.groups
    ? d.groups.map((g) => {
        const bands: Record<string, { mean: number; band: string | null }> = {};
        if (!g.suppressed)
          def.subscales.forEach((s, j) => {
            const norm = normFor.get(s.id);
            const sum = g.scales[refs[j]];
            const m = sum?.mean ?? NaN;
            bands[s.id] = { mean: m, band: norm ? bandOf(m, norm) : null, ...(sum?.suppressed ? { suppressed: sum.suppressed } : {}) };
          });
        return { by: g.by, n: g.n, suppressed: g.suppressed, bands };
      })
    : null;
  return { id, type: 'benchmark', instrument: a.instrument, norms: ids, by, scales, groups, caveats };
}
