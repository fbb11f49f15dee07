/**
 * Ordered schema migrations of the project file and of the key file (`PRAGMA user_version` = number applied).
 *
 * Append a migration to change a schema; never edit one that has shipped. Each runs in its own transaction.
 * Integrity lives in the schema: foreign keys (ON), `ON DELETE CASCADE` where a child has no meaning without its
 * parent, and uniqueness constraints (a code name is unique among its siblings).
 */
export interface Migration {
  /** What the migration does, in a few words ("add theme tables"). */
  readonly name: string;
  readonly sql: string;
}

/** The project file: only the pseudonymised layer. Never an original name, display name or original text. */
export const PROJECT_MIGRATIONS: readonly Migration[] = [
  {
    name: 'create project tables',
    sql: `
      CREATE TABLE project (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      CREATE TABLE commands (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        type TEXT NOT NULL,
        payload TEXT NOT NULL,
        affected TEXT NOT NULL
      );
      CREATE TABLE coders (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE
      );
      CREATE TABLE sites (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        description TEXT NOT NULL DEFAULT ''
      );
      CREATE TABLE variables (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        type TEXT NOT NULL CHECK (type IN ('text','integer','float','boolean','date','datetime')),
        scope TEXT NOT NULL CHECK (scope IN ('participant','document')),
        description TEXT NOT NULL DEFAULT '',
        UNIQUE (scope, name)
      );
      CREATE TABLE participants (
        id TEXT PRIMARY KEY,
        site_id TEXT REFERENCES sites(id) ON DELETE SET NULL,
        description TEXT NOT NULL DEFAULT ''
      );
      CREATE TABLE participant_values (
        participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        variable_id TEXT NOT NULL REFERENCES variables(id) ON DELETE CASCADE,
        value,
        PRIMARY KEY (participant_id, variable_id)
      );
      CREATE TABLE cases (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        description TEXT NOT NULL DEFAULT ''
      );
      CREATE TABLE case_participants (
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        PRIMARY KEY (case_id, participant_id)
      );
      CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        text TEXT NOT NULL,
        length INTEGER NOT NULL, -- UTF-16 code units
        participant_id TEXT REFERENCES participants(id) ON DELETE SET NULL,
        site_id TEXT REFERENCES sites(id) ON DELETE SET NULL,
        format TEXT NOT NULL DEFAULT 'text',
        interview_date TEXT,
        position INTEGER NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL DEFAULT ''
      );
      CREATE TABLE document_values (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        variable_id TEXT NOT NULL REFERENCES variables(id) ON DELETE CASCADE,
        value,
        PRIMARY KEY (document_id, variable_id)
      );
      CREATE TABLE turns (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        speaker TEXT NOT NULL,
        participant_id TEXT REFERENCES participants(id) ON DELETE SET NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        start_ms INTEGER,
        end_ms INTEGER,
        PRIMARY KEY (document_id, idx)
      );
      CREATE INDEX turns_by_start ON turns(document_id, start);
      CREATE TABLE redactions (
        id TEXT PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        replacement TEXT NOT NULL,
        category TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX redactions_by_document ON redactions(document_id, start);
      CREATE TABLE codes (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        parent_id TEXT REFERENCES codes(id) ON DELETE CASCADE,
        description TEXT NOT NULL DEFAULT '',
        color TEXT,
        codable INTEGER NOT NULL DEFAULT 1,
        position INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
      );
      -- name unique among siblings (NULL parent = top level, made comparable through COALESCE)
      CREATE UNIQUE INDEX codes_sibling_name ON codes(COALESCE(parent_id, ''), name);
      CREATE TABLE segments (
        id TEXT PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        code_id TEXT NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
        coder_id TEXT NOT NULL REFERENCES coders(id),
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        participant_id TEXT REFERENCES participants(id) ON DELETE SET NULL,
        turn_idx INTEGER,
        key_quote INTEGER NOT NULL DEFAULT 0,
        anchored INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        CHECK (end > start)
      );
      CREATE INDEX segments_by_code ON segments(code_id);
      CREATE INDEX segments_by_document ON segments(document_id, start);
      CREATE TABLE memos (
        id TEXT PRIMARY KEY,
        target_kind TEXT NOT NULL CHECK (target_kind IN ('project','code','document','segment','participant','theme','category')),
        target_id TEXT,
        title TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL,
        author TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX memos_by_time ON memos(created_at);
      CREATE TABLE themes (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('superordinate','theme','subtheme')),
        parent_id TEXT REFERENCES themes(id) ON DELETE CASCADE,
        description TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL DEFAULT 0
      );
      CREATE UNIQUE INDEX themes_sibling_name ON themes(COALESCE(parent_id, ''), name);
      CREATE TABLE theme_codes (
        theme_id TEXT NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
        code_id TEXT NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
        PRIMARY KEY (theme_id, code_id)
      );
      CREATE TABLE categories (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        description TEXT NOT NULL DEFAULT ''
      );
      CREATE TABLE category_codes (
        category_id TEXT NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
        code_id TEXT NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
        PRIMARY KEY (category_id, code_id)
      );
      CREATE TABLE category_properties (
        id TEXT PRIMARY KEY,
        category_id TEXT NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        dimension_low TEXT NOT NULL DEFAULT '',
        dimension_high TEXT NOT NULL DEFAULT '',
        description TEXT NOT NULL DEFAULT '',
        UNIQUE (category_id, name)
      );
      CREATE TABLE relationships (
        id TEXT PRIMARY KEY,
        from_id TEXT NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
        to_id TEXT NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
        type TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT ''
      );
      CREATE TABLE phases (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        position INTEGER NOT NULL
      );
      CREATE TABLE phase_categories (
        phase_id TEXT NOT NULL REFERENCES phases(id) ON DELETE CASCADE,
        category_id TEXT NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        PRIMARY KEY (phase_id, category_id)
      );
      CREATE VIRTUAL TABLE document_fts USING fts5(text, content='documents', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
      CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
        INSERT INTO document_fts(rowid, text) VALUES (new.rowid, new.text);
      END;
      CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
        INSERT INTO document_fts(document_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
      END;
      CREATE TRIGGER documents_au AFTER UPDATE OF text ON documents BEGIN
        INSERT INTO document_fts(document_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
        INSERT INTO document_fts(rowid, text) VALUES (new.rowid, new.text);
      END;
    `,
  },
];

