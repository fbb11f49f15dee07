import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { FORMAT, OWN_ROOT, bundleKey, cacheDirs, cachedBundle, sha256, trusted, type BundleResult, type Manifest, type Stamp } from './bundle-cache.mjs';

/**
 * Worker bundles. A scan worker does not inherit tsx's loader, and registering it and transforming the task's
 * module graph through the loader hooks takes a worker 0.5 s or more. Instead, the worker's entry
 * (scan-worker.ts) and the task module are bundled by esbuild into one plain ES module, which a worker loads in
 * a few tens of milliseconds, without tsx.
 *
 * Bundles are cached on disk (`node_modules/.cache/staffwell/`, else a private folder in the temp folder). A
 * bundle is used only while every file it was built from is unchanged: its manifest lists the bundled files (the
 * project's own by a hash of their content, files of installed packages by size and modification time), the
 * packages left external, and the tsconfig.json and package.json files that could apply to the project's files
 * (or their absence); each use re-checks them (a few milliseconds) and any change means a rebuild. When a
 * bundle cannot be made (no writable cache, a construct the bundle cannot keep, a build error), the caller uses
 * the tsx bootstrap (scan-worker.mjs) as before.
 *
 * What the bundle changes and how it is kept equivalent:
 * - `import.meta.url`, `.dirname` and `.filename` in the project's files are replaced by their source file's
 *   values; any other use of `import.meta` means no bundle (fallback).
 * - A dynamic `import(expr)` with a computed specifier would resolve from the bundle's folder: a file with one is
 *   not bundled (this package's own files use it only with absolute URLs).
 * - Packages are bundled (loading hundreds of small CommonJS files natively costs a worker ~0.15 s), except a
 *   package that could depend on its location or load native code (`__dirname`, `require.resolve`, a computed
 *   `require`, `.node` files, `import.meta`): such a package stays external, imported by its absolute path.
 *   Node's builtins are always external.
 */

export type WorkerBundleResult = BundleResult;

const building = new Map<string, Promise<WorkerBundleResult>>();

/**
 * The cached bundle for a task module if it is up to date (checked synchronously); otherwise undefined and the
 * caller should call {@link buildWorkerBundle}. A cached refusal (a task the bundle cannot keep) is returned as
 * such, so it is not attempted again until one of its files changes.
 */
export function cachedWorkerBundle(taskHref: string): WorkerBundleResult | undefined {
  const target = targetOf(taskHref);
  if ('reason' in target) return target;
  return cachedBundle(target.key);
}

/** Builds (or takes from the cache) the bundle for a task module. Never rejects: a failure is a reason. */
export function buildWorkerBundle(taskHref: string): Promise<WorkerBundleResult> {
  const target = targetOf(taskHref);
  if ('reason' in target) return Promise.resolve(target);
  return buildOnce(target);
}

/** One build per key at a time in this process. */
function buildOnce(target: Target): Promise<WorkerBundleResult> {
  let p = building.get(target.key);
  if (!p) {
    p = build(target).catch((e: unknown): WorkerBundleResult => ({ reason: `bundling failed: ${(e as Error)?.message ?? String(e)}` }));
    building.set(target.key, p);
    void p.finally(() => building.delete(target.key));
  }
  return p;
}

/**
 * A program bundle: the module `entry` (a path) and everything it imports, in one plain ES module, so a program
 * such as the CLI starts without tsx. bin/staffwell.js looks it up itself (bundle-cache.mjs, `bundleKey(['program',
 * entry])`) and falls back to tsx when there is none or it is stale. Never rejects: a failure is a reason.
 */
export function buildProgramBundle(entry: string): Promise<WorkerBundleResult> {
  let key: string;
  try {
    key = bundleKey(['program', resolve(entry)]);
  } catch {
    return Promise.resolve({ reason: 'esbuild is not installed' });
  }
  return buildOnce({ key, entry: resolve(entry) });
}

/**
 * Builds the bundles of task modules (paths relative to the working folder) ahead of their first use; run by
 * npm's `prepare` after `npm ci`, so the first parallel scan starts fast. Never throws: a bundle that cannot be
 * made is made (or not) at first use. Staleness is checked at every use, so a later change to the sources is
 * still picked up.
 */
export async function prebuildWorkerBundles(tasks: string[]): Promise<void> {
  for (const t of tasks) await buildWorkerBundle(pathToFileURL(resolve(t)).href);
}

/** The worker's entry point and the cache key for a task module, or why it cannot be bundled. */
function targetOf(taskHref: string): Target | { reason: string } {
  if (!taskHref.startsWith('file:')) return { reason: 'the task module is not a file' };
  const task = fileURLToPath(taskHref);
  const entry = fileURLToPath(new URL('./scan-worker.ts', import.meta.url));
  let key: string;
  try {
    key = bundleKey([entry, task]);
  } catch {
    return { reason: 'esbuild is not installed' };
  }
  return { task, entry, key };
}

