import type Database from 'better-sqlite3';
import { keyFileRequired } from '../key-file-required.ts';
import { StaffwellError } from '../../errors.ts';
import type { VariableType, VariableValue } from '../snapshot.ts';
import type {
  CaseRow,
  CategoryRow,
  CodeRow,
  CoderRow,
  CommandFilter,
  CommandRecord,
  CommandState,
  DocumentRow,
  MemoRow,
  OriginalRow,
  ParticipantRow,
  PhaseRow,
  PropertyRow,
  QualReader,
  RedactionRow,
  RelationshipRow,
  ReplacementRow,
  SegmentFilter,
  SegmentRow,
  SiteRow,
  SpeakerKeyRow,
  StoredMemoTarget,
  TextQuery,
  ThemeRow,
  TurnRow,
  VariableRow,
  VariableScope,
} from './qual-store.ts';

type Row = Record<string, any>;

/** Prepared statements of one connection, shared by every reader and transaction handle on it. */
export class StatementCache {
  private readonly stmts = new Map<string, Database.Statement>();
  constructor(readonly db: Database.Database) {}
  get(sql: string): Database.Statement {
    let s = this.stmts.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.stmts.set(sql, s);
    }
    return s;
  }
}

/**
 * `QualReader` over one SQLite connection (the project as `main`, the key file, when attached, as `key`). The
 * store's own reads use a read-only connection; a transaction handle (`SqliteWriteRows`) reads on the write
 * connection, so it sees its own writes.
 */
export class SqliteReadRows implements QualReader {
  constructor(
    protected readonly cache: StatementCache,
    readonly hasKey: boolean,
    /** The project file, named in errors. */
    protected readonly file: string,
  ) {}

  /** Every statement goes through here (a transaction handle refuses once its transaction ended). */
  protected stmt(sql: string): Database.Statement {
    return this.cache.get(sql);
  }

  protected requireKey(): void {
    if (!this.hasKey) {
      throw keyFileRequired('this operation needs the key file, which is not open', { file: this.file, why: 'it holds the original text and the replacement list' });
    }
  }

  // ---- project info and audit log

  async getInfo(key: string): Promise<string | null> {
    const r = this.stmt('SELECT value FROM project WHERE key = ?').get(key) as Row | undefined;
    return r ? r.value : null;
  }

  async listCommands(filter: CommandFilter = {}): Promise<CommandRecord[]> {
    const order = filter.descending ? 'DESC' : 'ASC';
    const rows = this.stmt(
      `SELECT * FROM commands WHERE seq > @after AND (@type IS NULL OR type = @type) AND (@actor IS NULL OR actor = @actor)
       AND (@target IS NULL OR target_seq = @target) ORDER BY seq ${order} LIMIT @limit`,
    ).all({
      after: filter.afterSeq ?? 0,
      type: filter.type ?? null,
      actor: filter.actor ?? null,
      target: filter.targetSeq ?? null,
      limit: filter.limit ?? -1,
    }) as Row[];
    return rows.map(commandRecord);
  }

  async getCommand(seq: number): Promise<CommandRecord | null> {
    const r = this.stmt('SELECT * FROM commands WHERE seq = ?').get(seq) as Row | undefined;
    return r ? commandRecord(r) : null;
  }

  async lastApplied(actor: string): Promise<CommandRecord | null> {
    const r = this.stmt("SELECT * FROM commands WHERE actor = ? AND state = 'applied' ORDER BY seq DESC LIMIT 1").get(actor) as Row | undefined;
    return r ? commandRecord(r) : null;
  }

  async lastUndone(actor: string): Promise<CommandRecord | null> {
    const r = this.stmt(
      `SELECT t.* FROM commands u JOIN commands t ON t.seq = u.target_seq
       WHERE u.actor = ? AND u.type = 'undo' AND t.state = 'undone' ORDER BY u.seq DESC LIMIT 1`,
    ).get(actor) as Row | undefined;
    return r ? commandRecord(r) : null;
  }

  // ---- coders, sites, variables, participants, cases

  async getCoder(id: string): Promise<CoderRow | null> {
    return (this.stmt('SELECT id, name FROM coders WHERE id = ?').get(id) as CoderRow | undefined) ?? null;
  }

