import type { CommandOf } from '../qual/commands/index.ts';
import type { VariableValue } from '../qual/snapshot.ts';
import type { LinkedProject } from './participant-link.ts';
import { findVariable, valueAt, type RespondentVariable } from './respondents.ts';

/**
 * Qualitizing: survey-derived variables (scores, bands, caseness, groups) become attributes of the linked
 * participants in the qualitative project, usable in every matrix and retrieval filter (`qual query --where
 * ghq.caseness=case`). The result is one `participant.import` command (validated, audited, one undo step);
 * applying it again after the study is rerun brings the attributes up to date. Participants not in the survey
 * are left as they are and listed.
 */
export interface Qualitized {
  command: CommandOf<'participant.import'>;
  /** Attribute name (the study reference, e.g. `ghq.caseness`) and type. */
  attributes: { name: string; type: 'text' | 'float' }[];
  updated: string[];
  notLinked: string[];
}

export function qualitize(linked: LinkedProject, options: { variables?: readonly string[] } = {}): Qualitized {
  const vars: RespondentVariable[] = options.variables
    ? options.variables.map((r, i) => findVariable(linked.respondents.variables, r, `variables[${i + 1}]`))
    : linked.respondents.variables.filter((v) => v.kind !== 'column');
  const rowsOf = [...linked.rowOf].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const attributes = vars.map((v) => ({ name: v.ref, type: v.type === 'categorical' ? ('text' as const) : ('float' as const) }));
  const rows = rowsOf.map(([id, row]) => ({
    id,
    attributes: Object.fromEntries(vars.map((v) => [v.ref, valueAt(v, row) as VariableValue])),
  }));
  return {
    command: { type: 'participant.import', variables: attributes, rows },
    attributes,
    updated: rowsOf.map(([id]) => id),
    notLinked: linked.coded.participants.map((p) => p.id).filter((id) => !linked.rowOf.has(id)).sort(),
  };
}
