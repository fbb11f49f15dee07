#!/usr/bin/env node
// The `staffwell` command: the compiled CLI in dist/ (`npm run build`; `npm ci` and `npm install` build it).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('staffwell: the CLI is not built (no dist/cli/main.js). Run `npm run build` in the staffwell folder.\n');
  process.exit(70);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv);
