import type { MemoTarget, VariableType, VariableValue } from '../snapshot.ts';

/**
 * All persistence of a qualitative project, as one interface: `SqliteQualStore` implements it over a project file
 * (and an optional key file); a PostgreSQL implementation can satisfy it later. It is asynchronous for that
 * reason, although the SQLite implementation completes every call synchronously.
 *
 * The store only reads and writes rows. What a change *means* (merge two codes, import a transcript) lives in the
 * command handlers (`src/qual/commands.ts`), which call these methods inside `transaction`, so the logic exists
 * once for every backend. Offsets are UTF-16 code units, end exclusive.
 */
export interface QualStore {
  /** Runs `fn` in one transaction over the project (and the key file, when attached); rolls back if it throws. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /** True when the key file (original text layer, replacement list, speaker key) is attached. */
  readonly hasKey: boolean;
  close(): void;

  // project info
  getInfo(key: string): Promise<string | null>;
  setInfo(key: string, value: string): Promise<void>;

  // audit log
  recordCommand(rec: Omit<CommandRecord, 'seq'>): Promise<number>;
  listCommands(filter?: { afterSeq?: number; limit?: number; type?: string }): Promise<CommandRecord[]>;

  // coders, sites, variables, participants, cases
  ensureCoder(name: string, newId: () => string): Promise<string>;
  listCoders(): Promise<CoderRow[]>;
  insertSite(row: SiteRow): Promise<void>;
  listSites(): Promise<SiteRow[]>;
  insertVariable(row: VariableRow): Promise<void>;
  listVariables(scope?: VariableScope): Promise<VariableRow[]>;
  upsertParticipant(row: Omit<ParticipantRow, 'attributes'>): Promise<void>;
  setParticipantValue(participantId: string, variableId: string, value: VariableValue): Promise<void>;
  listParticipants(): Promise<ParticipantRow[]>;
  insertCase(row: CaseRow): Promise<void>;
  addCaseParticipant(caseId: string, participantId: string): Promise<void>;
  listCases(): Promise<CaseRow[]>;

  // documents, turns, replacement spans
  insertDocument(row: DocumentRow & { text: string }): Promise<void>;
  getDocument(id: string): Promise<(DocumentRow & { text: string }) | null>;
  listDocuments(): Promise<DocumentRow[]>;
  updateDocumentText(id: string, text: string): Promise<void>;
  deleteDocument(id: string): Promise<void>;
  setDocumentValue(documentId: string, variableId: string, value: VariableValue): Promise<void>;
  replaceTurns(documentId: string, turns: TurnRow[]): Promise<void>;
  listTurns(documentId?: string): Promise<TurnRow[]>;
  replaceRedactions(documentId: string, rows: RedactionRow[]): Promise<void>;
  listRedactions(documentId?: string): Promise<RedactionRow[]>;
  /** Ids of documents whose text matches a full-text query (FTS5 syntax in SQLite). */
  searchDocuments(query: string): Promise<string[]>;

  // codes and segments
  insertCode(row: CodeRow): Promise<void>;
  updateCode(id: string, patch: Partial<Omit<CodeRow, 'id' | 'createdAt'>>): Promise<void>;
  deleteCode(id: string): Promise<void>;
  listCodes(): Promise<CodeRow[]>;
  /** Inserts segments; `participantId` and `turnIdx` are filled from the turn containing `start` when null. */
  insertSegments(rows: SegmentRow[]): Promise<void>;
  updateSegment(id: string, patch: Partial<Pick<SegmentRow, 'codeId' | 'start' | 'end' | 'text' | 'keyQuote' | 'anchored'>>): Promise<void>;
  deleteSegments(ids: readonly string[]): Promise<void>;
  listSegments(filter?: SegmentFilter): Promise<SegmentRow[]>;

  // memos
  insertMemo(row: MemoRow): Promise<void>;
  updateMemo(id: string, patch: { title?: string; text?: string; updatedAt: string; target?: StoredMemoTarget }): Promise<void>;
  deleteMemo(id: string): Promise<void>;
  listMemos(filter?: { targetKind?: StoredMemoTarget['kind']; targetId?: string }): Promise<MemoRow[]>;

  // themes (reflexive TA, IPA)
  insertTheme(row: ThemeRow): Promise<void>;
  updateTheme(id: string, patch: Partial<Omit<ThemeRow, 'id'>>): Promise<void>;
  deleteTheme(id: string): Promise<void>;
  listThemes(): Promise<ThemeRow[]>;
  linkThemeCode(themeId: string, codeId: string): Promise<void>;
  unlinkThemeCode(themeId: string, codeId: string): Promise<void>;
  listThemeCodes(): Promise<{ themeId: string; codeId: string }[]>;

  // grounded theory
  insertCategory(row: CategoryRow): Promise<void>;
  listCategories(): Promise<CategoryRow[]>;
  linkCategoryCode(categoryId: string, codeId: string): Promise<void>;
  listCategoryCodes(): Promise<{ categoryId: string; codeId: string }[]>;
  insertProperty(row: PropertyRow): Promise<void>;
  listProperties(): Promise<PropertyRow[]>;
  insertRelationship(row: RelationshipRow): Promise<void>;
  deleteRelationship(id: string): Promise<void>;
  listRelationships(): Promise<RelationshipRow[]>;
  insertPhase(row: PhaseRow): Promise<void>;
  setPhaseCategory(phaseId: string, categoryId: string, position: number): Promise<void>;
  listPhases(): Promise<(PhaseRow & { categoryIds: string[] })[]>;

  // key file (throw `StaffwellError('not-found')` when no key file is attached)
  upsertReplacement(row: ReplacementRow): Promise<void>;
  deleteReplacement(original: string): Promise<void>;
  listReplacements(): Promise<ReplacementRow[]>;
  insertOriginal(row: OriginalRow): Promise<void>;
  insertOriginalSpans(documentId: string, spans: OriginalRow['spans']): Promise<void>;
  getOriginal(documentId: string): Promise<OriginalRow | null>;
  deleteOriginal(documentId: string): Promise<void>;
  listOriginalDocumentIds(): Promise<string[]>;
  insertSpeakerKey(rows: SpeakerKeyRow[]): Promise<void>;
  listSpeakerKey(): Promise<SpeakerKeyRow[]>;
  setParticipantName(participantId: string, displayName: string): Promise<void>;
  listParticipantNames(): Promise<{ participantId: string; displayName: string }[]>;
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
