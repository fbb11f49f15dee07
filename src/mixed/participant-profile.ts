import { StaffwellError } from '../errors.ts';
import type { VariableValue } from '../qual/snapshot.ts';
import type { LinkedProject } from './participant-link.ts';
import { valueAt, type VariableKind } from './respondents.ts';

/**
 * One person across both kinds of data: their survey scores and classifications (bands, caseness), their
 * attributes, and their coded segments by code and by theme. A profile is a working view for the research team
 * (it is about one person, so it is never a released figure); joint displays are what gets released.
 */
export interface ParticipantProfile {
  participantId: string;
  site: string | null;
  attributes: Record<string, VariableValue>;
  /** The survey row, or null when the participant's id is not in the survey (see the link check). */
  survey: { line: number; values: { ref: string; label: string; kind: VariableKind; value: number | string | null }[] } | null;
  /** Codes the participant's segments carry (the code itself, not its parents), in codebook order. */
  codes: { codeId: string; code: string; segments: number; quotes: ProfileQuote[] }[];
  /** Themes with at least one of the participant's segments (through their codes), in theme order. */
  themes: { themeId: string; theme: string; kind: string; depth: number; segments: number }[];
  segments: number;
}

export interface ProfileQuote {
  segmentId: string;
  documentName: string;
  text: string;
  keyQuote: boolean;
}

export function participantProfile(linked: LinkedProject, participantId: string): ParticipantProfile {
  const { coded, respondents } = linked;
  const p = coded.participants.find((x) => x.id === participantId);
  if (!p) {
    throw new StaffwellError('not-found', 'no participant with this id in the qualitative project', {
      field: 'participant',
      value: participantId,
      hint: `use one of: ${coded.participants.map((x) => x.id).slice(0, 20).join(', ')}`,
    });
  }
  const row = linked.rowOf.get(participantId);
  const segs = coded.segments.filter((s) => s.participantId === participantId);
  const byCode = new Map<string, ProfileQuote[]>();
  for (const s of segs) {
    (byCode.get(s.codeId) ?? byCode.set(s.codeId, []).get(s.codeId)!).push({ segmentId: s.id, documentName: s.documentName, text: s.text, keyQuote: s.keyQuote });
  }
  return {
    participantId,
    site: p.site,
    attributes: p.attributes,
    survey:
      row === undefined
        ? null
        : { line: respondents.lines[row], values: respondents.variables.map((v) => ({ ref: v.ref, label: v.label, kind: v.kind, value: valueAt(v, row) })) },
    codes: coded.codes.filter((c) => byCode.has(c.id)).map((c) => ({ codeId: c.id, code: c.path, segments: byCode.get(c.id)!.length, quotes: byCode.get(c.id)! })),
    themes: coded.themes
      .map((t) => {
        const ids = new Set(coded.themeCodes[t.id]);
        return { themeId: t.id, theme: t.name, kind: t.kind, depth: t.depth, segments: segs.filter((s) => ids.has(s.codeId)).length };
      })
      .filter((t) => t.segments > 0),
    segments: segs.length,
  };
}
