import type { Context, Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { isStaffwellError, StaffwellError } from '../errors.ts';
import { keyFileRequired } from '../qual/key-file-required.ts';
import { segmentRows, toCsv } from '../qual/exports.ts';
import { recurrenceRows } from '../qual/themes.ts';
import type { QualProject } from '../qual/project.ts';
import { qualAgreement, qualCooccurrence, qualMatrix, qualSaturation } from '../services/qual-analysis.ts';
import { qualExportQdc, qualExportQdpx, qualSegmentRows } from '../services/qual-export.ts';
import {
  qualCodebook,
  qualHistory,
  qualKwic,
  qualMemos,
  qualModel,
  qualParticipants,
  qualCompareCodes,
  qualQuerySegments,
  qualThemeRecurrence,
  qualThemeTable,
  qualThemes,
} from '../services/qual-retrieval.ts';
import { qualDocumentSummaries, qualDocumentView } from '../services/qual-workspace.ts';
import { qualImportTranscripts, qualPreviewTranscripts, qualReplacements, qualSuggestNames } from '../services/qual-import.ts';
import { QualSession } from '../qual/project.ts';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { ChangeFeed, changeEvent } from './events.ts';
import { download, guardedApp, readBody } from './http-app.ts';
import { listFolderFiles } from './project-folder.ts';
import { staticRoute, type StaticFile } from './static-files.ts';
import { studyRoutes } from './study-routes.ts';
import { surveyRoutes } from './survey-routes.ts';
import { mixedRoutes } from './mixed-routes.ts';

export interface WorkspaceOptions {
  project: QualProject;
  /** The project file (shown in the page title and the start page). */
  projectPath: string;
  /** The folder whose study files and survey data the survey views list and open (project-folder.ts). */
  folder: string;
  token: string;
  /** Who the server's user is: the actor of every command a tab posts without naming one. */
  actor: string;
  /** `host:port` values accepted in Host and Origin (e.g. `127.0.0.1:8765`, `localhost:8765`). */
  hosts: () => readonly string[];
  /** The built front end (empty: the API only). */
  files: ReadonlyMap<string, StaticFile>;
  /** How often the change feed looks for commits by other processes (ms). */
  pollMs?: number;
  cookieName?: () => string;
}

/**
 * The workspace's HTTP app: a thin layer over the qual services and the validated commands. Reads are GETs under
 * /api/; every write is one POST /api/commands with a command as JSON (validated by the same zod schemas as the
 * CLI's and the library's, permission-checked, audited, undoable); /api/events pushes every commit to every tab.
 */
export function createWorkspaceApp(options: WorkspaceOptions): { app: Hono; feed: ChangeFeed } {
  const { project } = options;
  const feed = new ChangeFeed(project, options.pollMs);
  const app = guardedApp({ token: options.token, hosts: options.hosts, cookieName: options.cookieName ?? (() => 'staffwell_token'), folder: options.folder });

  app.get('/api/session', async (c) => {
    const [last] = await project.history({ descending: true, limit: 1 });
    const name = (await project.store.getInfo('name')) ?? '';
    return c.json({ projectName: name, projectPath: options.projectPath, actor: options.actor, seq: last?.seq ?? 0, hasKey: project.store.hasKey });
  });
  app.get('/api/folder', (c) => c.json({ folder: options.folder, files: listFolderFiles(options.folder) }));
  studyRoutes(app, options.folder);
  app.get('/api/documents', async (c) => c.json(await qualDocumentSummaries(project)));
  app.get('/api/documents/:id', async (c) => c.json(await qualDocumentView(project, c.req.param('id'))));
  app.get('/api/codebook', async (c) => c.json(await qualCodebook(project)));
  app.get('/api/coders', async (c) => c.json(await project.store.listCoders()));
  app.get('/api/participants', async (c) => c.json(await qualParticipants(project)));
  /** The segments the query string's filters select (retrieval's filters: the list and its CSV are the same). */
  async function segmentsFor(c: Context) {
    const hits = await qualQuerySegments(project, {
      codes: list(c, 'code'),
      themes: list(c, 'theme'),
      coders: list(c, 'coder'),
      participants: list(c, 'participant'),
      sites: list(c, 'site'),
      keyQuotesOnly: c.req.query('keyQuotes') === 'true' || undefined,
      cooccursWith: c.req.query('with') ? { code: c.req.query('with')!, scope: (c.req.query('scope') ?? 'overlap') as 'overlap' } : undefined,
    });
    const docs = list(c, 'document');
    return docs ? hits.filter((h) => docs.includes(h.documentId)) : hits;
  }
  app.get('/api/segments', async (c) => c.json(await segmentsFor(c)));
  app.get('/api/compare', async (c) => {
    const [a, b] = [c.req.query('a') ?? '', c.req.query('b') ?? ''];
    if (!a || !b) throw new StaffwellError('invalid-option', 'choose two codes to compare', { field: a ? 'b' : 'a', hint: 'give both a and b (code ids)' });
    try {
      return c.json(await qualCompareCodes(project, { codes: [a, b], coders: list(c, 'coder'), participants: list(c, 'participant'), sites: list(c, 'site') }));
    } catch (e) {
      // the service names its option (codes[0], codes[1]); here they are a and b
      const field = isStaffwellError(e) ? { 'codes[0]': 'a', 'codes[1]': 'b' }[e.location.field ?? ''] : undefined;
      if (!field || !isStaffwellError(e)) throw e;
      throw new StaffwellError(e.code, e.problem, { ...e.location, field, value: e.value, hint: e.hint, cause: e });
    }
  });
  app.get('/api/kwic', async (c) => {
    const q = c.req.query('q') ?? '';
    return c.json(await qualKwic(project, { query: q, context: int(c, 'context'), documents: list(c, 'document'), limit: int(c, 'limit') ?? 500 }));
  });
  app.get('/api/memos', async (c) => c.json(await qualMemos(project)));
  app.get('/api/matrix', async (c) => {
    const m = await qualMatrix(project, { cols: (c.req.query('cols') ?? 'participants') as 'participants', coders: list(c, 'coder'), text: c.req.query('text') === 'true' });
    return c.json({ ...m, counts: Array.from(m.counts) });
  });
  app.get('/api/cooccurrence', async (c) => {
    const m = await qualCooccurrence(project, { scope: (c.req.query('scope') ?? 'overlap') as 'overlap', coders: list(c, 'coder') });
    return c.json({ ...m, counts: Array.from(m.counts as ArrayLike<number>) });
  });
  app.get('/api/saturation', async (c) => c.json(await qualSaturation(project, { coders: list(c, 'coder') })));
  app.get('/api/themes', async (c) => {
    const [themes, links, recurrence] = await Promise.all([qualThemes(project), project.store.listThemeCodes(), qualThemeRecurrence(project)]);
    return c.json({ themes, links, recurrence });
  });
  app.get('/api/themes/:id', async (c) => c.json(await qualThemeTable(project, { theme: c.req.param('id'), quotes: int(c, 'quotes') })));
  app.get('/api/model', async (c) => c.json(await qualModel(project)));
  app.get('/api/agreement', async (c) => {
    const unit = c.req.query('unit');
    if (unit !== undefined && unit !== 'character' && unit !== 'turn') {
      throw new StaffwellError('invalid-option', 'unit must be character or turn', { field: 'unit', value: unit });
    }
    return c.json(await qualAgreement(project, { coders: list(c, 'coder') ?? [], unit, codes: list(c, 'code') }));
  });
  // Pseudonymisation review. Originals live in the key file: this route sends the replacements only (and a
  // suggestion's resemblance as the listed name's replacement); /originals sends them when the user asks.
  app.get('/api/pseudonymisation', async (c) => {
    const hasKey = project.store.hasKey;
    const [suggestions, list] = await Promise.all([qualSuggestNames(project), hasKey ? qualReplacements(project) : Promise.resolve([])]);
    return c.json({
      hasKey,
      suggestions: suggestions.map(({ similarTo: _, offsets: __, ...s }) => s),
      replacements: list.map(({ original: _, ...r }) => r),
    });
  });
  app.get('/api/pseudonymisation/originals', async (c) => {
    if (!project.store.hasKey) throw keyFileRequired('the key file is not attached, so the originals are not here', { why: 'it holds the originals' });
    return c.json(await qualReplacements(project));
  });
  app.get('/api/history', async (c) => c.json((await qualHistory(project, { limit: int(c, 'limit') ?? 50 })).map(changeEvent)));
  app.get('/api/changes', async (c) => c.json((await project.commandsAfter(int(c, 'after') ?? 0, { limit: 1000 })).map(changeEvent)));
  app.get('/api/events', (c) => {
    const after = int(c, 'after') ?? Number(c.req.header('last-event-id') ?? 0);
    return streamSSE(c, async (stream) => {
      let stop: (() => void) | undefined;
      const done = new Promise<void>((resolve) => stream.onAbort(resolve));
      stop = await feed.follow(after, (e) => void stream.writeSSE({ id: String(e.seq), event: 'change', data: JSON.stringify(e) }));
      await stream.writeSSE({ event: 'ready', data: '{}' });
      await done;
      stop();
    });
  });

  app.post('/api/commands', async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new StaffwellError('invalid-command', 'the request body is not JSON', { hint: 'POST {"command": {...}} with Content-Type: application/json' });
    }
    if (typeof body !== 'object' || body === null || !('command' in body)) {
      throw new StaffwellError('invalid-command', 'the request body needs a "command"', { field: 'command', hint: 'POST {"command": {"type": "code.create", ...}}' });
    }
    const { command, actor } = body as { command: unknown; actor?: unknown };
    if (actor !== undefined && (typeof actor !== 'string' || actor.trim() === '' || actor.length > 200)) {
      throw new StaffwellError('invalid-option', 'the actor is a non-empty name', { field: 'actor', value: actor });
    }
    const result = await project.apply(command as never, { actor: (actor as string | undefined) ?? options.actor });
    const [last] = await project.history({ descending: true, limit: 1 });
    return c.json({ result, seq: last?.seq ?? 0, affected: last?.affected ?? [] });
  });

  // Transcript import: files arrive in the request body (base64 in JSON), never as paths; a preview reads them and
  // writes nothing, the import is one batch command (all files or none, one undo step) as the tab's coder.
  const upload = bodyLimit({
    maxSize: MAX_UPLOAD_BYTES,
    onError: () => {
      throw new StaffwellError('out-of-range', `the files are larger than ${MAX_UPLOAD_BYTES / 2 ** 20} MB together`, { hint: 'import them a few at a time, or with `staffwell qual import`' });
    },
  });
  app.post('/api/import/preview', upload, async (c) => {
    const { files } = await readBody(c, importBody.pick({ files: true }), IMPORT_EXAMPLE);
    return c.json(await qualPreviewTranscripts(project, decodeFiles(files)));
  });
  app.post('/api/import', upload, async (c) => {
    const { files, speakers, site, interviewDate, actor } = await readBody(c, importBody, IMPORT_EXAMPLE);
    const reports = await qualImportTranscripts(new QualSession(project, actor ?? options.actor), { files: decodeFiles(files), speakers, site, interviewDate });
    const [last] = await project.history({ descending: true, limit: 1 });
    return c.json({ reports: reports.map(({ suggestions, ...r }) => ({ ...r, suggestions: suggestions.length })), seq: last?.seq ?? 0 });
  });

  app.get('/api/export/project.qdpx', async (c) => download(c, await qualExportQdpx(project), 'application/zip', `${await baseName()}.qdpx`));
  app.get('/api/export/codebook.qdc', async (c) => download(c, await qualExportQdc(project), 'application/xml', `${await baseName()}.qdc`));
  app.get('/api/export/recurrence.csv', async (c) => download(c, toCsv(recurrenceRows(await qualThemeRecurrence(project))), 'text/csv; charset=utf-8', `${await baseName()}-theme-recurrence.csv`));
  // all segments, or (with retrieval's filters) the ones retrieval lists
  app.get('/api/export/segments.csv', async (c) => {
    const filtered = new URL(c.req.url).searchParams.size > 0;
    const rows = filtered ? segmentRows(await segmentsFor(c)) : await qualSegmentRows(project);
    return download(c, toCsv(rows), 'text/csv; charset=utf-8', `${await baseName()}-segments${filtered ? '-selected' : ''}.csv`);
  });
  async function baseName(): Promise<string> {
    return ((await project.store.getInfo('name')) ?? 'project').replace(/[^\w.-]+/g, '_') || 'project';
  }

  surveyRoutes(app, { folder: options.folder });
  mixedRoutes(app, { project, projectPath: options.projectPath });
  app.get('*', staticRoute(options.files));
  return { app, feed };
}

