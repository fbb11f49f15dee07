/**
 * The issue-3 benchmark: read + 7 scale scores + pairwise alpha per scale + by-site means, on the same file, in
 * Staffwell, pandas and R psych side by side. Not a test: run it by hand and copy the table into BENCHMARKS.md.
 *
 *   npm run build && node --import tsx bench/pipeline.bench.ts [rows=1000000] [--runs 3] [--skip-r]   (npm run bench)
 *
 * Each tool runs in its own process and reports the seconds of its own steps (interpreter start-up and imports
 * excluded for all three); the best of `runs` is kept. pandas runs under Debian's /usr/bin/python3 (package
 * python3-pandas) and R under Rscript (r-base-core, r-cran-psych, r-cran-data.table); a tool that is not
 * installed is reported as such.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { makeBenchData } from './make-data.ts';

const args = process.argv.slice(2);
const rows = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const runs = Number(args[args.indexOf('--runs') + 1] ?? 3) || 3;
const skipR = args.includes('--skip-r');
const label = rows >= 1e6 ? `${rows / 1e6}m` : `${rows / 1e3}k`;
const file = `bench/data/survey-${label}.csv`;
const keys = file.replace(/\.csv$/, '.keys.json');
if (!existsSync(file)) {
  console.error(`generating ${file} ...`);
  makeBenchData(rows, file);
}

interface Timing {
  tool: string;
  read: number;
  scores_alpha: number;
  by_site: number;
  total: number;
  check: number;
}

function run(cmd: string, argv: string[], times: number): Timing | string {
  let best: Timing | undefined;
  for (let i = 0; i < times; i++) {
    let out: string;
    try {
      out = execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 24 });
    } catch (e) {
      return `not run (${cmd}: ${(e as Error).message.split('\n')[0]})`;
    }
    const t = JSON.parse(out.trim().split('\n').pop()!) as Timing;
    if (!best || t.total < best.total) best = t;
  }
  return best!;
}

const results: [string, Timing | string][] = [
  ['staffwell', run(process.execPath, ['bench/pipeline-staffwell.mjs', file, keys], runs)],
  ['pandas', run('/usr/bin/python3', ['bench/pipeline.py', file, keys], runs)],
];
if (!skipR) results.push(['R psych', run('Rscript', ['bench/pipeline.R', file, keys], 1)]);

const sw = results[0][1] as Timing;
const f = (x: number) => x.toFixed(3);
console.log(`\n${rows.toLocaleString('en-GB')} respondents × 50 items, ${file}; ${cpus().length} × ${cpus()[0].model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`);
console.log('| tool | read (s) | scores + alpha (s) | by-site means (s) | total (s) | Staffwell is × faster | demands raw alpha |');
console.log('|---|---|---|---|---|---|---|');
for (const [name, t] of results) {
  if (typeof t === 'string') console.log(`| ${name} | ${t} | | | | | |`);
  else console.log(`| ${t.tool} | ${f(t.read)} | ${f(t.scores_alpha)} | ${f(t.by_site)} | ${f(t.total)} | ${(t.total / sw.total).toFixed(1)} | ${t.check.toFixed(12)} |`);
}
