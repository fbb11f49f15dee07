import type { Fit, SideBySideRow } from '../qual/commands/mixed.ts';
import type { StudyResults } from '../study/study-results.ts';
import type { CodedParticipants } from './coded-participants.ts';
import { pickQuotes, quoteOf, type DisplayQuote } from './display-parts.ts';

/**
 * Side-by-side comparison (Guetterman, Fetters & Creswell 2015): rows the researcher writes (stored in the project
 * by the `mixed.row.*` commands, so they are versioned, audited and undoable) — a quantitative finding, the
 * themes that speak to it with quotes, a fit label (confirmation, expansion, discordance; Fetters, Curry &
 * Creswell 2013) and the meta-inference. The finding's statistic is read from the study's results JSON (already
 * suppressed there), so the display always shows the number the study produced.
 */
export interface SideBySide {
  display: 'side-by-side';
  name: string;
  rows: SideBySideResolved[];
  /** Rows per fit label (null: not yet judged). */
  fits: Record<Fit | 'unjudged', number>;
}

export interface SideBySideResolved {
  id: string;
  domain: string;
  finding: {
    text: string;
    analysis: string | null;
    statistic: string | null;
    /** The statistic's value in the results, or null (with `problem`) when it cannot be read. */
    value: unknown;
    problem: string | null;
  };
  themes: { id: string; name: string | null; participants: number }[];
  quotes: DisplayQuote[];
  fit: Fit | null;
  inference: string;
}

export function sideBySide(name: string, rows: readonly SideBySideRow[], coded: CodedParticipants, results: StudyResults | null, options: { quotes?: number } = {}): SideBySide {
  const segById = new Map(coded.segments.map((s) => [s.id, s]));
  const themeName = new Map(coded.themes.map((t) => [t.id, t.name]));
  const fits: SideBySide['fits'] = { confirmation: 0, expansion: 0, discordance: 0, unjudged: 0 };
  const out = rows.map((r): SideBySideResolved => {
    fits[r.fit ?? 'unjudged']++;
    const themeSegs = (id: string) => {
      const codes = new Set(coded.themeCodes[id] ?? []);
      return coded.segments.filter((s) => codes.has(s.codeId));
    };
    const quotes =
      r.quoteIds.length > 0
        ? r.quoteIds.map((id) => segById.get(id)).filter((s) => s !== undefined).map(quoteOf)
        : pickQuotes(r.themeIds.flatMap(themeSegs), options.quotes ?? 2);
    return {
      id: r.id,
      domain: r.domain,
      finding: { text: r.finding.text, analysis: r.finding.analysis ?? null, statistic: r.finding.statistic ?? null, ...statistic(results, r.finding) },
      themes: r.themeIds.map((id) => ({
        id,
        name: themeName.get(id) ?? null,
        participants: new Set(themeSegs(id).map((s) => s.participantId).filter((p) => p !== null)).size,
      })),
      quotes,
      fit: r.fit,
      inference: r.inference,
    };
  });
  return { display: 'side-by-side', name, rows: out, fits };
}

/** `finding.statistic` is a path into the analysis' result: `comparisons.0.p_value`, `groups[1].mean`. */
function statistic(results: StudyResults | null, f: SideBySideRow['finding']): { value: unknown; problem: string | null } {
  if (!f.analysis) return { value: null, problem: null };
  if (!results) return { value: null, problem: 'no study results to read (run the study first: staffwell run STUDY)' };
  const a = results.analyses.find((x) => x.id === f.analysis);
  if (!a) return { value: null, problem: `the results have no analysis "${f.analysis}"` };
  if (!f.statistic) return { value: null, problem: null };
  let v: unknown = a;
  for (const part of f.statistic.replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean)) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, part)) return { value: null, problem: `"${f.statistic}" is not in the result of ${f.analysis}` };
    v = (v as Record<string, unknown>)[part];
  }
  return { value: v ?? null, problem: v === null || v === undefined ? 'the value is empty in the results (suppressed or undefined)' : null };
}
