/**
 * The web workspace as a researcher feels it (a script, not a test): `staffwell serve` on a generated project,
 * driven in Debian's Chromium through playwright-core, each action timed inside the page from the user's input to
 * the frame that shows its result.
 *
 *   npm run build:web && node --import tsx bench/workspace.bench.ts [--runs 30] [--segments 2500] [--profile FILE] [--project FILE]
 *
 * The project: one focus group of 200,000 characters (8 speakers, ~1,000 turns) with `--segments` codings by
 * 3 coders over 30 codes, plus 19 interviews of 60,000 characters with as many codings again. Timed (median and
 * 95th percentile over `--runs` repetitions, ms):
 *   - open the focus group from the document list until its text is painted with its coded highlights;
 *   - apply a code to a selected turn by keyboard (key 1) until the new highlight is painted;
 *   - undo it (Ctrl+Z) until the highlight is gone;
 *   - retrieval of one code's segments (the view, and the API call alone);
 *   - keyword-in-context search (the view, and the API call alone).
 * `--project FILE` keeps the generated project there (and reuses it when it exists: generating takes ~20 s);
 * `--profile FILE` writes a CPU profile of the apply/undo runs. "Painted" is the first task after the frame that follows the DOM change (requestAnimationFrame, then a
 * message-channel task), so it includes style, layout and paint of that frame.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, loadavg, cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { createProject, openProject } from '../src/qual/open-project.ts';
import { serveWorkspace } from '../src/server/serve.ts';
import { browserSkip, launch } from '../test/e2e/browser.ts';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '30' }, segments: { type: 'string', default: '2500' }, profile: { type: 'string' }, project: { type: 'string' } } });
const RUNS = Number(args.runs);
const SEGMENTS = Number(args.segments);
const skip = browserSkip();
if (skip) {
  console.error(`cannot run: ${skip}`);
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'staffwell-bench-ws-'));
const path = args.project ?? join(dir, 'bench.qual.sqlite');
const t0 = performance.now();
const { focusId, codeIds } = existsSync(path) ? await existing(path) : await generate(path);
console.log(`project ready in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${path}`);

const ws = await serveWorkspace({ projectPath: path, actor: 'Bench', pollMs: 300 });
const { browser, close } = await launch();
const results: { label: string; ms: number[] }[] = [];
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  // tsx keeps function names with a `__name` helper, which functions sent to the page then call
  await context.addInitScript('globalThis.__name = (f) => f;');
  // the probe goes in through the debugging protocol (page.evaluate), which the page's CSP does not block
  const probeSource = readFileSync(new URL('./workspace-probe.js', import.meta.url), 'utf8');
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(ws.url);
  await page.getByRole('heading', { name: 'Documents' }).waitFor();
  await page.evaluate(probeSource);

  // 1. open the focus group from the document list until painted with highlights
  const open: number[] = [];
  for (let i = 0; i < RUNS + 2; i++) {
    await page.evaluate(() => probe().go('#/documents'));
    await page.locator('table.grid tbody tr').first().waitFor();
    const ms = await page.evaluate((id) => probe().open(id), focusId);
    if (i >= 2) open.push(ms); // two warm-up runs (code loading, JIT)
  }
  results.push({ label: 'open 200,000-char transcript → painted with highlights', ms: open });

  // 2. apply a code by keyboard (1) to a selected turn; 3. undo (Ctrl+Z)
  const apply: number[] = [];
  const undo: number[] = [];
  await page.evaluate(() => probe().go(''));
  await page.evaluate((id) => probe().open(id), focusId);
  await page.locator('.reader').focus();
  const cdp = args.profile ? await context.newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  for (let i = 0; i < RUNS + 2; i++) {
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    await page.locator('.selbar .quote').waitFor();
    const before = await page.evaluate(() => probe().ranges());
    await page.evaluate(() => probe().armKey('1'));
    await page.keyboard.press('1');
    const a = await page.evaluate((n) => probe().untilRanges(true, n), before);
    await page.evaluate(() => probe().armKey('z'));
    await page.keyboard.press('Control+z');
    const u = await page.evaluate((n) => probe().untilRanges(false, n), before);
    if (i >= 2) {
      apply.push(a);
      undo.push(u);
    }
  }
  if (cdp) {
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(args.profile!, JSON.stringify(profile));
    console.log(`CPU profile of the apply/undo runs (open in Chromium's DevTools): ${args.profile}`);
    printTopFunctions(profile);
  }
  results.push({ label: 'apply a code by keyboard → highlight painted', ms: apply });
  results.push({ label: 'undo (Ctrl+Z) → highlight gone', ms: undo });

  // 4. retrieval of one code's segments; 5. KWIC search
  const retrieval: number[] = [];
  const retrievalApi: number[] = [];
  const kwic: number[] = [];
  const kwicApi: number[] = [];
  const words = ['rota', 'handover', 'support', 'manager', 'break', 'tired', 'patients', 'shift'];
  for (let i = 0; i < RUNS + 2; i++) {
    const code = codeIds[i % codeIds.length];
    await page.evaluate(() => probe().go('#/documents'));
    await page.locator('table.grid tbody tr').first().waitFor();
    const r = await page.evaluate((c) => probe().view(`#/retrieval?code=${c}`, 'retrieval'), code);
    const ra = await page.evaluate((c) => probe().fetchMs(`/api/segments?code=${c}`), code);
    const w = words[i % words.length];
    const k = await page.evaluate((q) => probe().view(`#/search?q=${q}`, 'search'), w);
    const ka = await page.evaluate((q) => probe().fetchMs(`/api/kwic?q=${q}&context=50&limit=500`), w);
    if (i >= 2) {
      retrieval.push(r);
      retrievalApi.push(ra);
      kwic.push(k);
      kwicApi.push(ka);
    }
  }
  const perCode = Math.round((SEGMENTS * 2) / codeIds.length);
  results.push({ label: `retrieval of one code (~${perCode} segments) → list painted`, ms: retrieval });
  results.push({ label: '  of which GET /api/segments?code=', ms: retrievalApi });
  results.push({ label: 'KWIC search (≤ 500 hits) → table painted', ms: kwic });
  results.push({ label: '  of which GET /api/kwic', ms: kwicApi });
  if (errors.length) console.error('page errors:', errors);
} finally {
  await close();
  await ws.close();
  rmSync(dir, { recursive: true, force: true });
}

const q = (ms: number[], p: number) => [...ms].sort((a, b) => a - b)[Math.min(ms.length - 1, Math.floor(ms.length * p))];
console.log(`\n${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model.trim()} · load ${loadavg().map((x) => x.toFixed(2)).join(' ')} · ${RUNS} runs`);
console.log('| action | median | p95 |\n|---|---|---|');
for (const r of results) console.log(`| ${r.label} | ${q(r.ms, 0.5).toFixed(0)} ms | ${q(r.ms, 0.95).toFixed(0)} ms |`);

/** The functions with the most self time in a CPU profile (a quick look; DevTools shows the rest). */
function printTopFunctions(profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples?: number[]; timeDeltas?: number[] }): void {
  const self = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) self.set(samples[i], (self.get(samples[i]) ?? 0) + (deltas[i] ?? 0) / 1000);
  const byName = new Map<string, number>();
  for (const n of profile.nodes) {
    const f = n.callFrame;
    const name = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\//, '')}:${f.lineNumber + 1}`;
    byName.set(name, (byName.get(name) ?? 0) + (self.get(n.id) ?? 0));
  }
  for (const [name, ms] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${ms.toFixed(0).padStart(7)} ms  ${name}`);
}

/** A project made by an earlier run (`--project`). */
async function existing(file: string): Promise<{ focusId: string; codeIds: string[] }> {
  const project = openProject(file);
  try {
    const docs = await project.store.listDocuments();
    const codes = await project.store.listCodes();
    return { focusId: docs.find((d) => d.name === 'focus-group-01.vtt')!.id, codeIds: codes.map((c) => c.id) };
  } finally {
    project.close();
  }
}

/** The focus group and the interviews, written in one batch each, through the ordinary commands. */
async function generate(file: string): Promise<{ focusId: string; codeIds: string[] }> {
  const project = await createProject(file, { actor: 'generator', name: 'Workspace benchmark' });
  try {
    const s = project.as('generator');
    let seed = 11;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const vocabulary = 'the staff rota handover patients team shift support manager ward break tired night cover we they it was and but so really felt time'.split(' ');
    const codes = await s.apply({
      type: 'batch',
      commands: Array.from({ length: 30 }, (_, c) => ({ type: 'code.create' as const, name: `Code ${String(c + 1).padStart(2, '0')}` })),
    });
    const codeIds = (codes.results as { id: string }[]).map((c) => c.id);
    const makeDoc = (name: string, length: number, speakers: string[]) => {
      let text = '';
      const turns = [];
      for (let k = 0; text.length < length; k++) {
        if (text) text += '\n\n';
        const speaker = speakers[k % 2 ? 1 + Math.floor(rand() * (speakers.length - 1)) : 0];
        text += `${speaker}: `;
        const start = text.length;
        const n = 15 + Math.floor(rand() * 50);
        for (let w = 0; w < n; w++) text += (w ? ' ' : '') + vocabulary[Math.floor(rand() * vocabulary.length)];
        text += '.';
        turns.push({ speaker, participantId: speaker === speakers[0] ? null : speaker, start, end: text.length, startMs: k * 9000, endMs: k * 9000 + 8000 });
      }
      return { type: 'document.import' as const, document: { name, text, format: 'vtt' }, turns, redactions: [] };
    };
    const focus = makeDoc('focus-group-01.vtt', 200_000, ['Facilitator', 'P01', 'P02', 'P03', 'P04', 'P05', 'P06', 'P07']);
    const interviews = Array.from({ length: 19 }, (_, d) => makeDoc(`interview-${String(d + 2).padStart(2, '0')}.vtt`, 60_000, ['Interviewer', `P${String(d + 10).padStart(2, '0')}`]));
    const docs = (await s.apply({ type: 'batch', commands: [focus, ...interviews] })).results as { id: string }[];
    const lengths = [focus, ...interviews].map((d) => d.document.text.length);
    const coders = ['Coder A', 'Coder B', 'Coder C'];
    const segment = (d: number) => {
      const start = Math.floor(rand() * (lengths[d] - 400));
      return { type: 'segment.create' as const, documentId: docs[d].id, codeId: codeIds[Math.floor(rand() * codeIds.length)], start, end: start + 40 + Math.floor(rand() * 300), coder: coders[Math.floor(rand() * 3)] };
    };
    await s.apply({ type: 'batch', commands: Array.from({ length: SEGMENTS }, () => segment(0)) });
    await s.apply({ type: 'batch', commands: Array.from({ length: SEGMENTS }, () => segment(1 + Math.floor(rand() * 19))) });
    return { focusId: docs[0].id, codeIds };
  } finally {
    project.close();
  }
}

/** What bench/workspace-probe.js puts in the page (as `probe()`). */
interface Probe {
  go(hash: string): void;
  open(id: string): Promise<number>;
  ranges(): number;
  armKey(key: string): void;
  untilRanges(more: boolean, than: number): Promise<number>;
  view(hash: string, ready: 'retrieval' | 'search'): Promise<number>;
  fetchMs(url: string): Promise<number>;
}
declare function probe(): Probe;
