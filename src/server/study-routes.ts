import { realpathSync, statSync } from 'node:fs';
import { basename, extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Hono } from 'hono';
import { isStaffwellError, StaffwellError } from '../errors.ts';
import { buildStudyReport } from '../report/study-report.ts';
import { renderStudyReport } from '../services/report.ts';
import { studyResults } from '../services/study-run.ts';
import { loadStudy, resolvePath, studyFiles, type Study } from '../study/study-file.ts';
import type { StudyResults } from '../study/study-results.ts';
import { download } from './http-app.ts';
import { folderFile } from './project-folder.ts';

/**
 * The survey side's results pane: a study file of the workspace folder, run without writing anything. The
 * browser gets the results (what results.json holds) and builds the tables and charts with the report's own pure
 * builders (src/report/study-report.ts), so the pane and the downloaded report say the same thing; the study file
 * stays the one source of truth.
 */
export interface StudyRun {
  /** As the browser named it (relative to the workspace folder). */
  path: string;
  name: string;
  description: string | null;
  /** Rows of the data file. */
  n: number;
  /** ISO time of the study file's last change. */
  modified: string;
  /** ISO time the results were computed, and how long that took (ms). */
  ranAt: string;
  ms: number;
  /** True when the results came from the cache (study file and every file it reads unchanged since). */
  cached: boolean;
  results: StudyResults;
}

interface Cached {
  key: string;
  /** What the study reads besides itself (data, instrument, norms and labels files): a change to one runs it again. */
  files: string[];
  run: Promise<Omit<StudyRun, 'path' | 'cached'>>;
}

/**
 * Registers GET /api/study (`path`, and `fresh=1` to run again) and GET /api/study/report.html (the
 * self-contained HTML report, downloaded). Results are cached per study file until it or a file it reads changes
 * (their mtimes: the data, instrument definition, norms and answer-labels files, and the qualitative project of its
 * joint displays); a failed run is not cached, so
 * fixing the file and asking again runs it again.
 */
export function studyRoutes(app: Hono, folder: string): void {
  const cache = new Map<string, Cached>();

  async function run(name: string | undefined, fresh: boolean): Promise<StudyRun> {
    const file = folderFile(folder, name, 'study');
    const rel = name!;
    const root = realpathSync(folder);
    const prev = cache.get(file);
    const key = (files: string[]) => [file, ...files].map(mtime).join('|');
    if (prev && !fresh && prev.key === key(prev.files)) return { path: rel, cached: true, ...(await prev.run) };
    const modified = mtime(file);
    let entry: Cached;
    try {
      const study = loadStudy(file);
      const files = [...studyFiles(study), ...mixedProjectFiles(study)];
      entry = {
        key: key(files),
        files,
        run: (async () => {
          const t0 = performance.now();
          const results = await studyResults(study);
          const ms = Math.round(performance.now() - t0);
          return { name: results.study, description: results.description ?? null, n: results.data.rows, modified: new Date(modified).toISOString(), ranAt: new Date().toISOString(), ms, results };
        })(),
      };
    } catch (e) {
      cache.delete(file);
      throw named(e, root, file, rel);
    }
    cache.set(file, entry);
    try {
      return { path: rel, cached: false, ...(await entry.run) };
    } catch (e) {
      if (cache.get(file) === entry) cache.delete(file);
      throw named(e, root, file, rel);
    }
  }

  app.get('/api/study', async (c) => c.json(await run(c.req.query('path'), c.req.query('fresh') === '1')));
  app.get('/api/study/report.html', async (c) => {
    const { path, results } = await run(c.req.query('path'), false);
    const { html } = await renderStudyReport(buildStudyReport(results), { html: true });
    const base = basename(path, extname(path)).replace(/[^\w.-]+/g, '_') || 'study';
    return download(c, html!, 'text/html; charset=utf-8', `${base}-report.html`);
  });
}

/** The qualitative project a study's joint displays read (`mixed:`): its file and SQLite's write-ahead log. */
function mixedProjectFiles(study: Study): string[] {
  if (!study.mixed) return [];
  const p = resolvePath(study.baseDir, study.mixed.project);
  return [p, `${p}-wal`];
}

function mtime(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return NaN;
  }
}

/**
 * The error with its file named as the browser names files: the study file by the name it was asked for, a file
 * of the workspace folder (its data, say) relative to the folder; the server's absolute paths stay on the server.
 */
function named(e: unknown, root: string, file: string, rel: string): unknown {
  const at = isStaffwellError(e) ? e.location.file : undefined;
  if (!at) return e;
  const inFolder = relative(root, resolve(at));
  const shown = resolve(at) === file ? rel : !inFolder.startsWith('..') && !isAbsolute(inFolder) ? inFolder.split(sep).join('/') : at;
  if (shown === at) return e;
  const err = e as StaffwellError;
  return new StaffwellError(err.code, err.problem, { ...err.location, file: shown, value: err.value, hint: err.hint, cause: err });
}
