import { StaffwellError } from '../errors.ts';
import { closestNames, findColumn, type Table } from '../data/table.ts';
import type { InstrumentScores } from '../instruments/score-instrument.ts';
import { cutLabels, isInlineScale, type DerivedVariable, type Study } from './study-file.ts';
import { cutNumbers, recodeCategories, reorderLevels } from './derive-variable.ts';
import type { DescribeJson } from '../psych/results.ts';
import type { Keys } from '../psych/keys.ts';
import type { ReliabilityOptions } from '../psych/reliability-accumulator.ts';
import type { ReliabilityValue } from '../psych/reliability-value.ts';

/**
 * The variables an analysis of a study can name, resolved against the scored data:
 *
 * - `<instrument>.<subscale|classification|conversion>`: scores of the study's instruments;
 * - an inline scale's name: its score;
 * - a derived variable's name: its categories (recode, combine or cut of another variable);
 * - any other bare name: a data column.
 *
 * Categorical variables come with their levels in the study's order (`levels:`; default: a classification's
 * band order, a derived variable's declared order, a text column sorted by code point, a numeric column in
 * numeric order), and {@link modelLevels} puts the reference level first. Lookups validate at the edge and throw
 * `StaffwellError('invalid-study')` naming the study file and the field the reference came from.
 */

/** A numeric variable: a subscale score, a conversion, an inline scale, or a numeric data column. NaN = missing. */
export interface NumericVariable {
  readonly kind: 'numeric';
  readonly ref: string;
  readonly label: string;
  readonly values: Float64Array;
}

/** A categorical variable: a classification, a derived variable, a text column, or a numeric column used as groups. -1 = missing. */
export interface CategoricalVariable {
  readonly kind: 'categorical';
  readonly ref: string;
  readonly label: string;
  readonly codes: Int32Array;
  readonly levels: readonly string[];
  /** True for data columns and derived variables (groups the study defines), false for classifications of scores. */
  readonly isDataColumn: boolean;
}

export type StudyVariable = NumericVariable | CategoricalVariable;

export interface StudyContext {
  readonly study: Study;
  readonly table: Table;
  /** Instrument or inline-scale name -> its scores. */
  readonly scores: ReadonlyMap<string, InstrumentScores>;
  /** Suppression threshold for grouped figures. */
  readonly minGroup: number;
  /** Derived variables already computed (filled on first use). */
  readonly derived?: Map<string, CategoricalVariable>;
  /** Where notes about derived variables go (values listed that no row has). */
  readonly warnings?: string[];
  /**
   * Where the streaming runner (src/study/plan/) has already accumulated an analysis' figures: group summaries of
   * scores and reliability, in place of computing them from `table` and `scores`.
   */
  readonly engine?: StudyEngineHooks;
}

/** See StudyContext.engine. */
export interface StudyEngineHooks {
  /** psych's describe of scores (refs) by groups (refs; [] for the overall summary). */
  describe(scores: readonly string[], by: readonly string[]): DescribeJson;
  /** psych::alpha of the keys' scales. */
  reliability(keys: Keys, options: ReliabilityOptions): ReliabilityValue;
  /** A score's (ref's) value counts over all rows; null past the distribution limit (analyze-describe.ts). */
  valueCounts(score: string): { values: number[]; counts: number[] } | null;
}

function fail(ctx: StudyContext, field: string, problem: string, value: string, hint: string): never {
  throw new StaffwellError('invalid-study', problem, { file: ctx.study.source, field, value, hint });
}

function splitRef(ref: string): [string, string] | undefined {
  const dot = ref.indexOf('.');
  if (dot <= 0) return undefined;
  return [ref.slice(0, dot), ref.slice(dot + 1)];
}

