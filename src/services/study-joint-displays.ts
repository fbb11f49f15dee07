import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { StaffwellError, isStaffwellError } from '../errors.ts';
import { caseComparison } from '../mixed/case-comparison.ts';
import { sideBySide } from '../mixed/side-by-side.ts';
import { statisticsByThemes } from '../mixed/statistics-by-themes.ts';
import { listDisplays, readDisplay, readLinkSpec } from '../qual/commands/mixed.ts';
import { resolvePath, type Study } from '../study/study-file.ts';
import type { JointDisplayJson, StudyResults } from '../study/study-results.ts';
import { DEFAULT_DISPLAY } from './mixed-displays.ts';
import { linkedStudyPath, mixedOpen } from './mixed-link.ts';
import { openQualProject } from './qual-project.ts';

/**
 * The joint displays a study file names under `mixed:`, computed with the study's own results (so a side-by-side
 * row quoting a statistic shows this run's value): the project is opened read-only in effect (nothing is applied)
 * and without its key file (displays show pseudonymised text only). A project that is not there yet (the survey
 * comes first in a sequential design) gives a warning and no displays; a project not linked to this study, or a
 * display's option that does not fit, is an error naming the study file's field.
 */
export async function studyJointDisplays(study: Study, results: StudyResults): Promise<{ displays: JointDisplayJson[]; warnings: string[] }> {
  const mixed = study.mixed;
  if (!mixed) return { displays: [], warnings: [] };
  const path = resolvePath(study.baseDir, mixed.project);
  const fail = (field: string, problem: string, value: string | undefined, hint: string, cause?: unknown) =>
    new StaffwellError('invalid-study', problem, { file: study.source, field, value, hint, cause });
  if (!existsSync(path)) {
    return {
      displays: [],
      warnings: [
        `mixed.project: the qualitative project ${mixed.project} is not there, so no joint displays were made; create and link it (staffwell qual init, staffwell mixed link PROJECT --study STUDY), or correct the path (relative to the study file)`,
      ],
    };
  }
  const ids = new Set<string>();
  mixed.displays.forEach((d, i) => {
    const id = d.id ?? (mixed.displays.filter((e) => e.type === d.type).length > 1 ? `${d.type}-${i + 1}` : d.type);
    if (ids.has(id)) throw fail(`mixed.displays[${i + 1}].id`, 'two joint displays share an id', id, 'give each display its own id');
    ids.add(id);
  });
  const project = openQualProject({ path, keyPath: null });
  try {
    const spec = await readLinkSpec(project.store);
    const ctx = { baseDir: dirname(path) };
    if (!spec) throw fail('mixed.project', 'the qualitative project is not linked to a study', mixed.project, `link it first: staffwell mixed link ${mixed.project} --study ${study.source}`);
    if (linkedStudyPath(spec, ctx) !== resolve(study.source))
      throw fail('mixed.project', `the qualitative project is linked to another study (${spec.study})`, mixed.project, 'name the project linked to this study, or link this one: staffwell mixed link PROJECT --study STUDY');
    const linked = await mixedOpen(project, ctx);
    const displays: JointDisplayJson[] = [];
    const names = [...ids];
    for (const [i, d] of mixed.displays.entries()) {
      const at = `mixed.displays[${i + 1}]`;
      try {
        if (d.type === 'statistics-by-themes') displays.push({ id: names[i], display: statisticsByThemes(linked, d) });
        else if (d.type === 'case-comparison') displays.push({ id: names[i], display: caseComparison(linked, d) });
        else {
          const name = d.display ?? DEFAULT_DISPLAY;
          const rows = await readDisplay(project.store, name);
          if (!rows && d.display !== undefined) {
            const known = await listDisplays(project.store);
            throw fail(`${at}.display`, 'the project has no side-by-side display of this name', name, known.length ? `its displays are: ${known.join(', ')}` : 'add a row first: staffwell mixed row PROJECT add --domain ... --finding ...');
          }
          displays.push({ id: names[i], display: sideBySide(name, rows ?? [], linked.coded, results, { quotes: d.quotes }) });
        }
      } catch (e) {
        // a display's option named as the library names it (field "by") becomes the study file's field
        if (isStaffwellError(e) && e.location.file === undefined && e.location.field !== undefined)
          throw fail(`${at}.${e.location.field}`, e.problem, e.value, e.hint ?? 'correct the display in the study file', e);
        throw e;
      }
    }
    return { displays, warnings: [] };
  } finally {
    project.close();
  }
}
