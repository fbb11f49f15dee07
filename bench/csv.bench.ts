/**
 * CSV ingest benchmark (a script, not a test): `node --import tsx bench/csv.bench.ts [rows | file.csv] [runs]`.
 *
 * Generates (seeded) a rows × (id, site, q1..q50) CSV with Likert values 1–5 and about 2% empty fields into
 * bench/data/ (gitignored) if absent, then times readCsv single-threaded and the parallel task scan (a trivial
 * per-column sum task) and prints MB/s.
 */
import { closeSync, existsSync, mkdirSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { readCsv } from '../src/data/csv.ts';
import { scanCsvParallel, scanCsvTask } from '../src/data/scan-parallel.ts';
import { createTask, mergeSums, type SumState } from './csv-sum-task.ts';
import { createRng } from '../scripts/random.ts';

const arg = process.argv[2] ?? '1000000';
const given = /\.csv$/i.test(arg);
const rows = given ? NaN : Number(arg);
const runs = Number(process.argv[3] ?? 3);
const items = 50;
const here = dirname(fileURLToPath(import.meta.url));
const file = given ? arg : join(here, 'data', `survey-${rows}x${items}.csv`);

/** Seeded uniforms (mulberry32, as the demo data): the same data on every run. */
const mulberry32 = (seed: number): (() => number) => createRng(seed).uniform;

function generate(): void {
  mkdirSync(dirname(file), { recursive: true });
  const rand = mulberry32(20261122);
  const sites = ['North', 'South', 'East', 'West', 'Central', 'Community', 'Mental Health', 'Acute'];
  const fd = openSync(file + '.part', 'w');
  let out = 'id,site,' + Array.from({ length: items }, (_, i) => `q${i + 1}`).join(',') + '\n';
  for (let r = 0; r < rows; r++) {
    let line = `${r + 1},${sites[Math.floor(rand() * sites.length)]}`;
    const level = rand() * 2;
    for (let i = 0; i < items; i++) {
      line += rand() < 0.02 ? ',' : ',' + Math.min(5, Math.max(1, Math.round(1 + level + rand() * 2.5)));
    }
    out += line + '\n';
    if (out.length > 1 << 20) {
      writeSync(fd, out);
      out = '';
    }
  }
  writeSync(fd, out);
  closeSync(fd);
  renameSync(file + '.part', file); // only when complete
}

if (!existsSync(file)) {
  const t0 = performance.now();
  generate();
  console.log(`generated ${file} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
const mb = statSync(file).size / 1e6;
console.log(`file: ${file}, ${mb.toFixed(1)} MB`);

/** Wall time and MB/s, plus process CPU time (all threads): on a shared machine CPU time is the steadier number. */
function report(label: string, ms: number, cpu: NodeJS.CpuUsage): void {
  const cpuS = (cpu.user + cpu.system) / 1e6;
  console.log(
    `${label.padEnd(40)} wall ${(ms / 1000).toFixed(2)} s = ${(mb / (ms / 1000)).toFixed(0).padStart(3)} MB/s   ` +
      `cpu ${cpuS.toFixed(2)} s = ${(mb / cpuS).toFixed(0).padStart(3)} MB/s per core-second`,
  );
}
console.log(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} on ${availableParallelism()} cores`);

const taskModule = new URL('./csv-sum-task.ts', import.meta.url);
for (let run = 1; run <= runs; run++) {
  let t0 = performance.now();
  let c0 = process.cpuUsage();
  const t = readCsv(file);
  report(`readCsv (1 thread) run ${run}`, performance.now() - t0, process.cpuUsage(c0));
  const q1 = t.columns[2];
  if (q1.kind === 'number') {
    let s = 0;
    let n = 0;
    for (const x of q1.values) if (x === x) (s += x), n++;
    if (run === 1) console.log(`  mean(q1) = ${(s / n).toFixed(5)} over ${n} values`);
  }
  t0 = performance.now();
  c0 = process.cpuUsage();
  const seq = scanCsvTask(file, {}, createTask, null);
  report(`scanCsvTask sum (1 thread) run ${run}`, performance.now() - t0, process.cpuUsage(c0));
  t0 = performance.now();
  c0 = process.cpuUsage();
  const par = await scanCsvParallel<SumState>(file, {}, { module: taskModule, args: null }, mergeSums, { workers: 2 });
  report(`scanCsvParallel sum (2 threads) run ${run}`, performance.now() - t0, process.cpuUsage(c0));
  if (par.sums[0] !== seq.sums[0] || par.counts[0] !== seq.counts[0]) throw new Error('parallel and sequential sums differ');
}
