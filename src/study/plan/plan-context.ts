/**
 * What an analysis plan (analysis-plans.ts) is given: at planning, a builder that registers the variables and
 * accumulators it needs (shared between analyses when equal) and checks names against the data file's header
 * with the in-memory runner's messages; after the scan, the merged states.
 */
import { StaffwellError } from '../../errors.ts';
import { closestNames } from '../../data/table.ts';
import type { Study } from '../study-file.ts';
import type { StudyEngineHooks } from '../study-variables.ts';
import { levelOrder, type LevelSet } from './levels.ts';
import type { AccSpec, VarSource, VarSpec, VarUse } from './plan-types.ts';
import type { ScoreShapes } from './replay.ts';
import type { StudyTaskState } from './study-task.ts';

export class PlanBuilder {
  readonly vars = new Map<string, VarSpec>();
  readonly accs: AccSpec[] = [];
  private readonly accIndex = new Map<string, number>();

  constructor(
    readonly study: Study,
    /** Every column of the data file. */
    readonly columns: readonly string[],
  ) {}

  /** Registers `ref` read as `use`; the id accumulators name it by. Unknown names are an error (as study-variables.ts). */
  variable(ref: string, use: VarUse, field: string): string {
    const id = `${use}:${ref}`;
    if (this.vars.has(id)) return id;
    this.vars.set(id, { id, ref, use, source: this.source(ref, field) });
    return id;
  }

  source(ref: string, field: string): VarSource {
    const dot = ref.indexOf('.');
    if (dot > 0) {
      const name = ref.slice(0, dot);
      const part = ref.slice(dot + 1);
      const def = this.study.definitions[name];
      if (def && this.study.scoring.some((u) => u.name === name && !u.inline)) {
        if (def.subscales.some((s) => s.id === part)) return { instrument: name, part, kind: 'subscale' };
        if ((def.classifications ?? []).some((c) => c.id === part)) return { instrument: name, part, kind: 'classification' };
        if ((def.conversions ?? []).some((c) => c.id === part)) return { instrument: name, part, kind: 'conversion' };
      }
    }
    if (!this.columns.includes(ref)) {
      const known = [...this.columns, ...this.study.derived.map((x) => x.name), ...Object.keys(this.study.scales ?? {})];
      const near = closestNames(ref, known);
      throw new StaffwellError('invalid-study', `no data column, derived variable or score of this name (data file ${this.study.data.file})`, {
        file: this.study.source,
        field,
        value: ref,
        hint: near.length
          ? `did you mean ${near.map((n) => `"${n}"`).join(' or ')}? Names are case-sensitive`
          : 'name a column of the data file, a derived variable, or a score as <instrument name>.<subscale>',
      });
    }
    return { column: ref };
  }

  /** Registers an accumulator (an equal one already registered is shared); returns its index. */
  acc(spec: AccSpec): number {
    const key = JSON.stringify(spec);
    let k = this.accIndex.get(key);
    if (k === undefined) {
      k = this.accs.length;
      this.accs.push(spec);
      this.accIndex.set(key, k);
    }
    return k;
  }
}

/** The merged scan as the analysis plans read it. */
export interface ValueContext {
  readonly study: Study;
  /** The data file as the user named it (for messages). */
  readonly source: string;
  readonly minGroup: number;
  readonly state: StudyTaskState;
  readonly vars: ReadonlyMap<string, VarSpec>;
  readonly shapes: ScoreShapes;
  /** The describe and reliability results of the accumulators (for the in-memory analyses that take them). */
  readonly hooks: StudyEngineHooks;
  acc<T>(k: number): T;
  /** Type of a data column in the file. */
  columnType(column: string): 'number' | 'text' | undefined;
}

export function levelsOf(v: ValueContext, id: string): LevelSet {
  return v.state.levels[id];
}

/** A group variable's levels in the in-memory order: the labels, and task id -> position. */
export function orderedLevels(set: LevelSet): { labels: string[]; position: Int32Array } {
  const order = levelOrder(set);
  const position = new Int32Array(set.labels.length);
  order.forEach((id, i) => (position[id] = i));
  return { labels: order.map((id) => set.labels[id]), position };
}

/**
 * The in-memory runner's error for a variable read as numbers that holds categories (study-variables.ts
 * numericVariable), thrown when the scan found it so.
 */
export function checkNumeric(v: ValueContext, id: string, field: string): void {
  const spec = v.vars.get(id)!;
  const s = spec.source;
  const categorical = 'instrument' in s ? s.kind === 'classification' : v.columnType(s.column) !== 'number';
  if (categorical)
    throw new StaffwellError('invalid-study', 'this variable holds categories where numbers are needed', {
      file: v.study.source,
      field,
      value: spec.ref,
      hint: 'name a score (<instrument>.<subscale>) or a numeric column',
    });
}

/** study-variables.ts groupVariable's error for a score used as groups. */
export function checkGroup(v: ValueContext, id: string, field: string): void {
  const spec = v.vars.get(id)!;
  const s = spec.source;
  if ('instrument' in s && s.kind !== 'classification')
    throw new StaffwellError('invalid-study', 'a score cannot be used as groups', {
      file: v.study.source,
      field,
      value: spec.ref,
      hint: 'group by a classification (e.g. caseness), a data column, or a derived variable that cuts the score',
    });
}
