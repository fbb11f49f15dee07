import { StaffwellError } from '../errors.ts';
import type { NumericInput } from './test-result.ts';

/** A predictor: numbers (NaN missing) or text labels (null, undefined or '' missing; a factor). */
export type PredictorColumn = NumericInput | readonly (string | null | undefined)[];

export interface DesignOptions {
  /** Names of numeric predictors to treat as factors (e.g. site codes). Text predictors are always factors. */
  factors?: readonly string[];
  /** Level order per factor (first = reference). Default: sorted by code point, as R's sort for one-case labels. */
  levels?: Readonly<Record<string, readonly string[]>>;
}

export interface DesignTerm {
  /** Coefficient name as R's lm names it: "(Intercept)", the variable, or variable + level for a dummy. */
  name: string;
  predictor: string | null;
  /** True for a numeric predictor (gets a standardised beta). */
  numeric: boolean;
}

export interface Design {
  /** Column-major n × p model matrix over complete cases. */
  X: Float64Array;
  y: Float64Array;
  n: number;
  p: number;
  terms: DesignTerm[];
  /** Rows dropped for a missing value in y or a predictor. */
  dropped: number;
  /** For each factor: its levels (first = reference). */
  factorLevels: Record<string, string[]>;
}

/**
 * Builds an intercept + predictors model matrix on complete cases with treatment contrasts (one 0/1 dummy per
 * non-reference level, reference = first level), as R's model.matrix(lm(y ~ ...)) with na.omit.
 */
export function buildDesign(y: NumericInput, predictors: Readonly<Record<string, PredictorColumn>>, options: DesignOptions = {}): Design {
  const names = Object.keys(predictors);
  const N = y.length;
  const factorSet = new Set(options.factors ?? []);
  for (const f of factorSet) {
    if (!(f in predictors)) {
      throw new StaffwellError('unknown-column', 'a factor is not among the predictors', { column: f, hint: 'Name a predictor' });
    }
  }
  const text: Record<string, (string | null)[]> = {};
  for (const name of names) {
    const col = predictors[name];
    if (col.length !== N) {
      throw new StaffwellError('invalid-option', 'a predictor has a different length from the outcome', {
        column: name,
        value: `${col.length} values, outcome has ${N}`,
        hint: 'Give one value per person in every column',
      });
    }
    const isText = !ArrayBuffer.isView(col) && (col as readonly unknown[]).some((v) => typeof v === 'string');
    if (isText || factorSet.has(name)) {
      text[name] = Array.from(col as ArrayLike<unknown>, (v) =>
        v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v)) ? null : String(v),
      );
    }
  }
  const complete: number[] = [];
  for (let i = 0; i < N; i++) {
    let ok = !Number.isNaN(y[i]);
    for (const name of names) {
      if (!ok) break;
      ok = name in text ? text[name][i] !== null : !Number.isNaN((predictors[name] as NumericInput)[i]);
    }
    if (ok) complete.push(i);
  }
  const n = complete.length;
  const terms: DesignTerm[] = [{ name: '(Intercept)', predictor: null, numeric: false }];
  const cols: Float64Array[] = [new Float64Array(n).fill(1)];
  const factorLevels: Record<string, string[]> = {};
  for (const name of names) {
    if (name in text) {
      const labels = complete.map((i) => text[name][i] as string);
      const present = [...new Set(labels)];
      let levels: string[];
      const given = options.levels?.[name];
      if (given) {
        for (const s of present) {
          if (!given.includes(s)) {
            throw new StaffwellError('invalid-option', 'a label is not among the given levels', {
              column: name,
              value: s,
              hint: 'List every label of the factor in levels',
            });
          }
        }
        levels = given.filter((s) => present.includes(s));
      } else levels = present.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      factorLevels[name] = levels;
      for (const level of levels.slice(1)) {
        terms.push({ name: name + level, predictor: name, numeric: false });
        cols.push(Float64Array.from(labels, (s) => (s === level ? 1 : 0)));
      }
    } else {
      const col = predictors[name] as NumericInput;
      terms.push({ name, predictor: name, numeric: true });
      cols.push(Float64Array.from(complete, (i) => col[i]));
    }
  }
  const p = cols.length;
  const X = new Float64Array(n * p);
  cols.forEach((c, j) => X.set(c, j * n));
  return { X, y: Float64Array.from(complete, (i) => y[i]), n, p, terms, dropped: N - n, factorLevels };
}
