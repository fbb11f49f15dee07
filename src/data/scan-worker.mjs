// Bootstrap of a CSV scan worker thread when no worker bundle can be used (see worker-bundle.ts). A worker does
// not inherit the tsx loader that the main thread registered through the API (bin/staffwell.js), so it registers
// tsx itself before importing TypeScript.
import { register } from 'tsx/esm/api';

register();
const { runScanWorker } = await import('./scan-worker.ts');
await runScanWorker();
