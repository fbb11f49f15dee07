import { serve as listen, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { StaffwellError } from '../errors.ts';
import type { QualProject } from '../qual/project.ts';
import { createQualProject, openQualProject } from '../services/qual-project.ts';
import { createStartApp } from './start-app.ts';
import { createWorkspaceApp } from './app.ts';
import { newToken } from './security.ts';
import { defaultWebDir, loadStaticFiles } from './static-files.ts';

export interface ServeOptions {
  /** The project to open; none: the start page, over the projects in `folder`. */
  projectPath?: string;
  /**
   * Where the start page lists and creates projects (default: the working directory), and whose study files and
   * survey data the workspace lists (default: the project's folder).
   */
  folder?: string;
  keyPath?: string | null;
  /** 0 (default): a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  actor: string;
  token?: string;
  webDir?: string;
  pollMs?: number;
}

export interface RunningWorkspace {
  /** The URL to open, with the session token. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * Serves the workspace on localhost until `close()`: the project given, or a start page that opens or creates one
 * in `folder` and then serves it on the same address, token and cookie (the page reloads into the workspace).
 */
export async function serveWorkspace(options: ServeOptions): Promise<RunningWorkspace> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? newToken();
  let port = options.port ?? 0;
  const names = host === '127.0.0.1' || host === 'localhost' ? ['127.0.0.1', 'localhost'] : [host];
  // the port is known once listening; both are read per request
  const hosts = () => names.map((h) => `${h}:${port}`);
  const cookieName = () => `staffwell_token_${port}`;
  const files = loadStaticFiles(options.webDir ?? defaultWebDir());
  let current: { fetch: (req: Request) => Response | Promise<Response>; close: () => void } = { fetch: () => new Response(null, { status: 503 }), close: () => undefined };
  const serveProject = (project: QualProject, projectPath: string) => {
    const folder = resolve(options.folder ?? dirname(projectPath));
    const { app, feed } = createWorkspaceApp({ project, projectPath, folder, token, actor: options.actor, files, pollMs: options.pollMs, hosts, cookieName });
    current = {
      fetch: (req) => app.fetch(req),
      close: () => {
        feed.close();
        project.close();
      },
    };
  };
  if (options.projectPath !== undefined) serveProject(openQualProject({ path: options.projectPath, keyPath: options.keyPath }), options.projectPath);
  else {
    const start = createStartApp({
      folder: options.folder ?? process.cwd(),
      token,
      hosts,
      cookieName,
      files,
      open: async (path, create) => {
        const project = create ? (await createQualProject({ path, name: create.name, actor: options.actor })).project : openQualProject({ path });
        serveProject(project, path);
      },
    });
    current = { fetch: (req) => start.fetch(req), close: () => undefined };
  }
  let server: ServerType;
  try {
    server = await new Promise<ServerType>((resolve, reject) => {
      const s = listen({ fetch: (req: Request) => current.fetch(req), port, hostname: host }, () => resolve(s));
      s.once('error', reject);
    });
  } catch (e) {
    current.close();
    const err = e as NodeJS.ErrnoException;
    throw new StaffwellError('io', `cannot listen on ${host}:${port}`, {
      field: 'port',
      value: port,
      hint: err.code === 'EADDRINUSE' ? 'the port is taken: choose another with --port, or leave it out for a free one' : err.message,
      cause: e,
    });
  }
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          current.close();
          resolve();
        });
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
