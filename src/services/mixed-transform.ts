import { writeCsv } from '../data/csv-write.ts';
import { quantitize, quantitizedTable, type Quantitized, type QuantitizeOptions } from '../mixed/quantitize.ts';
import { qualitize } from '../mixed/qualitize.ts';
import { loadRespondents } from '../mixed/respondents.ts';
import { selectInterviewees, type Selection, type SelectionOptions } from '../mixed/select-interviewees.ts';
import type { QualProject, QualSession } from '../qual/project.ts';
import { loadStudy } from '../study/study-file.ts';
import { mixedOpen, type MixedContext } from './mixed-link.ts';

/**
 * Moving data between the two sides: quantitizing (codes and themes -> variables of the survey data a study can
 * analyse), qualitizing (survey scores and bands -> participant attributes, one undoable command), and proposing
 * interviewees from the survey (before there is a qualitative project at all).
 */
export interface MixedQuantitizeResult extends Quantitized {
  /** The survey data with the variables added, when `out` was given (a CSV a study file can name as its data). */
  written: string | null;
  /** Participants whose values went onto a survey row. */
  linked: number;
  notLinked: string[];
}

export async function mixedQuantitize(project: QualProject, ctx: MixedContext, options: QuantitizeOptions & { out?: string } = {}): Promise<MixedQuantitizeResult> {
  const linked = await mixedOpen(project, ctx);
  const q = quantitize(linked.coded, options);
  if (options.out) writeCsv(options.out, quantitizedTable(linked, q));
  return {
    ...q,
    written: options.out ?? null,
    linked: q.participants.filter((p) => linked.rowOf.has(p)).length,
    notLinked: q.participants.filter((p) => !linked.rowOf.has(p)),
  };
}

/** Survey variables as attributes of the linked participants; applied again after a rerun, it updates them. */
export async function mixedQualitize(session: QualSession, ctx: MixedContext, options: { variables?: readonly string[] } = {}) {
  const linked = await mixedOpen(session.project, ctx);
  const q = qualitize(linked, options);
  await session.apply(q.command);
  return { attributes: q.attributes, updated: q.updated, notLinked: q.notLinked };
}

/** Proposes interviewees from a study's survey (`study`: the study file). */
export async function mixedSelect(options: SelectionOptions & { study: string; idColumn?: string }): Promise<Selection> {
  const { study: path, idColumn, ...rest } = options;
  const study = loadStudy(path);
  const variables = [...(rest.scores ?? []), ...(rest.by ?? [])];
  const respondents = await loadRespondents(study, { idColumn, variables: variables.length ? variables : undefined });
  return selectInterviewees(respondents, rest);
}
