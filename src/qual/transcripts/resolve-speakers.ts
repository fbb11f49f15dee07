import { looksLikeDisplayName, splitNamePrefix } from './cue-text.ts';

export { looksLikeDisplayName };

/**
 * Decides which `Name:` prefix (or Teams header) candidates are speaker names. A candidate is accepted when it
 * occurs at least twice. In a file where at least half of the units (cues, paragraphs) start with a candidate
 * that recurs or looks like a display name, a candidate seen once is accepted too if it looks like a display name (every word capitalised, e.g.
 * "Jo Bloggs", "P05") — so that a focus-group member who speaks once is recognised, while "So what I said was:
 * ..." or a one-off "Note: ..." in unlabelled speech is not. `known` names (e.g. from voice tags) are always
 * accepted.
 */
export function acceptNameCandidates(candidates: readonly (string | null)[], known: Iterable<string> = []): Set<string> {
  const counts = new Map<string, number>();
  for (const c of candidates) if (c !== null) counts.set(c, (counts.get(c) ?? 0) + 1);
  const accepted = new Set<string>(known);
  let covered = 0;
  for (const c of candidates) {
    if (c !== null && ((counts.get(c) ?? 0) >= 2 || accepted.has(c) || looksLikeDisplayName(c))) covered++;
  }
  const prefixStyle = candidates.length > 0 && covered / candidates.length >= 0.5;
  for (const [c, n] of counts) if (n >= 2 || (prefixStyle && looksLikeDisplayName(c))) accepted.add(c);
  return accepted;
}

/** The `Name:` candidate of a text, or null (no prefix detection when disabled). */
export function nameCandidate(text: string, enabled: boolean): string | null {
  if (!enabled) return null;
  const p = splitNamePrefix(text);
  return p === null ? null : p.name;
}
