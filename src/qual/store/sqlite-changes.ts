import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { StaffwellError } from '../../errors.ts';
import type { RowChange, RowChanges } from './qual-store.ts';

/**
 * Row-change capture for undo, on the write connection of a SQLite store.
 *
 * Temporary triggers on every table of the project and key schemas write one line per inserted, updated or
 * deleted row into a temporary table (so foreign-key cascades are captured too): the key, and for updates and
 * deletes the whole row as it was. `rowChanges` folds them into one `RowChange` per row, with a digest of the row
 * as the transaction leaves it; `revert` puts rows back after checking each is still as the changes left it.
 *
 * The temporary table lives in memory (`temp_store = MEMORY`): rows of the key file never reach a file other
 * than the key file.
 */
export interface CapturedTable {
  schema: 'main' | 'key';
  name: string;
  columns: string[];
  primaryKey: string[];
  /** Foreign keys of this table: its columns and the parent table's (referenced) columns. */
  references: { columns: string[]; parent: string; parentColumns: string[] }[];
}

/** Tables that are not captured: the audit log itself, and the full-text index (kept by its own triggers). */
const NOT_CAPTURED: Record<'main' | 'key', RegExp> = {
  main: /^(sqlite_|commands$|document_fts)/,
  key: /^(sqlite_|command_changes$)/,
};