function stamp(path: string, withHash: boolean): Stamp {
  const s = statSync(path, { throwIfNoEntry: false });
  if (!s?.isFile()) return { path, size: -1, mtimeMs: 0 };
  return withHash ? { path, size: s.size, mtimeMs: s.mtimeMs, hash: sha256(readFileSync(path)) } : { path, size: s.size, mtimeMs: s.mtimeMs };
}

const inNodeModules = (path: string) => path.split(/[\\/]/).includes('node_modules');

/**
 * Files treated as source (rewritten, hashed): the project's files (outside node_modules), this package's own
 * files wherever it is installed, and TypeScript files anywhere.
 */
const isSource = (path: string) =>
  !inNodeModules(path) || (path.startsWith(OWN_ROOT) && !inNodeModules(path.slice(OWN_ROOT.length))) || /\.[cm]?tsx?$/.test(path);

/** The root folder of the installed package holding a file (…/node_modules/[@scope/]name). */
function packageRoot(path: string): string | undefined {
  const parts = path.split(sep);
  const i = parts.lastIndexOf('node_modules');
  if (i < 0 || i + 1 >= parts.length) return undefined;
  const n = parts[i + 1].startsWith('@') ? i + 3 : i + 2;
  return parts.slice(0, n).join(sep);
}

