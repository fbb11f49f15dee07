// The scan worker's entry when Staffwell runs from its TypeScript sources (the tests, `node --import tsx`): on
// Node 20 tsx registers its loader on the main thread only, so the worker registers it itself, then loads
// scan-worker.ts and, through it, the .ts task module. A compiled program starts its workers from
// scan-worker.js and never loads this file (it is not compiled into dist/; tsx is a devDependency).
import { register } from 'tsx/esm/api';

register();
await import('./scan-worker.ts');
