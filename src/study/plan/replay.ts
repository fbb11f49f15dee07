/**
 * Replay: an in-memory analysis (src/study/analyze-*.ts) run on a table rebuilt from accumulated counts. For
 * analyses of discrete data — a classification's levels, groups and a score's values per group — the counts of
 * the combinations are all the analysis depends on, so a table with the same rows in another order gives the
 * in-memory runner's results (up to the order of floating-point additions), and new options of those analyses
 * work here unchanged. The table has one row per data row, but only the analysis' own columns, and lives only
 * while the analysis runs.
 */
import { makeTable, type Column } from '../../data/table.ts';
import type { ClassificationScores, ConversionScores, InstrumentScores, ScaleScores } from '../../instruments/score-instrument.ts';
import type { StudyContext } from '../study-variables.ts';
import type { Study } from '../study-file.ts';
import type { LevelSet } from './levels.ts';
import type { VarSpec } from './plan-types.ts';

export interface ReplayColumn {
  spec: VarSpec;
  /** Numeric values, or task level ids of `levels` (−1 missing). */
  data: Float64Array | Int32Array;
  levels?: LevelSet;
}

/** The metadata of an instrument's scores (from scoring a table without rows): labels, bands, cut-offs. */
export type ScoreShapes = ReadonlyMap<string, InstrumentScores>;

export function replayContext(study: Study, source: string, minGroup: number, shapes: ScoreShapes, n: number, cols: readonly ReplayColumn[]): StudyContext {
  const columns: Column[] = [];
  const scores = new Map<string, { scales: ScaleScores[]; classifications: ClassificationScores[]; conversions: ConversionScores[] }>();
  const part = (name: string) => {
    let s = scores.get(name);
    if (!s) scores.set(name, (s = { scales: [], classifications: [], conversions: [] }));
    return s;
  };
  for (const c of cols) {
    const s = c.spec.source;
    if ('instrument' in s) {
      const shape = shapes.get(s.instrument)!;
      if (s.kind === 'subscale') {
        const sc = shape.scales.find((x) => x.id === s.part)!;
        part(s.instrument).scales.push({ ...sc, values: c.data as Float64Array });
      } else if (s.kind === 'conversion') {
        const cv = shape.conversions.find((x) => x.id === s.part)!;
        part(s.instrument).conversions.push({ ...cv, values: c.data as Float64Array });
      } else {
        const cl = shape.classifications.find((x) => x.id === s.part)!;
        const ids = c.data as Int32Array;
        const codes = Int32Array.from(ids, (k) => (k < 0 ? -1 : cl.bands[k].code));
        part(s.instrument).classifications.push({ ...cl, codes });
      }
      continue;
    }
    if (columns.some((x) => x.name === s.column)) continue;
    if (c.levels && c.levels.kind === 'text') columns.push({ kind: 'text', name: s.column, codes: c.data as Int32Array, dictionary: c.levels.labels });
    else if (c.levels) {
      const values = c.levels.values;
      columns.push({ kind: 'number', name: s.column, values: Float64Array.from(c.data as Int32Array, (k) => (k < 0 ? NaN : values[k])) });
    } else columns.push({ kind: 'number', name: s.column, values: c.data as Float64Array });
  }
  const full = new Map<string, InstrumentScores>();
  for (const [name, p] of scores) {
    const shape = shapes.get(name)!;
    full.set(name, { ...shape, n, scales: p.scales, classifications: p.classifications, conversions: p.conversions });
  }
  return { study, table: makeTable({ source, columns, nrows: n }), scores: full, minGroup };
}

/** Rows of a counts state (level-id tuples -> rows), expanded: one Int32Array of ids per variable. */
export function expandCells(cells: ReadonlyMap<string, number>, nvars: number): { n: number; ids: Int32Array[] } {
  let n = 0;
  for (const c of cells.values()) n += c;
  const ids = Array.from({ length: nvars }, () => new Int32Array(n));
  let o = 0;
  for (const [key, c] of cells) {
    const parts = nvars === 0 ? [] : key.split(',').map(Number);
    for (let j = 0; j < nvars; j++) ids[j].fill(parts[j], o, o + c);
    o += c;
  }
  return { n, ids };
}