/** `name` or `@scope/name` of a package root folder. */
function packageName(root: string): string {
  const parts = root.split(sep);
  const last = parts[parts.length - 1];
  return parts[parts.length - 2]?.startsWith('@') ? `${parts[parts.length - 2]}/${last}` : last;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A package file that could depend on where it lies or load native code: its package is left external. */
const LOCATION_DEPENDENT = /\b__dirname\b|\b__filename\b|\brequire\.resolve\b|\brequire\s*\(\s*[^'"`\s)]|\.node['"`]|\bprocess\.dlopen\b|\bimport\.meta\b/;

const BANNER = [
  `import { createRequire as __swCreateRequire } from 'node:module';`,
  `const require = __swCreateRequire(import.meta.url);`,
].join('\n');

/** A bundle to build: a worker (scan-worker.ts with a task) or a program (an entry module re-exported whole). */
interface Target {
  key: string;
  entry: string;
  /** The task module of a worker bundle; none for a program bundle. */
  task?: string;
}

async function build(target: Target): Promise<WorkerBundleResult> {
  const dir = writableCacheDir();
  if (!dir) return { reason: 'no writable cache folder' };
  const esbuild = await import('esbuild');
  const project = new Map<string, string>();
  let declined: string | undefined;
  const external = new Map<string, Stamp[]>();
  const rewrite: import('esbuild').Plugin = {
    name: 'staffwell-worker-bundle',
    setup(b) {
      const skip = Symbol('skip');
      // Only imports of the packages left external (by name: a bundled file may also import them otherwise).
      const names = [...new Set([...external.keys()].map(packageName))];
      const byName = new RegExp(`^(${names.map(escapeRegExp).join('|')})(/|$)`);
      const byPath = /^(\/|[A-Za-z]:[\\/]|file:)/;
      const toExternal = async (args: import('esbuild').OnResolveArgs): Promise<import('esbuild').OnResolveResult | undefined> => {
        if (args.pluginData === skip) return undefined;
        const r = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: skip });
        if (r.errors.length || r.external || !r.path) return undefined;
        const root = packageRoot(r.path);
        if (!root || !external.has(root)) return undefined;
        external.get(root)!.push(stamp(r.path, false));
        return { path: args.kind === 'require-call' || args.kind === 'require-resolve' ? r.path : pathToFileURL(r.path).href, external: true };
      };
      if (names.length) {
        b.onResolve({ filter: byName }, toExternal);
        b.onResolve({ filter: byPath }, toExternal);
      }
      b.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, (args) => {
        if (args.namespace !== 'file' || !isSource(args.path)) return undefined;
        const text = readFileSync(args.path, 'utf8');
        project.set(args.path, sha256(text));
        const url = pathToFileURL(args.path).href;
        // import.meta.url, .dirname and .filename become these (see `define`), on the first line so line numbers stay.
        const meta = `var __swMetaUrl = ${JSON.stringify(url)}, __swMetaDirname = ${JSON.stringify(dirname(args.path))}, __swMetaFilename = ${JSON.stringify(args.path)}; `;
        // A computed import(x) would resolve a relative x against the bundle: not bundled (this package's own
        // files only import absolute URLs that way).
        if (!args.path.startsWith(OWN_ROOT) && /(?<![\w$.])import\s*\((?!\s*['"`])/.test(text)) {
          declined ??= `${args.path} has an import() with a computed specifier`;
        }
        const shebang = /^#![^\n]*\n/.exec(text)?.[0] ?? '';
        const out = shebang + meta + text.slice(shebang.length);
        const ext = args.path.slice(args.path.lastIndexOf('.') + 1);
        return { contents: out, loader: ext.includes('ts') ? (ext.endsWith('x') ? 'tsx' : 'ts') : ext.endsWith('x') ? 'jsx' : 'js' };
      });
    },
  };
  const options: import('esbuild').BuildOptions & { write: false; metafile: true } = {
    stdin: {
      contents:
        target.task === undefined
          ? `export * from ${JSON.stringify(target.entry)};`
          : [
              `import { runScanWorker } from ${JSON.stringify(target.entry)};`,
              `import * as task from ${JSON.stringify(target.task)};`,
              `await runScanWorker(task);`,
            ].join('\n'),
      resolveDir: dirname(target.entry),
      sourcefile: target.task === undefined ? 'program-entry.js' : 'scan-worker-entry.js',
      loader: 'js',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: `node${process.versions.node}`,
    // Resolve packages as Node does (esbuild would otherwise also try "module" fields and conditions).
    mainFields: ['main'],
    conditions: [],
    banner: { js: BANNER },
    write: false,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: dirname(target.entry),
    // Other uses of import.meta are reported (as warnings "empty-import-meta"), so the bundle can be declined.
    supported: { 'import-meta': false },
    define: { 'import.meta.url': '__swMetaUrl', 'import.meta.dirname': '__swMetaDirname', 'import.meta.filename': '__swMetaFilename' },
    plugins: [rewrite],
  };
  let result = await esbuild.build(options);
  // Packages whose files could depend on their location stay external; build again without them.
  const risky = new Set<string>();
  for (const input of Object.keys(result.metafile.inputs)) {
    const path = resolve(dirname(target.entry), input.replace(/^file:/, ''));
    const root = isSource(path) || !statSync(path, { throwIfNoEntry: false })?.isFile() ? undefined : packageRoot(path);
    if (root && !risky.has(root) && LOCATION_DEPENDENT.test(readFileSync(path, 'utf8'))) risky.add(root);
  }
  if (risky.size) {
    for (const r of risky) external.set(r, [stamp(join(r, 'package.json'), false)]);
    project.clear();
    result = await esbuild.build(options);
  }
  const code = result.outputFiles[0].contents;
  // Any other use of import.meta (import.meta.resolve, the object itself) would see the bundle's: not bundled.
  const meta = result.warnings.find((w) => w.id === 'empty-import-meta');
  if (meta) declined ??= `${meta.location?.file ?? 'a module'} uses import.meta beyond url, dirname and filename`;
  if (declined) return decline(dir, target.key, declined, project);
  const files: Stamp[] = [];
  for (const input of Object.keys(result.metafile.inputs)) {
    const path = resolve(dirname(target.entry), input.replace(/^file:/, ''));
    if (project.has(path)) continue;
    if (statSync(path, { throwIfNoEntry: false })?.isFile()) files.push(stamp(path, isSource(path)));
  }
  for (const stamps of external.values()) files.push(...stamps);
  files.push(...projectStamps(project));
  const name = `${target.key}-${sha256(code).slice(0, 16)}.mjs`;
  writeFileAtomic(join(dir, name), code);
  writeManifest(dir, { format: FORMAT, key: target.key, bundle: name, files });
  removeOldBundles(dir, target.key, name);
  return { url: pathToFileURL(join(dir, name)) };
}

/** The project files with their hashes, plus every tsconfig.json, jsconfig.json and package.json that could apply. */
function projectStamps(project: Map<string, string>): Stamp[] {
  const out: Stamp[] = [];
  const dirs = new Set<string>();
  for (const [path, hash] of project) {
    const s = statSync(path);
    out.push({ path, size: s.size, mtimeMs: s.mtimeMs, hash });
    for (let d = dirname(path); !dirs.has(d); d = dirname(d)) {
      dirs.add(d);
      if (dirname(d) === d) break;
    }
  }
  for (const d of dirs) for (const f of ['tsconfig.json', 'jsconfig.json', 'package.json']) out.push(stamp(join(d, f), true));
  return out;
}

function decline(dir: string, key: string, reason: string, project: Map<string, string>): WorkerBundleResult {
  writeManifest(dir, { format: FORMAT, key, bundle: null, reason, files: projectStamps(project) });
  return { reason };
}

function writeManifest(dir: string, m: Manifest): void {
  writeFileAtomic(join(dir, `${m.key}.json`), JSON.stringify(m));
}

/** Bundles of the same task replaced more than an hour ago (a worker still starting may be loading a recent one). */
function removeOldBundles(dir: string, key: string, keep: string): void {
  try {
    for (const f of readdirSync(dir)) {
      if (!f.startsWith(`${key}-`) || f === keep) continue;
      const p = join(dir, f);
      if (Date.now() - statSync(p).mtimeMs > 3600e3) rmSync(p, { force: true });
    }
  } catch {
    // best effort
  }
}

/** The first cache folder that exists or can be made and is writable (the temp folder one must be ours). */
function writableCacheDir(): string | undefined {
  const dirs = cacheDirs();
  for (const dir of dirs) {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      if (!trusted(dir)) continue;
      const probe = join(dir, `.probe-${process.pid}`);
      writeFileAtomic(probe, '');
      rmSync(probe, { force: true });
      return dir;
    } catch {
      // next one
    }
  }
  return undefined;
}
