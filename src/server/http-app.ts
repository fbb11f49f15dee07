import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import { StaffwellError } from '../errors.ts';
import { httpError } from './http-error.ts';
import { guard, type GuardOptions } from './security.ts';

/**
 * A Hono app behind the guards, answering every error as `{ error }` JSON (the workspace's and the start page's),
 * paths inside `folder` (the workspace's or the start page's folder) written relative to it.
 */
export function guardedApp(options: GuardOptions & { folder?: string }): Hono {
  const app = new Hono();
  app.use('*', guard(options));
  app.onError((e, c) => {
    const { status, body } = httpError(e, options.folder);
    return c.json(body, status);
  });
  app.notFound((c) => c.json({ error: { code: 'not-found', message: `no such route: ${c.req.method} ${new URL(c.req.url).pathname}` } }, 404));
  return app;
}

/** A request's JSON body checked against `schema`; an error names the first field at fault and shows `example`. */
export async function readBody<S extends z.ZodType>(c: Context, schema: S, example: string): Promise<z.infer<S>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new StaffwellError('invalid-command', 'the request body is not JSON', { hint: `POST ${example} with Content-Type: application/json` });
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StaffwellError('invalid-option', issue.message, { field: issue.path.join('.') || 'body', hint: `POST ${example}` });
  }
  return parsed.data;
}

/** A file download: never cached, saved under `filename`. */
export function download(c: Context, data: Uint8Array | string, type: string, filename: string): Response {
  return c.body(typeof data === 'string' ? data : (data as Uint8Array<ArrayBuffer>), 200, {
    'content-type': type,
    'content-disposition': `attachment; filename="${filename}"`,
    'cache-control': 'no-store',
  });
}