function instrumentPart(ctx: StudyContext, ref: string): StudyVariable | undefined {
  if (isInlineScale(ctx.study, ref) && ctx.scores.has(ref)) {
    const s = ctx.scores.get(ref)!.scales[0];
    return { kind: 'numeric', ref, label: s.label, values: s.values };
  }
  const sp = splitRef(ref);
  if (!sp || !ctx.scores.has(sp[0])) return undefined;
  const sc = ctx.scores.get(sp[0])!;
  const s = sc.scales.find((x) => x.id === sp[1]);
  if (s) return { kind: 'numeric', ref, label: s.label, values: s.values };
  const c = sc.classifications.find((x) => x.id === sp[1]);
  if (c) {
    // band codes -> position among the bands (so levels are in definition order)
    const pos = new Map(c.bands.map((b, i) => [b.code, i]));
    const codes = Int32Array.from(c.codes, (k) => (k < 0 ? -1 : pos.get(k) ?? -1));
    return { kind: 'categorical', ref, label: c.label, codes, levels: c.bands.map((b) => b.label), isDataColumn: false };
  }
  const v = sc.conversions.find((x) => x.id === sp[1]);
  if (v) return { kind: 'numeric', ref, label: v.label, values: v.values };
  return undefined;
}

function columnVariable(ctx: StudyContext, ref: string, field: string): StudyVariable {
  const c = findColumn(ctx.table, ref);
  if (!c) {
    const known = [...ctx.table.columns.map((x) => x.name), ...ctx.study.derived.map((x) => x.name), ...Object.keys(ctx.study.scales ?? {})];
    const near = closestNames(ref, known);
    return fail(
      ctx,
      field,
      `no data column, derived variable or score of this name (data file ${ctx.study.data.file})`,
      ref,
      near.length
        ? `did you mean ${near.map((n) => `"${n}"`).join(' or ')}? Names are case-sensitive`
        : 'name a column of the data file, a derived variable, or a score as <instrument name>.<subscale>',
    );
  }
  if (c.kind === 'number') return { kind: 'numeric', ref, label: ref, values: c.values };
  return { kind: 'categorical', ref, label: ref, codes: c.codes, levels: c.dictionary, isDataColumn: true };
}

/** A derived variable, computed once per context. */
function derivedVariable(ctx: StudyContext, def: DerivedVariable): CategoricalVariable {
  const hit = ctx.derived?.get(def.name);
  if (hit) return hit;
  let out: CategoricalVariable;
  if (def.cut) {
    const src = numericVariable(ctx, def.from, `${def.field}.from`);
    const closed = def.closed ?? 'left';
    const missing = new Set((def.missing ?? []).map(Number));
    const values = missing.size ? Float64Array.from(src.values, (x) => (missing.has(x) ? NaN : x)) : src.values;
    const c = cutNumbers(values, def.cut, closed, def.labels ?? cutLabels(def.cut, closed));
    out = { kind: 'categorical', ref: def.name, label: def.name, codes: c.codes, levels: c.levels, isDataColumn: true };
  } else {
    const src = groupVariable(ctx, def.from, `${def.field}.from`);
    const r = recodeCategories(src, def);
    const way = def.recode ? 'recode' : 'combine';
    if (r.unlisted.length) {
      const shown = r.unlisted.slice(0, 8).map((u) => `"${u.value}" (${u.count})`).join(', ');
      fail(
        ctx,
        `${def.field}.${way}`,
        `${r.unlisted.length} value(s) of ${def.from} are not listed: ${shown}${r.unlisted.length > 8 ? ', ...' : ''}`,
        r.unlisted[0].value,
        'list them under a level, catch them with `other: <level>`, or list them under `missing:`',
      );
    }
    for (const v of r.absent) {
      const near = closestNames(v, src.levels as string[]);
      ctx.warnings?.push(`${def.field}: no respondent has ${def.from} = "${v}"${near.length ? ` (did you mean "${near[0]}"?)` : ''}.`);
    }
    out = { kind: 'categorical', ref: def.name, label: def.name, codes: r.codes, levels: r.levels, isDataColumn: true };
  }
  ctx.derived?.set(def.name, out);
  return out;
}

/** Any variable by reference (categories in their data order; see {@link groupVariable} for the study's order). */
export function variable(ctx: StudyContext, ref: string, field: string): StudyVariable {
  const d = ctx.study.derived.find((x) => x.name === ref);
  if (d) return derivedVariable(ctx, d);
  return instrumentPart(ctx, ref) ?? columnVariable(ctx, ref, field);
}

/** A numeric variable (score, conversion, inline scale or numeric column). */
export function numericVariable(ctx: StudyContext, ref: string, field: string): NumericVariable {
  const v = variable(ctx, ref, field);
  if (v.kind !== 'numeric')
    fail(ctx, field, 'this variable holds categories where numbers are needed', ref, 'name a score (<instrument>.<subscale>) or a numeric column');
  return v as NumericVariable;
}

