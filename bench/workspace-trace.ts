/**
 * Where the browser's time goes while coding (a script, not a test): Chromium's own trace of `--cycles` rounds of
 * "next turn, select it, key 1, Ctrl+Z" on the focus group of a project made by `workspace.bench.ts --project FILE`,
 * summed by rendering phase. Unlike the timings of workspace.bench.ts, these sums are work done, so they compare
 * two versions fairly on a machine shared with other jobs.
 *
 *   npm run build:web && node --import tsx bench/workspace-trace.ts --project FILE [--cycles 8]
 *
 * Phases: UpdateLayoutTree (style recalculation), Layout, PrePaint, Paint, and FunctionCall (the page's scripts).
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openProject } from '../src/qual/open-project.ts';
import { serveWorkspace } from '../src/server/serve.ts';
import { launch } from '../test/e2e/browser.ts';

const { values: args } = parseArgs({ options: { project: { type: 'string' }, cycles: { type: 'string', default: '8' } } });
if (!args.project || !existsSync(args.project)) {
  console.error('usage: node --import tsx bench/workspace-trace.ts --project FILE (made by bench/workspace.bench.ts --project FILE)');
  process.exit(2);
}
const PHASES = ['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'FunctionCall'];

const project = openProject(args.project);
const focusId = (await project.store.listDocuments()).find((d) => d.name === 'focus-group-01.vtt')?.id;
project.close();
if (!focusId) throw new Error(`${args.project} has no focus-group-01.vtt: make it with bench/workspace.bench.ts --project`);

const ws = await serveWorkspace({ projectPath: args.project, actor: 'Bench', pollMs: 300 });
const { browser, close } = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(ws.url);
  await page.getByRole('heading', { name: 'Documents' }).waitFor();
  await page.goto(`http://127.0.0.1:${ws.port}/#/document/${focusId}`);
  await page.locator('.turn-text').first().waitFor();
  await page.waitForTimeout(1500);
  await page.locator('.reader').focus();
  const cdp = await context.newCDPSession(page);
  // the tracing domain's events are not in playwright-core's typed list
  const events = cdp as unknown as { on(e: 'Tracing.dataCollected', f: (x: { value: { name: string; ph: string; dur?: number }[] }) => void): void; once(e: 'Tracing.tracingComplete', f: () => void): void };
  const sums = new Map<string, number>();
  events.on('Tracing.dataCollected', (e) => {
    for (const x of e.value) if (x.ph === 'X' && x.dur) sums.set(x.name, (sums.get(x.name) ?? 0) + x.dur / 1000);
  });
  const complete = new Promise<void>((resolve) => events.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] } });
  for (let i = 0; i < Number(args.cycles); i++) {
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    await page.locator('.selbar .quote').waitFor();
    await page.waitForTimeout(200);
    await page.keyboard.press('1');
    await page.waitForTimeout(400);
    await page.keyboard.press('Control+z');
    await page.waitForTimeout(400);
  }
  await cdp.send('Tracing.end');
  await complete;
  console.log(`${new Date().toISOString()} · ${args.cycles} cycles · ${PHASES.map((p) => `${p} ${(sums.get(p) ?? 0).toFixed(0)} ms`).join(' · ')}`);
} finally {
  await close();
  await ws.close();
}
