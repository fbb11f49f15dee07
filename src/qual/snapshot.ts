/**
 * A whole qualitative project as plain data: what the project store exports and imports, and what the REFI-QDA
 * layer writes and reads. It holds only the pseudonymised layer (never the original text or the key).
 *
 * Offsets (`start`, `end`) are UTF-16 code units into the document's canonical text, end exclusive — the unit of
 * JavaScript strings and DOM ranges. Exchange formats that count differently (REFI-QDA counts Unicode
 * characters) convert at their own edge.
 */
export type VariableType = 'text' | 'boolean' | 'integer' | 'float' | 'date' | 'datetime';
export type VariableValue = string | number | boolean | null;

export interface SnapshotUser {
  id: string;
  name: string;
}

export interface SnapshotCode {
  id: string;
  name: string;
  description?: string;
  /** `#RRGGBB`. */
  color?: string;
  parentId?: string | null;
  /** False for grouping-only codes (REFI `isCodable`). */
  codable?: boolean;
}

export interface SnapshotVariable {
  id: string;
  name: string;
  type: VariableType;
  description?: string;
}

/** A participant (a REFI Case): pseudonymous id, attributes, and the documents they speak in. */
export interface SnapshotParticipant {
  id: string;
  name: string;
  description?: string;
  /** variable id -> value */
  attributes: Record<string, VariableValue>;
  documentIds: string[];
}

export interface SnapshotTurn {
  speaker: string;
  participantId?: string | null;
  start: number;
  end: number;
  startMs?: number | null;
  endMs?: number | null;
}

export interface SnapshotDocument {
  id: string;
  name: string;
  /** Canonical, pseudonymised plain text. */
  text: string;
  description?: string;
  createdBy?: string;
  createdAt?: string;
  turns?: SnapshotTurn[];
  /** variable id -> value (document-level attributes, e.g. site). */
  attributes?: Record<string, VariableValue>;
}

export interface SnapshotSegment {
  id: string;
  documentId: string;
  codeId: string;
  start: number;
  end: number;
  /** The segment's text at coding time (kept so segments can be re-anchored after edits). */
  text: string;
  coderId: string;
  createdAt?: string;
}

export type MemoTarget =
  | { kind: 'project' }
  | { kind: 'code'; id: string }
  | { kind: 'document'; id: string }
  | { kind: 'segment'; id: string }
  | { kind: 'participant'; id: string }
  | { kind: 'theme'; id: string }
  | { kind: 'category'; id: string };

export interface SnapshotMemo {
  id: string;
  title: string;
  text: string;
  target: MemoTarget;
  authorId?: string;
  createdAt?: string;
}

export type SnapshotThemeKind = 'superordinate' | 'theme' | 'subtheme';

/**
 * A theme (reflexive thematic analysis, IPA). Themes are listed in hierarchy order: a parent before its children,
 * siblings in their order in the project (the order of the list is the order of the themes).
 */
export interface SnapshotTheme {
  id: string;
  name: string;
  /** Default: `theme` at the top level or under a superordinate theme, else `subtheme`. */
  kind?: SnapshotThemeKind;
  description?: string;
  parentId?: string | null;
  /** The codes linked to the theme itself (not those of its subthemes). */
  codeIds: string[];
}

/**
 * The grounded-theory model: categories (with their codes and properties), typed relationships between categories,
 * and ordered phases of categories. Lists are in the project's order.
 */
export interface SnapshotModel {
  categories: {
    id: string;
    name: string;
    description?: string;
    codeIds: string[];
    /** A property and its dimension, e.g. frequency: occasional … constant. */
    properties: { id: string; name: string; dimensionLow: string; dimensionHigh: string; description?: string }[];
  }[];
  /** `type`: e.g. `leads to`, `influences`. */
  relationships: { id: string; fromId: string; toId: string; type: string; note?: string }[];
  /** In order; each with its categories in order. */
  phases: { id: string; name: string; categoryIds: string[] }[];
}

export interface ProjectSnapshot {
  name: string;
  description?: string;
  users: SnapshotUser[];
  codes: SnapshotCode[];
  variables: SnapshotVariable[];
  participants: SnapshotParticipant[];
  documents: SnapshotDocument[];
  segments: SnapshotSegment[];
  memos: SnapshotMemo[];
  /** Themes in hierarchy order (absent: none). */
  themes?: SnapshotTheme[];
  /** The grounded-theory model (absent: none). */
  model?: SnapshotModel;
}
