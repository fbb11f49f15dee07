#!/usr/bin/env node
// Entry point of the `staffwell` CLI. It starts from a cached bundle of the CLI when one is up to date (built by
// `npm ci` / `npm run prepare`, see src/data/worker-bundle.ts; ~0.3 s to start), else from the TypeScript sources
// through tsx's loader (~0.7 s), so a fresh clone needs no build step and a stale bundle is never used.
// STAFFWELL_NO_BUNDLE=1 always takes the sources; STAFFWELL_SAY_START=1 says on stderr which one started.
import { fileURLToPath } from 'node:url';
import { bundleKey, cachedBundle } from '../src/data/bundle-cache.mjs';

let bundle;
if (!process.env.STAFFWELL_NO_BUNDLE) {
  try {
    bundle = cachedBundle(bundleKey(['program', fileURLToPath(new URL('../src/cli/main.ts', import.meta.url))]))?.url;
  } catch {
    bundle = undefined; // e.g. esbuild not installed: the sources
  }
}
if (process.env.STAFFWELL_SAY_START) process.stderr.write(`staffwell: started from ${bundle ? 'the bundle' : 'the sources'}\n`);
let main;
if (bundle) {
  ({ main } = await import(bundle.href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv);
