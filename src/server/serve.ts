import { serve as listen, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { StaffwellError } from '../errors.ts';
import { openQualProject } from '../services/qual-project.ts';
import { createWorkspaceApp } from './app.ts';
import { newToken } from './security.ts';
import { defaultWebDir, loadStaticFiles } from './static-files.ts';

export interface ServeOptions {
  projectPath: string;
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

/** Opens the project and serves the workspace on localhost until `close()`. */
export async function serveWorkspace(options: ServeOptions): Promise<RunningWorkspace> {
  const host = options.host ?? '127.0.0.1';
  const project = openQualProject({ path: options.projectPath, keyPath: options.keyPath });
  const token = options.token ?? newToken();
  let port = options.port ?? 0;
  const names = host === '127.0.0.1' || host === 'localhost' ? ['127.0.0.1', 'localhost'] : [host];
  const { app, feed } = createWorkspaceApp({
    project,
    projectPath: options.projectPath,
    token,
    actor: options.actor,
    files: loadStaticFiles(options.webDir ?? defaultWebDir()),
    pollMs: options.pollMs,
    // the port is known once listening; both are read per request
    hosts: () => names.map((h) => `${h}:${port}`),
    cookieName: () => `staffwell_token_${port}`,
  });
  let server: ServerType;
  try {
    server = await new Promise<ServerType>((resolve, reject) => {
      const s = listen({ fetch: app.fetch, port, hostname: host }, () => resolve(s));
      s.once('error', reject);
    });
  } catch (e) {
    feed.close();
    project.close();
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
        feed.close();
        server.close(() => {
          project.close();
          resolve();
        });
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
