/**
 * The typed client of the workspace server: the same types the server's services return, and writes as the
 * validated commands of src/qual/commands (the browser builds the very objects the CLI and the library build).
 */
import type { FamilyCommand } from '../../src/qual/commands/index.ts';
import type { SegmentHit, KwicHit } from '../../src/qual/queries.ts';
import type { CodeComparison } from '../../src/qual/compare-codes.ts';
import type { CodebookEntry } from '../../src/services/qual-retrieval.ts';
import type { DocumentSummary, DocumentView } from '../../src/services/qual-workspace.ts';
import type { ChangeEvent } from '../../src/server/events.ts';
import type { ProjectFile } from '../../src/server/start-app.ts';
import type { FolderFile } from '../../src/server/project-folder.ts';
import type { TranscriptPreview } from '../../src/services/qual-import.ts';
import type { ApiError } from '../../src/server/http-error.ts';
import type { MemoEntry } from '../../src/qual/memos.ts';
import type { CoderRow, ParticipantRow, SiteRow, ThemeRow, VariableRow } from '../../src/qual/store/qual-store.ts';
import type { MatrixAxis } from '../../src/qual/matrices.ts';
import type { AgreementReport } from '../../src/qual/intercoder.ts';
import type { ThemeTable } from '../../src/qual/themes.ts';
import type { GtModel } from '../../src/qual/grounded-theory.ts';
import type { SaturationPoint } from '../../src/qual/saturation.ts';
import type { StudyRun } from '../../src/server/study-routes.ts';
import type { SurveyView } from '../../src/server/survey-routes.ts';
import type { ParticipantProfile } from '../../src/mixed/participant-profile.ts';
import type { ClassificationRule } from '../../src/mixed/classification-rules.ts';
import type { StatisticsByThemes } from '../../src/mixed/statistics-by-themes.ts';
import type { CaseComparison } from '../../src/mixed/case-comparison.ts';
import type { SideBySide } from '../../src/mixed/side-by-side.ts';
import type { LinkCheck } from '../../src/mixed/participant-link.ts';
import type { VariableKind } from '../../src/mixed/respondents.ts';

export type { ProjectFile, TranscriptPreview, FolderFile, StudyRun };
export type { CodebookEntry, DocumentSummary, DocumentView, ChangeEvent, SegmentHit, KwicHit, MemoEntry, FamilyCommand, ApiError, CodeComparison };
export type { SurveyView };
export type { CoderRow, ParticipantRow, SiteRow, ThemeRow, VariableRow, MatrixAxis, AgreementReport, ThemeTable, GtModel, SaturationPoint };

export interface Session {
  projectName: string;
  projectPath: string;
  actor: string;
  seq: number;
  hasKey: boolean;
}

/** `staffwell serve` without a project: the start page's session. */
export interface StartSession {
  mode: 'start';
  folder: string;
  projects: ProjectFile[];
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
  /** IPA recurrence: for each theme (hierarchy order), which of the project's participants contribute. */
  recurrence: { participants: string[]; rows: { themeId: string; name: string; kind: ThemeRow['kind']; depth: number; present: boolean[]; count: number }[] };
}

/** A suggested name as the server sends it: no offsets, and a resemblance named by the listed name's replacement only. */
export interface NameSuggestionRow {
  candidate: string;
  count: number;
  reason: 'capitalised' | 'part-of-known' | 'near-known';
  similarToReplacement?: string;
  documents: string[];
}

export interface ReplacementListRow {
  replacement: string;
  category: string;
  addedAt: string;
  /** Only from /api/pseudonymisation/originals, which the user asks for. */
  original?: string;
}

