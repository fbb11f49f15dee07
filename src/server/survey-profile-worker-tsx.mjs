// The survey-profile worker's entry when Staffwell runs from its TypeScript sources (the tests): on Node 20 tsx
// registers its loader on the main thread only, so the worker registers it itself, then loads
// survey-profile-worker.ts. A compiled program starts survey-profile-worker.js and never loads this file.
import { register } from 'tsx/esm/api';

register();
await import('./survey-profile-worker.ts');