/** Uploads per request: enough for dozens of transcripts (a 60-minute interview is ~60 KB of text, a .docx ~100 KB). */
const MAX_UPLOAD_BYTES = 32 * 2 ** 20;

const importBody = z.strictObject({
  files: z.array(z.strictObject({ name: z.string().min(1).max(255), data: z.string() })).min(1).max(200),
  speakers: z.array(z.strictObject({ displayName: z.string().min(1), participantId: z.string().min(1), file: z.string().optional() })),
  site: z.string().optional(),
  interviewDate: z.string().optional(),
  actor: z.string().min(1).max(200).optional(),
});

const IMPORT_EXAMPLE = '{"files": [{"name": "int-01.vtt", "data": "<base64>"}], "speakers": [...]}';

function decodeFiles(files: readonly { name: string; data: string }[]): { name: string; bytes: Uint8Array }[] {
  return files.map((f, i) => {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(f.data)) throw new StaffwellError('invalid-option', 'the file data is not base64', { field: `files.${i}.data`, value: f.name });
    return { name: f.name, bytes: new Uint8Array(Buffer.from(f.data, 'base64')) };
  });
}

function list(c: Context, name: string): string[] | undefined {
  const v = c.req.queries(name)?.filter((x) => x !== '');
  return v && v.length > 0 ? v : undefined;
}

function int(c: Context, name: string): number | undefined {
  const v = c.req.query(name);
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new StaffwellError('invalid-option', `${name} must be a whole number`, { field: name, value: v });
  return n;
}
