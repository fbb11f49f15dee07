import { fileURLToPath } from 'node:url';

/**
 * The arguments to node that run `staffwell` from the sources in a child process (through tsx), for tests of
 * the CLI as a process: `spawnSync(process.execPath, [...STAFFWELL, 'reliability', ...])`. bin/staffwell.js
 * runs the compiled CLI (dist/), which test/package.test.ts tests as a user installs it.
 */
export const STAFFWELL: readonly string[] = ['--import', 'tsx', fileURLToPath(new URL('./cli-entry.ts', import.meta.url))];
