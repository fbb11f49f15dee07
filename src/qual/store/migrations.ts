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
  {
    name: 'undo and redo in the audit log; indexes for lookups by key',
    sql: `
      -- undoable commands: 'applied' | 'undone' (redoable) | 'discarded' (undone, no longer redoable); else NULL
      ALTER TABLE commands ADD COLUMN state TEXT CHECK (state IN ('applied','undone','discarded'));
      -- undo / redo: the seq of the command they act on
      ALTER TABLE commands ADD COLUMN target_seq INTEGER REFERENCES commands(seq);
      -- the project-file rows the command changed (JSON), enough to put them back; NULL when none
      ALTER TABLE commands ADD COLUMN changes TEXT;
      -- how many key-file rows it changed (those are kept in the key file, table command_changes)
      ALTER TABLE commands ADD COLUMN key_changes INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX commands_by_actor_state ON commands(actor, state);
      CREATE INDEX commands_by_target ON commands(target_seq);
      CREATE INDEX documents_by_position ON documents(position);
      CREATE INDEX documents_by_participant ON documents(participant_id);
      CREATE INDEX documents_by_site ON documents(site_id);
      CREATE INDEX participants_by_site ON participants(site_id);
      CREATE INDEX participant_values_by_variable ON participant_values(variable_id);
      CREATE INDEX document_values_by_variable ON document_values(variable_id);
      CREATE INDEX case_participants_by_participant ON case_participants(participant_id);
      CREATE INDEX turns_by_participant ON turns(participant_id);
      CREATE INDEX codes_by_parent ON codes(parent_id, position);
      CREATE INDEX segments_by_coder ON segments(coder_id);
      CREATE INDEX segments_by_participant ON segments(participant_id);
      CREATE INDEX memos_by_target ON memos(target_kind, target_id);
      CREATE INDEX themes_by_parent ON themes(parent_id, position);
      CREATE INDEX theme_codes_by_code ON theme_codes(code_id);
      CREATE INDEX category_codes_by_code ON category_codes(code_id);
      CREATE INDEX relationships_by_from ON relationships(from_id);
      CREATE INDEX relationships_by_to ON relationships(to_id);
      CREATE INDEX phase_categories_by_category ON phase_categories(category_id);
    `,
  },
  {
    name: 'theme positions numbered 0, 1, 2... among siblings, in their current order',
    sql: `
      -- creates, moves and deletes left gaps and ties in themes.position (ties fell back to rowid); \`theme.move\`
      -- sets a sibling's index, so every level is renumbered once, keeping the order the themes were shown in
      UPDATE themes SET position = (
        SELECT r.n FROM (
          SELECT id, ROW_NUMBER() OVER (PARTITION BY COALESCE(parent_id, '') ORDER BY position, rowid) - 1 AS n FROM themes
        ) AS r WHERE r.id = themes.id
      );
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
  {
    name: 'undo information of key-file rows; index of replacement origins by document',
    sql: `
      -- the key-file rows a command changed (JSON, may hold original text), by the command's id in the project log
      CREATE TABLE command_changes (
        command_id TEXT PRIMARY KEY,
        changes TEXT NOT NULL
      );
      CREATE INDEX original_spans_by_document ON original_spans(document_id);
    `,
  },
];
