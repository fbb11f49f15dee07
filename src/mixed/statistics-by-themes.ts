import { StaffwellError } from '../errors.ts';
import { suppressedLevels } from '../study/analyze-groups.ts';
import { evidenceRows, type EvidenceUnit } from './coded-participants.ts';
import { pickQuotes, scoreSummary, type DisplayQuote, type ScoreSummary } from './display-parts.ts';
import type { LinkedProject } from './participant-link.ts';
import { asGroups, findVariable, type RespondentVariable } from './respondents.ts';

/**
 * Statistics by themes (Guetterman, Fetters & Creswell 2015): for each theme (or code), the participants who
 * contribute to it, their survey scores (n, mean, SD; no range: its ends are two people's scores) and classifications (count per band), beside the
 * theme's key quotes. A score over fewer participants than the threshold shows no numbers; band counts are
 * suppressed as the study's group tables are (small bands, and the next smallest so none can be recovered by
 * subtraction).
 */
export interface StatisticsByThemes {
  display: 'statistics-by-themes';
  unit: EvidenceUnit;
  minGroup: number;
  scores: { ref: string; label: string }[];
  classifications: { ref: string; label: string; levels: readonly string[] }[];
  rows: StatisticsByThemesRow[];
}

export interface StatisticsByThemesRow {
  id: string;
  label: string;
  depth: number;
  /** Participants with at least one segment, by id. */
  participants: string[];
  /** Of them, those with no survey row (their scores are unknown). */
  notLinked: string[];
  segments: number;
  scores: ScoreSummary[];
  classifications: { ref: string; counts: (number | null)[]; missing: number | null; suppressed: boolean }[];
  quotes: DisplayQuote[];
}

export interface StatisticsByThemesOptions {
  unit?: EvidenceUnit;
  /** Numeric survey variables (default every score of the link). */
  scores?: readonly string[];
  /** Categorical survey variables (default every classification of the link). */
  classifications?: readonly string[];
  /** Quotes per row (default 2). */
  quotes?: number;
}

export function statisticsByThemes(linked: LinkedProject, options: StatisticsByThemesOptions = {}): StatisticsByThemes {
  const { respondents, coded, minGroup } = linked;
  const unit = options.unit ?? 'themes';
  const scores = pick(respondents.variables, options.scores, 'scores', (v) => v.type === 'numeric' && v.kind === 'score');
  const classes = pick(respondents.variables, options.classifications, 'classifications', (v) => v.type === 'categorical' && v.kind === 'classification');
  for (const v of scores) if (v.type !== 'numeric') throw new StaffwellError('invalid-option', 'not a numeric survey variable', { field: 'scores', value: v.ref, hint: 'name a score; put bands and groups under classifications' });
  const groups = classes.map((v) => ({ v, g: asGroups(v) }));
  const rows = evidenceRows(coded, unit).map((row): StatisticsByThemesRow => {
    const segs = coded.segments.filter((s) => row.codeIds.has(s.codeId));
    const participants = [...new Set(segs.map((s) => s.participantId).filter((p): p is string => p !== null))].sort();
    const surveyRows = participants.map((p) => linked.rowOf.get(p)).filter((r): r is number => r !== undefined);
    return {
      id: row.id,
      label: row.label,
      depth: row.depth,
      participants,
      notLinked: participants.filter((p) => !linked.rowOf.has(p)),
      segments: segs.length,
      scores: scores.map((v) => scoreSummary(v.ref, v.label, surveyRows.map((r) => (v.type === 'numeric' ? v.values[r] : NaN)), minGroup)),
      classifications: groups.map(({ v, g }) => {
        const counts = new Array<number>(g.levels.length).fill(0);
        let missing = 0;
        for (const r of surveyRows) {
          if (g.codes[r] < 0) missing++;
          else counts[g.codes[r]]++;
        }
        if (surveyRows.length < minGroup) return { ref: v.ref, counts: counts.map(() => null), missing: null, suppressed: surveyRows.length > 0 };
        const hide = suppressedLevels(g.levels, counts, missing, minGroup);
        return { ref: v.ref, counts: counts.map((c, k) => (hide.has(k) ? null : c)), missing: missing > 0 && missing < minGroup ? null : missing, suppressed: hide.size > 0 };
      }),
      quotes: pickQuotes(segs, options.quotes ?? 2),
    };
  });
  return {
    display: 'statistics-by-themes',
    unit,
    minGroup,
    scores: scores.map((v) => ({ ref: v.ref, label: v.label })),
    classifications: groups.map(({ v, g }) => ({ ref: v.ref, label: v.label, levels: g.levels })),
    rows,
  };
}

/** The named variables, or by default those `fallback` accepts. */
export function pick(vars: readonly RespondentVariable[], refs: readonly string[] | undefined, field: string, fallback: (v: RespondentVariable) => boolean): RespondentVariable[] {
  if (!refs) return vars.filter(fallback);
  return refs.map((r, i) => findVariable(vars, r, `${field}[${i + 1}]`));
}
