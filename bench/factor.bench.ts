/**
 * The factor benchmark (issue 12): Staffwell's psych::fa (minres + oblimin), omega, polychoric and fa.parallel
 * against R psych on the same seeded synthetic data (bench/make-factor-data.ts: Likert codes 1–5 from an
 * oblique K-factor model). Each analysis starts from the item columns in memory (reading the file is not timed
 * by either tool) and includes forming the correlations. Staffwell: the compiled package (`npm run build`
 * first), best of `runs` in this process, and the first call in a fresh process (median of `runs` processes:
 * what one CLI invocation pays before V8 has optimised the kernels); R: bench/factor.R, system.time, best of
 * `runs` (R has no such warm-up). Not a test: run it by hand, copy the table into BENCHMARKS.md.
 *
 *   node --import tsx bench/factor.bench.ts [--rows 5000] [--items 30] [--factors 5] [--poly-rows 5000]
 *     [--poly-items 30] [--par-rows 5000] [--par-items 30] [--missing 0] [--runs 5] [--skip-r]
 *     [--skip-poly] [--skip-parallel]
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { makeFactorData } from './make-factor-data.ts';

const argv = process.argv.slice(2);
const opt = (name: string, dflt: number): number => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
};
const rows = opt('rows', 5000);
const items = opt('items', 30);
const factors = opt('factors', 5);
const polyRows = opt('poly-rows', rows);
const polyItems = opt('poly-items', items);
const parRows = opt('par-rows', rows);
const parItems = opt('par-items', items);
const missing = opt('missing', 0);
const runs = opt('runs', 5);
const skipR = argv.includes('--skip-r');
const skipPoly = argv.includes('--skip-poly');
const skipPar = argv.includes('--skip-parallel');

const file = (n: number, p: number): string => {
  const f = `bench/data/factor-${n}x${p}-k${factors}${missing ? `-m${missing}` : ''}.csv`;
  if (!existsSync(f)) {
    console.error(`generating ${f} ...`);
    makeFactorData(n, p, factors, f, missing);
  }
  return f;
};
const faFile = file(rows, items);
const polyFile = file(polyRows, polyItems);
const parFile = file(parRows, parItems);

// The compiled package (typed from the sources, so typechecking does not need a build).
const sw: typeof import('../src/services/factor-analysis.ts') = await import(new URL('../dist/services/factor-analysis.js', import.meta.url).href);
const columnsOf = (p: number): string[] => Array.from({ length: p }, (_, j) => `i${j + 1}`);
const faData = await sw.readItems(faFile, { items: columnsOf(items) });
const polyData = await sw.readItems(polyFile, { items: columnsOf(polyItems) });
const parData = await sw.readItems(parFile, { items: columnsOf(parItems) });

const jobs: Record<string, () => unknown> = {
  fa: () => sw.factorAnalysisJson(faData, { nfactors: factors, fm: 'minres', rotate: 'oblimin' }),
  omega: () => sw.omegaJson(faData, { nfactors: factors, fm: 'minres' }),
  polychoric: () => sw.polychoricJson(polyData),
  parallel: () => sw.parallelJson(parData, { seed: 1, iterations: 20 }),
};
const cold = argv.indexOf('--cold');
if (cold >= 0) {
  // One call in a fresh process: what one CLI invocation pays (V8 has not optimised the kernels yet).
  const t0 = performance.now();
  jobs[argv[cold + 1]]();
  console.log(JSON.stringify({ t: (performance.now() - t0) / 1000 }));
  process.exit(0);
}

/** Best of `runs` in this process, and the first call in a fresh process (the median of `runs` such processes). */
function best<T>(name: string): { t: number; first: number; res: T } {
  let t = Infinity;
  let res!: T;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    res = jobs[name]() as T;
    t = Math.min(t, (performance.now() - t0) / 1000);
  }
  const firsts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = spawnSync(process.execPath, [...process.execArgv, process.argv[1], ...argv, '--cold', name], { encoding: 'utf8' });
    firsts.push(c.status === 0 ? JSON.parse(c.stdout.trim().split('\n').pop()!).t : NaN);
  }
  firsts.sort((a, b) => a - b);
  return { t, first: firsts[Math.floor((firsts.length - 1) / 2)], res };
}

