import type { Study } from '../study/study-file.ts';

/**
 * How each classification of a study sorts a score into its levels (a cut-off, or bands), so a profile can say
 * why a person is a "case": the level alone does not show that GHQ caseness is 4 or more on the GHQ (0-0-1-1)
 * scoring of the total, not on the Likert total beside it.
 */
export interface ClassificationRule {
  /** The classification's study reference (`ghq.caseness`). */
  ref: string;
  label: string;
  /** The score it classifies (`ghq.total`) and the scoring method it is computed under, if not the default. */
  of: string;
  scoring: string | null;
  /** The cut-off in force (the study's, else the definition's default); null for bands. */
  cutoff: number | null;
  /** Each level with the range of the score it covers (`≥ 4`, `12–17`). */
  levels: { label: string; range: string }[];
}

export function classificationRules(study: Study): ClassificationRule[] {
  return study.scoring.flatMap((s) =>
    (s.definition.classifications ?? []).map((c): ClassificationRule => {
      const cutoff = c.cutoff ? (s.cutoffs?.[c.id] ?? c.cutoff.default) : null;
      const levels = c.cutoff
        ? [
            { label: c.cutoff.labels.below, range: `< ${cutoff}` },
            { label: c.cutoff.labels.atOrAbove, range: `≥ ${cutoff}` },
          ]
        : (c.bands ?? []).map((b) => ({ label: b.label, range: bandRange(b) }));
      return { ref: `${s.name}.${c.id}`, label: c.label ?? c.id, of: `${s.name}.${c.of}`, scoring: c.scoring ?? null, cutoff, levels };
    }),
  );
}

function bandRange(b: { min?: number; max?: number; above?: number; below?: number }): string {
  const parts = [b.min !== undefined && `≥ ${b.min}`, b.above !== undefined && `> ${b.above}`, b.max !== undefined && `≤ ${b.max}`, b.below !== undefined && `< ${b.below}`];
  if (b.min !== undefined && b.max !== undefined && b.above === undefined && b.below === undefined) return `${b.min}–${b.max}`;
  return parts.filter(Boolean).join(', ');
}
