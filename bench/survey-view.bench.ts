/**
 * The survey data view's answer for a large file (a script, not a test): `GET /api/survey` reads the whole file
 * once (one streamed pass: kind, missing cells, range, distinct values, labels per column, and the first 20 rows)
 * and sends only that. Times the service behind the route on the benchmark survey, and R reading the same file
 * and summarising every column (`read.csv` + `summary`), which is what a user would otherwise do.
 *
 *   node --import tsx bench/survey-view.bench.ts [rows=1000000] [--runs 5]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { surveyProfile } from '../src/services/survey-profile.ts';
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
