import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { StaffwellError } from '../../errors.ts';
import type { VariableType, VariableValue } from '../snapshot.ts';
import { KEY_MIGRATIONS, PROJECT_MIGRATIONS, type Migration } from './migrations.ts';
import type {
  CaseRow,
  CategoryRow,
  CodeRow,
  CoderRow,
  CommandRecord,
  DocumentRow,
  MemoRow,
  OriginalRow,
  ParticipantRow,
  PhaseRow,
  PropertyRow,
  QualStore,
  RedactionRow,
  RelationshipRow,
  ReplacementRow,
  SegmentFilter,
  SegmentRow,
  SiteRow,
  SpeakerKeyRow,
  StoredMemoTarget,
  ThemeRow,
  TurnRow,
  VariableRow,
  VariableScope,
} from './qual-store.ts';

type Row = Record<string, any>;

export interface OpenOptions {
  /** Create the project file (error if it exists) instead of opening an existing one. */
  create?: boolean;
  /**
   * The key file (original text layer, replacement list, speaker key). Created when missing. It is ATTACHed to the
   * project connection as schema `key`, so one transaction spans both files.
   */
  keyPath?: string;
}

/**
 * `QualStore` over one SQLite project file (WAL, foreign keys ON, schema migrated by `PRAGMA user_version`) and
 * an optional key file attached as schema `key`.
 *
 * Two-file atomicity: a write that touches both files (a transcript import) runs in one transaction on this
 * connection, so any failure before COMMIT rolls back both. SQLite makes a multi-file COMMIT atomic per file only
 * when the main file is in WAL mode, so a process crash *during* COMMIT could leave a key entry without its
 * document (or the reverse); `reconcileKey()` (run on open) deletes key entries whose document is absent, and
 * reports documents without a key entry.
 */
export class SqliteQualStore implements QualStore {
  readonly path: string;
  readonly keyPath: string | null;
  private readonly db: Database.Database;
  private readonly txContext = new AsyncLocalStorage<true>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly stmts = new Map<string, Database.Statement>();

  static open(path: string, options: OpenOptions = {}): SqliteQualStore {
    return new SqliteQualStore(path, options);
  }

  private constructor(path: string, options: OpenOptions) {
    this.path = path;
    this.keyPath = options.keyPath ?? null;
    const exists = path !== ':memory:' && existsSync(path);
    if (options.create && exists) {
      throw new StaffwellError('conflict', 'the project file already exists', {
        file: path,
        hint: 'choose another path, or open the existing project',
      });
    }
    if (!options.create && !exists && path !== ':memory:') {
      throw new StaffwellError('not-found', 'no project file here', {
        file: path,
        hint: 'create one with `staffwell qual init PROJECT`',
      });
    }
    if (this.keyPath !== null && path !== ':memory:' && resolve(this.keyPath) === resolve(path)) {
      throw new StaffwellError('invalid-option', 'the key file must be a different file from the project', {
        file: this.keyPath,
        hint: 'give the key file its own path, e.g. PROJECT.key.sqlite, and keep it out of shared folders',
      });
    }
    this.db = new Database(path);
    try {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('foreign_keys = ON');
      this.db.pragma('synchronous = NORMAL');
      migrate(this.db, 'main', PROJECT_MIGRATIONS, path);
      if (this.keyPath !== null) {
        const keyDb = new Database(this.keyPath);
        try {
          keyDb.pragma('foreign_keys = ON');
          migrate(keyDb, 'main', KEY_MIGRATIONS, this.keyPath);
        } finally {
          keyDb.close();
        }
        this.db.prepare('ATTACH DATABASE ? AS key').run(this.keyPath);
      }
    } catch (e) {
      this.db.close();
      throw e;
    }
  }

