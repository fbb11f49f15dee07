/**
 * The typed client of the workspace server: the same types the server's services return, and writes as the
 * validated commands of src/qual/commands (the browser builds the very objects the CLI and the library build).
 */
import type { FamilyCommand } from '../../src/qual/commands/index.ts';
import type { SegmentHit, KwicHit } from '../../src/qual/queries.ts';
import type { CodebookEntry } from '../../src/services/qual-retrieval.ts';
import type { DocumentSummary, DocumentView } from '../../src/services/qual-workspace.ts';
import type { ChangeEvent } from '../../src/server/events.ts';
import type { ApiError } from '../../src/server/http-error.ts';
import type { MemoEntry } from '../../src/qual/memos.ts';
import type { CoderRow, ParticipantRow, SiteRow, ThemeRow, VariableRow } from '../../src/qual/store/qual-store.ts';
import type { MatrixAxis } from '../../src/qual/matrices.ts';
import type { AgreementReport } from '../../src/qual/intercoder.ts';
import type { GtModel } from '../../src/qual/grounded-theory.ts';
import type { SaturationPoint } from '../../src/qual/saturation.ts';

export type { CodebookEntry, DocumentSummary, DocumentView, ChangeEvent, SegmentHit, KwicHit, MemoEntry, FamilyCommand, ApiError };
export type { CoderRow, ParticipantRow, SiteRow, ThemeRow, VariableRow, MatrixAxis, AgreementReport, GtModel, SaturationPoint };

export interface Session {
  projectName: string;
  projectPath: string;
  actor: string;
  seq: number;
  hasKey: boolean;
}

export interface Codebook {
  codes: CodebookEntry[];
  tree: { id: string; depth: number }[];
}

export interface MatrixResult {
  rows: MatrixAxis[];
  cols: MatrixAxis[];
  counts: number[];
  texts?: string[][];
  by: 'participant' | 'site';
}

export interface ThemeBoard {
  themes: { theme: ThemeRow; depth: number }[];
  links: { themeId: string; codeId: string }[];
  recurrence: unknown;
}

export class RequestFailed extends Error {
  constructor(
    readonly status: number,
    readonly error: ApiError,
  ) {
    super(error.message);
  }
}

type Query = Record<string, string | number | boolean | readonly string[] | undefined>;

function url(path: string, query: Query = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const x of v) p.append(k, x);
    else p.append(k, String(v));
  }
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}

async function get<T>(path: string, query?: Query): Promise<T> {
  const r = await fetch(url(path, query), { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (!r.ok) throw new RequestFailed(r.status, ((await r.json().catch(() => null)) as { error?: ApiError } | null)?.error ?? { code: 'http', message: r.statusText });
  return (await r.json()) as T;
}

export const api = {
  session: () => get<Session>('/api/session'),
  documents: () => get<DocumentSummary[]>('/api/documents'),
  document: (id: string) => get<DocumentView>(`/api/documents/${encodeURIComponent(id)}`),
  codebook: () => get<Codebook>('/api/codebook'),
  coders: () => get<CoderRow[]>('/api/coders'),
  participants: () => get<{ participants: ParticipantRow[]; variables: VariableRow[]; sites: SiteRow[] }>('/api/participants'),
  segments: (q: { code?: string[]; coder?: string[]; participant?: string[]; site?: string[]; document?: string[]; theme?: string[] } = {}) =>
    get<SegmentHit[]>('/api/segments', q),
  kwic: (q: { q: string; context?: number; document?: string[] }) => get<KwicHit[]>('/api/kwic', q),
  memos: () => get<MemoEntry[]>('/api/memos'),
  matrix: (q: { cols: 'participants' | 'sites'; coder?: string[] }) => get<MatrixResult>('/api/matrix', q),
  themes: () => get<ThemeBoard>('/api/themes'),
  model: () => get<GtModel>('/api/model'),
  saturation: () => get<SaturationPoint[]>('/api/saturation'),
  agreement: (q: { coder: string[]; unit: 'character' | 'turn' }) => get<AgreementReport>('/api/agreement', q),
  history: (limit = 50) => get<ChangeEvent[]>('/api/history', { limit }),
  changes: (after: number) => get<ChangeEvent[]>('/api/changes', { after }),

  /** Posts one command (or a batch, undo, redo); the server validates it with the commands' schemas. */
  async command<R = unknown>(command: FamilyCommand | { type: 'batch'; commands: FamilyCommand[] } | { type: 'undo' } | { type: 'redo' }, actor?: string): Promise<{ result: R; seq: number; affected: string[] }> {
    const r = await fetch('/api/commands', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ command, actor }),
    });
    const body = (await r.json().catch(() => null)) as { error?: ApiError; result?: R; seq?: number; affected?: string[] } | null;
    if (!r.ok || !body || body.error) throw new RequestFailed(r.status, body?.error ?? { code: 'http', message: r.statusText });
    return { result: body.result as R, seq: body.seq ?? 0, affected: body.affected ?? [] };
  },
};

export function newId(): string {
  return crypto.randomUUID();
}
