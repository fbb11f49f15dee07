import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { StaffwellError } from '../errors.ts';
import { loadCodedParticipants } from '../mixed/coded-participants.ts';
import { linkParticipants, type LinkCheck, type LinkedProject } from '../mixed/participant-link.ts';
import { participantProfile, type ParticipantProfile } from '../mixed/participant-profile.ts';
import { loadRespondents } from '../mixed/respondents.ts';
import { readLinkSpec, type ParticipantLinkSpec } from '../qual/commands/mixed.ts';
import type { QualProject, QualSession } from '../qual/project.ts';
import { loadStudy, type Study } from '../study/study-file.ts';
import type { StudyResults } from '../study/study-results.ts';

/**
 * The participant link of a mixed-methods project: declaring it (`mixed.link`, a validated, undoable command),
 * opening both sides as one {@link LinkedProject}, its check (unmatched ids on both sides) and a participant's
 * profile. `baseDir` is the folder the link's study path is relative to: the project file's folder.
 */
export interface MixedContext {
  /** The folder of the project file (the stored study path is relative to it). */
  baseDir: string;
  /** Suppression threshold for this run (default: the link's, else the study's). */
  minGroup?: number;
}

export interface MixedLinkOptions {
  /** The study file, as the user names it (relative to the working directory or absolute). */
  study: string;
  /** Default: the study's `data.id`. */
  idColumn?: string;
  minGroup?: number;
  variables?: readonly string[];
  baseDir: string;
}

/** Checks the study and its id column, stores the link, and returns the link check. */
export async function mixedLink(session: QualSession, options: MixedLinkOptions): Promise<LinkCheck> {
  const study = loadStudy(options.study);
  const idColumn = options.idColumn ?? study.data.id;
  // read both sides first: a link that cannot be opened is never stored
  const respondents = await loadRespondents(study, { idColumn, variables: options.variables });
  const coded = await session.store.read(loadCodedParticipants);
  const abs = resolve(options.study);
  const stored = isAbsolute(options.study) ? abs : relative(resolve(options.baseDir), abs) || '.';
  await session.apply({
    type: 'mixed.link',
    study: stored.split('\\').join('/'),
    idColumn: respondents.idColumn,
    ...(options.minGroup !== undefined ? { minGroup: options.minGroup } : {}),
    ...(options.variables ? { variables: [...options.variables] } : {}),
  });
  return linkParticipants(respondents, coded, { minGroup: options.minGroup }).check;
}

export async function mixedUnlink(session: QualSession): Promise<void> {
  await session.apply({ type: 'mixed.unlink' });
}

/** The stored link, or an error saying how to make one. */
export async function mixedLinkSpec(project: QualProject): Promise<ParticipantLinkSpec> {
  const spec = await readLinkSpec(project.store);
  if (!spec) {
    throw new StaffwellError('not-found', 'the project is not linked to a study', {
      hint: 'link it first: staffwell mixed link PROJECT --study STUDY.yaml [--id-column COLUMN]',
    });
  }
  return spec;
}

/** The study file the link names, resolved against the project's folder. */
export function linkedStudyPath(spec: ParticipantLinkSpec, ctx: MixedContext): string {
  return isAbsolute(spec.study) ? spec.study : resolve(ctx.baseDir, spec.study);
}

/** Both sides of the project, read now: the survey (scored as `staffwell run` scores it) and the coded data. */
export async function mixedOpen(project: QualProject, ctx: MixedContext): Promise<LinkedProject & { study: Study; spec: ParticipantLinkSpec }> {
  const spec = await mixedLinkSpec(project);
  const path = linkedStudyPath(spec, ctx);
  if (!existsSync(path)) {
    throw new StaffwellError('io', 'the linked study file is not there', {
      file: path,
      hint: 'the link stores the study path relative to the project file; link again with the right path (staffwell mixed link)',
    });
  }
  const study = loadStudy(path);
  const respondents = await loadRespondents(study, { idColumn: spec.idColumn, variables: spec.variables });
  const coded = await project.store.read(loadCodedParticipants);
  return { ...linkParticipants(respondents, coded, { minGroup: ctx.minGroup ?? spec.minGroup }), study, spec };
}

export async function mixedCheck(project: QualProject, ctx: MixedContext): Promise<LinkCheck> {
  return (await mixedOpen(project, ctx)).check;
}

export async function mixedProfile(project: QualProject, participantId: string, ctx: MixedContext): Promise<ParticipantProfile> {
  return participantProfile(await mixedOpen(project, ctx), participantId);
}

/** The study's results JSON: `path`, else `results/results.json` beside the study file (where `staffwell run` writes). */
export function readStudyResults(study: Study, path?: string): StudyResults | null {
  const file = path ?? join(dirname(resolve(study.source)), 'results', 'results.json');
  if (!existsSync(file)) {
    if (path) throw new StaffwellError('io', 'the results file is not there', { file, hint: 'run the study first: staffwell run STUDY --out DIR' });
    return null;
  }
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as StudyResults;
  } catch (e) {
    throw new StaffwellError('format', 'the results file is not valid JSON', { file, hint: 'run the study again to rewrite it', cause: e });
  }
}
