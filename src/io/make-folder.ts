import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { StaffwellError } from '../errors.ts';
import { userFacingSystemError } from './system-error.ts';

/**
 * Creates an output folder and its missing parents, or throws a StaffwellError naming it. One folder at a time
 * rather than `mkdirSync(p, { recursive: true })`, which never returns for a path under /proc (Node 20): a user's
 * `--out /proc/x` must fail at once, not hang.
 */
export function makeFolder(path: string): void {
  const missing: string[] = [];
  let p = resolve(path);
  for (;;) {
    const kind = kindOf(p, path);
    if (kind === 'folder') break;
    if (kind === 'file') {
      throw new StaffwellError('io', 'cannot create the output folder: a file is in the way', {
        file: path,
        value: p,
        hint: 'choose another output folder, or move the file',
      });
    }
    missing.push(p);
    const parent = dirname(p);
    if (parent === p) break;
    p = parent;
  }
  for (const dir of missing.reverse()) {
    try {
      mkdirSync(dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST' && kindOf(dir, path) === 'folder') continue;
      const sys = userFacingSystemError(e, path);
      if (sys === undefined) throw e;
      throw new StaffwellError('io', `cannot create the output folder: ${sys.problem}`, { file: path, value: sys.value, hint: sys.hint, cause: e });
    }
  }
}

function kindOf(p: string, shown: string): 'folder' | 'file' | 'missing' {
  try {
    return statSync(p).isDirectory() ? 'folder' : 'file';
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'missing';
    if (code === 'ENOTDIR') return 'file';
    const sys = userFacingSystemError(e, shown);
    if (sys === undefined) throw e;
    throw new StaffwellError('io', `cannot create the output folder: ${sys.problem}`, { file: shown, value: sys.value, hint: sys.hint, cause: e });
  }
}
