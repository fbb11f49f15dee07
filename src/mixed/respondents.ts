import { StaffwellError } from '../errors.ts';
import { closestNames, findColumn, lineOfRow, textAt, type Table } from '../data/table.ts';
import { DEFAULT_MIN_GROUP, readStudyData, scoreStudy } from '../study/run-study.ts';
import { expandRefs, isInlineScale, scorePartKind, type Study } from '../study/study-file.ts';
import { groupVariable, variable, type StudyContext } from '../study/study-variables.ts';

/**
 * The survey side of a mixed-methods project: one row per respondent with their id (the column that links them to
 * a qualitative participant) and the study variables a joint display or a profile shows — scores, classifications
 * (bands, caseness), derived variables and data columns — computed exactly as `staffwell run` computes them.
 */
export interface Respondents {
  /** The study's name and file. */
  study: string;
  source: string;
  dataFile: string;
  /** The column holding the id shared with the qualitative project. */
  idColumn: string;
  /** The study's suppression threshold (groups of fewer respondents show no numbers). */
  minGroup: number;
  /** Per row: the id as text (numbers as written, e.g. `17`), null when empty. */
  ids: (string | null)[];
  /** Per row: the line in the data file (the header is line 1). */
  lines: number[];
  variables: RespondentVariable[];
  /** The data as read (before answer labels and scoring): what quantitized variables are added to. */
  table: Table;
}

/** One study variable over the respondents: numbers (NaN missing) or level codes (-1 missing) with their levels. */
export type RespondentVariable =
  | { ref: string; label: string; kind: VariableKind; type: 'numeric'; values: Float64Array }
  | { ref: string; label: string; kind: VariableKind; type: 'categorical'; levels: readonly string[]; codes: Int32Array };

export type VariableKind = 'score' | 'classification' | 'derived' | 'column';

export interface RespondentsOptions {
  /** The id column (default: the study's `data.id`). */
  idColumn?: string;
  /** Variables (study references; `ghq.*` expands). Default: every score and classification, then `data.groups`. */
  variables?: readonly string[];
}

/** Reads the study's data file and computes {@link respondentsOf}. */
export async function loadRespondents(study: Study, options: RespondentsOptions = {}): Promise<Respondents> {
  return respondentsOf(study, await readStudyData(study), options);
}

/** The respondents of a study over data already read (pure): the same checks and scoring as `staffwell run`. */
export function respondentsOf(study: Study, input: Table, options: RespondentsOptions = {}): Respondents {
  const idColumn = options.idColumn ?? study.data.id;
  if (!idColumn) {
    throw new StaffwellError('invalid-study', 'the study names no id column to link respondents to participants', {
      file: study.source,
      field: 'data.id',
      hint: 'add `id: <column>` under `data:` in the study file, or name the column (--id-column)',
    });
  }
  const { table, scores } = scoreStudy(study, input, []);
  const idCol = findColumn(table, idColumn);
  if (!idCol) {
    const near = closestNames(idColumn, table.columns.map((c) => c.name));
    throw new StaffwellError('invalid-option', `the data file has no column of this name (${study.data.file})`, {
      file: study.source,
      field: 'idColumn',
      value: idColumn,
      hint: near.length ? `did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : 'name the column holding the pseudonymous id',
    });
  }
  const ids: (string | null)[] = new Array(table.nrows);
  const lines: number[] = new Array(table.nrows);
  for (let i = 0; i < table.nrows; i++) {
    if (idCol.kind === 'number') ids[i] = Number.isNaN(idCol.values[i]) ? null : String(idCol.values[i]);
    else {
      const t = textAt(idCol, i)?.trim();
      ids[i] = t ? t : null;
    }
    lines[i] = lineOfRow(table, i);
  }
  const ctx: StudyContext = { study, table, scores, minGroup: study.suppression?.minGroup ?? DEFAULT_MIN_GROUP, derived: new Map(), warnings: [] };
  const refs = options.variables ? expandRefs(study, options.variables) : defaultRefs(study);
  const variables = [...new Set(refs)].map((ref, i) => respondentVariable(ctx, ref, `variables[${i + 1}]`));
  return { study: study.name, source: study.source, dataFile: study.data.file, idColumn, minGroup: ctx.minGroup, ids, lines, variables, table: input };
}

/** Every subscale and classification of every instrument (inline scales too), then the study's group columns. */
function defaultRefs(study: Study): string[] {
  const out: string[] = [];
  for (const spec of study.scoring) {
    if (spec.inline) {
      out.push(spec.name);
      continue;
    }
    for (const s of spec.definition.subscales) out.push(`${spec.name}.${s.id}`);
    for (const c of spec.definition.classifications ?? []) out.push(`${spec.name}.${c.id}`);
  }
  out.push(...(study.data.groups ?? []));
  return out;
}

function kindOf(study: Study, ref: string): VariableKind {
  if (isInlineScale(study, ref)) return 'score';
  if (study.derived.some((d) => d.name === ref)) return 'derived';
  const dot = ref.indexOf('.');
  if (dot > 0) {
    const k = scorePartKind(study, ref.slice(0, dot), ref.slice(dot + 1));
    if (k === 'classification') return 'classification';
    if (k) return 'score';
  }
  return 'column';
}

function respondentVariable(ctx: StudyContext, ref: string, field: string): RespondentVariable {
  const kind = kindOf(ctx.study, ref);
  const v = variable(ctx, ref, field);
  if (v.kind === 'numeric') return { ref, label: v.label, kind, type: 'numeric', values: v.values };
  const g = kind === 'classification' ? v : groupVariable(ctx, ref, field);
  return { ref, label: g.label, kind, type: 'categorical', levels: g.levels, codes: g.codes };
}

/** A variable as groups: categories as they are; a numeric variable by its distinct values (a band coded 1..5). */
export function asGroups(v: RespondentVariable): { levels: readonly string[]; codes: Int32Array } {
  if (v.type === 'categorical') return v;
  const distinct = [...new Set(Array.from(v.values).filter((x) => !Number.isNaN(x)))].sort((a, b) => a - b);
  const index = new Map(distinct.map((x, i) => [x, i]));
  return { levels: distinct.map(String), codes: Int32Array.from(v.values, (x) => (Number.isNaN(x) ? -1 : index.get(x)!)) };
}

/** A respondent's value of a variable: a number, a level's label, or null when missing. */
export function valueAt(v: RespondentVariable, row: number): number | string | null {
  if (v.type === 'numeric') return Number.isNaN(v.values[row]) ? null : v.values[row];
  const c = v.codes[row];
  return c < 0 ? null : v.levels[c];
}

/** The variable named `ref`, or a user-facing error listing the ones there are. */
export function findVariable(vars: readonly RespondentVariable[], ref: string, field: string): RespondentVariable {
  const v = vars.find((x) => x.ref === ref);
  if (v) return v;
  const near = closestNames(ref, vars.map((x) => x.ref));
  throw new StaffwellError('not-found', 'no such survey variable in the link', {
    field,
    value: ref,
    hint: near.length ? `did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : `use one of: ${vars.map((x) => x.ref).join(', ')}`,
  });
}
