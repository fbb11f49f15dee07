/**
 * The CLI's error boundary (src/cli/exit-code.ts) as a user meets it, `staffwell` run as a process: a folder
 * where a file is expected, a file that is not a project (or is the key file, or another program's database),
 * an output under /proc or that is a folder, a header-only CSV, a bad flag value. Each gets a message naming
 * the file and what to do, exit 1 (bad input) or 2 (usage), no stack trace, no hang, and nothing written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { errorOutcome } from '../../src/cli/exit-code.ts';
import { StaffwellError } from '../../src/errors.ts';
import { STAFFWELL } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'sw-boundary-'));
const KEYS = join(dir, 'keys.json');
writeFileSync(KEYS, JSON.stringify({ s: ['a', 'b'] }));
writeFileSync(join(dir, 'ok.csv'), 'a,b\n1,2\n3,4\n2,2\n4,3\n');

/** `staffwell` from the sources, run in the test's folder (tsx named by its full path, as cwd is elsewhere). */
const CLI = STAFFWELL.map((a) => (a === 'tsx' ? import.meta.resolve('tsx') : a));

function cli(...args: string[]): { status: number | null; stderr: string; stdout: string } {
  const r = spawnSync(process.execPath, [...CLI, ...args], { encoding: 'utf8', cwd: dir, timeout: 60_000 });
  assert.notEqual(r.signal, 'SIGTERM', `staffwell ${args.join(' ')} hung`);
  return { status: r.status, stderr: r.stderr, stdout: r.stdout };
}

function expectUserError(r: { status: number | null; stderr: string }, status: 1 | 2, pattern: RegExp): void {
  assert.equal(r.status, status, r.stderr);
  assert.match(r.stderr, pattern);
  assert.doesNotMatch(r.stderr, /internal error|\n\s+at /, 'no internal error, no stack trace');
}

/** The folder's entries (temporary files included), to check that a failed command left nothing behind. */
const entries = () => readdirSync(dir).sort();

test('a project that is not one: a folder, a text file, an empty file, the key file, another program\'s database', () => {
  mkdirSync(join(dir, 'folder'));
  writeFileSync(join(dir, 'notes.sqlite'), 'hello, not a database\n');
  writeFileSync(join(dir, 'empty.sqlite'), '');
  const foreign = join(dir, 'other-app.sqlite');
  const db = new Database(foreign);
  db.exec('CREATE TABLE patients (id INTEGER, name TEXT); INSERT INTO patients VALUES (1, \'x\');');
  db.close();
  const foreignBytes = readFileSync(foreign);
  assert.equal(cli('qual', 'init', 'p.sqlite').status, 0);
  assert.equal(cli('qual', 'init', 'q.sqlite').status, 0);

  expectUserError(cli('qual', 'documents', 'folder'), 1, /folder: this is a folder, not a Staffwell project\. Give the project file/);
  expectUserError(cli('qual', 'documents', 'notes.sqlite'), 1, /notes\.sqlite: the file is not a Staffwell project \(it is not an SQLite database\)/);
  expectUserError(cli('qual', 'documents', 'empty.sqlite'), 1, /empty\.sqlite: the file is empty, not a Staffwell project/);
  expectUserError(cli('qual', 'documents', 'p.key.sqlite'), 1, /p\.key\.sqlite: this is a key file, not a project/);
  expectUserError(cli('qual', 'documents', 'other-app.sqlite'), 1, /other-app\.sqlite: an SQLite database that is not a Staffwell project \(value "tables: patients"\)/);
  expectUserError(cli('qual', 'documents', 'p.sqlite', '--key', 'other-app.sqlite'), 1, /other-app\.sqlite, field "--key": an SQLite database that is not a Staffwell key file/);
  expectUserError(cli('qual', 'documents', 'p.sqlite', '--key', 'notes.sqlite'), 1, /notes\.sqlite, field "--key": the file is not a Staffwell key file/);
  expectUserError(cli('qual', 'documents', 'p.sqlite', '--key', 'p.sqlite'), 1, /p\.sqlite, field "--key": the key file must be a different file from the project/);
  expectUserError(cli('qual', 'documents', 'p.sqlite', '--key', 'q.sqlite'), 1, /q\.sqlite, field "--key": this is a project, not a key file\. Give the key file made with the project/);
  // nothing was written into another program's database, nor into the text file
  assert.deepEqual(readFileSync(foreign), foreignBytes);
  assert.equal(readFileSync(join(dir, 'notes.sqlite'), 'utf8'), 'hello, not a database\n');
  assert.equal(readFileSync(join(dir, 'empty.sqlite')).length, 0);
  assert.ok(!entries().some((f) => f.startsWith('other-app.sqlite-') || f.startsWith('notes.sqlite-')), 'no WAL or journal beside them');
});

