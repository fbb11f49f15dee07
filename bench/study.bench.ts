/**
 * The study benchmark (issue 14): `staffwell run` on a PALS-shaped study (bench/make-study-data.ts: describe by
 * site, reliability of every scale, prevalence of GHQ caseness against a norm, two group comparisons, a
 * correlation matrix, a linear and a logistic regression) against `staffwell reliability` alone on the same file,
 * pandas + scipy + statsmodels (bench/study.py) and R psych + stats (bench/study.R) doing the same analyses. Whole
 * processes, wall-clock seconds, CPU seconds (user + sys) and peak memory (/usr/bin/time), interleaved, best of `runs`; the load average
 * before each round is printed (the machine is shared). Not a test: run it by hand, copy the table into
 * BENCHMARKS.md.
 *
 *   node --import tsx bench/study.bench.ts [rows=1000000] [--runs 3] [--skip-r] [--skip-python] [--only-staffwell]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { makeStudyData, writeStudy } from './make-study-data.ts';

const args = process.argv.slice(2);
const rows = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const runs = Number(args[args.indexOf('--runs') + 1] ?? 3) || 3;
const only = args.includes('--only-staffwell');
const skipR = only || args.includes('--skip-r');
const skipPy = only || args.includes('--skip-python');
const label = rows >= 1e6 ? `${rows / 1e6}m` : `${rows / 1e3}k`;
const file = `bench/data/pals-${label}.csv`;
if (!existsSync(file)) {
  console.error(`generating ${file} ...`);
  makeStudyData(rows, file);
}
const { study, keys } = writeStudy(file);
const out = mkdtempSync(join(tmpdir(), 'sw-study-bench-'));

interface Run {
  wall: number;
  /** user + sys CPU seconds (less noisy than wall on a shared machine). */
  cpu: number;
  maxKb: number;
  stdout: string;
  stderr: string;
}

/** Runs a whole process under /usr/bin/time: wall seconds, peak resident memory, its output. */
function run(cmd: string, argv: string[]): Run | string {
  const tf = join(out, `time-${Math.random().toString(36).slice(2)}.txt`);
  const r = spawnSync('/usr/bin/time', ['-o', tf, '-f', '%e %M %U %S', cmd, ...argv], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  if (r.status !== 0) return `not run (${cmd}: ${(r.stderr || String(r.error)).split('\n').slice(0, 3).join(' ')})`;
  const [wall, kb, user, sys] = readFileSync(tf, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  return { wall, cpu: user + sys, maxKb: kb, stdout: r.stdout, stderr: r.stderr };
}

const tools: { name: string; cmd: string; argv: string[]; times: number }[] = [
  { name: '`staffwell reliability` alone (every scale of the study)', cmd: process.execPath, argv: ['bin/staffwell.js', 'reliability', file, '--scales', keys, '--json'], times: runs },
  { name: '`staffwell run` (the whole study)', cmd: process.execPath, argv: ['bin/staffwell.js', 'run', study, '--out', out, '--explain', '--scored', 'none'], times: runs },
];
if (!skipPy) tools.push({ name: 'pandas + scipy + statsmodels', cmd: '/usr/bin/python3', argv: ['bench/study.py', file], times: runs });
if (!skipR) tools.push({ name: 'R psych + stats', cmd: 'Rscript', argv: ['bench/study.R', file], times: 1 });

const best = new Map<string, Run | string>();
/** Least CPU time per tool over its runs (not necessarily the best wall run's). */
const bestCpu = new Map<string, number>();
const loads: string[] = [];
for (let round = 0; round < runs; round++) {
  loads.push(loadavg().map((x) => x.toFixed(2)).join(' '));
  for (const t of tools) {
    if (round >= t.times) continue;
    const r = run(t.cmd, t.argv);
    const b = best.get(t.name);
    if (typeof r === 'string') best.set(t.name, b ?? r);
    else if (!b || typeof b === 'string' || r.wall < b.wall) best.set(t.name, r);
    if (typeof r !== 'string') bestCpu.set(t.name, Math.min(bestCpu.get(t.name) ?? Infinity, r.cpu));
    process.stderr.write(`${t.name}: ${typeof r === 'string' ? r : `${r.wall} s (CPU ${r.cpu.toFixed(2)} s), ${Math.round(r.maxKb / 1024)} MB`}\n`);
  }
}

const runBest = best.get(tools[1].name);
const relBest = best.get(tools[0].name);
console.log(`\n${rows.toLocaleString('en-GB')} respondents × 50 columns, ${file}; ${cpus().length} × ${cpus()[0].model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${new Date().toISOString().slice(0, 10)}; best of ${runs} (R: one run); load average before each round: ${loads.join(' | ')}\n`);
console.log('| tool | wall (s) | CPU user+sys (s) | peak memory (MB) | × `staffwell run` |');
console.log('|---|---|---|---|---|');
for (const t of tools) {
  const r = best.get(t.name)!;
  if (typeof r === 'string') console.log(`| ${t.name} | ${r} | | | |`);
  else console.log(`| ${t.name} | ${r.wall.toFixed(2)} | ${bestCpu.get(t.name)!.toFixed(2)} | ${Math.round(r.maxKb / 1024)} | ${typeof runBest === 'object' ? (r.wall / runBest.wall).toFixed(2) : ''} |`);
}
if (typeof runBest === 'object') {
  if (typeof relBest === 'object') console.log(`\n\`run\` / \`reliability\`: ${(runBest.wall / relBest.wall).toFixed(2)} wall, ${(bestCpu.get(tools[1].name)! / bestCpu.get(tools[0].name)!).toFixed(2)} CPU`);
  console.log(`\n\`staffwell run --explain\` (best run):\n${runBest.stderr.trim()}`);
  for (const t of tools.slice(2)) {
    const r = best.get(t.name);
    if (typeof r === 'object') {
      const inner = JSON.parse(r.stdout.trim().split('\n').pop()!);
      console.log(`${t.name}: in-script seconds ${JSON.stringify(inner)}`);
    }
  }
}
