import type { MemoTarget, VariableType, VariableValue } from '../snapshot.ts';

/**
 * All persistence of a qualitative project, as interfaces a backend implements: `SqliteQualStore` over a project
 * file and an optional key file; a PostgreSQL store later. Every backend passes the same conformance suite
 * (test/qual/store-contract/).
 *
 * - `QualReader`: reads rows. The store itself is a reader that sees only committed data; `read(fn)` gives a
 *   reader over one consistent snapshot for several queries.
 * - `QualTransaction`: a reader plus every write, valid only while `transaction(fn)` runs. It is the only object
 *   that can write, so a write can never leak outside a transaction, and no reader outside it sees its rows
 *   before it commits.
 *
 * The store reads and writes rows; what a change means (merge two codes, which turn a segment falls in, query
 * syntax) lives in the qualitative modules and the command handlers (`src/qual/commands/`). Offsets are UTF-16
 * code units, end exclusive. Text ordering ("by name") is by Unicode code point; "insertion order" survives undo
 * (a restored row takes its old place).
 */
export interface QualStore extends QualReader {
  /**
   * Runs `fn` on a transaction handle over the project (and the key file, when attached): commits when `fn`
   * resolves, rolls back when it throws. Transactions run one at a time, in call order. Calling `transaction`
   * again from inside `fn` is an error (use the handle you have).
   */
  transaction<T>(fn: (tx: QualTransaction) => Promise<T>): Promise<T>;
  /** Runs `fn` on a reader over one committed snapshot: commits made while it runs are not seen. */
  read<T>(fn: (reader: QualReader) => Promise<T>): Promise<T>;
  close(): void;
}

export interface QualReader {
  /** True when the key file (original text layer, replacement list, speaker key) is attached. */
  readonly hasKey: boolean;

  // project info
  getInfo(key: string): Promise<string | null>;

  // audit log (seq: gap-free, strictly increasing in commit order)
  listCommands(filter?: CommandFilter): Promise<CommandRecord[]>;
  getCommand(seq: number): Promise<CommandRecord | null>;
  /** The actor's most recent undoable command still in effect (`state` 'applied'). */
  lastApplied(actor: string): Promise<CommandRecord | null>;
  /** The actor's command most recently undone and still redoable (`state` 'undone'). */
  lastUndone(actor: string): Promise<CommandRecord | null>;

  // coders, sites, variables, participants, cases
  getCoder(id: string): Promise<CoderRow | null>;
  getCoderByName(name: string): Promise<CoderRow | null>;
  /** By name. */
  listCoders(): Promise<CoderRow[]>;
  getSite(id: string): Promise<SiteRow | null>;
  getSiteByName(name: string): Promise<SiteRow | null>;
  /** By name. */
  listSites(): Promise<SiteRow[]>;
  getVariable(id: string): Promise<VariableRow | null>;
  getVariableByName(scope: VariableScope, name: string): Promise<VariableRow | null>;
  /** Insertion order. */
  listVariables(scope?: VariableScope): Promise<VariableRow[]>;
  getParticipant(id: string): Promise<ParticipantRow | null>;
  /** By id. */
  listParticipants(): Promise<ParticipantRow[]>;
  getCase(id: string): Promise<CaseRow | null>;
  /** By name; participant ids by id. */
  listCases(): Promise<CaseRow[]>;

  // documents, turns, replacement spans
  getDocument(id: string): Promise<(DocumentRow & { text: string }) | null>;
  getDocumentByName(name: string): Promise<DocumentRow | null>;
  /** By position (import order). */
  listDocuments(): Promise<DocumentRow[]>;
  /** One more than the largest position (0 for an empty project). */
  nextDocumentPosition(): Promise<number>;
  /** By document id, then turn index. */
  listTurns(documentId?: string): Promise<TurnRow[]>;
  /** By document id, then start. */
  listRedactions(documentId?: string): Promise<RedactionRow[]>;
  /** Ids of documents (by position) containing every part of the query; case- and diacritic-insensitive. */
  searchDocuments(query: TextQuery): Promise<string[]>;

