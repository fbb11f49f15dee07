import type { CodedParticipants } from './coded-participants.ts';
import type { Respondents } from './respondents.ts';

/**
 * The participant link: a survey respondent and a qualitative participant are one person when the survey's id
 * column holds the participant's id. Ids are compared exactly (as text); every id that finds no partner is
 * reported, on both sides, never dropped silently, with a near match when one differs only in case, spaces,
 * punctuation or leading zeros (`p01` / `P-01` / `P001`).
 */
export interface LinkCheck {
  idColumn: string;
  /** Survey rows, and how many of them have no id. */
  respondents: number;
  respondentsWithoutId: number;
  participants: number;
  /** Participants found in the survey, by participant id. */
  matched: { participantId: string; line: number }[];
  /** Participants of the qualitative project with no survey row (e.g. a pilot interview, a mistyped id). */
  unmatchedParticipants: { participantId: string; nearMatch: string | null }[];
  /** Survey ids with no participant (in a sequential design, those not interviewed), in file order. */
  unmatchedRespondents: string[];
  /** An id on more than one survey row: the first row is used. */
  duplicateIds: { id: string; lines: number[] }[];
}

/** One person on both sides: the survey row of every matched participant. */
export interface LinkedProject {
  respondents: Respondents;
  coded: CodedParticipants;
  check: LinkCheck;
  /** Participant id -> survey row. */
  rowOf: ReadonlyMap<string, number>;
  /** Suppression threshold of everything released from the link. */
  minGroup: number;
}

/** Links the two sides (pure). `minGroup` defaults to the study's suppression threshold. */
export function linkParticipants(respondents: Respondents, coded: CodedParticipants, options: { minGroup?: number } = {}): LinkedProject {
  const firstRow = new Map<string, number>();
  const dup = new Map<string, number[]>();
  let withoutId = 0;
  respondents.ids.forEach((id, row) => {
    if (id === null) return void withoutId++;
    const seen = firstRow.get(id);
    if (seen === undefined) firstRow.set(id, row);
    else (dup.get(id) ?? dup.set(id, [respondents.lines[seen]]).get(id)!).push(respondents.lines[row]);
  });
  const rowOf = new Map<string, number>();
  const unmatchedParticipants: LinkCheck['unmatchedParticipants'] = [];
  let near: Map<string, string> | undefined;
  for (const p of coded.participants) {
    const row = firstRow.get(p.id);
    if (row !== undefined) {
      rowOf.set(p.id, row);
      continue;
    }
    near ??= normalisedIds(firstRow.keys());
    unmatchedParticipants.push({ participantId: p.id, nearMatch: near.get(normaliseId(p.id)) ?? null });
  }
  const participantIds = new Set(coded.participants.map((p) => p.id));
  const unmatchedRespondents: string[] = [];
  for (const id of firstRow.keys()) if (!participantIds.has(id)) unmatchedRespondents.push(id);
  const check: LinkCheck = {
    idColumn: respondents.idColumn,
    respondents: respondents.ids.length,
    respondentsWithoutId: withoutId,
    participants: coded.participants.length,
    matched: [...rowOf].map(([participantId, row]) => ({ participantId, line: respondents.lines[row] })),
    unmatchedParticipants,
    unmatchedRespondents,
    duplicateIds: [...dup].map(([id, lines]) => ({ id, lines })),
  };
  return { respondents, coded, check, rowOf, minGroup: options.minGroup ?? respondents.minGroup };
}

/** `P-001`, `p1`, ` P01 ` -> `P1`: case, spaces, punctuation and leading zeros of numbers do not count. */
export function normaliseId(id: string): string {
  return id
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .replace(/\d+/g, (d) => d.replace(/^0+(?=\d)/, ''));
}

function normalisedIds(ids: Iterable<string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const id of ids) {
    const k = normaliseId(id);
    if (!out.has(k)) out.set(k, id);
  }
  return out;
}
