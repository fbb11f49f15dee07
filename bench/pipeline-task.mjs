/**
 * The Staffwell side of the pipeline benchmark as one scan task, doing what the pandas and R scripts do:
 * the 7 scale scores per respondent (psych::scoreItems, impute = "none", min 1, max 5), the by-site means of
 * those scores (the accumulator of `staffwell describe --by site`: per site n, mean, sd, se and CI of each scale
 * score, with its suppression), and pairwise alpha for every scale (the accumulator of `staffwell reliability`).
 * Rows the coded lane reads feed the same accumulators through survey/coded-scales.
 *
 * Plain JavaScript over the compiled package (dist/, `npm run build`), as the CLI runs: the scan workers import
 * this module without a TypeScript loader.
 */
import { codedScales } from '../dist/survey/coded-scales.js';
import { scoreChunk } from '../dist/psych/score.js';
import { describeAdd, describeInit, describeMerge } from '../dist/psych/describe-accumulator.js';
import { reliabilityAdd, reliabilityFold, reliabilityInit, reliabilityMerge } from '../dist/psych/reliability-accumulator.js';

/** @param {{ keys: import('../dist/psych/keys.js').Keys }} args */
export function createTask(args) {
  const { keys } = args;
  const constants = { min: 1, max: 5, impute: {} };
  const state = {
    reliability: reliabilityInit(keys, { missing: 'pairwise', impute: 'none', min: 1, max: 5 }),
    bySite: describeInit(keys, { by: ['site'], min: 1, max: 5 }),
    scored: 0,
  };
  const buffers = { scores: [], answered: [] };
  return {
    add(chunk) {
      reliabilityAdd(state.reliability, chunk);
      scoreChunk(chunk, keys, constants, { impute: 'none', min: 1, max: 5 }, buffers);
      describeAdd(state.bySite, chunk);
      state.scored += chunk.nrows;
    },
    // Rows of one-digit codes come through the coded lane: the same accumulators, fed from the lane's scale rows.
    coded: codedScales(keys, {
      reliability: state.reliability,
      describe: state.bySite,
      scores: { min: 1, max: 5, take: (_scores, n) => (state.scored += n) },
    }),
    finish() {
      reliabilityFold(state.reliability);
      return state;
    },
  };
}

export function mergePipeline(a, b) {
  reliabilityMerge(a.reliability, b.reliability);
  describeMerge(a.bySite, b.bySite);
  a.scored += b.scored;
  return a;
}