  // codes and segments
  getCode(id: string): Promise<CodeRow | null>;
  /** The code called `name` directly under `parentId` (null: top level). */
  getCodeByName(parentId: string | null, name: string): Promise<CodeRow | null>;
  /** Insertion order. */
  listCodes(): Promise<CodeRow[]>;
  /** The codes directly under `parentId` (null: top level), by position then insertion order. */
  listChildCodes(parentId: string | null): Promise<CodeRow[]>;
  getSegment(id: string): Promise<SegmentRow | null>;
  /** By document position, start, end, then insertion order. */
  listSegments(filter?: SegmentFilter): Promise<SegmentRow[]>;

  // memos
  getMemo(id: string): Promise<MemoRow | null>;
  /** By creation time, then insertion order. */
  listMemos(filter?: { targetKind?: StoredMemoTarget['kind']; targetId?: string }): Promise<MemoRow[]>;

  // themes (reflexive TA, IPA)
  getTheme(id: string): Promise<ThemeRow | null>;
  getThemeByName(parentId: string | null, name: string): Promise<ThemeRow | null>;
  /** By position, then insertion order. */
  listThemes(): Promise<ThemeRow[]>;
  listChildThemes(parentId: string | null): Promise<ThemeRow[]>;
  /** Insertion order. */
  listThemeCodes(filter?: { themeId?: string; codeId?: string }): Promise<{ themeId: string; codeId: string }[]>;

  // grounded theory
  getCategory(id: string): Promise<CategoryRow | null>;
  getCategoryByName(name: string): Promise<CategoryRow | null>;
  /** Insertion order (as are the lists below). */
  listCategories(): Promise<CategoryRow[]>;
  listCategoryCodes(filter?: { categoryId?: string; codeId?: string }): Promise<{ categoryId: string; codeId: string }[]>;
  listProperties(categoryId?: string): Promise<PropertyRow[]>;
  getRelationship(id: string): Promise<RelationshipRow | null>;
  listRelationships(): Promise<RelationshipRow[]>;
  getPhase(id: string): Promise<(PhaseRow & { categoryIds: string[] }) | null>;
  getPhaseByName(name: string): Promise<PhaseRow | null>;
  /** By position, then insertion order; category ids by their position in the phase. */
  listPhases(): Promise<(PhaseRow & { categoryIds: string[] })[]>;

  // key file (each throws `StaffwellError('not-found')` when no key file is attached)
  /** Longest original first (in code points), then by code point. */
  listReplacements(): Promise<ReplacementRow[]>;
  getOriginal(documentId: string): Promise<OriginalRow | null>;
  listOriginalDocumentIds(): Promise<string[]>;
  /** By document id, then display name. */
  listSpeakerKey(): Promise<SpeakerKeyRow[]>;
  listParticipantNames(): Promise<{ participantId: string; displayName: string }[]>;
}

/** A transaction handle: reads see the transaction's own writes; every method throws once the transaction ended. */
export interface QualTransaction extends QualReader {
  setInfo(key: string, value: string): Promise<void>;

  // audit log
  /** Appends a record; returns its seq. Key-file changes in `changes` (all of them with `keyFileOnly`) are kept in the key file. */
  recordCommand(rec: NewCommandRecord): Promise<number>;
  setCommandState(seq: number, state: CommandState): Promise<void>;
  /** Marks the actor's undone commands as no longer redoable (a new command clears the redo stack). */
  discardUndone(actor: string): Promise<void>;
  /** The row changes a recorded command made (null when it recorded none); throws when its key part is unavailable. */
  getCommandChanges(seq: number): Promise<RowChanges | null>;
  /** The row changes made so far in this transaction, one entry per row, in the order rows were first changed. */
  rowChanges(): Promise<RowChanges>;
  /**
   * Puts every row of `changes` back as it was before them. Refused (`StaffwellError('conflict')`, nothing
   * changed) when a row is no longer as the changes left it, or when putting them back would change other rows
   * (a cascade) or break a constraint.
   */
  revertChanges(changes: RowChanges): Promise<void>;

