import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { StaffwellError } from '../errors.ts';
import { toCsv } from '../qual/exports.ts';
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
  qualQuerySegments,
  qualThemeRecurrence,
  qualThemes,
} from '../services/qual-retrieval.ts';
import { qualDocumentSummaries, qualDocumentView } from '../services/qual-workspace.ts';
import { ChangeFeed, changeEvent } from './events.ts';
import { httpError } from './http-error.ts';
import { guard } from './security.ts';
import type { StaticFile } from './static-files.ts';

export interface WorkspaceOptions {
  project: QualProject;
  /** The project file (shown in the page title and the start page). */
  projectPath: string;
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
  const app = new Hono();
  app.use('*', guard({ token: options.token, hosts: options.hosts, cookieName: options.cookieName ?? (() => 'staffwell_token') }));
  app.onError((e, c) => {
    const { status, body } = httpError(e);
    return c.json(body, status);
  });
  app.notFound((c) => c.json({ error: { code: 'not-found', message: `no such route: ${c.req.method} ${new URL(c.req.url).pathname}` } }, 404));

  app.get('/api/session', async (c) => {
    const [last] = await project.history({ descending: true, limit: 1 });
    const name = (await project.store.getInfo('name')) ?? '';
    return c.json({ projectName: name, projectPath: options.projectPath, actor: options.actor, seq: last?.seq ?? 0, hasKey: project.store.hasKey });
  });
  app.get('/api/documents', async (c) => c.json(await qualDocumentSummaries(project)));
  app.get('/api/documents/:id', async (c) => c.json(await qualDocumentView(project, c.req.param('id'))));
  app.get('/api/codebook', async (c) => c.json(await qualCodebook(project)));
  app.get('/api/coders', async (c) => c.json(await project.store.listCoders()));
  app.get('/api/participants', async (c) => c.json(await qualParticipants(project)));
  app.get('/api/segments', async (c) => {
    const hits = await qualQuerySegments(project, {
      codes: list(c, 'code'),
      themes: list(c, 'theme'),
      coders: list(c, 'coder'),
      participants: list(c, 'participant'),
      sites: list(c, 'site'),
      keyQuotesOnly: c.req.query('keyQuotes') === 'true' || undefined,
    });
    const docs = list(c, 'document');
    return c.json(docs ? hits.filter((h) => docs.includes(h.documentId)) : hits);
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
  app.get('/api/model', async (c) => c.json(await qualModel(project)));
  app.get('/api/agreement', async (c) => {
    const unit = c.req.query('unit');
    if (unit !== undefined && unit !== 'character' && unit !== 'turn') {
      throw new StaffwellError('invalid-option', 'unit must be character or turn', { field: 'unit', value: unit });
    }
    return c.json(await qualAgreement(project, { coders: list(c, 'coder') ?? [], unit, codes: list(c, 'code') }));
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

  app.get('/api/export/project.qdpx', async (c) => download(c, await qualExportQdpx(project), 'application/zip', `${await baseName()}.qdpx`));
  app.get('/api/export/codebook.qdc', async (c) => download(c, await qualExportQdc(project), 'application/xml', `${await baseName()}.qdc`));
  app.get('/api/export/segments.csv', async (c) => download(c, toCsv(await qualSegmentRows(project)), 'text/csv; charset=utf-8', `${await baseName()}-segments.csv`));
  async function baseName(): Promise<string> {
    return ((await project.store.getInfo('name')) ?? 'project').replace(/[^\w.-]+/g, '_') || 'project';
  }

  app.get('*', (c) => {
    const path = new URL(c.req.url).pathname;
    const file = options.files.get(path === '/' ? '/index.html' : path);
    if (!file) return path.startsWith('/api/') || path.includes('.') ? c.notFound() : c.text('the web front end is not built: run `npm run build`', 404);
    return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': file.type,
      'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-store',
    });
  });
  return { app, feed };
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

function download(c: Context, data: Uint8Array | string, type: string, filename: string): Response {
  return c.body(typeof data === 'string' ? data : (data as Uint8Array<ArrayBuffer>), 200, {
    'content-type': type,
    'content-disposition': `attachment; filename="${filename}"`,
    'cache-control': 'no-store',
  });
}