  async getCoderByName(name: string): Promise<CoderRow | null> {
    return (this.stmt('SELECT id, name FROM coders WHERE name = ?').get(name) as CoderRow | undefined) ?? null;
  }

  async listCoders(): Promise<CoderRow[]> {
    return this.stmt('SELECT id, name FROM coders ORDER BY name').all() as CoderRow[];
  }

  async getSite(id: string): Promise<SiteRow | null> {
    return (this.stmt('SELECT id, name, description FROM sites WHERE id = ?').get(id) as SiteRow | undefined) ?? null;
  }

  async getSiteByName(name: string): Promise<SiteRow | null> {
    return (this.stmt('SELECT id, name, description FROM sites WHERE name = ?').get(name) as SiteRow | undefined) ?? null;
  }

  async listSites(): Promise<SiteRow[]> {
    return this.stmt('SELECT id, name, description FROM sites ORDER BY name').all() as SiteRow[];
  }

  async getVariable(id: string): Promise<VariableRow | null> {
    return (this.stmt('SELECT id, name, type, scope, description FROM variables WHERE id = ?').get(id) as VariableRow | undefined) ?? null;
  }

  async getVariableByName(scope: VariableScope, name: string): Promise<VariableRow | null> {
    return (
      (this.stmt('SELECT id, name, type, scope, description FROM variables WHERE scope = ? AND name = ?').get(scope, name) as
        | VariableRow
        | undefined) ?? null
    );
  }

  async listVariables(scope?: VariableScope): Promise<VariableRow[]> {
    return this.stmt('SELECT id, name, type, scope, description FROM variables WHERE ? IS NULL OR scope = ? ORDER BY rowid').all(
      scope ?? null,
      scope ?? null,
    ) as VariableRow[];
  }

  async getParticipant(id: string): Promise<ParticipantRow | null> {
    const r = this.stmt('SELECT id, site_id, description FROM participants WHERE id = ?').get(id) as Row | undefined;
    if (!r) return null;
    const attributes: Record<string, VariableValue> = {};
    for (const v of this.stmt(
      'SELECT pv.variable_id, pv.value, v.type FROM participant_values pv JOIN variables v ON v.id = pv.variable_id WHERE pv.participant_id = ? ORDER BY pv.rowid',
    ).all(id) as Row[]) {
      attributes[v.variable_id] = decodeValue(v.value, v.type);
    }
    return { id: r.id, siteId: r.site_id, description: r.description, attributes };
  }

  async listParticipants(): Promise<ParticipantRow[]> {
    const types = this.variableTypes();
    const out = new Map<string, ParticipantRow>();
    for (const r of this.stmt('SELECT id, site_id, description FROM participants ORDER BY id').all() as Row[]) {
      out.set(r.id, { id: r.id, siteId: r.site_id, description: r.description, attributes: {} });
    }
    for (const v of this.stmt('SELECT participant_id, variable_id, value FROM participant_values ORDER BY rowid').all() as Row[]) {
      const p = out.get(v.participant_id);
      if (p) p.attributes[v.variable_id] = decodeValue(v.value, types.get(v.variable_id) ?? 'text');
    }
    return [...out.values()];
  }