  insertCoder(row: CoderRow): Promise<void>;
  insertSite(row: SiteRow): Promise<void>;
  insertVariable(row: VariableRow): Promise<void>;
  insertParticipant(row: Omit<ParticipantRow, 'attributes'>): Promise<void>;
  updateParticipant(id: string, patch: Partial<Pick<ParticipantRow, 'siteId' | 'description'>>): Promise<void>;
  setParticipantValue(participantId: string, variableId: string, value: VariableValue): Promise<void>;
  insertCase(row: CaseRow): Promise<void>;
  addCaseParticipant(caseId: string, participantId: string): Promise<void>;

  insertDocument(row: DocumentRow & { text: string }): Promise<void>;
  updateDocumentText(id: string, text: string): Promise<void>;
  /**
   * Passes every free text of the project file other than document and segment texts (names and descriptions of
   * documents, codes, themes, categories, properties, phases, sites, cases and variables; memo titles and texts;
   * attribute values; turn speaker labels; the project's own fields) and every string in the audit log's payloads
   * and undo data through `rewrite`, and compacts the full-text index so that no removed term stays in it. For
   * pseudonymisation after import: afterwards an original is nowhere in the project file. The key file is not
   * touched. Returns the number of rows changed.
   */
  rewriteText(rewrite: (text: string) => string): Promise<number>;
  /** Deletes the document with its turns, replacement spans, segments and attribute values. */
  deleteDocument(id: string): Promise<void>;
  setDocumentValue(documentId: string, variableId: string, value: VariableValue): Promise<void>;
  replaceTurns(documentId: string, turns: TurnRow[]): Promise<void>;
  replaceRedactions(documentId: string, rows: RedactionRow[]): Promise<void>;

  insertCode(row: CodeRow): Promise<void>;
  updateCode(id: string, patch: Partial<Omit<CodeRow, 'id' | 'createdAt'>>): Promise<void>;
  /** Deletes the code with its subcodes, their segments and their theme and category links. */
  deleteCode(id: string): Promise<void>;
  /** Inserts segments as given (the command layer places them in their turn). */
  insertSegments(rows: SegmentRow[]): Promise<void>;
  updateSegment(id: string, patch: Partial<Pick<SegmentRow, 'codeId' | 'start' | 'end' | 'text' | 'keyQuote' | 'anchored'>>): Promise<void>;
  deleteSegments(ids: readonly string[]): Promise<void>;

  insertMemo(row: MemoRow): Promise<void>;
  updateMemo(id: string, patch: { title?: string; text?: string; updatedAt: string; target?: StoredMemoTarget }): Promise<void>;
  deleteMemo(id: string): Promise<void>;

  insertTheme(row: ThemeRow): Promise<void>;
  updateTheme(id: string, patch: Partial<Omit<ThemeRow, 'id'>>): Promise<void>;
  /** Deletes the theme with its subthemes and their code links. */
  deleteTheme(id: string): Promise<void>;
  linkThemeCode(themeId: string, codeId: string): Promise<void>;
  unlinkThemeCode(themeId: string, codeId: string): Promise<void>;

  insertCategory(row: CategoryRow): Promise<void>;
  /** Deletes the category with its properties, code links, relationships and phase places. */
  deleteCategory(id: string): Promise<void>;
  linkCategoryCode(categoryId: string, codeId: string): Promise<void>;
  unlinkCategoryCode(categoryId: string, codeId: string): Promise<void>;
  insertProperty(row: PropertyRow): Promise<void>;
  insertRelationship(row: RelationshipRow): Promise<void>;
  deleteRelationship(id: string): Promise<void>;
  insertPhase(row: PhaseRow): Promise<void>;
  deletePhase(id: string): Promise<void>;
  setPhaseCategory(phaseId: string, categoryId: string, position: number): Promise<void>;
  clearPhaseCategories(phaseId: string): Promise<void>;