const load = (): string => loadavg().map((x) => x.toFixed(2)).join(' ');
const loads: string[] = [load()];
const s = {
  fa: best<ReturnType<typeof sw.factorAnalysisJson>>('fa'),
  omega: best<ReturnType<typeof sw.omegaJson>>('omega'),
  polychoric: skipPoly ? null : best<ReturnType<typeof sw.polychoricJson>>('polychoric'),
  parallel: skipPar ? null : best<ReturnType<typeof sw.parallelJson>>('parallel'),
};
loads.push(load());

let r: Record<string, number | string> | null = null;
if (!skipR) {
  const res = spawnSync('Rscript', ['bench/factor.R', faFile, String(factors), polyFile, parFile, String(runs), ...(skipPoly ? ['skip-poly'] : []), ...(skipPar ? ['skip-parallel'] : [])], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (res.status !== 0) console.error(`R failed: ${res.stderr}`);
  else r = JSON.parse(res.stdout.trim().split('\n').pop()!);
  loads.push(load());
}

const f = (x: number): string => (x < 0.1 ? x.toFixed(3) : x.toFixed(2));
console.log(`\n${cpus().length} × ${cpus()[0].model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}${r ? `, ${r.R}, psych ${r.psych}, GPArotation ${r.GPArotation} (mc.cores ${r.mc_cores})` : ''}; ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; best of ${runs}; load average (1, 5, 15 min) before Staffwell, before R, after R: ${loads.join(' | ')}\n`);
console.log('| analysis | data | Staffwell first call (s) | Staffwell best (s) | R psych best (s) | psych ÷ Staffwell (first, best) | check (Staffwell / psych) |');
console.log('|---|---|---|---|---|---|---|');
const row = (name: string, data: string, m: { t: number; first: number }, rt: unknown, check: string): void => {
  const rtn = typeof rt === 'number' ? rt : NaN;
  const ratio = Number.isFinite(rtn) ? `${(rtn / m.first).toFixed(1)}×, ${(rtn / m.t).toFixed(1)}×` : '';
  console.log(`| ${name} | ${data} | ${f(m.first)} | ${f(m.t)} | ${Number.isFinite(rtn) ? f(rtn) : 'not run'} | ${ratio} | ${check} |`);
};
const dims = (n: number, p: number): string => `${n.toLocaleString('en-GB')} × ${p}${missing ? `, ${missing * 100}% empty` : ''}`;
const g = (x: unknown): string => (typeof x === 'number' ? x.toFixed(6) : x === undefined ? '–' : String(x));
row(`fa (minres, oblimin, ${factors} factors)`, dims(rows, items), s.fa, r?.fa, `RMSR ${g(s.fa.res.rms)} / ${g(r?.fa_rms)}`);
row(`omega (${factors} group factors, minres)`, dims(rows, items), s.omega, r?.omega, `ω_h ${g(s.omega.res.omega_h)} / ${g(r?.omega_h)}`);
if (s.polychoric) row('polychoric', dims(polyRows, polyItems), s.polychoric, r?.polychoric, `r₁₂ ${g(s.polychoric.res.rho[0][1])} / ${g(r?.poly_r12)}`);
if (s.parallel) row('fa.parallel (fa + pc, 20 iterations, simulated + resampled)', dims(parRows, parItems), s.parallel, r?.parallel, `nfact ${s.parallel.res.nfact} / ${r?.nfact ?? ''}, ncomp ${s.parallel.res.ncomp} / ${r?.ncomp ?? ''}`);
