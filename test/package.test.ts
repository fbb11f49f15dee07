/**
 * The package as a user meets it: `npm pack` (which builds dist/ through `prepare`), the tarball installed into an
 * empty folder, then (a) `npx staffwell demo`, (b) the library from a plain .mjs file, checked against R, with a
 * parallel scan whose workers start from the compiled files, and (c) a TypeScript consumer type-checked against
 * the shipped .d.ts.
 *
 * The install is offline: the consumer gets a lockfile made from this project's (the same versions `npm ci`
 * installed here, so every tarball is in npm's cache) and `npm ci --offline --ignore-scripts` installs it; the one
 * native addon, better-sqlite3, is given the binary this project's install built (same version, same Node), as
 * compiling SQLite would take minutes.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expectClose } from './helpers/expect-close.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const R = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/r/cli-demo.json'), 'utf8'));

/** The environment of a command run as a user would run it (not as a child of the test runner). */
function userEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  delete env.NODE_TEST_CONTEXT;
  return env;
}

function run(cmd: string, args: string[], cwd: string, options: SpawnSyncOptions = {}): string {
  const r = spawnSync(cmd, args, { cwd, env: userEnv(), encoding: 'utf8', maxBuffer: 1 << 26, ...options });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')} (in ${cwd}) exited with ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return String(r.stdout);
}

interface LockEntry {
  version?: string;
  dev?: boolean;
  dependencies?: Record<string, string>;
}

/** The consumer's package.json and lockfile: staffwell from the tarball, its dependencies as this project has them. */
function consumerProject(dir: string, tarball: string): void {
  const own = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const packages: Record<string, unknown> = {};
  // Everything staffwell needs at run time is what this project installs as non-dev, where it installs it.
  for (const [path, entry] of Object.entries(lock.packages)) if (path !== '' && !entry.dev) packages[path] = entry;
  // @types/node (and what it needs) for the TypeScript consumer.
  const types = ['node_modules/@types/node'];
  for (let i = 0; i < types.length; i++) {
    const entry = lock.packages[types[i]];
    packages[types[i]] = entry;
    for (const d of Object.keys(entry.dependencies ?? {})) {
      const nested = `${types[i]}/node_modules/${d}`;
      const path = lock.packages[nested] ? nested : `node_modules/${d}`;
      if (!types.includes(path)) types.push(path);
    }
  }
  const typesNode = lock.packages['node_modules/@types/node'].version!;
  const manifest = {
    name: 'consumer',
    private: true,
    type: 'module',
    dependencies: { staffwell: `file:${tarball}` },
    devDependencies: { '@types/node': typesNode },
  };
  packages[''] = { name: 'consumer', dependencies: manifest.dependencies, devDependencies: manifest.devDependencies };
  packages['node_modules/staffwell'] = {
    version: own.version,
    resolved: `file:${tarball}`,
    license: own.license,
    dependencies: own.dependencies,
    bin: own.bin,
    engines: own.engines,
  };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ name: 'consumer', lockfileVersion: 3, requires: true, packages }, null, 2));
}

const LIBRARY_USER = `
import { readFileSync } from 'node:fs';
import * as staffwell from 'staffwell';
import { readTable, reliability, parseKeys, scanSurvey, surveyColumns, reliabilityValue } from 'staffwell';

const [survey, keysFile] = process.argv.slice(2);
const keys = parseKeys(readFileSync(keysFile, 'utf8'), keysFile);
const read = { missing: { all: ['-99'] } };
const table = await readTable(survey, read);
const value = reliability(table, keys, { min: 1, max: 5 });
// The same scales through the survey scan, split over 2 threads: the worker runs the compiled scan-worker.js.
const { columns, types } = await surveyColumns(survey, keys, {}, read);
const state = await scanSurvey(survey, { keys, reliability: { min: 1, max: 5 } }, { read: { ...read, columns, types }, workers: 2, parallelMinBytes: 0 });
const parallel = reliabilityValue(state.reliability, keysFile);
console.log(JSON.stringify({
  scales: value.scales.map((s) => ({ name: s.name, raw_alpha: s.raw_alpha, std_alpha: s.std_alpha, n_complete: s.n_complete })),
  parallel: parallel.scales.map((s) => s.raw_alpha),
  exportsInternals: ['scanPieces', 'CodedLane', 'transferables'].filter((k) => k in staffwell),
}));
`;

