import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Hono } from 'hono';
import { z } from 'zod';
import { StaffwellError } from '../errors.ts';
import { guardedApp, readBody } from './http-app.ts';
import { staticRoute, type StaticFile } from './static-files.ts';

export interface StartOptions {
  /** The folder whose projects the start page lists and where it creates new ones. */
  folder: string;
  token: string;
  hosts: () => readonly string[];
  cookieName: () => string;
  files: ReadonlyMap<string, StaticFile>;
  /** Opens (or creates, `create`) the project at `path` and starts serving it; the start app is then replaced. */
  open(path: string, create: { name: string } | null): Promise<void>;
}

export interface ProjectFile {
  /** The file name inside the folder (the browser names projects by this, never by a path). */
  file: string;
  bytes: number;
  modified: string;
  /** Its key file is beside it. */
  hasKey: boolean;
}

const PROJECT_FILE = /\.qual\.sqlite$/;

/** The projects in a folder: `*.qual.sqlite`, key files excluded, newest first. */
export function listProjects(folder: string): ProjectFile[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch (e) {
    throw new StaffwellError('io', 'cannot read the folder', { file: folder, cause: e });
  }
  return names
    .filter((n) => PROJECT_FILE.test(n) && !n.endsWith('.key.sqlite'))
    .flatMap((file) => {
      try {
        const s = statSync(join(folder, file));
        return s.isFile() ? [{ file, bytes: s.size, modified: s.mtime.toISOString(), hasKey: existsSync(join(folder, file.replace(/\.sqlite$/, '.key.sqlite'))) }] : [];
      } catch {
        return [];
      }
    })
    .sort((a, b) => b.modified.localeCompare(a.modified) || a.file.localeCompare(b.file));
}

/** A new project's file name from its name: letters, digits, `-` and `_` kept, the rest becoming `-`. */
export function projectFileName(name: string): string {
  const stem = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${stem || 'project'}.qual.sqlite`;
}

const request = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('open'), file: z.string().min(1).max(255) }),
  z.strictObject({ action: z.literal('create'), name: z.string().max(200) }),
]);

/**
 * `staffwell serve` without a project: the start page lists the projects in one folder and opens or creates one
 * there. The browser names a project by its file name from the list (checked against the folder's listing, so no
 * path it sends reaches the file system) or gives a new project's name (turned into a file name here).
 */
export function createStartApp(options: StartOptions): Hono {
  const folder = resolve(options.folder);
  const app = guardedApp({ token: options.token, hosts: options.hosts, cookieName: options.cookieName, folder });

  app.get('/api/session', (c) => c.json({ mode: 'start', folder, projects: listProjects(folder) }));
  app.post('/api/start', async (c) => {
    const req = await readBody(c, request, '{"action": "open", "file": "study.qual.sqlite"} or {"action": "create", "name": "…"}');
    if (req.action === 'open') {
      const known = listProjects(folder).find((p) => p.file === req.file);
      if (!known) throw new StaffwellError('not-found', 'no project with this file name in the folder', { field: 'file', value: req.file, hint: 'the projects are the *.qual.sqlite files of the folder, as the start page lists them' });
      await options.open(join(folder, known.file), null);
      return c.json({ file: known.file });
    }
    const name = req.name.trim();
    if (name === '') throw new StaffwellError('invalid-option', 'a project needs a name', { field: 'name', hint: 'e.g. Radiology support workers 2026' });
    const file = projectFileName(name);
    const path = join(folder, file);
    if (existsSync(path) || existsSync(path.replace(/\.sqlite$/, '.key.sqlite'))) {
      throw new StaffwellError('conflict', 'a project with this file name is already in the folder', { field: 'name', value: file, hint: 'open it from the list, or choose another name' });
    }
    await options.open(path, { name });
    return c.json({ file });
  });
  app.get('*', staticRoute(options.files));
  return app;
}
