import { StaffwellError } from '../errors.ts';
import { evidenceRows, type EvidenceUnit } from './coded-participants.ts';
import { pickQuotes, scoreSummary, type DisplayQuote, type ScoreSummary } from './display-parts.ts';
import type { LinkedProject } from './participant-link.ts';
import { asGroups, findVariable } from './respondents.ts';

/**
 * Case comparison: the participants grouped by a survey classification (cases and non-cases, HSE bands, sites)
 * against codes or themes. A cell holds how many of the group's participants speak to the row, who they are,
 * their segments and quotes, and optionally a score summary of those participants — no numbers when the cell is
 * about fewer participants than the threshold. Participants with no survey row or no value of the
 * classification get a column of their own ("not in survey", "missing"), so nobody is silently left out.
 */
export interface CaseComparison {
  display: 'case-comparison';
  unit: EvidenceUnit;
  by: { ref: string; label: string };
  minGroup: number;
  score: { ref: string; label: string } | null;
  /** The classification's levels, then `missing` and `not in survey` when anyone falls there. */
  groups: { label: string; kind: 'level' | 'missing' | 'not-linked'; participants: string[] }[];
  rows: {
    id: string;
    label: string;
    depth: number;
    cells: { participants: string[]; segments: number; score: ScoreSummary | null; quotes: DisplayQuote[] }[];
  }[];
}

export interface CaseComparisonOptions {
  /** The classification (or any categorical survey variable; a numeric one by its distinct values). */
  by: string;
  unit?: EvidenceUnit;
  /** A numeric survey variable summarised per cell. */
  score?: string;
  quotes?: number;
}

export const NOT_LINKED = 'not in survey';
export const MISSING = 'missing';

export function caseComparison(linked: LinkedProject, options: CaseComparisonOptions): CaseComparison {
  const { respondents, coded, minGroup } = linked;
  const unit = options.unit ?? 'themes';
  const byVar = findVariable(respondents.variables, options.by, 'by');
  const g = asGroups(byVar);
  const score = options.score ? findVariable(respondents.variables, options.score, 'score') : undefined;
  if (score && score.type !== 'numeric') {
    throw new StaffwellError('invalid-option', 'not a numeric survey variable', { field: 'score', value: score.ref, hint: 'name a score, e.g. ghq.total' });
  }
  const ids = coded.participants.map((p) => p.id).sort();
  const groupOf = new Map<string, number>();
  const L = g.levels.length;
  for (const id of ids) {
    const row = linked.rowOf.get(id);
    groupOf.set(id, row === undefined ? L + 1 : g.codes[row] < 0 ? L : g.codes[row]);
  }
  const all = [...g.levels.map((label) => ({ label, kind: 'level' as const })), { label: MISSING, kind: 'missing' as const }, { label: NOT_LINKED, kind: 'not-linked' as const }].map(
    (x, k) => ({ ...x, participants: ids.filter((id) => groupOf.get(id) === k) }),
  );
  const shown = all.map((x, k) => ({ x, k })).filter(({ x }) => x.kind === 'level' || x.participants.length > 0);
  const rows = evidenceRows(coded, unit).map((row) => {
    const segs = coded.segments.filter((s) => s.participantId !== null && row.codeIds.has(s.codeId));
    return {
      id: row.id,
      label: row.label,
      depth: row.depth,
      cells: shown.map(({ k }) => {
        const cellSegs = segs.filter((s) => groupOf.get(s.participantId!) === k);
        const participants = [...new Set(cellSegs.map((s) => s.participantId!))].sort();
        const values = participants.map((p) => linked.rowOf.get(p)).filter((r): r is number => r !== undefined);
        return {
          participants,
          segments: cellSegs.length,
          score: score && score.type === 'numeric' ? scoreSummary(score.ref, score.label, values.map((r) => score.values[r]), minGroup) : null,
          quotes: pickQuotes(cellSegs, options.quotes ?? 1),
        };
      }),
    };
  });
  return {
    display: 'case-comparison',
    unit,
    by: { ref: byVar.ref, label: byVar.label },
    minGroup,
    score: score ? { ref: score.ref, label: score.label } : null,
    groups: shown.map(({ x }) => x),
    rows,
  };
}
