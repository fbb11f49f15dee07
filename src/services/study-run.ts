import { dirname, join, resolve } from 'node:path';
import { StaffwellError } from '../errors.ts';
import { loadStudy, type Study } from '../study/study-file.ts';
import { runStudy } from '../study/run-study.ts';
import type { StudyResults } from '../study/study-results.ts';
import { writeStudyResults } from '../study/write-study-results.ts';
import { writeScoredData, type ScoredFormat } from '../study/scored-data.ts';
import { studyJointDisplays } from './study-joint-displays.ts';

/**
 * A study file run without writing anything: its results (what results.json holds, plus `engine`), with the joint
 * displays it names (`mixed:`).
 */
export async function studyResults(study: string | Study): Promise<StudyResults> {
  const s = typeof study === 'string' ? loadStudy(study) : study;
  return withJointDisplays(s, await runStudy(s));
}

async function withJointDisplays(study: Study, results: StudyResults): Promise<StudyResults> {
  if (!study.mixed) return results;
  const { displays, warnings } = await studyJointDisplays(study, results);
  // results.json keeps its key order: the displays after the analyses, the warnings last
  const { warnings: before, engine, ...rest } = results;
  return { ...rest, joint_displays: displays, warnings: [...before, ...warnings], ...(engine ? { engine } : {}) };
}

export interface StudyRunOptions {
  /** Folder for results.json, summary.txt and the scored data (default: results/ beside the study file). */
  out?: string;
  /** Formats of the scored data set, one row per respondent (default: the study's output.scored, else csv); [] for none. */
  scored?: readonly ScoredFormat[];
}

export interface StudyRunResult {
  study: Study;
  results: StudyResults;
  outDir: string;
  /** Every file written: results.json, summary.txt, then scored.csv and/or scored.sav. */
  files: string[];
}

/** `staffwell run`: runs a study file and writes its results, summary and scored data, each atomically. */
export async function studyRun(studyPath: string, options: StudyRunOptions = {}): Promise<StudyRunResult> {
  for (const f of options.scored ?? []) {
    if (f !== 'csv' && f !== 'sav') throw new StaffwellError('invalid-option', 'not a format of the scored data', { field: 'scored', value: String(f), hint: 'use csv and/or sav' });
  }
  const study = loadStudy(studyPath);
  const results = await withJointDisplays(study, await runStudy(study));
  const outDir = options.out ?? join(dirname(resolve(studyPath)), 'results');
  const written = writeStudyResults(results, outDir);
  const scored = await writeScoredData(study, outDir, options.scored ?? study.output?.scored ?? ['csv']);
  return { study, results, outDir, files: [written.json, written.summary, ...scored] };
}