  // key file (throw `StaffwellError('not-found')` when no key file is attached)
  upsertReplacement(row: ReplacementRow): Promise<void>;
  deleteReplacement(original: string): Promise<void>;
  insertOriginal(row: OriginalRow): Promise<void>;
  insertOriginalSpans(documentId: string, spans: OriginalRow['spans']): Promise<void>;
  /** Deletes the document's original text, replacement origins and speaker key. */
  deleteOriginal(documentId: string): Promise<void>;
  insertSpeakerKey(rows: SpeakerKeyRow[]): Promise<void>;
  setParticipantName(participantId: string, displayName: string): Promise<void>;
}

/** A backend-neutral full-text query: a document matches when it contains every part. */
export interface TextQuery {
  parts: TextQueryPart[];
}

export type TextQueryPart =
  /** One word. */
  | { kind: 'term'; text: string }
  /** Words next to each other, in order; with `prefix`, the last one only has to start with its text. */
  | { kind: 'phrase'; words: string[]; prefix?: boolean }
  /** A word starting with `text`. */
  | { kind: 'prefix'; text: string };

/**
 * The row changes of a transaction: what undo needs to put the rows back. Opaque to callers, JSON-serialisable;
 * `project` rows are kept in the project file's audit log, `key` rows (which may hold original text) only in the
 * key file.
 */
export interface RowChanges {
  project: RowChange[];
  key: RowChange[];
  /**
   * Keep all of it in the key file: the rows as they were hold text that pseudonymisation or an edit removed
   * from the project (an original name), which must not stay in the project file's audit log.
   */
  keyFileOnly?: boolean;
}

export interface RowChange {
  table: string;
  /** Primary-key values. */
  key: unknown[];
  /** The row before the transaction (column -> value), null when the transaction created it. */
  before: Record<string, unknown> | null;
  /** A digest of the row after the transaction, null when the transaction deleted it. */
  after: string | null;
  /** Where the row stood in insertion order (a restored row takes its place again). */
  order?: number;
}

export type CommandState = 'applied' | 'undone' | 'discarded';

export interface CommandFilter {
  afterSeq?: number;
  limit?: number;
  type?: string;
  actor?: string;
  /** Only the `undo` and `redo` records of this command. */
  targetSeq?: number;
  /** Newest first (default oldest first). */
  descending?: boolean;
}

export type VariableScope = 'participant' | 'document';

export interface CommandRecord {
  seq: number;
  id: string;
  at: string;
  actor: string;
  type: string;
  /** The command as logged (key-file content such as original text is left out). */
  payload: unknown;
  /** Ids of the rows the command created, changed or deleted. */
  affected: string[];
  /** Undoable commands: 'applied', 'undone' (redoable) or 'discarded' (undone, no longer redoable); else null. */
  state: CommandState | null;
  /** For `undo` and `redo`: the seq of the command undone or redone. */
  targetSeq: number | null;
}

export interface NewCommandRecord extends Omit<CommandRecord, 'seq'> {
  /** What undo needs; null when the command changed no rows or cannot be undone. */
  changes: RowChanges | null;
}

export interface CoderRow {
  id: string;
  name: string;
}

export interface SiteRow {
  id: string;
  name: string;
  description: string;
}

export interface VariableRow {
  id: string;
  name: string;
  type: VariableType;
  scope: VariableScope;
  description: string;
}

export interface ParticipantRow {
  /** Pseudonymous id (e.g. `P01`); the display name lives only in the key file. */
  id: string;
  siteId: string | null;
  description: string;
  /** variable id -> value */
  attributes: Record<string, VariableValue>;
}

