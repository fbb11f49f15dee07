/**
 * The survey data view's answer for a large file (a script, not a test): `GET /api/survey` reads the whole file
 * once (one streamed pass: kind, missing cells, range, distinct values, labels per column, and the first 20 rows)
 * and sends only that. Times the service behind the route on the benchmark survey, in the thread and as the route
 * runs it (in a worker thread, survey-profile-thread.ts), with the longest time the calling thread's event loop
 * was held (what every other request waits), and R reading the same file and summarising every column
 * (`read.csv` + `summary`), which is what a user would otherwise do.
 *
 *   node --import tsx bench/survey-view.bench.ts [rows=1000000] [--runs 5]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { surveyProfile } from '../src/services/survey-profile.ts';
import { surveyProfileOffThread } from '../src/server/survey-profile-thread.ts';
import { makeBenchData } from './make-data.ts';

const { values: args, positionals } = parseArgs({ options: { runs: { type: 'string', default: '5' } }, allowPositionals: true });
const rows = Number(positionals[0] ?? 1_000_000);
const runs = Number(args.runs);
const data = join('bench', 'data', `survey-${rows >= 1e6 ? `${rows / 1e6}m` : rows}.csv`);
if (!existsSync(data)) makeBenchData(rows, data);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const staffwell: number[] = [];
let rss = 0;
for (let i = 0; i < runs + 1; i++) {
  const t = performance.now();
  const p = await surveyProfile(data, {});
  const ms = performance.now() - t;
  if (i > 0) staffwell.push(ms); // one warm-up
  rss = Math.max(rss, process.memoryUsage().rss);
  if (i === 0) console.log(`${p.rows.toLocaleString('en')} rows × ${p.columns.length} columns`);
}

/** `f`'s time and the longest stretch the event loop was held meanwhile (a 5 ms timer's gaps). */
async function held(f: () => Promise<unknown>): Promise<{ ms: number; stall: number }> {
  let last = performance.now();
  let stall = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    last = now;
  }, 5);
  const t = performance.now();
  await f();
  const end = performance.now();
  clearInterval(timer);
  return { ms: end - t, stall: Math.max(stall, end - last) };
}
const inThread: { ms: number; stall: number }[] = [];
const offThread: { ms: number; stall: number }[] = [];
for (let i = 0; i < runs + 1; i++) {
  const a = await held(() => surveyProfile(data, {}));
  const b = await held(() => surveyProfileOffThread(data, {}));
  if (i > 0) inThread.push(a), offThread.push(b);
}

let r: number[] | string = 'R not installed';
if (spawnSync('Rscript', ['--version']).status === 0) {
  const script = join(tmpdir(), 'staffwell-survey-view.R');
  writeFileSync(script, `args <- commandArgs(TRUE); t <- Sys.time(); d <- read.csv(args[1]); s <- summary(d); h <- head(d, 20); cat(as.numeric(Sys.time() - t, units = "secs") * 1000)`);
  r = [];
  for (let i = 0; i < Math.min(runs, 3); i++) r.push(Number(execFileSync('Rscript', [script, data], { encoding: 'utf8' })));
}

console.log(`\n${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model.trim()} · load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
console.log('| file | Staffwell /api/survey (median) | peak RSS | R read.csv + summary + head |\n|---|---|---|---|');
console.log(`| ${data} | ${(median(staffwell) / 1000).toFixed(2)} s | ${(rss / 2 ** 20).toFixed(0)} MB | ${typeof r === 'string' ? r : `${(median(r) / 1000).toFixed(2)} s`} |`);
console.log('\n| the profile | time (median) | event loop held (median of the longest) |\n|---|---|---|');
for (const [what, xs] of [['in the thread', inThread], ['in a worker thread (the route)', offThread]] as const)
  console.log(`| ${what} | ${(median(xs.map((x) => x.ms)) / 1000).toFixed(2)} s | ${median(xs.map((x) => x.stall)).toFixed(0)} ms |`);
