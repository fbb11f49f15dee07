/**
 * Browser tests' helpers: Debian's chromium driven by playwright-core (no browser download), a workspace served
 * over the demo project in a temp folder, screenshots under test/e2e/screenshots/ (gitignored; look at them),
 * and an axe-core accessibility check. Tests skip when chromium is absent, unless STAFFWELL_REQUIRE_BROWSER=1.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type FileChooser, type Page } from 'playwright-core';
import { runQualDemo } from '../../src/demo/qual-demo.ts';
import { serveWorkspace, type RunningWorkspace } from '../../src/server/serve.ts';

export const CHROMIUM = process.env.STAFFWELL_CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const WEB = fileURLToPath(new URL('../../dist/web/', import.meta.url));

/** Why browser tests cannot run here (undefined: they can); with STAFFWELL_REQUIRE_BROWSER=1 a reason is an error. */
export function browserSkip(): string | undefined {
  const reason = !existsSync(CHROMIUM) ? `no chromium at ${CHROMIUM}` : !existsSync(join(WEB, 'index.html')) ? 'the front end is not built (npm run build)' : undefined;
  if (reason && process.env.STAFFWELL_REQUIRE_BROWSER === '1') throw new Error(`browser tests required but ${reason}`);
  return reason;
}

/** Chromium with a fresh profile (playwright makes a new temporary user-data-dir for every launch). */
export async function launch(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

export interface DemoWorkspace extends RunningWorkspace {
  dir: string;
  projectPath: string;
  origin: string;
  stop(): Promise<void>;
}

/**
 * The bundled demo project (or the one `build` makes in the folder, returning its path), in a temp folder, served
 * on a free port; `prepare` changes the project first.
 */
export async function demoWorkspace(options: { actor?: string; prepare?: (projectPath: string) => Promise<void>; build?: (dir: string) => Promise<string> } = {}): Promise<DemoWorkspace> {
  const dir = mkdtempSync(join(tmpdir(), 'staffwell-e2e-'));
  const projectPath = options.build ? await options.build(dir) : (await runQualDemo({ outDir: dir, log: () => undefined })).project;
  await options.prepare?.(projectPath);
  const running = await serveWorkspace({ projectPath, actor: options.actor ?? 'Researcher', pollMs: 300 });
  return {
    ...running,
    dir,
    projectPath,
    origin: `http://127.0.0.1:${running.port}`,
    stop: async () => {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core on the page as it stands (run through the debugging protocol, so the page's CSP does not block it). */
export async function axeViolations(page: Page, impacts: readonly string[] = ['critical']): Promise<{ id: string; impact: string; help: string; nodes: string[] }[]> {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run((globalThis as unknown as { document: unknown }).document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
  return result.filter((v) => impacts.includes(v.impact));
}

/** Polls `check` every 50 ms until it holds; throws naming `what` after `ms`. */
export async function waitFor(check: () => Promise<boolean>, what: string, ms = 8000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error(`timed out waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Presses Tab until the focused control is `label` (a button's text or a select's label). */
export async function tabTo(page: Page, label: string, most = 100): Promise<void> {
  for (let i = 0; i < most; i++) {
    await page.keyboard.press('Tab');
    const at = await page.evaluate(() => {
      const el = (globalThis as unknown as { document: { activeElement: { textContent: string; tagName: string; closest(s: string): { textContent: string } | null } | null } }).document.activeElement;
      return el?.tagName === 'SELECT' ? (el.closest('label')?.textContent ?? '') : (el?.textContent ?? '');
    });
    if (at.trim().startsWith(label)) return;
  }
  throw new Error(`no control "${label}" reached by Tab`);
}

/**
 * The demo workspace open in a fresh 1400×900 page, with the page's errors collected (and, if asked, console errors
 * and the messages of dialogs, which are accepted); the browser and the server stop when the test ends.
 */
/**
 * The file choosers a page opens, queued from now on. Playwright turns on its file-chooser interception only when a
 * listener is added, without waiting for the browser to confirm, so `waitForEvent('filechooser')` added just before
 * a key press can lose the race (it did, about one run in six). Call this before the page loads; `next()` waits for
 * the next chooser.
 */
export function fileChoosers(page: Page): { next(ms?: number): Promise<FileChooser> } {
  const queued: FileChooser[] = [];
  const waiting: ((c: FileChooser) => void)[] = [];
  page.on('filechooser', (c) => {
    const w = waiting.shift();
    if (w) w(c);
    else queued.push(c);
  });
  return {
    next(ms = 10_000) {
      const c = queued.shift();
      if (c) return Promise.resolve(c);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no file chooser opened within ${ms} ms`)), ms);
        waiting.push((x) => (clearTimeout(timer), resolve(x)));
      });
    },
  };
}

export async function demoPage(
  t: { after(fn: () => unknown): void },
  options: { consoleErrors?: boolean; acceptDialogs?: boolean; prepare?: (projectPath: string) => Promise<void>; build?: (dir: string) => Promise<string> } = {},
): Promise<{ ws: DemoWorkspace; page: Page; errors: string[]; dialogs: string[] }> {
  const ws = await demoWorkspace({ prepare: options.prepare, build: options.build });
  t.after(() => ws.stop());
  const { browser, close } = await launch();
  t.after(close);
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  if (options.consoleErrors) page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const dialogs: string[] = [];
  if (options.acceptDialogs) page.on('dialog', (d) => (dialogs.push(d.message()), void d.accept()));
  return { ws, page, errors, dialogs };
}
