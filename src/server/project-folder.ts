import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import { StaffwellError } from '../errors.ts';

/**
 * The survey side of the workspace works on the files of one folder (by default the project's): study files and
 * survey data. The browser names a file by its path relative to that folder, never an absolute path; this module
 * lists what may be named and resolves a name back, refusing anything outside the folder (`..`, absolute paths,
 * symbolic links that lead out).
 */
export interface FolderFile {
  /** Relative to the folder, with `/` separators. */
  path: string;
  kind: 'study' | 'survey';
  bytes: number;
  /** ISO time of the last change. */
  modified: string;
}

const SURVEY_EXTENSIONS = new Set(['.csv', '.tsv', '.tab', '.xlsx', '.sav', '.zsav']);
const STUDY_EXTENSIONS = new Set(['.yaml', '.yml']);
/** How deep below the folder files are listed (the folder itself is depth 0). */
const MAX_DEPTH = 2;
const MAX_FILES = 500;
const SKIP = new Set(['node_modules', 'dist', 'coverage']);

/** Study files (YAML with `analyses:` or `instruments:`) and survey data files under `folder`, sorted by path. */
export function listFolderFiles(folder: string): FolderFile[] {
  const out: FolderFile[] = [];
  const walk = (dir: string, depth: number) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (out.length >= MAX_FILES) return;
      if (e.name.startsWith('.')) continue;
      const full = join(dir, e.name);
      if (e.isDirectory()) {
        if (depth < MAX_DEPTH && !SKIP.has(e.name)) walk(full, depth + 1);
        continue;
      }
      if (!e.isFile()) continue;
      const ext = extname(e.name).toLowerCase();
      const kind = SURVEY_EXTENSIONS.has(ext) ? 'survey' : STUDY_EXTENSIONS.has(ext) && looksLikeStudy(full) ? 'study' : undefined;
      if (!kind) continue;
      const st = statSync(full);
      out.push({ path: relative(folder, full).split(sep).join('/'), kind, bytes: st.size, modified: st.mtime.toISOString() });
    }
  };
  walk(folder, 0);
  return out;
}

/** The absolute path of `name` (relative, as listed) in `folder`, if it is a file of that kind inside the folder. */
export function folderFile(folder: string, name: string | undefined, kind: FolderFile['kind'], field = 'path'): string {
  if (!name) throw new StaffwellError('invalid-option', `name the ${kind} file`, { field, hint: 'a path relative to the workspace folder, as /api/folder lists it' });
  const ext = extname(name).toLowerCase();
  const allowed = kind === 'survey' ? SURVEY_EXTENSIONS : STUDY_EXTENSIONS;
  if (!allowed.has(ext)) {
    throw new StaffwellError('unsupported', `"${name}" is not a ${kind} file`, { field, value: name, hint: `one of ${[...allowed].join(', ')}` });
  }
  const root = realpathSync(folder);
  const wanted = resolve(root, name);
  let real: string;
  try {
    real = realpathSync(wanted);
  } catch {
    throw new StaffwellError('not-found', `there is no file "${name}" in the workspace folder`, { field, value: name, hint: 'name it relative to the workspace folder, as /api/folder lists it' });
  }
  const rel = relative(root, real);
  if (name.startsWith('/') || rel === '' || rel.startsWith('..') || resolve(root, rel) !== real) {
    throw new StaffwellError('forbidden', `"${name}" is outside the workspace folder`, { field, value: name, hint: 'only files in the folder of the project (or the folder given to `staffwell serve --folder`) can be opened' });
  }
  if (!statSync(real).isFile()) throw new StaffwellError('not-found', `"${name}" is not a file`, { field, value: name });
  return real;
}

function looksLikeStudy(path: string): boolean {
  try {
    const head = readFileSync(path, 'utf8').slice(0, 64 * 1024);
    return /^(analyses|instruments):/m.test(head);
  } catch {
    return false;
  }
}
