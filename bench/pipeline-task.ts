/**
 * The Staffwell side of the pipeline benchmark as one scan task, doing what the pandas and R scripts do:
 * the 7 scale scores per respondent (psych::scoreItems, impute = "none", min 1, max 5), the by-site means of
 * those scores (psych's describe accumulator over the score columns, with its suppression), and pairwise alpha
 * for every scale (the reliability accumulator of `staffwell reliability`).
 */
import { makeTable, requireColumn, type Column, type Table } from '../src/data/table.ts';
import type { Keys } from '../src/psych/keys.ts';
import { scoreChunk, type ScoreBuffers } from '../src/psych/score.ts';
import { describeAdd, describeInit, describeMerge, type DescribeState } from '../src/psych/describe.ts';
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
  // Each score is a one-item "scale" for the group summaries.
  const scoreKeys: Keys = { source: 'scores', scales: keys.scales.map((s) => ({ name: s.name, items: [{ name: s.name, reversed: false }] })) };
  const state: PipelineState = {
    reliability: reliabilityInit(keys, { missing: 'pairwise', impute: 'none', min: 1, max: 5 }),
    bySite: describeInit(scoreKeys, { by: ['site'], min: 1, max: 5 }),
    scored: 0,
  };
  const buffers: ScoreBuffers = { scores: [], answered: [] };
  return {
    add(chunk: Table): void {
      reliabilityAdd(state.reliability, chunk);
      const { scores } = scoreChunk(chunk, keys, constants, { impute: 'none', min: 1, max: 5 }, buffers);
      const columns: Column[] = keys.scales.map((s, k) => ({ kind: 'number', name: s.name, values: scores[k] }));
      columns.push(requireColumn(chunk, 'site'));
      describeAdd(state.bySite, makeTable({ source: chunk.source, columns, nrows: chunk.nrows, firstRow: chunk.firstRow }));
      state.scored += chunk.nrows;
    },
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
