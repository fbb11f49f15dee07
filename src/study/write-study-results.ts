import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { makeFolder } from '../io/make-folder.ts';
import { formatStudySummary } from './format-study-summary.ts';
import type { StudyResults } from './study-results.ts';

/** The results as JSON text: stable key order, two-space indent, NaN and ±Infinity written as null. */
export function studyResultsJson(results: StudyResults): string {
  // `engine` (how this run went: the plan, costs, seconds) is left out, so that results.json is reproducible
  return (
    JSON.stringify(
      results,
      function (this: unknown, k, v) {
        if (k === 'engine' && this === results) return undefined;
        return typeof v === 'number' && !Number.isFinite(v) ? null : v;
      },
      2,
    ) + '\n'
  );
}

/** Writes `results.json` and `summary.txt` into `outDir` (created if needed), each atomically. */
export function writeStudyResults(results: StudyResults, outDir: string): { json: string; summary: string } {
  makeFolder(outDir);
  const json = join(outDir, 'results.json');
  const summary = join(outDir, 'summary.txt');
  writeFileAtomic(json, studyResultsJson(results));
  writeFileAtomic(summary, formatStudySummary(results));
  return { json, summary };
}
