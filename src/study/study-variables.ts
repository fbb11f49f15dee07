import { StaffwellError } from '../errors.ts';
import { closestNames, findColumn, type Table } from '../data/table.ts';
import type { InstrumentScores } from '../instruments/score-instrument.ts';
import type { Study } from './study-file.ts';
import type { DescribeJson } from '../psych/results.ts';
import type { Keys } from '../psych/keys.ts';
import type { ReliabilityOptions } from '../psych/reliability-accumulator.ts';
import type { ReliabilityValue } from '../psych/reliability-value.ts';

/**
 * The variables an analysis of a study can name: `<instrument>.<subscale|classification|conversion>` (scores of
 * the study's instruments) and the raw data columns (groups, predictors). Lookups validate at the edge and throw
 * `StaffwellError('invalid-study')` naming the study file and the field the reference came from.
 */

/** A numeric variable: a subscale score, a conversion, or a numeric data column. NaN = missing. */
export interface NumericVariable {
  readonly kind: 'numeric';
  readonly ref: string;
  readonly label: string;
  readonly values: Float64Array;
}

/** A categorical variable: a classification, a text column, or a numeric column used as groups. -1 = missing. */
export interface CategoricalVariable {
  readonly kind: 'categorical';
  readonly ref: string;
  readonly label: string;
  readonly codes: Int32Array;
  readonly levels: readonly string[];
  /** True for data columns (whose small levels are suppressed), false for classifications of scores. */
  readonly isDataColumn: boolean;
}

export type StudyVariable = NumericVariable | CategoricalVariable;

export interface StudyContext {
  readonly study: Study;
  readonly table: Table;
  /** Instrument name -> its scores. */
  readonly scores: ReadonlyMap<string, InstrumentScores>;
  /** Suppression threshold for grouped figures. */
  readonly minGroup: number;
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
}

function fail(ctx: StudyContext, field: string, problem: string, value: string, hint: string): never {
  throw new StaffwellError('invalid-study', problem, { file: ctx.study.source, field, value, hint });
}

function splitRef(ref: string): [string, string] | undefined {
  const dot = ref.indexOf('.');
  if (dot <= 0) return undefined;
  const name = ref.slice(0, dot);
  return [name, ref.slice(dot + 1)];
}

function instrumentPart(ctx: StudyContext, ref: string): StudyVariable | undefined {
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
    const near = closestNames(ref, ctx.table.columns.map((x) => x.name));
    return fail(
      ctx,
      field,
      `no data column or score of this name (data file ${ctx.study.data.file})`,
      ref,
      near.length
        ? `did you mean ${near.map((n) => `"${n}"`).join(' or ')}? Column names are case-sensitive`
        : 'name a column of the data file, or a score as <instrument name>.<subscale>',
    );
  }
  if (c.kind === 'number') return { kind: 'numeric', ref, label: ref, values: c.values };
  return { kind: 'categorical', ref, label: ref, codes: c.codes, levels: c.dictionary, isDataColumn: true };
}

/** Any variable by reference. */
export function variable(ctx: StudyContext, ref: string, field: string): StudyVariable {
  return instrumentPart(ctx, ref) ?? columnVariable(ctx, ref, field);
}

/** A numeric variable (score, conversion or numeric column). */
export function numericVariable(ctx: StudyContext, ref: string, field: string): NumericVariable {
  const v = variable(ctx, ref, field);
  if (v.kind !== 'numeric')
    fail(ctx, field, 'this variable holds categories where numbers are needed', ref, 'name a score (<instrument>.<subscale>) or a numeric column');
  return v as NumericVariable;
}

/**
 * A grouping variable: a classification or a text column as it is; a numeric column becomes categories of its
 * distinct values (in numeric order).
 */
export function groupVariable(ctx: StudyContext, ref: string, field: string): CategoricalVariable {
  const v = variable(ctx, ref, field);
  if (v.kind === 'categorical') return v.isDataColumn ? sortedLevels(v) : v;
  const sp = splitRef(ref);
  if (sp && ctx.scores.has(sp[0]))
    fail(ctx, field, 'a score cannot be used as groups', ref, 'group by a classification (e.g. caseness) or a data column');
  const distinct = [...new Set(Array.from(v.values).filter((x) => !Number.isNaN(x)))].sort((a, b) => a - b);
  const index = new Map(distinct.map((x, i) => [x, i]));
  const codes = Int32Array.from(v.values, (x) => (Number.isNaN(x) ? -1 : index.get(x)!));
  return { kind: 'categorical', ref, label: ref, codes, levels: distinct.map(String), isDataColumn: true };
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