export function capturedTables(db: Database.Database, schemas: readonly ('main' | 'key')[]): CapturedTable[] {
  const out: CapturedTable[] = [];
  for (const schema of schemas) {
    const names = (db.prepare(`SELECT name FROM ${schema}.sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[])
      .map((r) => r.name)
      .filter((n) => !NOT_CAPTURED[schema].test(n));
    for (const name of names) {
      const info = db.prepare(`PRAGMA ${schema}.table_info(${quoteId(name)})`).all() as { name: string; pk: number }[];
      const primaryKey = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
      if (primaryKey.length === 0) throw new Error(`table ${schema}.${name} has no primary key; undo needs one`);
      const fks = db.prepare(`PRAGMA ${schema}.foreign_key_list(${quoteId(name)})`).all() as { id: number; table: string; from: string; to: string | null }[];
      const references: CapturedTable['references'] = [];
      for (const id of new Set(fks.map((f) => f.id))) {
        const parts = fks.filter((f) => f.id === id);
        references.push({ columns: parts.map((f) => f.from), parent: parts[0].table, parentColumns: parts.map((f) => f.to ?? '') });
      }
      out.push({ schema, name, columns: info.map((c) => c.name), primaryKey, references });
    }
  }
  return out;
}

/** Creates the temporary change table and the triggers that fill it. */
export function installCapture(db: Database.Database, tables: readonly CapturedTable[]): void {
  db.pragma('temp_store = MEMORY');
  db.exec('CREATE TEMP TABLE IF NOT EXISTS row_changes (n INTEGER PRIMARY KEY, tbl TEXT NOT NULL, op TEXT NOT NULL, rid INTEGER, pk TEXT NOT NULL, old TEXT)');
  for (const t of tables) {
    const full = `${t.schema}.${t.name}`;
    const on = `${t.schema}.${quoteId(t.name)}`;
    const pk = (row: 'new' | 'old') => `json_array(${t.primaryKey.map((c) => `${row}.${quoteId(c)}`).join(', ')})`;
    const image = `json_object(${t.columns.map((c) => `'${c}', old.${quoteId(c)}`).join(', ')})`;
    const ins = (op: string, row: 'new' | 'old', old: string) =>
      `INSERT INTO temp.row_changes(tbl, op, rid, pk, old) SELECT '${full}', '${op}', ${row}.rowid, ${pk(row)}, ${old}`;
    const trig = (kind: string) => quoteId(`capture_${t.schema}_${t.name}_${kind}`);
    db.exec(`
      CREATE TEMP TRIGGER IF NOT EXISTS ${trig('i')} AFTER INSERT ON ${on} BEGIN ${ins('i', 'new', 'NULL')}; END;
      CREATE TEMP TRIGGER IF NOT EXISTS ${trig('d')} AFTER DELETE ON ${on} BEGIN ${ins('d', 'old', image)}; END;
      CREATE TEMP TRIGGER IF NOT EXISTS ${trig('u')} AFTER UPDATE ON ${on} BEGIN
        ${ins('u', 'old', image)} WHERE ${pk('new')} = ${pk('old')};
        ${ins('d', 'old', image)} WHERE ${pk('new')} <> ${pk('old')};
        ${ins('i', 'new', 'NULL')} WHERE ${pk('new')} <> ${pk('old')};
      END;`);
  }
}

interface RawChange {
  n: number;
  tbl: string;
  op: 'i' | 'u' | 'd';
  rid: number;
  pk: string;
  old: string | null;
}

/** Change capture and revert over one connection and its captured tables. */
export class ChangeCapture {
  private readonly tables: Map<string, CapturedTable>;
  private readonly stmts = new Map<string, Database.Statement>();
  private readonly rowStmts = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    tables: readonly CapturedTable[],
  ) {
    this.tables = new Map(tables.map((t) => [`${t.schema}.${t.name}`, t]));
  }

  /** Forgets captured changes (at the start of a transaction). */
  reset(): void {
    this.db.prepare('DELETE FROM temp.row_changes').run();
  }

  mark(): number {
    return (this.db.prepare('SELECT COALESCE(MAX(n), 0) AS n FROM temp.row_changes').get() as { n: number }).n;
  }

  /** The changes captured since `mark`, one per row, in the order rows were first changed. */
  collect(sinceMark = 0): RowChanges {
    const raw = this.db.prepare('SELECT * FROM temp.row_changes WHERE n > ? ORDER BY n').all(sinceMark) as RawChange[];
    const rows = new Map<string, { tbl: string; pk: string; first: RawChange; last: RawChange }>();
    for (const c of raw) {
      const k = `${c.tbl}\u0000${c.pk}`;
      const e = rows.get(k);
      if (e) e.last = c;
      else rows.set(k, { tbl: c.tbl, pk: c.pk, first: c, last: c });
    }
    const out: RowChanges = { project: [], key: [] };
    for (const { tbl, pk, first, last } of rows.values()) {
      const t = this.tables.get(tbl)!;
      const key = JSON.parse(pk) as unknown[];
      const before = first.op === 'i' ? null : (JSON.parse(first.old!) as Record<string, unknown>);
      const current = last.op === 'd' ? null : this.current(t, key);
      if (before === null && current === null) continue;
      const after = current === null ? null : digest(current);
      if (before !== null && after !== null && digest(t.columns.map((c) => before[c])) === after) continue; // unchanged
      const change: RowChange = { table: tbl, key, before, after };
      if (before !== null) change.order = first.rid;
      (t.schema === 'key' ? out.key : out.project).push(change);
    }
    return out;
  }

  /** Puts rows back as they were before `changes`; see `QualTransaction.revertChanges`. */
  revert(changes: RowChanges): void {
    const all = [...changes.project, ...changes.key];
    const tableOf = (c: RowChange) => {
      const t = this.tables.get(c.table);
      if (!t) throw new StaffwellError('unsupported', 'the undo information names a table this project does not have', { value: c.table });
      return t;
    };
    for (const c of all) {
      const now = this.current(tableOf(c), c.key);
      if ((now === null ? null : digest(now)) !== c.after) {
        throw new StaffwellError('conflict', 'a later change touched the same data', {
          value: `${c.table} ${c.key.join(', ')}`,
          hint: 'undo the later changes first, or make this change by hand',
        });
      }
    }
    this.db.pragma('defer_foreign_keys = ON');
    const mark = this.mark();
    try {
      for (let i = all.length - 1; i >= 0; i--) this.putBack(tableOf(all[i]), all[i]);
    } catch (e) {
      if (e instanceof StaffwellError) throw e;
      throw new StaffwellError('conflict', 'putting the rows back would break the project (a later change depends on them)', {
        value: (e as Error).message,
        hint: 'undo the later changes first',
        cause: e,
      });
    }
    const expected = new Set(all.map((c) => `${c.table}\u0000${JSON.stringify(c.key)}`));
    const touched = this.db.prepare('SELECT DISTINCT tbl, pk FROM temp.row_changes WHERE n > ?').all(mark) as { tbl: string; pk: string }[];
    const extra = touched.find((r) => !expected.has(`${r.tbl}\u0000${JSON.stringify(JSON.parse(r.pk))}`));
    if (extra) {
      throw new StaffwellError('conflict', 'undoing this would also change data added later', {
        value: `${extra.tbl} ${(JSON.parse(extra.pk) as unknown[]).join(', ')}`,
        hint: 'undo the later changes first',
      });
    }
    const broken = this.brokenReference(all);
    if (broken) {
      throw new StaffwellError('conflict', 'undoing this would leave data pointing at rows that are gone', {
        value: broken,
        hint: 'undo the later changes first',
      });
    }
  }

  /**
   * Foreign keys are checked at commit (deferred during a revert); this finds a violation the revert would cause
   * first, looking only at the rows it put back: a restored row whose parent is gone, or a removed row still
   * referenced by another.
   */
  private brokenReference(changes: readonly RowChange[]): string | null {
    for (const c of changes) {
      const t = this.tables.get(c.table)!;
      const row = this.current(t, c.key);
      if (row !== null) {
        for (const r of t.references) {
          const values = r.columns.map((col) => row[t.columns.indexOf(col)]);
          if (values.some((v) => v === null)) continue;
          const parent = this.tables.get(`${t.schema}.${r.parent}`);
          const cols = r.parentColumns.map((col, i) => col || parent?.primaryKey[i] || 'rowid');
          const sql = `SELECT 1 FROM ${t.schema}.${quoteId(r.parent)} WHERE ${cols.map((col) => `${quoteId(col)} = ?`).join(' AND ')}`;
          if (this.cached(sql).get(...values.map(bindable)) === undefined) return `${c.table} ${c.key.join(', ')} → ${r.parent}`;
        }
      } else {
        for (const child of this.tables.values()) {
          if (child.schema !== t.schema) continue;
          for (const r of child.references) {
            if (r.parent !== t.name) continue;
            const cols = r.parentColumns.map((col, i) => col || t.primaryKey[i]);
            if (!cols.every((col, i) => col === t.primaryKey[i])) continue; // references by primary key only in this schema
            const sql = `SELECT 1 FROM ${child.schema}.${quoteId(child.name)} WHERE ${r.columns.map((col) => `${quoteId(col)} = ?`).join(' AND ')} LIMIT 1`;
            if (this.cached(sql).get(...c.key.map(bindable)) !== undefined) return `${child.schema}.${child.name} → ${c.table} ${c.key.join(', ')}`;
          }
        }
      }
    }
    return null;
  }

  private cached(sql: string): Database.Statement {
    let s = this.stmts.get(sql);
    if (!s) this.stmts.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  private putBack(t: CapturedTable, c: RowChange): void {
    const where = t.primaryKey.map((k) => `${quoteId(k)} = ?`).join(' AND ');
    const on = `${t.schema}.${quoteId(t.name)}`;
    if (c.before === null) {
      this.db.prepare(`DELETE FROM ${on} WHERE ${where}`).run(...c.key.map(bindable));
      return;
    }
    const before = c.before;
    const now = this.current(t, c.key);
    if (now !== null) {
      const cols = t.columns.filter((col, i) => !t.primaryKey.includes(col) && now[i] !== before[col]);
      if (cols.length === 0) return;
      this.db
        .prepare(`UPDATE ${on} SET ${cols.map((col) => `${quoteId(col)} = ?`).join(', ')} WHERE ${where}`)
        .run(...cols.map((col) => bindable(before[col])), ...c.key.map(bindable));
      return;
    }
    const free = c.order !== undefined && this.db.prepare(`SELECT 1 FROM ${on} WHERE rowid = ?`).get(c.order) === undefined;
    const cols = free ? ['rowid', ...t.columns.map(quoteId)] : t.columns.map(quoteId);
    const values = t.columns.map((col) => bindable(before[col]));
    this.db.prepare(`INSERT INTO ${on}(${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...(free ? [c.order, ...values] : values));
  }

  /** The row's values in column order, or null when absent. */
  private current(t: CapturedTable, key: readonly unknown[]): unknown[] | null {
    const where = t.primaryKey.map((k) => `${quoteId(k)} = ?`).join(' AND ');
    const sql = `SELECT ${t.columns.map(quoteId).join(', ')} FROM ${t.schema}.${quoteId(t.name)} WHERE ${where}`;
    let s = this.rowStmts.get(sql);
    if (!s) this.rowStmts.set(sql, (s = this.db.prepare(sql).raw(true)));
    return (s.get(...key.map(bindable)) as unknown[] | undefined) ?? null;
  }
}

function digest(values: readonly unknown[]): string {
  return createHash('sha1').update(JSON.stringify(values)).digest('base64url');
}

function bindable(v: unknown): unknown {
  return typeof v === 'boolean' ? (v ? 1 : 0) : v;
}

function quoteId(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