  async getCase(id: string): Promise<CaseRow | null> {
    const r = this.stmt('SELECT id, name, description FROM cases WHERE id = ?').get(id) as Row | undefined;
    if (!r) return null;
    const ps = this.stmt('SELECT participant_id FROM case_participants WHERE case_id = ? ORDER BY participant_id').all(id) as Row[];
    return { id: r.id, name: r.name, description: r.description, participantIds: ps.map((p) => p.participant_id) };
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

  async getDocument(id: string): Promise<(DocumentRow & { text: string }) | null> {
    const r = this.stmt('SELECT * FROM documents WHERE id = ?').get(id) as Row | undefined;
    if (!r) return null;
    const doc = documentRow(r, this.documentValues(id));
    return { ...doc, text: r.text, length: r.text.length };
  }

  async getDocumentByName(name: string): Promise<DocumentRow | null> {
    const r = this.stmt(`SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE name = ?`).get(name) as Row | undefined;
    return r ? documentRow(r, this.documentValues(r.id as string)) : null;
  }

  async listDocuments(): Promise<DocumentRow[]> {
    const rows = this.stmt(`SELECT ${DOCUMENT_COLUMNS} FROM documents ORDER BY position, rowid`).all() as Row[];
    const values = this.documentValues(null);
    return rows.map((r) => documentRow(r, values.get(r.id) ?? {}));
  }

  async nextDocumentPosition(): Promise<number> {
    return (this.stmt('SELECT COALESCE(MAX(position) + 1, 0) AS n FROM documents').get() as Row).n;
  }

  private documentValues(id: string): Record<string, VariableValue>;
  private documentValues(id: null): Map<string, Record<string, VariableValue>>;
  private documentValues(id: string | null): any {
    const types = this.variableTypes();
    const rows = this.stmt(
      'SELECT document_id, variable_id, value FROM document_values WHERE ? IS NULL OR document_id = ? ORDER BY rowid',
    ).all(id, id) as Row[];
    const m = new Map<string, Record<string, VariableValue>>();
    for (const r of rows) {
      let a = m.get(r.document_id);
      if (!a) m.set(r.document_id, (a = {}));
      a[r.variable_id] = decodeValue(r.value, types.get(r.variable_id) ?? 'text');
    }
    return id === null ? m : (m.get(id) ?? {});
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

  async searchDocuments(query: TextQuery): Promise<string[]> {
    const match = fts5Query(query);
    const rows = this.stmt(
      'SELECT d.id FROM document_fts f JOIN documents d ON d.rowid = f.rowid WHERE document_fts MATCH ? ORDER BY d.position, d.rowid',
    ).all(match) as Row[];
    return rows.map((r) => r.id);
  }

  // ---- codes and segments

  async getCode(id: string): Promise<CodeRow | null> {
    const r = this.stmt('SELECT * FROM codes WHERE id = ?').get(id) as Row | undefined;
    return r ? codeRow(r) : null;
  }

  async getCodeByName(parentId: string | null, name: string): Promise<CodeRow | null> {
    // the unique index codes_sibling_name is on (COALESCE(parent_id, ''), name)
    const r = this.stmt("SELECT * FROM codes WHERE COALESCE(parent_id, '') = ? AND name = ?").get(parentId ?? '', name) as Row | undefined;
    return r ? codeRow(r) : null;
  }

  async listCodes(): Promise<CodeRow[]> {
    return (this.stmt('SELECT * FROM codes ORDER BY rowid').all() as Row[]).map(codeRow);
  }

  async listChildCodes(parentId: string | null): Promise<CodeRow[]> {
    return (this.stmt('SELECT * FROM codes WHERE parent_id IS ? ORDER BY position, rowid').all(parentId) as Row[]).map(codeRow);
  }

  async getSegment(id: string): Promise<SegmentRow | null> {
    const [s] = await this.listSegments({ ids: [id], anchoredOnly: false });
    return s ?? null;
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
      ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY d.position, d.rowid, s.start, s.end, s.rowid`;
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

  async getMemo(id: string): Promise<MemoRow | null> {
    const r = this.stmt('SELECT * FROM memos WHERE id = ?').get(id) as Row | undefined;
    return r ? memoRow(r) : null;
  }

  async listMemos(filter: { targetKind?: StoredMemoTarget['kind']; targetId?: string } = {}): Promise<MemoRow[]> {
    const rows = this.stmt(
      `SELECT * FROM memos WHERE (? IS NULL OR target_kind = ?) AND (? IS NULL OR target_id = ?) ORDER BY created_at, rowid`,
    ).all(filter.targetKind ?? null, filter.targetKind ?? null, filter.targetId ?? null, filter.targetId ?? null) as Row[];
    return rows.map(memoRow);
  }

  // ---- themes

  async getTheme(id: string): Promise<ThemeRow | null> {
    const r = this.stmt('SELECT * FROM themes WHERE id = ?').get(id) as Row | undefined;
    return r ? themeRow(r) : null;
  }

  async getThemeByName(parentId: string | null, name: string): Promise<ThemeRow | null> {
    const r = this.stmt("SELECT * FROM themes WHERE COALESCE(parent_id, '') = ? AND name = ?").get(parentId ?? '', name) as Row | undefined;
    return r ? themeRow(r) : null;
  }

  async listThemes(): Promise<ThemeRow[]> {
    return (this.stmt('SELECT * FROM themes ORDER BY position, rowid').all() as Row[]).map(themeRow);
  }

  async listChildThemes(parentId: string | null): Promise<ThemeRow[]> {
    return (this.stmt('SELECT * FROM themes WHERE parent_id IS ? ORDER BY position, rowid').all(parentId) as Row[]).map(themeRow);
  }

  async listThemeCodes(filter: { themeId?: string; codeId?: string } = {}): Promise<{ themeId: string; codeId: string }[]> {
    return this.stmt(
      'SELECT theme_id AS themeId, code_id AS codeId FROM theme_codes WHERE (@theme IS NULL OR theme_id = @theme) AND (@code IS NULL OR code_id = @code) ORDER BY rowid',
    ).all({ theme: filter.themeId ?? null, code: filter.codeId ?? null }) as { themeId: string; codeId: string }[];
  }

  // ---- grounded theory

  async getCategory(id: string): Promise<CategoryRow | null> {
    return (this.stmt('SELECT id, name, description FROM categories WHERE id = ?').get(id) as CategoryRow | undefined) ?? null;
  }

  async getCategoryByName(name: string): Promise<CategoryRow | null> {
    return (this.stmt('SELECT id, name, description FROM categories WHERE name = ?').get(name) as CategoryRow | undefined) ?? null;
  }

  async listCategories(): Promise<CategoryRow[]> {
    return this.stmt('SELECT id, name, description FROM categories ORDER BY rowid').all() as CategoryRow[];
  }

  async listCategoryCodes(filter: { categoryId?: string; codeId?: string } = {}): Promise<{ categoryId: string; codeId: string }[]> {
    return this.stmt(
      `SELECT category_id AS categoryId, code_id AS codeId FROM category_codes
       WHERE (@category IS NULL OR category_id = @category) AND (@code IS NULL OR code_id = @code) ORDER BY rowid`,
    ).all({ category: filter.categoryId ?? null, code: filter.codeId ?? null }) as { categoryId: string; codeId: string }[];
  }

  async listProperties(categoryId?: string): Promise<PropertyRow[]> {
    return this.stmt(
      `SELECT id, category_id AS categoryId, name, dimension_low AS dimensionLow, dimension_high AS dimensionHigh, description
       FROM category_properties WHERE @category IS NULL OR category_id = @category ORDER BY rowid`,
    ).all({ category: categoryId ?? null }) as PropertyRow[];
  }

  async getRelationship(id: string): Promise<RelationshipRow | null> {
    return (
      (this.stmt('SELECT id, from_id AS fromId, to_id AS toId, type, note FROM relationships WHERE id = ?').get(id) as RelationshipRow | undefined) ??
      null
    );
  }

  async listRelationships(): Promise<RelationshipRow[]> {
    return this.stmt('SELECT id, from_id AS fromId, to_id AS toId, type, note FROM relationships ORDER BY rowid').all() as RelationshipRow[];
  }

  async getPhase(id: string): Promise<(PhaseRow & { categoryIds: string[] }) | null> {
    const p = this.stmt('SELECT id, name, position FROM phases WHERE id = ?').get(id) as PhaseRow | undefined;
    if (!p) return null;
    const cats = this.stmt('SELECT category_id FROM phase_categories WHERE phase_id = ? ORDER BY position, rowid').all(id) as Row[];
    return { ...p, categoryIds: cats.map((c) => c.category_id) };
  }

  async getPhaseByName(name: string): Promise<PhaseRow | null> {
    return (this.stmt('SELECT id, name, position FROM phases WHERE name = ?').get(name) as PhaseRow | undefined) ?? null;
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

  async listReplacements(): Promise<ReplacementRow[]> {
    this.requireKey();
    return this.stmt(
      'SELECT original, replacement, category, added_at AS addedAt FROM key.replacements ORDER BY length(original) DESC, original',
    ).all() as ReplacementRow[];
  }

  async getOriginal(documentId: string): Promise<OriginalRow | null> {
    this.requireKey();
    const r = this.stmt('SELECT * FROM key.originals WHERE document_id = ?').get(documentId) as Row | undefined;
    if (!r) return null;
    const spans = this.stmt(
      `SELECT redaction_id AS redactionId, original_start AS originalStart, original_end AS originalEnd, original
       FROM key.original_spans WHERE document_id = ? ORDER BY original_start, rowid`,
    ).all(documentId) as OriginalRow['spans'];
    return { documentId, sourceFile: r.source_file, originalText: r.original_text, importedAt: r.imported_at, spans };
  }

  async listOriginalDocumentIds(): Promise<string[]> {
    this.requireKey();
    return (this.stmt('SELECT document_id FROM key.originals ORDER BY document_id').all() as Row[]).map((r) => r.document_id);
  }

  async listSpeakerKey(): Promise<SpeakerKeyRow[]> {
    this.requireKey();
    return this.stmt(
      'SELECT document_id AS documentId, display_name AS displayName, participant_id AS participantId FROM key.speaker_key ORDER BY document_id, display_name',
    ).all() as SpeakerKeyRow[];
  }

  async listParticipantNames(): Promise<{ participantId: string; displayName: string }[]> {
    this.requireKey();
    return this.stmt(
      'SELECT participant_id AS participantId, display_name AS displayName FROM key.participant_names ORDER BY participant_id',
    ).all() as { participantId: string; displayName: string }[];
  }
}

const DOCUMENT_COLUMNS = 'id, name, length, participant_id, site_id, format, interview_date, position, description, created_at, created_by';

function commandRecord(r: Row): CommandRecord {
  return {
    seq: r.seq,
    id: r.id,
    at: r.at,
    actor: r.actor,
    type: r.type,
    payload: JSON.parse(r.payload),
    affected: JSON.parse(r.affected),
    state: (r.state ?? null) as CommandState | null,
    targetSeq: r.target_seq ?? null,
  };
}

function documentRow(r: Row, attributes: Record<string, VariableValue>): DocumentRow {
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

function codeRow(r: Row): CodeRow {
  return {
    id: r.id,
    name: r.name,
    parentId: r.parent_id,
    description: r.description,
    color: r.color,
    codable: r.codable === 1,
    position: r.position,
    createdAt: r.created_at,
  };
}

function memoRow(r: Row): MemoRow {
  return {
    id: r.id,
    target: (r.target_kind === 'project' ? { kind: 'project' } : { kind: r.target_kind, id: r.target_id }) as StoredMemoTarget,
    title: r.title,
    text: r.text,
    author: r.author,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function themeRow(r: Row): ThemeRow {
  return { id: r.id, name: r.name, kind: r.kind, parentId: r.parent_id, description: r.description, position: r.position };
}

/**
 * The FTS5 form of a `TextQuery`: each part a quoted phrase (so no word is read as FTS5 syntax), `*` after a
 * prefix, parts joined by AND. The tokenizer (unicode61, diacritics removed) splits the quoted text into words.
 */
export function fts5Query(query: TextQuery): string {
  if (query.parts.length === 0) throw new StaffwellError('invalid-option', 'the search has no words', { field: 'query', hint: 'give a word or phrase' });
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return query.parts
    .map((p) => {
      const text = p.kind === 'phrase' ? p.words.join(' ') : p.text;
      if (!/[\p{L}\p{N}]/u.test(text)) {
        throw new StaffwellError('invalid-option', 'a search word has no letters or digits', { field: 'query', value: text, hint: 'search for words' });
      }
      const prefix = p.kind === 'prefix' || (p.kind === 'phrase' && p.prefix === true);
      return quote(text) + (prefix ? ' *' : '');
    })
    .join(' AND ');
}

export function targetId(t: StoredMemoTarget): string | null {
  return t.kind === 'project' ? null : t.id;
}

export function encodeValue(v: VariableValue): string | number | null {
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