/** The service layer as a library user calls it: the same jobs the CLI runs, with results as objects. */
const SERVICES_USER = `
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseKeys, surveyDescribe, studyResults, openQualProject, qualCodebook, qualDocumentSummaries, writeStudyReport, isStaffwellError } from 'staffwell';

const [root, project, html] = process.argv.slice(2);
const keys = parseKeys(readFileSync(join(root, 'examples/hse-keys.json'), 'utf8'), 'hse-keys.json');
const described = await surveyDescribe(join(root, 'examples/demo-survey.csv'), { keys, by: ['site'], read: { missing: { all: ['-99'] } }, min: 1, max: 5 });
const results = await studyResults(join(root, 'examples/pals/study.yaml'));
const qual = openQualProject({ path: project, keyPath: null });
let codes, documents;
try {
  codes = (await qualCodebook(qual)).codes.length;
  documents = (await qualDocumentSummaries(qual)).length;
} finally {
  qual.close();
}
const report = await writeStudyReport({ study: join(root, 'examples/pals/study.yaml'), html, date: '2026-01-01' });
let badBy;
try {
  await surveyDescribe(join(root, 'examples/demo-survey.csv'), { keys, by: ['sitee'] });
} catch (e) {
  badBy = isStaffwellError(e) ? { code: e.code, message: e.message } : String(e);
}
console.log(JSON.stringify({
  groups: described.groups.map((g) => ({ site: g.by.site, n: g.n, demands: g.scales.demands?.mean })),
  analyses: results.analyses.length,
  codes,
  documents,
  report: { files: report.files.length, bytes: statSync(html).size },
  badBy,
}));
`;

const TS_USER = `
import { readTable, reliability, parseKeys, StaffwellError, type Keys, type Table, type ReliabilityValue } from 'staffwell';
import * as staffwell from 'staffwell';

export async function alphaOf(path: string, keysJson: string): Promise<number> {
  const keys: Keys = parseKeys(keysJson, 'keys.json');
  const table: Table = await readTable(path, { missing: { all: ['-99'] } });
  const value: ReliabilityValue = reliability(table, keys, { min: 1, max: 5, missing: 'pairwise' });
  const first: number = value.scales[0].raw_alpha;
  return first;
}

export function isUserError(e: unknown): boolean {
  return e instanceof StaffwellError && typeof e.code === 'string';
}

// @ts-expect-error: an option reliability does not have
reliability({} as Table, {} as Keys, { mising: 'pairwise' });
// @ts-expect-error: internals are not part of the package's types
staffwell.scanPieces;
`;

