/**
 * The compiled form of a study that a scan task runs (plain data, so it can be sent to a worker): which
 * instruments to score per chunk, which study variables the accumulators read, and the accumulators themselves.
 * src/study/plan/plan-study.ts makes it; src/study/plan/study-task.ts runs it on each chunk; the analysis plans
 * (src/study/plan/analysis-plans.ts) turn the merged states into results.
 */
import type { InstrumentDefinition } from '../../instruments/definition.ts';
import type { ItemMapping } from '../../instruments/score-instrument.ts';
import type { Keys } from '../../psych/keys.ts';

/** An instrument scored on every chunk, with the options `scoreInstrument` takes. */
export interface InstrumentPlan {
  name: string;
  def: InstrumentDefinition;
  items: ItemMapping;
  scoring?: string;
  codes?: number[];
  cutoffs?: Record<string, number>;
  mappingSource: string;
}

/**
 * Where a study variable's values come from: a part of an instrument's scores, or a data column. A column's kind
 * (numbers or text) is the file's, known when the scan starts (`TaskHeader.types`).
 */
export type VarSource =
  | { instrument: string; part: string; kind: 'subscale' | 'classification' | 'conversion' }
  | { column: string };

/**
 * How an analysis reads a variable:
 * - `numeric`: values per row (NaN missing) — a subscale, a conversion or a numeric column;
 * - `group`: level ids per row (−1 missing) — a classification (its bands, in definition order), a text column
 *   (its labels), or a numeric column (its distinct values, labelled `String(x)`);
 * - `any`: as a regression predictor: `numeric` when it has numbers, else `group` (a factor).
 */
export type VarUse = 'numeric' | 'group' | 'any';

export interface VarSpec {
  /** `<use>:<ref>`: the key accumulators name a variable by. */
  id: string;
  ref: string;
  use: VarUse;
  source: VarSource;
}

/** The generic accumulators of src/study/plan/accumulators.ts (worker side), as data. */
export type AccSpec =
  /** psych's group summaries (src/psych/describe-accumulator.ts) of numeric variables by group variables. */
  | { kind: 'describe'; scores: string[]; names: string[]; by: string[]; byNames: string[]; minGroup: number }
  /** psych::alpha's accumulator on item columns (src/psych/reliability-accumulator.ts). */
  | { kind: 'reliability'; keys: Keys; missing: 'pairwise' | 'listwise' }
  /**
   * Counts of the combinations of group variables' levels (−1 = missing counted too); optionally only over rows
   * where `where` (a variable of either kind) is present.
   */
  | { kind: 'counts'; vars: string[]; where?: string }
  /**
   * Per level of a group variable (or, with `g` empty, over all rows), the values of a numeric variable: value
   * counts, or the values themselves when many are distinct.
   */
  | { kind: 'group-values'; y: string; g: string }
  /** Pairwise co-moments of numeric variables (src/stats/pairwise-comoments.ts). */
  | { kind: 'comoments'; vars: string[]; listwise: boolean }
  /** Per cell of the factors' levels, moment blocks of the numeric predictors and the outcome over complete rows. */
  | { kind: 'cross-products'; y: string; predictors: string[] }
  /** The complete rows of some variables, kept compactly for a second pass over them (src/stats/row-store.ts). */
  | { kind: 'rows'; vars: string[] }
  /** Numeric variables' values per row, all rows (for ranks of continuous scores). */
  | { kind: 'columns'; vars: string[] }
  /** How often each distinct value of a numeric variable occurs (src/stats/value-counts.ts), up to `limit` values. */
  | { kind: 'value-counts'; y: string; limit: number }
  /** The first row whose value of a numeric variable is neither 0 nor 1 (a logistic outcome). */
  | { kind: 'binary-check'; y: string };

export interface StudyTaskArgs {
  /** The study file (for messages). */
  source: string;
  instruments: InstrumentPlan[];
  /** The id column to check for duplicates. */
  idColumn?: string;
  variables: VarSpec[];
  accumulators: AccSpec[];
}
