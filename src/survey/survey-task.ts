/**
 * The survey scan task: every accumulator a survey command needs, fed chunk by chunk. The same code runs on the
 * calling thread for small files and in each worker thread for large CSV files (src/data/scan-parallel.ts loads
 * this module by URL in the workers); states merge in file order.
 */
import type { Table } from '../data/table.ts';
import { idIndexAdd, idIndexInit, idIndexMerge, type IdIndex } from '../data/validate.ts';
import type { Keys } from '../psych/keys.ts';
import { reliabilityAdd, reliabilityFold, reliabilityInit, reliabilityMerge, type ReliabilityOptions, type ReliabilityState } from '../psych/reliability-accumulator.ts';
import { describeAdd, describeInit, describeMerge, type DescribeOptions, type DescribeState } from '../psych/describe-accumulator.ts';
import { codedScales } from './coded-scales.ts';
import { compileLabels, labelColumns, labelTallyInit, labelTallyMerge, type AnswerLabels, type LabelTally } from '../data/answer-labels.ts';
import { scoreConstantsAdd, scoreConstantsInit, scoreConstantsMerge, type ScoreConstantsState, type ScoreOptions } from '../psych/score.ts';

/** What to accumulate; plain data so it can be sent to a worker. */
export interface SurveyTaskArgs {
  keys: Keys;
  reliability?: ReliabilityOptions;
  describe?: DescribeOptions;
  /** First pass of `staffwell score`: observed min/max and item medians or means. */
  constants?: ScoreOptions;
  /** Check this id column for duplicates. */
  idColumn?: string;
  /** Text answers of the keyed items -> codes (`--labels`); unmatched labels are counted in `labels`. */
  labels?: { source: string; map: AnswerLabels };
}

export interface SurveyTaskState {
  reliability?: ReliabilityState;
  describe?: DescribeState;
  constants?: ScoreConstantsState;
  ids?: IdIndex;
  /** Unmatched answer labels (with `args.labels`). */
  labels?: LabelTally;
}

export function createTask(args: SurveyTaskArgs, header?: { source: string }) {
  const state: SurveyTaskState = {
    reliability: args.reliability ? reliabilityInit(args.keys, args.reliability) : undefined,
    describe: args.describe ? describeInit(args.keys, args.describe) : undefined,
    constants: args.constants ? scoreConstantsInit(args.keys, args.constants) : undefined,
    ids: args.idColumn ? idIndexInit(args.idColumn, header?.source ?? '') : undefined,
    labels: args.labels ? labelTallyInit() : undefined,
  };
  const lookup = args.labels ? compileLabels(args.labels.map, args.labels.source) : undefined;
  const items = [...new Set(args.keys.scales.flatMap((s) => s.items.map((i) => i.name)))];
  return {
    add(input: Table): void {
      const chunk = lookup ? labelColumns(input, items, lookup, state.labels!) : input;
      if (state.ids) idIndexAdd(state.ids, chunk);
      if (state.reliability) reliabilityAdd(state.reliability, chunk);
      if (state.describe) describeAdd(state.describe, chunk);
      if (state.constants) scoreConstantsAdd(state.constants, chunk);
    },
    // Rows of one-digit codes through the coded lane, when every accumulator asked for can take them.
    coded: state.constants || state.ids || lookup ? undefined : codedScales(args.keys, { reliability: state.reliability, describe: state.describe }),
    finish(): SurveyTaskState {
      if (state.reliability) reliabilityFold(state.reliability);
      return state;
    },
  };
}

/** Merges the state of the next part of the file into `a` (file order matters for first-error reporting). */
export function mergeSurveyStates(a: SurveyTaskState, b: SurveyTaskState): SurveyTaskState {
  if (a.ids && b.ids) idIndexMerge(a.ids, b.ids);
  if (a.reliability && b.reliability) reliabilityMerge(a.reliability, b.reliability);
  if (a.describe && b.describe) describeMerge(a.describe, b.describe);
  if (a.constants && b.constants) scoreConstantsMerge(a.constants, b.constants);
  if (a.labels && b.labels) labelTallyMerge(a.labels, b.labels);
  return a;
}