  get hasKey(): boolean {
    return this.keyPath !== null;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** The raw connection, for queries that need SQL directly (benchmarks, FTS). */
  get connection(): Database.Database {
    return this.db;
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.txContext.getStore()) return fn(); // nested: part of the enclosing transaction
    const run = async (): Promise<T> => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await this.txContext.run(true, fn);
        this.db.exec('COMMIT');
        return result;
      } catch (e) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw e;
      }
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Deletes key entries whose document is not in the project; returns project documents lacking a key entry. */
  reconcileKey(): { removedKeyEntries: string[]; documentsWithoutKey: string[] } {
    if (!this.hasKey) return { removedKeyEntries: [], documentsWithoutKey: [] };
    const orphans = this.db
      .prepare('SELECT document_id AS id FROM key.originals WHERE document_id NOT IN (SELECT id FROM main.documents)')
      .all() as Row[];
    const tx = this.db.transaction(() => {
      for (const o of orphans) {
        this.db.prepare('DELETE FROM key.original_spans WHERE document_id = ?').run(o.id);
        this.db.prepare('DELETE FROM key.speaker_key WHERE document_id = ?').run(o.id);
        this.db.prepare('DELETE FROM key.originals WHERE document_id = ?').run(o.id);
      }
    });
    tx();
    const missing = this.db
      .prepare("SELECT id FROM main.documents WHERE format <> 'snapshot' AND id NOT IN (SELECT document_id FROM key.originals)")
      .all() as Row[];
    return { removedKeyEntries: orphans.map((o) => o.id), documentsWithoutKey: missing.map((m) => m.id) };
  }

  private stmt(sql: string): Database.Statement {
    let s = this.stmts.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.stmts.set(sql, s);
    }
    return s;
  }

  private requireKey(): void {
    if (!this.hasKey) {
      throw new StaffwellError('not-found', 'this operation needs the key file, which is not open', {
        file: this.path,
        hint: 'pass the key file (--key PROJECT.key.sqlite); it holds the original text and the replacement list',
      });
    }
  }

  // ---- project info and audit log

  async getInfo(key: string): Promise<string | null> {
    const r = this.stmt('SELECT value FROM project WHERE key = ?').get(key) as Row | undefined;
    return r ? r.value : null;
  }

  async setInfo(key: string, value: string): Promise<void> {
    this.stmt('INSERT INTO project(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  async recordCommand(rec: Omit<CommandRecord, 'seq'>): Promise<number> {
    const r = this.stmt('INSERT INTO commands(id, at, actor, type, payload, affected) VALUES (?, ?, ?, ?, ?, ?)').run(
      rec.id,
      rec.at,
      rec.actor,
      rec.type,
      JSON.stringify(rec.payload),
      JSON.stringify(rec.affected),
    );
    return Number(r.lastInsertRowid);
  }

  async listCommands(filter: { afterSeq?: number; limit?: number; type?: string } = {}): Promise<CommandRecord[]> {
    const rows = this.stmt(
      'SELECT * FROM commands WHERE seq > ? AND (? IS NULL OR type = ?) ORDER BY seq LIMIT ?',
    ).all(filter.afterSeq ?? 0, filter.type ?? null, filter.type ?? null, filter.limit ?? -1) as Row[];
    return rows.map((r) => ({
      seq: r.seq,
      id: r.id,
      at: r.at,
      actor: r.actor,
      type: r.type,
      payload: JSON.parse(r.payload),
      affected: JSON.parse(r.affected),
    }));
  }

  // ---- coders, sites, variables, participants, cases

  async ensureCoder(name: string, newId: () => string): Promise<string> {
    const r = this.stmt('SELECT id FROM coders WHERE name = ?').get(name) as Row | undefined;
    if (r) return r.id;
    const id = newId();
    this.stmt('INSERT INTO coders(id, name) VALUES (?, ?)').run(id, name);
    return id;
  }

  async listCoders(): Promise<CoderRow[]> {
    return this.stmt('SELECT id, name FROM coders ORDER BY name').all() as CoderRow[];
  }

  async insertSite(row: SiteRow): Promise<void> {
    this.stmt('INSERT INTO sites(id, name, description) VALUES (?, ?, ?)').run(row.id, row.name, row.description);
  }

  async listSites(): Promise<SiteRow[]> {
    return this.stmt('SELECT id, name, description FROM sites ORDER BY name').all() as SiteRow[];
  }

  async insertVariable(row: VariableRow): Promise<void> {
    this.stmt('INSERT INTO variables(id, name, type, scope, description) VALUES (?, ?, ?, ?, ?)').run(
      row.id,
      row.name,
      row.type,
      row.scope,
      row.description,
    );
  }

  async listVariables(scope?: VariableScope): Promise<VariableRow[]> {
    return this.stmt('SELECT id, name, type, scope, description FROM variables WHERE ? IS NULL OR scope = ? ORDER BY rowid').all(
      scope ?? null,
      scope ?? null,
    ) as VariableRow[];
  }

  async upsertParticipant(row: Omit<ParticipantRow, 'attributes'>): Promise<void> {
    this.stmt(
      `INSERT INTO participants(id, site_id, description) VALUES (?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET site_id = COALESCE(excluded.site_id, site_id), description = excluded.description`,
    ).run(row.id, row.siteId, row.description);
  }

  async setParticipantValue(participantId: string, variableId: string, value: VariableValue): Promise<void> {
    this.stmt(
      `INSERT INTO participant_values(participant_id, variable_id, value) VALUES (?, ?, ?)
       ON CONFLICT(participant_id, variable_id) DO UPDATE SET value = excluded.value`,
    ).run(participantId, variableId, encodeValue(value));
  }

  async listParticipants(): Promise<ParticipantRow[]> {
    const types = this.variableTypes();
    const out = new Map<string, ParticipantRow>();
    for (const r of this.stmt('SELECT id, site_id, description FROM participants ORDER BY id').all() as Row[]) {
      out.set(r.id, { id: r.id, siteId: r.site_id, description: r.description, attributes: {} });
    }
    for (const v of this.stmt('SELECT participant_id, variable_id, value FROM participant_values').all() as Row[]) {
      const p = out.get(v.participant_id);
      if (p) p.attributes[v.variable_id] = decodeValue(v.value, types.get(v.variable_id) ?? 'text');
    }
    return [...out.values()];
  }

  async insertCase(row: CaseRow): Promise<void> {
    this.stmt('INSERT INTO cases(id, name, description) VALUES (?, ?, ?)').run(row.id, row.name, row.description);
    for (const p of row.participantIds) await this.addCaseParticipant(row.id, p);
  }

  async addCaseParticipant(caseId: string, participantId: string): Promise<void> {
    this.stmt('INSERT OR IGNORE INTO case_participants(case_id, participant_id) VALUES (?, ?)').run(caseId, participantId);
  }

  async listCases(): Promise<CaseRow[]> {
    const cases = (this.stmt('SELECT id, name, description FROM cases ORDER BY name').all() as Row[]).map((r) => ({
      id: r.id,
      name: r.name,
      description: r.description,
      participantIds: [] as string[],
    }));
    const byId = new Map(cases.map((c) => [c.id, c]));
    for (const r of this.stmt('SELECT case_id, participant_id FROM case_participants ORDER BY participant_id').all() as Row[]) {
      byId.get(r.case_id)?.participantIds.push(r.participant_id);
    }
    return cases;
  }

  private variableTypes(): Map<string, VariableType> {
    const m = new Map<string, VariableType>();
    for (const r of this.stmt('SELECT id, type FROM variables').all() as Row[]) m.set(r.id, r.type);
    return m;
  }

  // ---- documents, turns, redactions

  async insertDocument(row: DocumentRow & { text: string }): Promise<void> {
    this.stmt(
      `INSERT INTO documents(id, name, text, length, participant_id, site_id, format, interview_date, position, description, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      row.id,
      row.name,
      row.text,
      row.text.length,
      row.participantId,
      row.siteId,
      row.format,
      row.interviewDate,
      row.position,
      row.description,
      row.createdAt,
      row.createdBy,
    );
    for (const [k, v] of Object.entries(row.attributes)) await this.setDocumentValue(row.id, k, v);
  }

  async getDocument(id: string): Promise<(DocumentRow & { text: string }) | null> {
    const r = this.stmt('SELECT * FROM documents WHERE id = ?').get(id) as Row | undefined;
    if (!r) return null;
    const doc = this.documentRow(r, this.documentValues(id));
    return { ...doc, text: r.text, length: r.text.length };
  }

  async listDocuments(): Promise<DocumentRow[]> {
    const rows = this.stmt(
      `SELECT id, name, length, participant_id, site_id, format, interview_date, position, description, created_at, created_by
       FROM documents ORDER BY position`,
    ).all() as Row[];
    const values = this.documentValues(null);
    return rows.map((r) => this.documentRow(r, values.get(r.id) ?? {}));
  }

  private documentValues(id: string): Record<string, VariableValue>;
  private documentValues(id: null): Map<string, Record<string, VariableValue>>;
  private documentValues(id: string | null): any {
    const types = this.variableTypes();
    const rows = this.stmt('SELECT document_id, variable_id, value FROM document_values WHERE ? IS NULL OR document_id = ?').all(
      id,
      id,
    ) as Row[];
    const m = new Map<string, Record<string, VariableValue>>();
    for (const r of rows) {
      let a = m.get(r.document_id);
      if (!a) m.set(r.document_id, (a = {}));
      a[r.variable_id] = decodeValue(r.value, types.get(r.variable_id) ?? 'text');
    }
    return id === null ? m : (m.get(id) ?? {});
  }

  private documentRow(r: Row, attributes: Record<string, VariableValue>): DocumentRow {
    return {
      id: r.id,
      name: r.name,
      participantId: r.participant_id,
      siteId: r.site_id,
      format: r.format,
      interviewDate: r.interview_date,
      position: r.position,
      description: r.description,
      createdAt: r.created_at,
      createdBy: r.created_by,
      length: r.length,
      attributes,
    };
  }

  async updateDocumentText(id: string, text: string): Promise<void> {
    this.stmt('UPDATE documents SET text = ?, length = ? WHERE id = ?').run(text, text.length, id);
  }

  async deleteDocument(id: string): Promise<void> {
    this.stmt('DELETE FROM documents WHERE id = ?').run(id);
  }

  async setDocumentValue(documentId: string, variableId: string, value: VariableValue): Promise<void> {
    this.stmt(
      `INSERT INTO document_values(document_id, variable_id, value) VALUES (?, ?, ?)
       ON CONFLICT(document_id, variable_id) DO UPDATE SET value = excluded.value`,
    ).run(documentId, variableId, encodeValue(value));
  }

  async replaceTurns(documentId: string, turns: TurnRow[]): Promise<void> {
    this.stmt('DELETE FROM turns WHERE document_id = ?').run(documentId);
    const ins = this.stmt(
      'INSERT INTO turns(document_id, idx, speaker, participant_id, start, end, start_ms, end_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const t of turns) ins.run(documentId, t.idx, t.speaker, t.participantId, t.start, t.end, t.startMs, t.endMs);
  }

  async listTurns(documentId?: string): Promise<TurnRow[]> {
    const rows = this.stmt(
      'SELECT document_id, idx, speaker, participant_id, start, end, start_ms, end_ms FROM turns WHERE ? IS NULL OR document_id = ? ORDER BY document_id, idx',
    )
      .raw(true)
      .all(documentId ?? null, documentId ?? null) as unknown[][];
    const out: TurnRow[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      out[i] = {
        documentId: r[0] as string,
        idx: r[1] as number,
        speaker: r[2] as string,
        participantId: r[3] as string | null,
        start: r[4] as number,
        end: r[5] as number,
        startMs: r[6] as number | null,
        endMs: r[7] as number | null,
      };
    }
    return out;
  }

  async replaceRedactions(documentId: string, rows: RedactionRow[]): Promise<void> {
    this.stmt('DELETE FROM redactions WHERE document_id = ?').run(documentId);
    const ins = this.stmt('INSERT INTO redactions(id, document_id, start, end, replacement, category) VALUES (?, ?, ?, ?, ?, ?)');
    for (const r of rows) ins.run(r.id, documentId, r.start, r.end, r.replacement, r.category);
  }

  async listRedactions(documentId?: string): Promise<RedactionRow[]> {
    const rows = this.stmt('SELECT * FROM redactions WHERE ? IS NULL OR document_id = ? ORDER BY document_id, start').all(
      documentId ?? null,
      documentId ?? null,
    ) as Row[];
    return rows.map((r) => ({
      id: r.id,
      documentId: r.document_id,
      start: r.start,
      end: r.end,
      replacement: r.replacement,
      category: r.category,
    }));
  }

  async searchDocuments(query: string): Promise<string[]> {
    try {
      const rows = this.stmt(
        'SELECT d.id FROM document_fts f JOIN documents d ON d.rowid = f.rowid WHERE document_fts MATCH ? ORDER BY d.position',
      ).all(query) as Row[];
      return rows.map((r) => r.id);
    } catch (e) {
      throw new StaffwellError('invalid-option', 'the search words are not a valid full-text query', {
        value: query,
        hint: 'use plain words, "a phrase" in double quotes, or a prefix like burn*',
        cause: e,
      });
    }
  }

  // ---- codes and segments

  async insertCode(row: CodeRow): Promise<void> {
    this.stmt(
      'INSERT INTO codes(id, name, parent_id, description, color, codable, position, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(row.id, row.name, row.parentId, row.description, row.color, row.codable ? 1 : 0, row.position, row.createdAt);
  }

  async updateCode(id: string, patch: Partial<Omit<CodeRow, 'id' | 'createdAt'>>): Promise<void> {
    const cols: Record<string, unknown> = {};
    if (patch.name !== undefined) cols.name = patch.name;
    if (patch.parentId !== undefined) cols.parent_id = patch.parentId;
    if (patch.description !== undefined) cols.description = patch.description;
    if (patch.color !== undefined) cols.color = patch.color;
    if (patch.codable !== undefined) cols.codable = patch.codable ? 1 : 0;
    if (patch.position !== undefined) cols.position = patch.position;
    this.update('codes', id, cols);
  }

  private update(table: string, id: string, cols: Record<string, unknown>): void {
    const keys = Object.keys(cols);
    if (keys.length === 0) return;
    this.db.prepare(`UPDATE ${table} SET ${keys.map((k) => `${k} = ?`).join(', ')} WHERE id = ?`).run(...keys.map((k) => cols[k]), id);
  }

  async deleteCode(id: string): Promise<void> {
    this.stmt('DELETE FROM codes WHERE id = ?').run(id);
  }

  async listCodes(): Promise<CodeRow[]> {
    const rows = this.stmt('SELECT * FROM codes ORDER BY rowid').all() as Row[];
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      parentId: r.parent_id,
      description: r.description,
      color: r.color,
      codable: r.codable === 1,
      position: r.position,
      createdAt: r.created_at,
    }));
  }

  async insertSegments(rows: SegmentRow[]): Promise<void> {
    const ins = this.stmt(
      `INSERT INTO segments(id, document_id, code_id, coder_id, start, end, text, participant_id, turn_idx, key_quote, anchored, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const turnCache = new Map<string, { turns: TurnRow[]; participantId: string | null }>();
    for (const s of rows) {
      let participantId = s.participantId;
      let turnIdx = s.turnIdx;
      if (participantId === null && turnIdx === null) {
        let c = turnCache.get(s.documentId);
        if (!c) {
          const d = this.stmt('SELECT participant_id FROM documents WHERE id = ?').get(s.documentId) as Row | undefined;
          c = { turns: await this.listTurns(s.documentId), participantId: d ? d.participant_id : null };
          turnCache.set(s.documentId, c);
        }
        const t = turnAt(c.turns, s.start);
        if (t) {
          participantId = t.participantId;
          turnIdx = t.idx;
        } else participantId = c.participantId;
      }
      ins.run(
        s.id,
        s.documentId,
        s.codeId,
        s.coderId,
        s.start,
        s.end,
        s.text,
        participantId,
        turnIdx,
        s.keyQuote ? 1 : 0,
        s.anchored ? 1 : 0,
        s.createdAt,
      );
    }
  }

  async updateSegment(
    id: string,
    patch: Partial<Pick<SegmentRow, 'codeId' | 'start' | 'end' | 'text' | 'keyQuote' | 'anchored'>>,
  ): Promise<void> {
    const cols: Record<string, unknown> = {};
    if (patch.codeId !== undefined) cols.code_id = patch.codeId;
    if (patch.start !== undefined) cols.start = patch.start;
    if (patch.end !== undefined) cols.end = patch.end;
    if (patch.text !== undefined) cols.text = patch.text;
    if (patch.keyQuote !== undefined) cols.key_quote = patch.keyQuote ? 1 : 0;
    if (patch.anchored !== undefined) cols.anchored = patch.anchored ? 1 : 0;
    this.update('segments', id, cols);
  }

  async deleteSegments(ids: readonly string[]): Promise<void> {
    this.stmt('DELETE FROM segments WHERE id IN (SELECT value FROM json_each(?))').run(JSON.stringify(ids));
  }

  async listSegments(filter: SegmentFilter = {}): Promise<SegmentRow[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    const inList = (col: string, v: readonly string[] | undefined) => {
      if (v === undefined) return;
      where.push(`${col} IN (SELECT value FROM json_each(?))`);
      args.push(JSON.stringify(v));
    };
    inList('s.id', filter.ids);
    inList('s.code_id', filter.codeIds);
    inList('s.document_id', filter.documentIds);
    inList('s.coder_id', filter.coderIds);
    if (filter.anchoredOnly !== false) where.push('s.anchored = 1');
    const text = filter.withText === false ? "''" : 's.text';
    const sql = `SELECT s.id, s.document_id, s.code_id, s.coder_id, s.start, s.end, ${text}, s.participant_id, s.turn_idx, s.key_quote,
        s.anchored, s.created_at
      FROM segments s JOIN documents d ON d.id = s.document_id
      ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY d.position, s.start, s.end, s.rowid`;
    const rows = this.stmt(sql).raw(true).all(...args) as unknown[][];
    const out: SegmentRow[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      out[i] = {
        id: r[0] as string,
        documentId: r[1] as string,
        codeId: r[2] as string,
        coderId: r[3] as string,
        start: r[4] as number,
        end: r[5] as number,
        text: r[6] as string,
        participantId: r[7] as string | null,
        turnIdx: r[8] as number | null,
        keyQuote: r[9] === 1,
        anchored: r[10] === 1,
        createdAt: r[11] as string,
      };
    }
    return out;
  }

  // ---- memos

  async insertMemo(row: MemoRow): Promise<void> {
    this.stmt(
      'INSERT INTO memos(id, target_kind, target_id, title, text, author, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(row.id, row.target.kind, targetId(row.target), row.title, row.text, row.author, row.createdAt, row.updatedAt);
  }

  async updateMemo(id: string, patch: { title?: string; text?: string; updatedAt: string; target?: StoredMemoTarget }): Promise<void> {
    const cols: Record<string, unknown> = { updated_at: patch.updatedAt };
    if (patch.title !== undefined) cols.title = patch.title;
    if (patch.text !== undefined) cols.text = patch.text;
    if (patch.target !== undefined) {
      cols.target_kind = patch.target.kind;
      cols.target_id = targetId(patch.target);
    }
    this.update('memos', id, cols);
  }

  async deleteMemo(id: string): Promise<void> {
    this.stmt('DELETE FROM memos WHERE id = ?').run(id);
  }

  async listMemos(filter: { targetKind?: StoredMemoTarget['kind']; targetId?: string } = {}): Promise<MemoRow[]> {
    const rows = this.stmt(
      `SELECT * FROM memos WHERE (? IS NULL OR target_kind = ?) AND (? IS NULL OR target_id = ?) ORDER BY created_at, rowid`,
    ).all(filter.targetKind ?? null, filter.targetKind ?? null, filter.targetId ?? null, filter.targetId ?? null) as Row[];
    return rows.map((r) => ({
      id: r.id,
      target: (r.target_kind === 'project' ? { kind: 'project' } : { kind: r.target_kind, id: r.target_id }) as StoredMemoTarget,
      title: r.title,
      text: r.text,
      author: r.author,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
  }

  // ---- themes

  async insertTheme(row: ThemeRow): Promise<void> {
    this.stmt('INSERT INTO themes(id, name, kind, parent_id, description, position) VALUES (?, ?, ?, ?, ?, ?)').run(
      row.id,
      row.name,
      row.kind,
      row.parentId,
      row.description,
      row.position,
    );
  }

  async updateTheme(id: string, patch: Partial<Omit<ThemeRow, 'id'>>): Promise<void> {
    const cols: Record<string, unknown> = {};
    if (patch.name !== undefined) cols.name = patch.name;
    if (patch.kind !== undefined) cols.kind = patch.kind;
    if (patch.parentId !== undefined) cols.parent_id = patch.parentId;
    if (patch.description !== undefined) cols.description = patch.description;
    if (patch.position !== undefined) cols.position = patch.position;
    this.update('themes', id, cols);
  }

  async deleteTheme(id: string): Promise<void> {
    this.stmt('DELETE FROM themes WHERE id = ?').run(id);
  }

  async listThemes(): Promise<ThemeRow[]> {
    return (this.stmt('SELECT * FROM themes ORDER BY position, rowid').all() as Row[]).map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      parentId: r.parent_id,
      description: r.description,
      position: r.position,
    }));
  }

  async linkThemeCode(themeId: string, codeId: string): Promise<void> {
    this.stmt('INSERT OR IGNORE INTO theme_codes(theme_id, code_id) VALUES (?, ?)').run(themeId, codeId);
  }

  async unlinkThemeCode(themeId: string, codeId: string): Promise<void> {
    this.stmt('DELETE FROM theme_codes WHERE theme_id = ? AND code_id = ?').run(themeId, codeId);
  }

  async listThemeCodes(): Promise<{ themeId: string; codeId: string }[]> {
    return this.stmt('SELECT theme_id AS themeId, code_id AS codeId FROM theme_codes ORDER BY rowid').all() as {
      themeId: string;
      codeId: string;
    }[];
  }

  // ---- grounded theory

  async insertCategory(row: CategoryRow): Promise<void> {
    this.stmt('INSERT INTO categories(id, name, description) VALUES (?, ?, ?)').run(row.id, row.name, row.description);
  }

  async listCategories(): Promise<CategoryRow[]> {
    return this.stmt('SELECT id, name, description FROM categories ORDER BY rowid').all() as CategoryRow[];
  }

  async linkCategoryCode(categoryId: string, codeId: string): Promise<void> {
    this.stmt('INSERT OR IGNORE INTO category_codes(category_id, code_id) VALUES (?, ?)').run(categoryId, codeId);
  }

  async listCategoryCodes(): Promise<{ categoryId: string; codeId: string }[]> {
    return this.stmt('SELECT category_id AS categoryId, code_id AS codeId FROM category_codes ORDER BY rowid').all() as {
      categoryId: string;
      codeId: string;
    }[];
  }

  async insertProperty(row: PropertyRow): Promise<void> {
    this.stmt(
      'INSERT INTO category_properties(id, category_id, name, dimension_low, dimension_high, description) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(row.id, row.categoryId, row.name, row.dimensionLow, row.dimensionHigh, row.description);
  }

  async listProperties(): Promise<PropertyRow[]> {
    return this.stmt(
      `SELECT id, category_id AS categoryId, name, dimension_low AS dimensionLow, dimension_high AS dimensionHigh, description
       FROM category_properties ORDER BY rowid`,
    ).all() as PropertyRow[];
  }

  async insertRelationship(row: RelationshipRow): Promise<void> {
    this.stmt('INSERT INTO relationships(id, from_id, to_id, type, note) VALUES (?, ?, ?, ?, ?)').run(
      row.id,
      row.fromId,
      row.toId,
      row.type,
      row.note,
    );
  }

  async deleteRelationship(id: string): Promise<void> {
    this.stmt('DELETE FROM relationships WHERE id = ?').run(id);
  }

  async listRelationships(): Promise<RelationshipRow[]> {
    return this.stmt('SELECT id, from_id AS fromId, to_id AS toId, type, note FROM relationships ORDER BY rowid').all() as RelationshipRow[];
  }

  async insertPhase(row: PhaseRow): Promise<void> {
    this.stmt('INSERT INTO phases(id, name, position) VALUES (?, ?, ?)').run(row.id, row.name, row.position);
  }

  async setPhaseCategory(phaseId: string, categoryId: string, position: number): Promise<void> {
    this.stmt(
      `INSERT INTO phase_categories(phase_id, category_id, position) VALUES (?, ?, ?)
       ON CONFLICT(phase_id, category_id) DO UPDATE SET position = excluded.position`,
    ).run(phaseId, categoryId, position);
  }

  async listPhases(): Promise<(PhaseRow & { categoryIds: string[] })[]> {
    const phases = (this.stmt('SELECT id, name, position FROM phases ORDER BY position, rowid').all() as PhaseRow[]).map((p) => ({
      ...p,
      categoryIds: [] as string[],
    }));
    const byId = new Map(phases.map((p) => [p.id, p]));
    for (const r of this.stmt('SELECT phase_id, category_id FROM phase_categories ORDER BY position, rowid').all() as Row[]) {
      byId.get(r.phase_id)?.categoryIds.push(r.category_id);
    }
    return phases;
  }

  // ---- key file

  async upsertReplacement(row: ReplacementRow): Promise<void> {
    this.requireKey();
    this.stmt(
      `INSERT INTO key.replacements(original, replacement, category, added_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(original) DO UPDATE SET replacement = excluded.replacement, category = excluded.category`,
    ).run(row.original, row.replacement, row.category, row.addedAt);
  }

  async deleteReplacement(original: string): Promise<void> {
    this.requireKey();
    this.stmt('DELETE FROM key.replacements WHERE original = ?').run(original);
  }

  async listReplacements(): Promise<ReplacementRow[]> {
    this.requireKey();
    return this.stmt(
      'SELECT original, replacement, category, added_at AS addedAt FROM key.replacements ORDER BY length(original) DESC, original',
    ).all() as ReplacementRow[];
  }

  async insertOriginal(row: OriginalRow): Promise<void> {
    this.requireKey();
    this.stmt('INSERT INTO key.originals(document_id, source_file, original_text, imported_at) VALUES (?, ?, ?, ?)').run(
      row.documentId,
      row.sourceFile,
      row.originalText,
      row.importedAt,
    );
    await this.insertOriginalSpans(row.documentId, row.spans);
  }

  async insertOriginalSpans(documentId: string, spans: OriginalRow['spans']): Promise<void> {
    this.requireKey();
    const ins = this.stmt(
      'INSERT INTO key.original_spans(redaction_id, document_id, original_start, original_end, original) VALUES (?, ?, ?, ?, ?)',
    );
    for (const s of spans) ins.run(s.redactionId, documentId, s.originalStart, s.originalEnd, s.original);
  }

  async getOriginal(documentId: string): Promise<OriginalRow | null> {
    this.requireKey();
    const r = this.stmt('SELECT * FROM key.originals WHERE document_id = ?').get(documentId) as Row | undefined;
    if (!r) return null;
    const spans = this.stmt(
      `SELECT redaction_id AS redactionId, original_start AS originalStart, original_end AS originalEnd, original
       FROM key.original_spans WHERE document_id = ? ORDER BY original_start`,
    ).all(documentId) as OriginalRow['spans'];
    return { documentId, sourceFile: r.source_file, originalText: r.original_text, importedAt: r.imported_at, spans };
  }

  async deleteOriginal(documentId: string): Promise<void> {
    this.requireKey();
    this.stmt('DELETE FROM key.originals WHERE document_id = ?').run(documentId);
    this.stmt('DELETE FROM key.speaker_key WHERE document_id = ?').run(documentId);
  }

  async listOriginalDocumentIds(): Promise<string[]> {
    this.requireKey();
    return (this.stmt('SELECT document_id FROM key.originals ORDER BY document_id').all() as Row[]).map((r) => r.document_id);
  }

  async insertSpeakerKey(rows: SpeakerKeyRow[]): Promise<void> {
    this.requireKey();
    const ins = this.stmt('INSERT INTO key.speaker_key(document_id, display_name, participant_id) VALUES (?, ?, ?)');
    for (const r of rows) ins.run(r.documentId, r.displayName, r.participantId);
  }

  async listSpeakerKey(): Promise<SpeakerKeyRow[]> {
    this.requireKey();
    return this.stmt(
      'SELECT document_id AS documentId, display_name AS displayName, participant_id AS participantId FROM key.speaker_key ORDER BY document_id, display_name',
    ).all() as SpeakerKeyRow[];
  }

  async setParticipantName(participantId: string, displayName: string): Promise<void> {
    this.requireKey();
    this.stmt(
      `INSERT INTO key.participant_names(participant_id, display_name) VALUES (?, ?)
       ON CONFLICT(participant_id) DO UPDATE SET display_name = excluded.display_name`,
    ).run(participantId, displayName);
  }

  async listParticipantNames(): Promise<{ participantId: string; displayName: string }[]> {
    this.requireKey();
    return this.stmt(
      'SELECT participant_id AS participantId, display_name AS displayName FROM key.participant_names ORDER BY participant_id',
    ).all() as { participantId: string; displayName: string }[];
  }
}

/** The turn whose range holds `offset` (or the last turn starting at or before it); turns sorted by start. */
export function turnAt<T extends { start: number }>(turns: readonly T[], offset: number): T | undefined {
  let lo = 0;
  let hi = turns.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (turns[mid].start <= offset) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best < 0 ? undefined : turns[best];
}

function migrate(db: Database.Database, schema: string, migrations: readonly Migration[], file: string): void {
  const current = db.pragma(`${schema}.user_version`, { simple: true }) as number;
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
      db.pragma(`${schema}.user_version = ${v + 1}`);
    })();
  }
}

function targetId(t: StoredMemoTarget): string | null {
  return t.kind === 'project' ? null : t.id;
}

function encodeValue(v: VariableValue): string | number | null {
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}

function decodeValue(v: unknown, type: VariableType): VariableValue {
  if (v === null || v === undefined) return null;
  switch (type) {
    case 'boolean':
      return v === 1 || v === '1' || v === 'true';
    case 'integer':
    case 'float':
      return typeof v === 'number' ? v : Number(v);
    default:
      return String(v);
  }
}