test('work that needs the key file, on a project opened without it, names the --key flag', () => {
  assert.equal(cli('qual', 'init', 'nokey.sqlite').status, 0);
  assert.equal(cli('qual', 'pseudonymise', 'nokey.sqlite', '--add', 'Dana=P02').status, 0);
  renameSync(join(dir, 'nokey.key.sqlite'), join(dir, 'nokey-key-elsewhere.sqlite'));
  expectUserError(cli('qual', 'undo', 'nokey.sqlite'), 1, /nokey\.sqlite, field "--key": undoing this command needs the key file, which is not open\. Open the project with its key file/);
  assert.equal(cli('qual', 'undo', 'nokey.sqlite', '--key', 'nokey-key-elsewhere.sqlite').status, 0);
});

test('outputs that cannot be written: under /proc, a folder, a folder that is a file; nothing left behind', () => {
  const before = entries();
  expectUserError(cli('score', 'ok.csv', '--scales', KEYS, '--out', '/proc/staffwell-scores.csv'), 1, /\/proc\/staffwell-scores\.csv: cannot write the output file/);
  mkdirSync(join(dir, 'out-folder'), { recursive: true });
  expectUserError(cli('score', 'ok.csv', '--scales', KEYS, '--out', 'out-folder'), 1, /out-folder: cannot write the output file: this is a folder, where a file is expected/);
  expectUserError(cli('score', 'ok.csv', '--scales', KEYS, '--out', 'ok.csv/x.csv'), 1, /ok\.csv\/x\.csv: cannot write the output file/);
  assert.deepEqual(readdirSync(join(dir, 'out-folder')), [], 'no temporary file left in the folder');
  // a demo or study folder under /proc fails at once (Node's recursive mkdir never returns there)
  expectUserError(cli('demo', '--out', '/proc/staffwell-demo'), 1, /\/proc\/staffwell-demo: cannot create the output folder/);
  expectUserError(cli('demo', '--out', 'ok.csv/demo'), 1, /ok\.csv\/demo: cannot create the output folder: a file is in the way/);
  assert.deepEqual(entries(), [...before, 'out-folder'].sort());
});

test('data that is not data: a folder, a header-only CSV; a bad flag value is a usage error (exit 2)', () => {
  writeFileSync(join(dir, 'header-only.csv'), 'a,b\n');
  expectUserError(cli('reliability', 'header-only.csv', '--scales', KEYS), 1, /header-only\.csv, line 2: the file has a header row but no data rows/);
  expectUserError(cli('score', 'header-only.csv', '--scales', KEYS, '--out', 'h.csv'), 1, /no data rows/);
  assert.ok(!entries().includes('h.csv'), 'no output file for a failed command');
  mkdirSync(join(dir, 'data.csv'));
  expectUserError(cli('reliability', 'data.csv', '--scales', KEYS), 1, /data\.csv: .*folder/);
  expectUserError(cli('reliability', 'ok.csv', '--scales', 'folder'), 1, /folder: cannot read the keys file/);
  expectUserError(cli('reliability', 'ok.csv', '--scales', KEYS, '--min', 'abc', '--max', '5'), 2, /field "--min": expected a number \(value "abc"\)/);
  expectUserError(cli('describe', 'ok.csv', '--scales', KEYS, '--by', 'a', '--min-group', 'x'), 2, /--min-group/);
  expectUserError(cli('reliability', 'ok.csv', '--scales', KEYS, '--min', '1'), 2, /give --min and --max together/);
});

test('the boundary: system errors become messages naming the file; anything else is labelled a bug, with no stack unless asked', () => {
  const eisdir = Object.assign(new Error('EISDIR: illegal operation on a directory, read'), { code: 'EISDIR', path: 'notes' });
  const sys = errorOutcome(eisdir, {});
  assert.equal(sys.exitCode, 1);
  assert.match(sys.message!, /^staffwell: notes: this is a folder, where a file is expected/);
  const notDb = Object.assign(new Error('file is not a database'), { code: 'SQLITE_NOTADB' });
  assert.match(errorOutcome(notDb, {}).message!, /not a Staffwell project/);
  assert.equal(errorOutcome(new StaffwellError('usage', 'bad flag', { field: '--x' }), {}).exitCode, 2);
  assert.equal(errorOutcome(new StaffwellError('format', 'bad file', { file: 'f' }), {}).exitCode, 1);
  const bug = new TypeError("Cannot read properties of undefined (reading 'x')");
  const quiet = errorOutcome(bug, {});
  assert.equal(quiet.exitCode, 70);
  assert.ok(quiet.internal);
  assert.match(quiet.message!, /internal error \(a bug in Staffwell, not a problem with your input\): TypeError: Cannot read/);
  assert.match(quiet.message!, /Please report it/);
  assert.doesNotMatch(quiet.message!, /\n\s+at /);
  assert.match(errorOutcome(bug, { STAFFWELL_DEBUG: '1' }).message!, /\n\s+at /);
});

test('a .qdpx import into a path that is a folder, or from a folder, leaves nothing behind', () => {
  copyFileSync(join(dir, 'ok.csv'), join(dir, 'not-a.qdpx'));
  const before = entries();
  expectUserError(cli('qual', 'import-qdpx', 'folder', 'new.sqlite'), 1, /folder: /);
  expectUserError(cli('qual', 'import-qdpx', 'not-a.qdpx', 'new.sqlite'), 1, /not-a\.qdpx: is not a \.qdpx file/);
  assert.deepEqual(entries(), before);
});
