#!/usr/bin/env node
// Entry point of the `staffwell` CLI. Staffwell runs from its TypeScript sources through tsx's loader, so a
// fresh clone needs no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
