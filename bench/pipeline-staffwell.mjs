/**
 * The benchmark pipeline in Staffwell: read + 7 scale scores + pairwise alpha per scale + by-site means of the
 * scores, in one pass over the file (split over the cores), with the accumulators `staffwell score`,
 * `staffwell reliability` and `staffwell describe` use (see pipeline-task.mjs). Runs the compiled package
 * (`npm run build` first):
 *
 *   node bench/pipeline-staffwell.mjs bench/data/survey-1m.csv bench/data/survey-1m.keys.json [workers]
 *
 * Prints one JSON line. Reading and computing happen together in the workers, so `read` holds the whole scan and
 * the other steps the time to merge and finish.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { scanCsvParallel } from '../dist/data/scan-parallel.js';
import { parseKeys } from '../dist/psych/keys.js';
import { reliabilityValue } from '../dist/psych/reliability-value.js';
import { describeValue } from '../dist/psych/describe.js';
import { createTask, mergePipeline } from './pipeline-task.mjs';

const [file, keysPath, workersArg] = process.argv.slice(2);
const keys = parseKeys(readFileSync(keysPath, 'utf8'), keysPath);
const items = [...new Set(keys.scales.flatMap((s) => s.items.map((i) => i.name)))];
// Declared as the survey commands declare them (src/survey/scan-survey.ts): items numeric, the group column text.
const types = { ...Object.fromEntries(items.map((i) => [i, 'number'])), site: 'text' };
const t0 = performance.now();
const state = await scanCsvParallel(
  file,
  { columns: [...items, 'site'], types },
  { module: new URL('./pipeline-task.mjs', import.meta.url), args: { keys }, createTask },
  mergePipeline,
  { workers: workersArg ? Number(workersArg) : undefined, minBytes: 0 },
);
const t1 = performance.now();
const rel = reliabilityValue(state.reliability, keysPath);
const t2 = performance.now();
const bySite = describeValue(state.bySite);
const t3 = performance.now();
if (bySite.groups.length !== 8 || !(state.scored > 0)) throw new Error('pipeline check failed');
const s = (ms) => ms / 1000;
console.log(
  JSON.stringify({
    tool: `Staffwell (node ${process.version})`,
    read: s(t1 - t0),
    scores_alpha: s(t2 - t1),
    by_site: s(t3 - t2),
    total: s(t3 - t0),
    check: rel.scales[0].raw_alpha,
  }),
);
