/**
 * A chunk's study variables: every instrument scored on the chunk's rows (`scoreInstrument`, the in-memory
 * runner's code, or for the coded lane's rows `codedScorer`, the same numbers from the code bytes), then each variable the accumulators read — numeric values
 * (NaN missing) or group level ids (−1 missing) in the task's level sets.
 */
import { findColumn, type Table, type TextColumn } from '../../data/table.ts';
import { scoreInstrument, type InstrumentScores } from '../../instruments/score-instrument.ts';
import { levelId, levelSetInit, type LevelSet } from './levels.ts';
import type { InstrumentPlan, VarSpec } from './plan-types.ts';

/** How a variable is read in this task (its column's type decides for data columns). */
export type ResolvedVar =
  | { spec: VarSpec; as: 'numeric'; kindError: boolean }
  | { spec: VarSpec; as: 'group'; levels: LevelSet };

export interface ChunkVariables {
  readonly chunk: Table;
  readonly n: number;
  readonly scores: ReadonlyMap<string, InstrumentScores>;
  numeric(id: string): Float64Array;
  group(id: string): Int32Array;
}

/** Per variable, how this task reads it, from the column types of the scan. */
export function resolveVariables(specs: readonly VarSpec[], typeOf: (column: string) => 'number' | 'text' | undefined, instruments: readonly InstrumentPlan[]): Map<string, ResolvedVar> {
  const out = new Map<string, ResolvedVar>();
  for (const spec of specs) {
    const s = spec.source;
    if ('instrument' in s) {
      if (s.kind === 'classification') {
        const def = instruments.find((i) => i.name === s.instrument)!.def;
        const c = (def.classifications ?? []).find((x) => x.id === s.part)!;
        const labels = c.cutoff ? [c.cutoff.labels.below, c.cutoff.labels.atOrAbove] : c.bands!.map((b) => b.label);
        out.set(spec.id, spec.use === 'numeric' ? { spec, as: 'numeric', kindError: true } : { spec, as: 'group', levels: levelSetInit('bands', labels) });
      } else out.set(spec.id, { spec, as: 'numeric', kindError: spec.use === 'group' });
      continue;
    }
    const t = typeOf(s.column);
    if (spec.use === 'numeric') out.set(spec.id, { spec, as: 'numeric', kindError: t !== 'number' });
    else if (spec.use === 'any' && t === 'number') out.set(spec.id, { spec, as: 'numeric', kindError: false });
    else out.set(spec.id, { spec, as: 'group', levels: levelSetInit(t === 'number' ? 'number' : 'text') });
  }
  return out;
}

/** Computes the variables of one chunk (valid during the chunk). */
export class ChunkComputer {
  private readonly textCache = new Map<string, { dict: readonly string[]; ids: Int32Array; done: number }>();
  private readonly numberCache = new Map<string, Map<number, number>>();
  private readonly num = new Map<string, Float64Array>();
  private readonly grp = new Map<string, Int32Array>();
  private scores = new Map<string, InstrumentScores>();
  private chunk!: Table;

  constructor(
    private readonly instruments: readonly InstrumentPlan[],
    private readonly vars: ReadonlyMap<string, ResolvedVar>,
  ) {}

  /** `scored`: every instrument's scores of these rows, made from the coded lane's codes (the item columns are then not read). */
  compute(chunk: Table, scored?: ReadonlyMap<string, InstrumentScores>): ChunkVariables {
    this.chunk = chunk;
    this.num.clear();
    this.grp.clear();
    this.scores = new Map();
    for (const u of this.instruments) {
      this.scores.set(
        u.name,
        scored?.get(u.name) ?? scoreInstrument(u.def, chunk, u.items, { scoring: u.scoring, codes: u.codes, cutoffs: u.cutoffs, mappingSource: u.mappingSource }),
      );
    }
    const self = this;
    return {
      chunk,
      n: chunk.nrows,
      scores: this.scores,
      numeric: (id) => self.numeric(id),
      group: (id) => self.group(id),
    };
  }

  private numeric(id: string): Float64Array {
    let v = this.num.get(id);
    if (v) return v;
    const r = this.vars.get(id)!;
    const s = r.spec.source;
    const n = this.chunk.nrows;
    if (r.as !== 'numeric' || r.kindError) v = new Float64Array(n).fill(NaN);
    else if ('instrument' in s) {
      const sc = this.scores.get(s.instrument)!;
      v = s.kind === 'subscale' ? sc.scales.find((x) => x.id === s.part)!.values : sc.conversions.find((x) => x.id === s.part)!.values;
    } else {
      const c = findColumn(this.chunk, s.column)!;
      v = c.kind === 'number' ? c.values : new Float64Array(n).fill(NaN);
    }
    this.num.set(id, v);
    return v;
  }

  private group(id: string): Int32Array {
    let g = this.grp.get(id);
    if (g) return g;
    const r = this.vars.get(id)!;
    if (r.as !== 'group') throw new Error(`study task: ${id} is not a group variable`);
    const s = r.spec.source;
    const n = this.chunk.nrows;
    g = new Int32Array(n);
    if ('instrument' in s) {
      const cl = this.scores.get(s.instrument)!.classifications.find((x) => x.id === s.part)!;
      const pos = new Map(cl.bands.map((b, i) => [b.code, i]));
      for (let i = 0; i < n; i++) g[i] = cl.codes[i] < 0 ? -1 : pos.get(cl.codes[i]) ?? -1;
    } else {
      const c = findColumn(this.chunk, s.column)!;
      if (c.kind === 'text') this.textIds(id, c, r.levels, g);
      else {
        let cache = this.numberCache.get(id);
        if (!cache) this.numberCache.set(id, (cache = new Map()));
        const x = c.values;
        for (let i = 0; i < n; i++) {
          const v = x[i];
          if (v !== v) {
            g[i] = -1;
            continue;
          }
          let k = cache.get(v);
          if (k === undefined) cache.set(v, (k = levelId(r.levels, String(v), v)));
          g[i] = k;
        }
      }
    }
    this.grp.set(id, g);
    return g;
  }

  /** Chunk codes -> task level ids, the dictionary mapped once per new entry. */
  private textIds(id: string, c: TextColumn, levels: LevelSet, out: Int32Array): void {
    let m = this.textCache.get(id);
    if (!m || m.dict !== c.dictionary) this.textCache.set(id, (m = { dict: c.dictionary, ids: new Int32Array(16), done: 0 }));
    const d = c.dictionary;
    if (d.length > m.ids.length) {
      const ids = new Int32Array(Math.max(d.length, 2 * m.ids.length));
      ids.set(m.ids.subarray(0, m.done));
      m.ids = ids;
    }
    for (let k = m.done; k < d.length; k++) m.ids[k] = levelId(levels, d[k]);
    m.done = d.length;
    const ids = m.ids;
    const codes = c.codes;
    for (let i = 0; i < out.length; i++) out[i] = codes[i] < 0 ? -1 : ids[codes[i]];
  }
}