test('the packed package installs into an empty folder and works as a CLI, a library and for TypeScript', { timeout: 240_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-package-'));
  try {
    // npm pack runs `prepare`, which builds dist/ from the sources.
    const packed = JSON.parse(run(NPM, ['pack', '--pack-destination', dir, '--json', '--silent'], ROOT)) as { filename: string; files: { path: string }[] }[];
    const tarball = join(dir, packed[0].filename);
    const files = packed[0].files.map((f) => f.path);
    for (const f of ['bin/staffwell.js', 'dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js', 'dist/data/scan-worker.js', 'dist/web/index.html', 'examples/demo-survey.csv']) {
      assert.ok(files.includes(f), `the package holds ${f}`);
    }
    for (const f of files) assert.ok(!/^(src|test|bench|scripts)\//.test(f) && !f.endsWith('.ts') || f.endsWith('.d.ts'), `the package holds only what runs: ${f}`);

    const app = join(dir, 'app');
    mkdirSync(app);
    consumerProject(app, tarball);
    run(NPM, ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], app);
    const addon = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
    mkdirSync(join(app, 'node_modules/better-sqlite3/build/Release'), { recursive: true });
    copyFileSync(join(ROOT, addon), join(app, addon));
    const installed = join(app, 'node_modules/staffwell');
    assert.ok(!existsSync(join(installed, 'node_modules/tsx')) && !existsSync(join(app, 'node_modules/tsx')), 'tsx is not installed with the package');

    // (a) the CLI, as the README's first command runs it
    assert.equal(run(NPM, ['exec', '--offline', '--', 'staffwell', '--version'], app).trim(), JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    const demo = run(NPM, ['exec', '--offline', '--', 'staffwell', 'demo', '--out', 'demo-out'], app);
    assert.match(demo, /GHQ-12 caseness: \d+ of \d+/);
    const demoReliability = JSON.parse(readFileSync(join(app, 'demo-out/reliability.json'), 'utf8'));
    expectClose(demoReliability.scales[0].raw_alpha, R.reliability[0].raw_alpha, { abs: 1e-9 }, 'demo reliability.json raw_alpha vs psych');
    for (const f of ['scores.csv', 'describe-by-site.txt', 'study/results.json', 'qual/radiology-support.qdpx']) assert.ok(existsSync(join(app, 'demo-out', f)), f);

    // (d) the web workspace from the installed package: the built front end is in it
    await serveOnce(app, join(app, 'demo-out/qual/radiology-support.qual.sqlite'));

    // (b) the library from plain JavaScript
    writeFileSync(join(app, 'use.mjs'), LIBRARY_USER);
    const used = JSON.parse(run(process.execPath, ['use.mjs', join(installed, 'examples/demo-survey.csv'), join(installed, 'examples/hse-keys.json')], app));
    assert.equal(used.scales.length, R.reliability.length);
    used.scales.forEach((s: { name: string; raw_alpha: number; std_alpha: number; n_complete: number }, i: number) => {
      const e = R.reliability[i];
      assert.equal(s.name, e.name);
      assert.equal(s.n_complete, e.n_complete);
      expectClose(s.raw_alpha, e.raw_alpha, { abs: 1e-9 }, `${s.name} raw_alpha vs psych::alpha`);
      expectClose(s.std_alpha, e.std_alpha, { abs: 1e-9 }, `${s.name} std_alpha vs psych::alpha`);
    });
    // Sums over two pieces, merged, agree with those over the whole table to rounding.
    used.parallel.forEach((a: number, i: number) => expectClose(a, used.scales[i].raw_alpha, { abs: 1e-12 }, `${used.scales[i].name} raw_alpha, 2 threads`));
    assert.deepEqual(used.exportsInternals, [], 'internals are not exported');

    // (b') the service layer from plain JavaScript: describe (checked against R), a study, a qualitative project, a report
    writeFileSync(join(app, 'services.mjs'), SERVICES_USER);
    const html = join(app, 'report.html');
    const served = JSON.parse(run(process.execPath, ['services.mjs', installed, join(app, 'demo-out/qual/radiology-support.qual.sqlite'), html], app));
    assert.equal(served.groups.length, R.by_site.length, 'one group per site');
    let compared = 0;
    for (const e of R.by_site as { site: string; n: number; scales: { demands: { mean: number } } }[]) {
      const g = served.groups.find((x: { site: string }) => x.site === e.site);
      assert.ok(g, `group ${e.site}`);
      if (e.n < 10) assert.equal(g.n, '<10', `${e.site} (n = ${e.n}) is suppressed`);
      if (g.n === '<10' || g.n === 'suppressed') {
        // primary suppression (n < 10) or complementary (so that the small group cannot be worked out from the total)
        assert.equal(g.demands, undefined, `${e.site}: no mean released`);
        continue;
      }
      compared++;
      assert.equal(g.n, e.n, `${e.site} n`);
      expectClose(g.demands, e.scales.demands.mean, { abs: 1e-12 }, `${e.site} demands mean vs R`);
    }
    assert.ok(compared >= 3, `${compared} sites compared with R`);
    assert.ok(served.analyses > 0 && served.codes > 0 && served.documents > 0, JSON.stringify(served));
    assert.equal(served.report.files, 1);
    assert.match(readFileSync(html, 'utf8'), /<table/);
    assert.equal(served.badBy.code, 'unknown-column');
    assert.doesNotMatch(served.badBy.message, /--by/, 'a library error does not name a CLI flag');

    // (c) a TypeScript consumer against the shipped declarations
    writeFileSync(join(app, 'use.ts'), TS_USER);
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] }, files: ['use.ts'] }),
    );
    run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', app], app);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** `staffwell serve PROJECT` from the installed package: read the printed URL, load the page and its script, stop it. */
async function serveOnce(app: string, project: string): Promise<void> {
  const child = spawn(process.execPath, [join(app, 'node_modules/staffwell/bin/staffwell.js'), 'serve', project], { cwd: app, env: userEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 30_000);
      child.stdout.on('data', (d) => {
        out += String(d);
        const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(out);
        if (m) (clearTimeout(timer), resolve(m[0]));
      });
      child.stderr.on('data', (d) => (out += String(d)));
      child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
    });
    const u = new URL(url);
    const token = u.searchParams.get('token')!;
    const page = await fetch(new URL('/', u), { headers: { 'x-staffwell-token': token } });
    assert.equal(page.status, 200);
    const html = await page.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    assert.ok(script, 'the page loads the built script');
    const js = await fetch(new URL(script, u), { headers: { 'x-staffwell-token': token } });
    assert.equal(js.status, 200);
    assert.match(js.headers.get('content-type') ?? '', /javascript/);
    const session = (await (await fetch(new URL('/api/session', u), { headers: { 'x-staffwell-token': token } })).json()) as { projectName: string };
    assert.match(session.projectName, /demo/);
  } finally {
    child.kill('SIGTERM');
  }
}