export interface NameReview {
  hasKey: boolean;
  suggestions: NameSuggestionRow[];
  replacements: ReplacementListRow[];
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

async function post<T>(path: string, body: unknown): Promise<T> {
  const r = await fetch(path, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
  const answer = (await r.json().catch(() => null)) as (T & { error?: ApiError }) | null;
  if (!r.ok || !answer || answer.error) throw new RequestFailed(r.status, answer?.error ?? { code: 'http', message: r.statusText });
  return answer;
}

export const api = {
  session: () => get<Session | StartSession>('/api/session'),
  /** The study files and survey data of the workspace folder (paths relative to it). */
  folder: () => get<{ folder: string; files: FolderFile[] }>('/api/folder'),
  documents: () => get<DocumentSummary[]>('/api/documents'),
  document: (id: string) => get<DocumentView>(`/api/documents/${encodeURIComponent(id)}`),
  codebook: () => get<Codebook>('/api/codebook'),
  coders: () => get<CoderRow[]>('/api/coders'),
  participants: () => get<{ participants: ParticipantRow[]; variables: VariableRow[]; sites: SiteRow[] }>('/api/participants'),
  segments: (
    q: { code?: string[]; coder?: string[]; participant?: string[]; site?: string[]; document?: string[]; theme?: string[]; keyQuotes?: boolean; with?: string; scope?: 'overlap' | 'turn' } = {},
  ) =>
    get<SegmentHit[]>('/api/segments', q),
  /** Two codes side by side: their segments and the documents and participants they share. */
  compare: (q: { a: string; b: string; coder?: string[] }) => get<CodeComparison>('/api/compare', q),
  kwic: (q: { q: string; context?: number; document?: string[] }) => get<KwicHit[]>('/api/kwic', q),
  memos: () => get<MemoEntry[]>('/api/memos'),
  matrix: (q: { cols: 'participants' | 'sites'; coder?: string[] }) => get<MatrixResult>('/api/matrix', q),
  cooccurrence: (q: { scope: 'overlap' | 'turn'; coder?: string[] }) => get<{ codes: MatrixAxis[]; counts: number[]; scope: 'overlap' | 'turn' }>('/api/cooccurrence', q),
  themes: () => get<ThemeBoard>('/api/themes'),
  theme: (id: string, quotes?: number) => get<ThemeTable>(`/api/themes/${encodeURIComponent(id)}`, { quotes }),
  model: () => get<GtModel>('/api/model'),
  saturation: () => get<SaturationPoint[]>('/api/saturation'),
  agreement: (q: { coder: string[]; unit: 'character' | 'turn' }) => get<AgreementReport>('/api/agreement', q),
  pseudonymisation: () => get<NameReview>('/api/pseudonymisation'),
  pseudonymisationOriginals: () => get<Required<ReplacementListRow>[]>('/api/pseudonymisation/originals'),
  history: (limit = 50) => get<ChangeEvent[]>('/api/history', { limit }),
  changes: (after: number) => get<ChangeEvent[]>('/api/changes', { after }),
  /** A study file of the workspace folder run (cached on the server until it or its data change; `fresh`: run again). */
  study: (path: string, fresh?: boolean) => get<StudyRun>('/api/study', { path, fresh: fresh ? 1 : undefined }),
  /** Where the study's self-contained HTML report downloads from. */
  studyReportUrl: (path: string) => url('/api/study/report.html', { path }),

  previewImport: (files: { name: string; data: string }[]) => post<TranscriptPreview[]>('/api/import/preview', { files }),
  importTranscripts: (body: { files: { name: string; data: string }[]; speakers: { displayName: string; participantId: string }[]; site?: string; interviewDate?: string; actor?: string }) =>
    post<{ reports: { name: string; documentId: string; turns: number; suggestions: number }[]; seq: number }>('/api/import', body),

  /** The start page: open a listed project by its file name, or create one from a name. */
  async start(body: { action: 'open'; file: string } | { action: 'create'; name: string }): Promise<{ file: string }> {
    return post<{ file: string }>('/api/start', body);
  },

  /** Posts one command (or a batch, undo, redo); the server validates it with the commands' schemas. */
  async command<R = unknown>(command: FamilyCommand | { type: 'batch'; commands: FamilyCommand[] } | { type: 'undo' } | { type: 'redo' }, actor?: string): Promise<{ result: R; seq: number; affected: string[] }> {
    const body = await post<{ result: R; seq?: number; affected?: string[] }>('/api/commands', { command, actor });
    return { result: body.result as R, seq: body.seq ?? 0, affected: body.affected ?? [] };
  },

  /** A survey file of the workspace folder: columns summarised and the first rows (never the whole file). */
  survey: (q: { path: string; na?: string[]; sheet?: string }) => get<SurveyView>('/api/survey', q),
  /** An Excel workbook of the workspace folder: its sheets, in its order (read without reading a sheet). */
  surveySheets: (q: { path: string }) => get<{ path: string; sheets: string[] }>('/api/survey/sheets', q),
  /** A dropped Excel workbook (base64): its sheets, in its order. */
  droppedSheets: (body: { name: string; data: string }) => post<{ path: string; sheets: string[] }>('/api/survey/sheets', body),
  /** A dropped survey file (base64), read from a temporary copy the server deletes. */
  previewSurvey: (body: { name: string; data: string; na?: string[]; sheet?: string }) => post<SurveyView>('/api/survey/preview', body),
};

export function newId(): string {
  return crypto.randomUUID();
}

// ---- mixed methods (src/server/mixed-routes.ts): read-only; the tables are the CLI's (display-tables.ts)

export type { ParticipantProfile, ClassificationRule, StatisticsByThemes, CaseComparison, SideBySide, LinkCheck };

export type MixedStatus =
  | { linked: false; command: string }
  | {
      linked: true;
      study: string;
      studyName: string;
      idColumn: string;
      minGroup: number;
      check: LinkCheck;
      variables: { ref: string; label: string; kind: VariableKind; type: 'numeric' | 'categorical' }[];
      displays: string[];
    };

/** A joint display with its table as the CLI prints it (header row first; one body row per display row). */
export interface JointDisplay<D> {
  display: D;
  table: string[][];
}

export const mixedApi = {
  status: () => get<MixedStatus>('/api/mixed'),
  profile: (participant: string) => get<{ profile: ParticipantProfile; rules: ClassificationRule[] }>(`/api/mixed/profile/${encodeURIComponent(participant)}`),
  statisticsByThemes: () => get<JointDisplay<StatisticsByThemes>>('/api/mixed/statistics-by-themes'),
  caseComparison: (q: { by?: string; score?: string }) => get<JointDisplay<CaseComparison>>('/api/mixed/case-comparison', q),
  sideBySide: (display?: string) => get<JointDisplay<SideBySide>>('/api/mixed/side-by-side', { display }),
};
