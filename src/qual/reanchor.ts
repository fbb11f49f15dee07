/**
 * Re-anchoring of coded segments when a document's text changes.
 *
 * The edit is located as the longest common prefix and suffix of the old and new text (one changed region);
 * offsets before it stay, offsets after it shift by the change in length. A segment is then checked against its
 * stored text: if the text at the mapped offsets still matches it stays there; otherwise the stored text is
 * searched for in the new text and the occurrence nearest the mapped start is taken; if it no longer occurs the
 * segment cannot be re-anchored and is reported.
 */
export interface OffsetMap {
  /** Maps an offset in the old text to the new text (offsets inside the changed region go to its start/end). */
  map(offset: number, bias: 'start' | 'end'): number;
}

export function diffOffsetMap(oldText: string, newText: string): OffsetMap {
  const max = Math.min(oldText.length, newText.length);
  let prefix = 0;
  while (prefix < max && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < max - prefix &&
    oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)
  ) {
    suffix++;
  }
  const oldEnd = oldText.length - suffix;
  const delta = newText.length - oldText.length;
  return {
    map(offset, bias) {
      if (offset <= prefix) return offset;
      if (offset >= oldEnd) return offset + delta;
      return bias === 'start' ? prefix : oldEnd + delta;
    },
  };
}

export interface AnchoredSpan {
  start: number;
  end: number;
  text: string;
}

/** New `{start, end}` for each span, or null where its text cannot be found in the new text. */
export function reanchor(oldText: string, newText: string, spans: readonly AnchoredSpan[]): ({ start: number; end: number } | null)[] {
  const m = diffOffsetMap(oldText, newText);
  return spans.map((s) => {
    const start = m.map(s.start, 'start');
    const end = m.map(s.end, 'end');
    if (newText.slice(start, end) === s.text) return { start, end };
    const at = nearestOccurrence(newText, s.text, start);
    return at < 0 ? null : { start: at, end: at + s.text.length };
  });
}

/** Index of the occurrence of `needle` in `haystack` nearest to `near`, or -1. */
export function nearestOccurrence(haystack: string, needle: string, near: number): number {
  if (needle.length === 0) return -1;
  let best = -1;
  let bestDist = Infinity;
  let i = haystack.indexOf(needle);
  while (i >= 0) {
    const d = Math.abs(i - near);
    if (d < bestDist) {
      best = i;
      bestDist = d;
    } else if (i > near) break;
    i = haystack.indexOf(needle, i + 1);
  }
  return best;
}
