/**
 * The Staffwell side of the pipeline benchmark as one scan task, doing what the pandas and R scripts do:
 * the 7 scale scores per respondent (psych::scoreItems, impute = "none", min 1, max 5), the by-site means of
 * those scores (the accumulator of `staffwell describe --by site`: per site n, mean, sd, se and CI of each scale
 * score, with its suppression), and pairwise alpha for every scale (the accumulator of `staffwell reliability`).
 * Rows the coded lane reads (src/data/coded-lane.ts) feed the same accumulators through src/survey/coded-scales.ts.
 */
import type { Table } from '../src/data/table.ts';
import type { Keys } from '../src/psych/keys.ts';
import { codedScales } from '../src/survey/coded-scales.ts';
import { scoreChunk, type ScoreBuffers } from '../src/psych/score.ts';
import { describeAdd, describeInit, describeMerge, type DescribeState } from '../src/psych/describe-accumulator.ts';
import { reliabilityAdd, reliabilityFold, reliabilityInit, reliabilityMerge, type ReliabilityState } from '../src/psych/reliability-accumulator.ts';

export interface PipelineArgs {
  keys: Keys;
}

export interface PipelineState {
  reliability: ReliabilityState;
  bySite: DescribeState;
  scored: number;
}

export function createTask(args: PipelineArgs) {
  const { keys } = args;
  const constants = { min: 1, max: 5, impute: {} };
  const state: PipelineState = {
    reliability: reliabilityInit(keys, { missing: 'pairwise', impute: 'none', min: 1, max: 5 }),
    bySite: describeInit(keys, { by: ['site'], min: 1, max: 5 }),
    scored: 0,
  };
  const buffers: ScoreBuffers = { scores: [], answered: [] };
  return {
    add(chunk: Table): void {
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
    finish(): PipelineState {
      reliabilityFold(state.reliability);
      return state;
    },
  };
}

export function mergePipeline(a: PipelineState, b: PipelineState): PipelineState {
  reliabilityMerge(a.reliability, b.reliability);
  describeMerge(a.bySite, b.bySite);
  a.scored += b.scored;
  return a;
}
