import type Database from 'better-sqlite3';
import { keyFileRequired } from '../key-file-required.ts';
import { StaffwellError } from '../../errors.ts';
import type { VariableValue } from '../snapshot.ts';
import type {
  CaseRow,
  CategoryRow,
  CodeRow,
  CoderRow,
  CommandState,
  DocumentRow,
  MemoRow,
  NewCommandRecord,
  OriginalRow,
  ParticipantRow,
  PhaseRow,
  PropertyRow,
  QualTransaction,
  RedactionRow,
  RelationshipRow,
  ReplacementRow,
  RowChanges,
  SegmentRow,
  SiteRow,
  SpeakerKeyRow,
  StoredMemoTarget,
  ThemeRow,
  TurnRow,
  VariableRow,
} from './qual-store.ts';
import type { ChangeCapture } from './sqlite-changes.ts';
import { encodeValue, SqliteReadRows, targetId, type StatementCache } from './sqlite-rows.ts';

/**
 * The transaction handle of `SqliteQualStore`: reads and writes on the write connection, valid only while its
 * transaction runs (`end()` is called at commit or rollback; every later call throws).
 */
export class SqliteWriteRows extends SqliteReadRows implements QualTransaction {
  private open = true;

  constructor(
    cache: StatementCache,
    hasKey: boolean,
    file: string,
    private readonly capture: ChangeCapture,
  ) {
    super(cache, hasKey, file);
  }

  end(): void {
    this.open = false;
  }

  protected override stmt(sql: string): Database.Statement {
    if (!this.open) throw new Error('this transaction has ended: use the store, or start a new transaction');
    return super.stmt(sql);
  }

  private update(table: string, id: string, cols: Record<string, unknown>): void {
    const keys = Object.keys(cols);
    if (keys.length === 0) return;
    this.stmt(`UPDATE ${table} SET ${keys.map((k) => `${k} = ?`).join(', ')} WHERE id = ?`).run(...keys.map((k) => cols[k]), id);
  }

  // ---- project info and audit log

