import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { StaffwellError } from '../../errors.ts';
import { userFacingSystemError } from '../../io/system-error.ts';
import { checkStoreFile } from './check-project-file.ts';
import { KEY_MIGRATIONS, PROJECT_MIGRATIONS, type Migration } from './migrations.ts';
import type { QualReader, QualStore, QualTransaction } from './qual-store.ts';
import { capturedTables, ChangeCapture, installCapture } from './sqlite-changes.ts';
import { SqliteReadRows, StatementCache } from './sqlite-rows.ts';
import { SqliteWriteRows } from './sqlite-write-rows.ts';

export interface OpenOptions {
  /** Create the project file (error if it exists) instead of opening an existing one. */
  create?: boolean;
  /**
   * The key file (original text layer, replacement list, speaker key). Created when missing. It is ATTACHed to
   * every connection as schema `key`, so one transaction spans both files.
   */
  keyPath?: string;
}

/** Snapshot readers kept open for `read()`; more concurrent snapshots wait for one to be free. */
const SNAPSHOT_CONNECTIONS = 4;

/**
 * `QualStore` over one SQLite project file and an optional key file, both in WAL mode.
 *
 * Connections: one write connection, used only by transaction handles (`transaction()` runs them one at a time,
 * `BEGIN IMMEDIATE` … `COMMIT`); one read-only connection for the store's own reads; and up to four read-only
 * connections for `read()` snapshots. WAL gives every reader the last committed state, so no reader ever sees a
 * transaction's rows before it commits, and a snapshot keeps its view while writers commit.
 *
 * Two files, one transaction: the key file is ATTACHed to every connection as `key`, so a write that touches both
 * (a transcript import) commits or rolls back as one on the write connection. SQLite does not make a COMMIT
 * across two WAL files atomic at the instant of a crash, so a crash *during* COMMIT could leave a key entry
 * without its document (or the reverse); `reconcileKey()` (run on open) deletes key entries whose document or
 * command is absent and reports documents without a key entry.
 */
export class SqliteQualStore extends SqliteReadRows implements QualStore {
  readonly path: string;
  readonly keyPath: string | null;
  private readonly writeDb: Database.Database;
  private readonly readDb: Database.Database;
  private readonly writeCache: StatementCache;
  private readonly capture: ChangeCapture;
  private readonly inTransaction = new AsyncLocalStorage<true>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly idle: { db: Database.Database; rows: SqliteReadRows }[] = [];
  private snapshots = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly all: Database.Database[] = [];

  static open(path: string, options: OpenOptions = {}): SqliteQualStore {
    checkPaths(path, options);
    checkStoreFile(path, 'project');
    if (options.keyPath !== undefined) checkStoreFile(options.keyPath, 'key');
    let writeDb: Database.Database;
    try {
      writeDb = new Database(path);
    } catch (e) {
      throw userFacingSystemError(e, path) ?? e;
    }
    try {
      writeDb.pragma('journal_mode = WAL');
      writeDb.pragma('foreign_keys = ON');
      writeDb.pragma('synchronous = NORMAL');
      // deleted and overwritten rows are zeroed in the file: text pseudonymisation removed does not linger in free pages
      writeDb.pragma('secure_delete = ON');
      migrate(writeDb, PROJECT_MIGRATIONS, path);
      if (options.keyPath !== undefined) {
        const keyDb = new Database(options.keyPath);
        try {
          keyDb.pragma('journal_mode = WAL');
          keyDb.pragma('foreign_keys = ON');
          migrate(keyDb, KEY_MIGRATIONS, options.keyPath);
        } finally {
          keyDb.close();
        }
        writeDb.prepare('ATTACH DATABASE ? AS key').run(options.keyPath);
        writeDb.pragma('key.synchronous = NORMAL');
        writeDb.pragma('key.secure_delete = ON');
      }
      return new SqliteQualStore(path, options.keyPath ?? null, writeDb);
    } catch (e) {
      writeDb.close();
      throw userFacingSystemError(e, path) ?? e;
    }
  }

  private constructor(path: string, keyPath: string | null, writeDb: Database.Database) {
    const readDb = openReader(path, keyPath);
    super(new StatementCache(readDb), keyPath !== null, path);
    this.path = path;
    this.keyPath = keyPath;
    this.writeDb = writeDb;
    this.readDb = readDb;
    this.all.push(writeDb, readDb);
    this.writeCache = new StatementCache(writeDb);
    const tables = capturedTables(writeDb, keyPath !== null ? ['main', 'key'] : ['main']);
    installCapture(writeDb, tables);
    this.capture = new ChangeCapture(writeDb, tables);
  }

  /** Closes every connection, the write connection last (it checkpoints the WAL files into the project and key files). */
  close(): void {
    for (const db of this.all) if (db !== this.writeDb && db.open) db.close();
    if (this.writeDb.open) this.writeDb.close();
  }

