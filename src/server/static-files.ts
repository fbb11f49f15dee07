import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from 'hono';

/**
 * The built front end (Vite's output), read once into memory: the server answers only for files that exist in
 * the build, so a path from the browser never reaches the file system.
 */
export interface StaticFile {
  bytes: Uint8Array;
  type: string;
  /** Hashed asset names never change: cache them for good. */
  immutable: boolean;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * Where the build is: `dist/web` beside the compiled server (`dist/server/` → `dist/web/`), which is also where
 * `npm run build` puts it when the server runs from source (`src/server/` → `dist/web/`).
 */
export function defaultWebDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, '../web'), join(here, '../../dist/web')];
  return candidates.find((d) => existsSync(join(d, 'index.html'))) ?? candidates[0];
}

export function loadStaticFiles(dir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  if (!existsSync(join(dir, 'index.html'))) return files;
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else {
        const url = '/' + relative(dir, p).split(sep).join('/');
        files.set(url, { bytes: readFileSync(p), type: TYPES[extname(p)] ?? 'application/octet-stream', immutable: url.startsWith('/assets/') });
      }
    }
  };
  walk(dir);
  return files;
}

/** The GET route for the front end's files (index.html for `/` and for any other path without a dot). */
export function staticRoute(files: ReadonlyMap<string, StaticFile>): (c: Context) => Response {
  return (c) => {
    const path = new URL(c.req.url).pathname;
    const file = files.get(path === '/' ? '/index.html' : path);
    if (!file) return path.startsWith('/api/') || path.includes('.') ? c.json({ error: { code: 'not-found', message: `no such route: GET ${path}` } }, 404) : c.text('the web front end is not built: run `npm run build`', 404);
    return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': file.type,
      'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-store',
    });
  };
}
