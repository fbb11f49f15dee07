import { closeSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { StaffwellError } from '../../errors.ts';
import { userFacingSystemError } from '../../io/system-error.ts';

/**
 * Checks, before anything is written, that a file given as a project (or a key file) is one: a folder, a file
 * that is not an SQLite database, another program's database, or the key file given as the project (or the
 * reverse) is refused with a message saying what it is and what to give instead. Staffwell never adds its tables
 * to a database it did not create. A missing file, or an empty one where a key file is to be created, passes.
 */
export function checkStoreFile(path: string, kind: 'project' | 'key'): void {
  // A key file is an option (`keyPath`): its errors name it, and each surface says how it sets it (--key, ...).
  const at = kind === 'key' ? { file: path, field: 'keyPath' } : { file: path };
  const what = kind === 'project' ? 'project' : 'key file';
  const fix = kind === 'project'
    ? 'give the project file (e.g. study.qual.sqlite), or create one with `staffwell qual init PROJECT`'
    : 'give the key file made with the project (e.g. study.qual.key.sqlite), or a new path for a new key file';
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new StaffwellError('io', `this is a folder, not a Staffwell ${what}`, { ...at, hint: fix });
    if (!st.isFile()) throw new StaffwellError('io', `this is not an ordinary file, so not a Staffwell ${what}`, { ...at, hint: fix });
    size = st.size;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw userFacingSystemError(e, path) ?? e;
  }
  if (size === 0) {
    if (kind === 'key') return;
    throw new StaffwellError('format', 'the file is empty, not a Staffwell project', { ...at, hint: fix });
  }
  if (!hasSqliteHeader(path)) {
    throw new StaffwellError('format', `the file is not a Staffwell ${what} (it is not an SQLite database)`, { ...at, hint: fix });
  }
  const tables = tableNames(path);
  const isProject = tables.has('project') && tables.has('commands');
  const isKey = tables.has('replacements') && tables.has('originals');
  if (kind === 'project' && isProject) return;
  if (kind === 'key' && isKey) return;
  if (kind === 'key' && tables.size === 0) return; // an empty database: a new key file
  if (kind === 'project' && isKey) {
    throw new StaffwellError('format', 'this is a key file, not a project', {
      ...at,
      hint: 'give the project file; its key file is found beside it (PROJECT.key.sqlite) or is given as the key file',
    });
  }
  if (kind === 'key' && isProject) {
    throw new StaffwellError('format', 'this is a project, not a key file', { ...at, hint: 'give the key file made with the project (e.g. study.qual.key.sqlite) as the key file, not the project itself' });
  }
  const shown = [...tables].slice(0, 5).join(', ') + (tables.size > 5 ? ', ...' : '');
  throw new StaffwellError('format', `an SQLite database that is not a Staffwell ${what}`, {
    ...at,
    value: tables.size === 0 ? '(no tables)' : `tables: ${shown}`,
    hint: `Staffwell does not write into another program's database; ${fix}`,
  });
}

function hasSqliteHeader(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(16);
    const n = readSync(fd, head, 0, 16, 0);
    return n === 16 && head.toString('latin1') === 'SQLite format 3\0';
  } finally {
    closeSync(fd);
  }
}

function tableNames(path: string): Set<string> {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const rows = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
    return new Set(rows.map((r) => r.name));
  } catch (e) {
    throw userFacingSystemError(e, path) ?? e;
  } finally {
    db?.close();
  }
}