  async setInfo(key: string, value: string): Promise<void> {
    this.stmt('INSERT INTO project(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  async recordCommand(rec: NewCommandRecord): Promise<number> {
    const changes = rec.changes;
    const inKey: { project?: RowChanges['project']; key: RowChanges['key'] } | null = changes === null ? null : changes.keyFileOnly ? { project: changes.project, key: changes.key } : { key: changes.key };
    const keyChanges = inKey === null ? 0 : inKey.key.length + (inKey.project?.length ?? 0);
    if (keyChanges > 0) {
      this.requireKey();
      this.stmt('INSERT OR REPLACE INTO key.command_changes(command_id, changes) VALUES (?, ?)').run(rec.id, JSON.stringify(inKey));
    }
    const r = this.stmt(
      'INSERT INTO commands(id, at, actor, type, payload, affected, state, target_seq, changes, key_changes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(
      rec.id,
      rec.at,
      rec.actor,
      rec.type,
      JSON.stringify(rec.payload),
      JSON.stringify(rec.affected),
      rec.state,
      rec.targetSeq,
      changes && !changes.keyFileOnly ? JSON.stringify(changes.project) : null,
      keyChanges,
    );
    return Number(r.lastInsertRowid);
  }

  async setCommandState(seq: number, state: CommandState): Promise<void> {
    this.stmt('UPDATE commands SET state = ? WHERE seq = ?').run(state, seq);
  }

  async discardUndone(actor: string): Promise<void> {
    this.stmt("UPDATE commands SET state = 'discarded' WHERE actor = ? AND state = 'undone'").run(actor);
  }

  async getCommandChanges(seq: number): Promise<RowChanges | null> {
    const r = this.stmt('SELECT id, changes, key_changes FROM commands WHERE seq = ?').get(seq) as
      | { id: string; changes: string | null; key_changes: number }
      | undefined;
    if (!r || (r.changes === null && r.key_changes === 0)) return null;
    let inKey: { project?: RowChanges['project']; key: RowChanges['key'] } = { key: [] };
    if (r.key_changes > 0) {
      if (!this.hasKey) {
        throw keyFileRequired('undoing this command needs the key file, which is not open', { file: this.file, why: 'the command changed original text or the replacement list' });
      }
      const k = this.stmt('SELECT changes FROM key.command_changes WHERE command_id = ?').get(r.id) as { changes: string } | undefined;
      if (!k) {
        throw new StaffwellError('conflict', "the key file has no undo information for this command (it is not the key file the command wrote to)", {
          file: this.file,
          value: seq,
          hint: 'open the project with the key file it was imported with',
        });
      }
      inKey = JSON.parse(k.changes);
    }
    if (r.changes === null) return { project: inKey.project ?? [], key: inKey.key, keyFileOnly: true };
    return { project: JSON.parse(r.changes), key: inKey.key };
  }

  async rowChanges(): Promise<RowChanges> {
    this.stmt('SELECT 1'); // refuses once the transaction ended
    return this.capture.collect();
  }

  async revertChanges(changes: RowChanges): Promise<void> {
    this.stmt('SELECT 1');
    if (changes.key.length > 0) this.requireKey();
    this.capture.revert(changes);
  }

  // ---- coders, sites, variables, participants, cases

  async insertCoder(row: CoderRow): Promise<void> {
    this.stmt('INSERT INTO coders(id, name) VALUES (?, ?)').run(row.id, row.name);
  }

  async insertSite(row: SiteRow): Promise<void> {
    this.stmt('INSERT INTO sites(id, name, description) VALUES (?, ?, ?)').run(row.id, row.name, row.description);
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

  async insertParticipant(row: Omit<ParticipantRow, 'attributes'>): Promise<void> {
    this.stmt('INSERT INTO participants(id, site_id, description) VALUES (?, ?, ?)').run(row.id, row.siteId, row.description);
  }

  async updateParticipant(id: string, patch: Partial<Pick<ParticipantRow, 'siteId' | 'description'>>): Promise<void> {
    const cols: Record<string, unknown> = {};
    if (patch.siteId !== undefined) cols.site_id = patch.siteId;
    if (patch.description !== undefined) cols.description = patch.description;
    this.update('participants', id, cols);
  }

  async setParticipantValue(participantId: string, variableId: string, value: VariableValue): Promise<void> {
    this.stmt(
      `INSERT INTO participant_values(participant_id, variable_id, value) VALUES (?, ?, ?)
       ON CONFLICT(participant_id, variable_id) DO UPDATE SET value = excluded.value`,
    ).run(participantId, variableId, encodeValue(value));
  }

  async insertCase(row: CaseRow): Promise<void> {
    this.stmt('INSERT INTO cases(id, name, description) VALUES (?, ?, ?)').run(row.id, row.name, row.description);
    for (const p of row.participantIds) await this.addCaseParticipant(row.id, p);
  }

  async addCaseParticipant(caseId: string, participantId: string): Promise<void> {
    this.stmt('INSERT OR IGNORE INTO case_participants(case_id, participant_id) VALUES (?, ?)').run(caseId, participantId);
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

  async updateDocumentText(id: string, text: string): Promise<void> {
    this.stmt('UPDATE documents SET text = ?, length = ? WHERE id = ?').run(text, text.length, id);
  }

  async rewriteText(rewrite: (text: string) => string): Promise<number> {
    let changed = 0;
    for (const { table, key, columns } of FREE_TEXT) {
      const rows = this.stmt(`SELECT ${[...key, ...columns].join(', ')} FROM ${table}`).all() as Record<string, unknown>[];
      for (const row of rows) {
        const patch: [string, string][] = [];
        for (const c of columns) {
          const v = row[c];
          if (typeof v !== 'string') continue;
          const w = rewrite(v);
          if (w !== v) patch.push([c, w]);
        }
        if (patch.length === 0) continue;
        try {
          this.stmt(`UPDATE ${table} SET ${patch.map(([c]) => `${c} = ?`).join(', ')} WHERE ${key.map((k) => `${k} = ?`).join(' AND ')}`)
            .run(...patch.map(([, w]) => w), ...key.map((k) => row[k]));
        } catch (e) {
          if ((e as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw e;
          throw new StaffwellError('conflict', `after the replacement two ${table} would have the same name`, {
            file: this.file,
            value: patch[0][1],
            hint: 'rename one of them first (the names must stay unique), then add the replacement again',
          });
        }
        changed++;
      }
    }
    // the audit log: every string of earlier commands' payloads and undo data
    const log = this.stmt('SELECT seq, payload, changes FROM commands').all() as { seq: number; payload: string; changes: string | null }[];
    for (const r of log) {
      const payload = rewriteJson(r.payload, rewrite);
      const changes = r.changes === null ? null : rewriteJson(r.changes, rewrite);
      if (payload === r.payload && changes === r.changes) continue;
      this.stmt('UPDATE commands SET payload = ?, changes = ? WHERE seq = ?').run(payload, changes, r.seq);
      changed++;
    }
    // FTS5 keeps a deleted term in its older segments until they are merged: merge them all now
    this.stmt("INSERT INTO document_fts(document_fts) VALUES ('optimize')").run();
    return changed;
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

  async replaceRedactions(documentId: string, rows: RedactionRow[]): Promise<void> {
    this.stmt('DELETE FROM redactions WHERE document_id = ?').run(documentId);
    const ins = this.stmt('INSERT INTO redactions(id, document_id, start, end, replacement, category) VALUES (?, ?, ?, ?, ?, ?)');
    for (const r of rows) ins.run(r.id, documentId, r.start, r.end, r.replacement, r.category);
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

  async deleteCode(id: string): Promise<void> {
    this.stmt('DELETE FROM codes WHERE id = ?').run(id);
  }

  async insertSegments(rows: SegmentRow[]): Promise<void> {
    const ins = this.stmt(
      `INSERT INTO segments(id, document_id, code_id, coder_id, start, end, text, participant_id, turn_idx, key_quote, anchored, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const s of rows) {
      ins.run(s.id, s.documentId, s.codeId, s.coderId, s.start, s.end, s.text, s.participantId, s.turnIdx, s.keyQuote ? 1 : 0, s.anchored ? 1 : 0, s.createdAt);
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

  async linkThemeCode(themeId: string, codeId: string): Promise<void> {
    this.stmt('INSERT OR IGNORE INTO theme_codes(theme_id, code_id) VALUES (?, ?)').run(themeId, codeId);
  }

  async unlinkThemeCode(themeId: string, codeId: string): Promise<void> {
    this.stmt('DELETE FROM theme_codes WHERE theme_id = ? AND code_id = ?').run(themeId, codeId);
  }

  // ---- grounded theory

  async insertCategory(row: CategoryRow): Promise<void> {
    this.stmt('INSERT INTO categories(id, name, description) VALUES (?, ?, ?)').run(row.id, row.name, row.description);
  }

  async deleteCategory(id: string): Promise<void> {
    this.stmt('DELETE FROM categories WHERE id = ?').run(id);
  }

  async linkCategoryCode(categoryId: string, codeId: string): Promise<void> {
    this.stmt('INSERT OR IGNORE INTO category_codes(category_id, code_id) VALUES (?, ?)').run(categoryId, codeId);
  }

  async unlinkCategoryCode(categoryId: string, codeId: string): Promise<void> {
    this.stmt('DELETE FROM category_codes WHERE category_id = ? AND code_id = ?').run(categoryId, codeId);
  }

  async insertProperty(row: PropertyRow): Promise<void> {
    this.stmt(
      'INSERT INTO category_properties(id, category_id, name, dimension_low, dimension_high, description) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(row.id, row.categoryId, row.name, row.dimensionLow, row.dimensionHigh, row.description);
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

  async insertPhase(row: PhaseRow): Promise<void> {
    this.stmt('INSERT INTO phases(id, name, position) VALUES (?, ?, ?)').run(row.id, row.name, row.position);
  }

  async deletePhase(id: string): Promise<void> {
    this.stmt('DELETE FROM phases WHERE id = ?').run(id);
  }

  async setPhaseCategory(phaseId: string, categoryId: string, position: number): Promise<void> {
    this.stmt(
      `INSERT INTO phase_categories(phase_id, category_id, position) VALUES (?, ?, ?)
       ON CONFLICT(phase_id, category_id) DO UPDATE SET position = excluded.position`,
    ).run(phaseId, categoryId, position);
  }

  async clearPhaseCategories(phaseId: string): Promise<void> {
    this.stmt('DELETE FROM phase_categories WHERE phase_id = ?').run(phaseId);
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

  async deleteOriginal(documentId: string): Promise<void> {
    this.requireKey();
    this.stmt('DELETE FROM key.originals WHERE document_id = ?').run(documentId);
    this.stmt('DELETE FROM key.speaker_key WHERE document_id = ?').run(documentId);
  }

  async insertSpeakerKey(rows: SpeakerKeyRow[]): Promise<void> {
    this.requireKey();
    const ins = this.stmt('INSERT INTO key.speaker_key(document_id, display_name, participant_id) VALUES (?, ?, ?)');
    for (const r of rows) ins.run(r.documentId, r.displayName, r.participantId);
  }

  async setParticipantName(participantId: string, displayName: string): Promise<void> {
    this.requireKey();
    this.stmt(
      `INSERT INTO key.participant_names(participant_id, display_name) VALUES (?, ?)
       ON CONFLICT(participant_id) DO UPDATE SET display_name = excluded.display_name`,
    ).run(participantId, displayName);
  }
}

/** The free-text columns of the project file that `rewriteText` passes through (document and segment texts apart). */
const FREE_TEXT: readonly { table: string; key: readonly string[]; columns: readonly string[] }[] = [
  { table: 'project', key: ['key'], columns: ['value'] },
  { table: 'sites', key: ['id'], columns: ['name', 'description'] },
  { table: 'variables', key: ['id'], columns: ['description'] },
  { table: 'participants', key: ['id'], columns: ['description'] },
  { table: 'participant_values', key: ['participant_id', 'variable_id'], columns: ['value'] },
  { table: 'cases', key: ['id'], columns: ['name', 'description'] },
  { table: 'documents', key: ['id'], columns: ['name', 'description'] },
  { table: 'document_values', key: ['document_id', 'variable_id'], columns: ['value'] },
  { table: 'turns', key: ['document_id', 'idx'], columns: ['speaker'] },
  { table: 'codes', key: ['id'], columns: ['name', 'description'] },
  { table: 'memos', key: ['id'], columns: ['title', 'text'] },
  { table: 'themes', key: ['id'], columns: ['name', 'description'] },
  { table: 'categories', key: ['id'], columns: ['name', 'description'] },
  { table: 'category_properties', key: ['id'], columns: ['name', 'dimension_low', 'dimension_high', 'description'] },
  { table: 'relationships', key: ['id'], columns: ['type', 'note'] },
  { table: 'phases', key: ['id'], columns: ['name'] },
];

/** JSON text with every string value (not the keys) passed through `rewrite`; the same text when none changed. */
function rewriteJson(text: string, rewrite: (s: string) => string): string {
  let any = false;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const w = rewrite(v);
      if (w !== v) any = true;
      return w;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  const out = walk(JSON.parse(text));
  return any ? JSON.stringify(out) : text;
}
