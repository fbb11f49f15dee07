// Plain JavaScript on purpose: bin/staffwell.js reads the bundle cache with it before any TypeScript loader is
// registered (types in bundle-cache.d.mts). The bundles themselves are built by worker-bundle.ts.
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Bumped when the bundle's layout or the way it is built changes (old cache entries are then ignored). */
export const FORMAT = 1;

/** This package's root folder (src/data/../../). */
export const OWN_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function sha256(data) {
  return createHash('sha256').update(data).digest('hex');
}

let versionMemo;
/** The esbuild version installed (throws when esbuild is not installed). */
export function esbuildPackageVersion() {
  versionMemo ??= String(JSON.parse(readFileSync(createRequire(import.meta.url).resolve('esbuild/package.json'), 'utf8')).version);
  return versionMemo;
}

let selfMemo;
/** The sources of the bundler (this module and worker-bundle.ts): a change to how bundles are built invalidates them. */
function builderHash() {
  if (selfMemo === undefined) {
    try {
      selfMemo = sha256(['./bundle-cache.mjs', './worker-bundle.ts'].map((f) => sha256(readFileSync(new URL(f, import.meta.url)))).join());
    } catch {
      selfMemo = '';
    }
  }
  return selfMemo;
}

/** The cache key of a bundle made of `parts` (entry files, kind), with everything else it depends on. */
export function bundleKey(parts) {
  return sha256(JSON.stringify([FORMAT, process.version, process.arch, esbuildPackageVersion(), builderHash(), ...parts])).slice(0, 32);
}

/**
 * Where bundles are kept, in order of preference: STAFFWELL_CACHE_DIR when set (then only there); the
 * `.cache/staffwell` folder of the node_modules that holds this package's dependencies (a clone after `npm ci`,
 * or the consumer's node_modules when Staffwell is installed as a package); a private folder in the temp folder.
 */
export function cacheDirs() {
  if (process.env.STAFFWELL_CACHE_DIR) return [resolve(process.env.STAFFWELL_CACHE_DIR)];
  const out = [];
  const own = join(OWN_ROOT, 'node_modules');
  if (statSync(own, { throwIfNoEntry: false })?.isDirectory()) out.push(join(own, '.cache', 'staffwell'));
  else {
    const parts = OWN_ROOT.split(sep).filter((p, i) => p !== '' || i === 0);
    const i = parts.lastIndexOf('node_modules');
    if (i > 0) out.push(join(parts.slice(0, i + 1).join(sep) || sep, '.cache', 'staffwell'));
  }
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  out.push(join(tmpdir(), `staffwell-cache-${uid}`));
  return out;
}

/**
 * A folder we may take bundles from: a folder (not a link), and in the temp folder (shared with other users)
 * ours and writable by no one else.
 */
export function trusted(dir) {
  const s = lstatSync(dir, { throwIfNoEntry: false });
  if (!s?.isDirectory()) return false;
  if (!dir.startsWith(tmpdir()) || typeof process.getuid !== 'function') return true;
  return s.uid === process.getuid() && (s.mode & 0o022) === 0;
}

export function readManifest(path, key) {
  try {
    const m = JSON.parse(readFileSync(path, 'utf8'));
    return m.format === FORMAT && m.key === key && Array.isArray(m.files) ? m : undefined;
  } catch {
    return undefined;
  }
}

/** Every file as stamped: same content (by hash when there is one, else size and time), or still absent. */
export function upToDate(files) {
  for (const f of files) {
    const s = statSync(f.path, { throwIfNoEntry: false });
    if (f.size === -1) {
      if (s) return false;
      continue;
    }
    if (!s?.isFile()) return false;
    if (f.hash !== undefined) {
      if (s.size !== f.size) return false;
      try {
        if (sha256(readFileSync(f.path)) !== f.hash) return false;
      } catch {
        return false;
      }
    } else if (s.size !== f.size || s.mtimeMs !== f.mtimeMs) return false;
  }
  return true;
}

/**
 * The cached bundle for `key` if it is up to date (checked synchronously): `{ url }`, or `{ reason }` for a
 * cached refusal; undefined when there is none (or it is stale).
 */
export function cachedBundle(key) {
  for (const dir of cacheDirs()) {
    if (!trusted(dir)) continue;
    const m = readManifest(join(dir, `${key}.json`), key);
    if (!m || !upToDate(m.files)) continue;
    if (m.bundle === null) return { reason: m.reason ?? 'bundling declined' };
    const file = join(dir, m.bundle);
    if (statSync(file, { throwIfNoEntry: false })?.isFile()) return { url: pathToFileURL(file) };
  }
  return undefined;
}
