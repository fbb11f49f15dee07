import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { StaffwellError } from '../../errors.ts';

/**
 * `staffwell serve [PROJECT]`: the web workspace on localhost. Prints the URL with its one-time session token and
 * serves until interrupted (Ctrl+C closes the project cleanly). Without a project, a start page opens one of the
 * working directory's projects or creates one there.
 */
export function register(program: Command): void {
  program
    .command('serve')
    .description('open a qualitative project in the web workspace (localhost only, with a session token); without one, a start page that opens or creates a project in this folder')
    .argument('[project]', 'project file, e.g. study.qual.sqlite (none: the start page)')
    .option('--port <n>', 'port to listen on (default: a free one)')
    .option('--key <keyfile>', 'key file (default PROJECT.key.sqlite beside the project, when it exists)')
    .option('--no-key', 'do not attach the key file')
    .option('--actor <name>', 'who you are in the history (default: the user you are logged in as)')
    .option('--folder <dir>', "the folder whose study files and survey data the workspace lists (default: the project's folder); without a project, where the start page lists projects (default: this folder)")
    .option('--open', 'open the URL in the default browser')
    .action(async (path: string | undefined, o: { port?: string; key?: string | false; actor?: string; folder?: string; open?: boolean }) => {
      const port = o.port === undefined ? 0 : Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new StaffwellError('invalid-option', 'the port must be a whole number from 0 to 65535', { field: '--port', value: o.port });
      }
      const { serveWorkspace } = await import('../../server/serve.ts');
      if (path === undefined && typeof o.key === 'string') {
        throw new StaffwellError('usage', '--key needs a project', { field: '--key', value: o.key, hint: 'staffwell serve PROJECT.qual.sqlite --key KEYFILE' });
      }
      if (o.folder !== undefined && !isFolder(o.folder)) {
        throw new StaffwellError('usage', `--folder: "${o.folder}" is not a folder`, { field: '--folder', value: o.folder, hint: 'name an existing folder, e.g. --folder .' });
      }
      const running = await serveWorkspace({ projectPath: path, keyPath: o.key === false ? null : o.key, port, actor: o.actor ?? osUser(), folder: o.folder });
      const what = path === undefined ? `Staffwell start page for the projects in ${o.folder ?? process.cwd()}` : `Staffwell workspace for ${path}`;
      process.stdout.write(`${what}\n\n    ${running.url}\n\nOpen the URL above (it carries this session's token). Ctrl+C stops the server.\n`);
      if (o.open) openInBrowser(running.url);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void running.close().then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function osUser(): string {
  try {
    return userInfo().username || 'researcher';
  } catch {
    return 'researcher';
  }
}

function openInBrowser(url: string): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    spawn(cmd, [url], { stdio: 'ignore', detached: true }).on('error', () => undefined).unref();
  } catch {
    // no browser opener: the URL is printed
  }
}
