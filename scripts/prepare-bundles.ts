/**
 * npm's `prepare` step (after `npm ci` / `npm install`): builds the cached bundles that let the CLI and the scan
 * workers start without tsx (src/data/worker-bundle.ts). Never fails the install: a bundle that cannot be made
 * now is made at first use (workers) or the CLI runs from the sources. Run it again after changing the sources
 * to get the fast start back (a stale bundle is never used).
 */
import { buildProgramBundle, prebuildWorkerBundles } from '../src/data/worker-bundle.ts';

try {
  await prebuildWorkerBundles(['src/survey/survey-task.ts', 'src/study/plan/study-task.ts']);
  const cli = await buildProgramBundle('src/cli/main.ts');
  if (!cli.url) process.stderr.write(`staffwell: the CLI runs from its sources (${cli.reason})\n`);
} catch {
  // never fail the install
}