  async transaction<T>(fn: (tx: QualTransaction) => Promise<T>): Promise<T> {
    if (this.inTransaction.getStore()) {
      throw new Error('a transaction is already running here: use its handle instead of starting another');
    }
    const run = async (): Promise<T> => {
      const db = this.writeDb;
      db.exec('BEGIN IMMEDIATE');
      const tx = new SqliteWriteRows(this.writeCache, this.hasKey, this.path, this.capture);
      try {
        this.capture.reset();
        const result = await this.inTransaction.run(true, () => fn(tx));
        tx.end();
        db.exec('COMMIT');
        return result;
      } catch (e) {
        tx.end();
        if (db.inTransaction) db.exec('ROLLBACK');
        throw e;
      }
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  async read<T>(fn: (reader: QualReader) => Promise<T>): Promise<T> {
    const conn = await this.acquireSnapshot();
    try {
      conn.db.exec('BEGIN');
      // a WAL read transaction takes its snapshot at the first read of each file
      conn.db.prepare('SELECT count(*) FROM main.sqlite_master').get();
      if (this.hasKey) conn.db.prepare('SELECT count(*) FROM key.sqlite_master').get();
      return await fn(conn.rows);
    } finally {
      if (conn.db.inTransaction) conn.db.exec('COMMIT');
      this.releaseSnapshot(conn);
    }
  }

  private async acquireSnapshot(): Promise<{ db: Database.Database; rows: SqliteReadRows }> {
    const free = this.idle.pop();
    if (free) return free;
    if (this.snapshots < SNAPSHOT_CONNECTIONS) {
      this.snapshots++;
      const db = openReader(this.path, this.keyPath);
      this.all.push(db);
      return { db, rows: new SqliteReadRows(new StatementCache(db), this.hasKey, this.path) };
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    return this.acquireSnapshot();
  }

  private releaseSnapshot(conn: { db: Database.Database; rows: SqliteReadRows }): void {
    this.idle.push(conn);
    this.waiting.shift()?.();
  }

  /**
   * Deletes key entries whose document or command is not in the project; returns project documents lacking a key
   * entry. Run by `openProject` before any transaction starts (it writes on the write connection directly).
   */
  reconcileKey(): { removedKeyEntries: string[]; documentsWithoutKey: string[] } {
    if (!this.hasKey) return { removedKeyEntries: [], documentsWithoutKey: [] };
    const db = this.writeDb;
    const orphans = (
      db.prepare('SELECT document_id AS id FROM key.originals WHERE document_id NOT IN (SELECT id FROM main.documents)').all() as { id: string }[]
    ).map((o) => o.id);
    db.transaction(() => {
      for (const id of orphans) {
        db.prepare('DELETE FROM key.original_spans WHERE document_id = ?').run(id);
        db.prepare('DELETE FROM key.speaker_key WHERE document_id = ?').run(id);
        db.prepare('DELETE FROM key.originals WHERE document_id = ?').run(id);
      }
      db.prepare('DELETE FROM key.command_changes WHERE command_id NOT IN (SELECT id FROM main.commands)').run();
    })();
    const missing = db
      .prepare("SELECT id FROM main.documents WHERE format <> 'snapshot' AND id NOT IN (SELECT document_id FROM key.originals)")
      .all() as { id: string }[];
    return { removedKeyEntries: orphans, documentsWithoutKey: missing.map((m) => m.id) };
  }
}

function checkPaths(path: string, options: OpenOptions): void {
  const exists = existsSync(path);
  if (options.create && exists) {
    throw new StaffwellError('conflict', 'the project file already exists', {
      file: path,
      hint: 'choose another path, or open the existing project',
    });
  }
  if (!options.create && !exists) {
    throw new StaffwellError('not-found', 'no project file here', {
      file: path,
      hint: 'create one with `staffwell qual init PROJECT`',
    });
  }
  if (options.keyPath !== undefined && resolve(options.keyPath) === resolve(path)) {
    throw new StaffwellError('invalid-option', 'the key file must be a different file from the project', {
      file: options.keyPath,
      field: 'keyPath',
      hint: 'give the key file its own path, e.g. PROJECT.key.sqlite, and keep it out of shared folders',
    });
  }
}

/** A read-only connection over the project (and key file): it can never write. */
function openReader(path: string, keyPath: string | null): Database.Database {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    if (keyPath !== null) db.prepare('ATTACH DATABASE ? AS key').run(keyPath);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

function migrate(db: Database.Database, migrations: readonly Migration[], file: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new StaffwellError('unsupported', `the file was written by a newer Staffwell (schema version ${current})`, {
      file,
      value: current,
      hint: `upgrade Staffwell; this version reads schema versions up to ${migrations.length}`,
    });
  }
  for (let v = current; v < migrations.length; v++) {
    const m = migrations[v];
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
