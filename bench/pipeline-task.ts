/**
 * The Staffwell side of the pipeline benchmark as one scan task: the survey task (pairwise reliability of every
 * scale and by-site summaries of the scale scores) plus the person scores themselves (psych::scoreItems with
 * impute = "none"), so that the work matches what pandas and R do.
 */
import type { Table } from '../src/data/table.ts';
import { scoreChunk } from '../src/psych/score.ts';
import { createTask as createSurveyTask, mergeSurveyStates, type SurveyTaskArgs, type SurveyTaskState } from '../src/survey/survey-task.ts';

export interface PipelineState extends SurveyTaskState {
  /** Sum of every score, so the scores are really computed and checked. */
  scoreSum: number;
  scored: number;
}

export function createTask(args: SurveyTaskArgs, header: { source: string }) {
  const survey = createSurveyTask(args, header);
  const constants = { min: 1, max: 5, impute: {} };
  let scoreSum = 0;
  let scored = 0;
  return {
    add(chunk: Table): void {
      survey.add(chunk);
      const { scores } = scoreChunk(chunk, args.keys, constants, { impute: 'none', min: 1, max: 5 });
      for (const s of scores) {
        for (let i = 0; i < s.length; i++) {
          const x = s[i];
          if (x === x) {
            scoreSum += x;
            scored++;
          }
        }
      }
    },
    finish(): PipelineState {
      return { ...survey.finish(), scoreSum, scored };
    },
  };
}

export function mergePipeline(a: PipelineState, b: PipelineState): PipelineState {
  mergeSurveyStates(a, b);
  a.scoreSum += b.scoreSum;
  a.scored += b.scored;
  return a;
}