export interface CaseRow {
  id: string;
  name: string;
  description: string;
  participantIds: string[];
}

export interface DocumentRow {
  id: string;
  name: string;
  participantId: string | null;
  siteId: string | null;
  /** Source format (`vtt`, `srt`, `docx`, `text`, `snapshot`). */
  format: string;
  /** ISO date of the interview, used for ordering (saturation); null when unknown. */
  interviewDate: string | null;
  /** Import order, 0-based. */
  position: number;
  description: string;
  createdAt: string;
  createdBy: string;
  /** Length of the canonical text in UTF-16 code units. */
  length: number;
  attributes: Record<string, VariableValue>;
}

export interface TurnRow {
  documentId: string;
  idx: number;
  /** Pseudonymous speaker label (`P01`, `Interviewer`). */
  speaker: string;
  participantId: string | null;
  start: number;
  end: number;
  startMs: number | null;
  endMs: number | null;
}

/** A pseudonymisation replacement as it appears in the project text (the original is in the key file). */
export interface RedactionRow {
  id: string;
  documentId: string;
  start: number;
  end: number;
  replacement: string;
  category: string;
}

export interface CodeRow {
  id: string;
  name: string;
  parentId: string | null;
  description: string;
  color: string | null;
  codable: boolean;
  position: number;
  createdAt: string;
}

export interface SegmentRow {
  id: string;
  documentId: string;
  codeId: string;
  coderId: string;
  start: number;
  end: number;
  /** The coded text at coding time (for re-anchoring and quotes). */
  text: string;
  /** Participant of the turn the segment starts in (or of the document when it has no turns). */
  participantId: string | null;
  turnIdx: number | null;
  keyQuote: boolean;
  /** False when the document's text changed and the segment's text could not be found again. */
  anchored: boolean;
  createdAt: string;
}

export interface SegmentFilter {
  ids?: readonly string[];
  codeIds?: readonly string[];
  documentIds?: readonly string[];
  coderIds?: readonly string[];
  /** Default true: leave out segments that could not be re-anchored. */
  anchoredOnly?: boolean;
  /** Default true; false returns `text: ''` (counts need no text, and skipping it is faster). */
  withText?: boolean;
}

/** Memo targets: the snapshot's, plus themes and grounded-theory categories. */
export type StoredMemoTarget = MemoTarget | { kind: 'theme'; id: string } | { kind: 'category'; id: string };

export interface MemoRow {
  id: string;
  target: StoredMemoTarget;
  title: string;
  text: string;
  author: string;
  createdAt: string;
  updatedAt: string;
}

export type ThemeKind = 'superordinate' | 'theme' | 'subtheme';

export interface ThemeRow {
  id: string;
  name: string;
  kind: ThemeKind;
  parentId: string | null;
  description: string;
  position: number;
}

export interface CategoryRow {
  id: string;
  name: string;
  description: string;
}

export interface PropertyRow {
  id: string;
  categoryId: string;
  name: string;
  /** The two ends of the property's dimension, e.g. "occasional" … "constant". */
  dimensionLow: string;
  dimensionHigh: string;
  description: string;
}

export interface RelationshipRow {
  id: string;
  fromId: string;
  toId: string;
  /** e.g. `leads to`, `influences`, `is a condition of`. */
  type: string;
  note: string;
}

export interface PhaseRow {
  id: string;
  name: string;
  position: number;
}

export interface ReplacementRow {
  original: string;
  replacement: string;
  category: string;
  addedAt: string;
}

export interface OriginalRow {
  documentId: string;
  sourceFile: string;
  originalText: string;
  importedAt: string;
  /** Where each replacement came from in the original text. */
  spans: { redactionId: string; originalStart: number; originalEnd: number; original: string }[];
}

export interface SpeakerKeyRow {
  documentId: string;
  displayName: string;
  /** null for the interviewer. */
  participantId: string | null;
}