/**
 * A grouping variable in the study's level order: a classification, a derived variable or a text column; a
 * numeric data column becomes categories of its distinct values (in numeric order). A score cannot be a group.
 */
export function groupVariable(ctx: StudyContext, ref: string, field: string): CategoricalVariable {
  const v = variable(ctx, ref, field);
  let g: CategoricalVariable;
  if (v.kind === 'categorical') g = v.isDataColumn && !ctx.study.derived.some((x) => x.name === ref) ? sortedLevels(v) : v;
  else {
    if ((splitRef(ref) && ctx.scores.has(splitRef(ref)![0])) || isInlineScale(ctx.study, ref))
      fail(ctx, field, 'a score cannot be used as groups', ref, 'group by a classification (e.g. caseness), a data column, or a derived variable that cuts the score');
    const distinct = [...new Set(Array.from(v.values).filter((x) => !Number.isNaN(x)))].sort((a, b) => a - b);
    const index = new Map(distinct.map((x, i) => [x, i]));
    const codes = Int32Array.from(v.values, (x) => (Number.isNaN(x) ? -1 : index.get(x)!));
    g = { kind: 'categorical', ref, label: ref, codes, levels: distinct.map(String), isDataColumn: true };
  }
  return studyOrder(ctx, g);
}

/** The study's `levels:` order applied (listed levels first, each checked to exist). */
function studyOrder(ctx: StudyContext, g: CategoricalVariable): CategoricalVariable {
  const spec = ctx.study.levels?.[g.ref];
  if (!spec) return g;
  const order = Array.isArray(spec) ? spec : spec.order ?? [];
  const field = `levels.${g.ref}`;
  const reference = Array.isArray(spec) ? undefined : spec.reference;
  for (const [l, f] of [...order.map((l, j) => [l, Array.isArray(spec) ? `${field}[${j + 1}]` : `${field}.order[${j + 1}]`]), ...(reference !== undefined ? [[reference, `${field}.reference`]] : [])])
    if (!g.levels.includes(l)) {
      const near = closestNames(l, g.levels as string[]);
      fail(ctx, f, `no respondent has this level of ${g.ref}`, l, near.length ? `did you mean "${near[0]}"?` : `the levels are ${g.levels.slice(0, 10).map((x) => `"${x}"`).join(', ')}`);
    }
  if (!order.length) return g;
  const r = reorderLevels(g, order);
  return { ...g, codes: r.codes, levels: r.levels };
}

/** A variable's levels for a model: the reference level (the study's `reference`, else the first) first. */
export function modelLevels(ctx: StudyContext, g: CategoricalVariable): string[] {
  const spec = ctx.study.levels?.[g.ref];
  const reference = spec && !Array.isArray(spec) ? spec.reference : undefined;
  if (reference === undefined) return [...g.levels];
  return [reference, ...g.levels.filter((l) => l !== reference)];
}

/** A data column's categories with only the levels in use, sorted by code point (as R's sort in the C locale). */
function sortedLevels(v: CategoricalVariable): CategoricalVariable {
  const used = new Uint8Array(v.levels.length);
  for (let i = 0; i < v.codes.length; i++) if (v.codes[i] >= 0) used[v.codes[i]] = 1;
  const levels = v.levels.filter((_, k) => used[k]).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const index = new Map(levels.map((l, i) => [l, i]));
  const remap = Int32Array.from(v.levels, (l, k) => (used[k] ? index.get(l)! : -1));
  const codes = Int32Array.from(v.codes, (c) => (c < 0 ? -1 : remap[c]));
  return { ...v, codes, levels };
}

/** Labels per row (null = missing) of a categorical variable. */
export function labelsOf(v: CategoricalVariable): (string | null)[] {
  return Array.from(v.codes, (c) => (c < 0 ? null : v.levels[c]));
}

/** Respondents per level (rows with the level), in level order. */
export function levelCounts(v: CategoricalVariable, rowsUsed?: (i: number) => boolean): number[] {
  const counts = new Array<number>(v.levels.length).fill(0);
  for (let i = 0; i < v.codes.length; i++) if (v.codes[i] >= 0 && (!rowsUsed || rowsUsed(i))) counts[v.codes[i]]++;
  return counts;
}