/**
 * The key file (`<project>.key.sqlite`): the original text layer, the replacement list (anonymisation log) and the
 * speaker and participant keys. Kept apart so the project can be shared without it.
 */
export const KEY_MIGRATIONS: readonly Migration[] = [
  {
    name: 'create key tables',
    sql: `
      CREATE TABLE replacements (
        original TEXT PRIMARY KEY,
        replacement TEXT NOT NULL,
        category TEXT NOT NULL DEFAULT '',
        added_at TEXT NOT NULL
      );
      CREATE TABLE speaker_key (
        document_id TEXT NOT NULL,
        display_name TEXT NOT NULL,
        participant_id TEXT,
        PRIMARY KEY (document_id, display_name)
      );
      CREATE TABLE participant_names (
        participant_id TEXT PRIMARY KEY,
        display_name TEXT NOT NULL
      );
      CREATE TABLE originals (
        document_id TEXT PRIMARY KEY,
        source_file TEXT NOT NULL,
        original_text TEXT NOT NULL,
        imported_at TEXT NOT NULL
      );
      CREATE TABLE original_spans (
        redaction_id TEXT PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES originals(document_id) ON DELETE CASCADE,
        original_start INTEGER NOT NULL,
        original_end INTEGER NOT NULL,
        original TEXT NOT NULL
      );
    `,
  },
];
