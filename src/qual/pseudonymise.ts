/**
 * Pseudonymisation of transcript text by a list of replacements (UK Data Service practice: replace with
 * bracketed descriptors or pseudonyms rather than blanking out, mark replacements clearly, keep a log of every
 * replacement apart from the data). Pure functions: the store keeps the original layer, the pseudonymised layer
 * and the log (`spans`) in their places.
 *
 * Offsets are UTF-16 code units, end exclusive (as in `snapshot.ts`).
 */
import { StaffwellError } from '../errors.ts';

export type ReplacementCategory = 'person' | 'colleague' | 'patient' | 'place' | 'ward' | 'trust' | 'site' | 'date' | 'other';

export const REPLACEMENT_CATEGORIES: readonly ReplacementCategory[] = [
  'person', 'colleague', 'patient', 'place', 'ward', 'trust', 'site', 'date', 'other',
];

export interface Replacement {
  /** The identifying text as it may appear in transcripts, e.g. "Sarah Jones". */
  original: string;
  /** What replaces it, written verbatim, e.g. "[colleague]" or "[Trust A]" (brackets mark the replacement). */
  replacement: string;
  category?: ReplacementCategory;
  /** Match letter case exactly. Default from options (false). */
  caseSensitive?: boolean;
  /** Match only whole words (Unicode letters, marks and digits are word characters). Default from options (true). */
  wholeWord?: boolean;
}

export interface PseudonymiseOptions {
  /** Default for entries without `caseSensitive`: false. */
  caseSensitive?: boolean;
  /** Default for entries without `wholeWord`: true. */
  wholeWord?: boolean;
}

/** One replacement made: where it is in the output and where the original text was in the input. */
export interface PseudonymSpan {
  /** Start in the pseudonymised text. */
  start: number;
  /** End (exclusive) in the pseudonymised text. */
  end: number;
  /** Start in the original text. */
  originalStart: number;
  /** End (exclusive) in the original text. */
  originalEnd: number;
  /** The text replaced, as it appeared (`input.slice(originalStart, originalEnd)`). */
  original: string;
  replacement: string;
  category: ReplacementCategory;
  /** Index of the entry in the replacements list that matched. */
  entry: number;
}

export interface PseudonymisedText {
  text: string;
  /** Replacements made, in text order, non-overlapping. */
  spans: PseudonymSpan[];
}

/** A match of a replacement entry in a text (before replacing). */
export interface ReplacementMatch {
  start: number;
  end: number;
  entry: number;
}

const WORD = '[\\p{L}\\p{M}\\p{N}_]';
const APOSTROPHES = "'\u2019\u02bc\u2018";
const HYPHENS = '-\u2010\u2011\u2013';

/**
 * Regular-expression source matching `original` flexibly: any run of whitespace matches any run of whitespace
 * (names broken over a line), any apostrophe matches ' ’ ʼ ‘ ("O'Neil" = "O’Neil"), any hyphen matches - ‐ ‑ –,
 * and an accented letter matches its composed or decomposed form ("Zoë").
 */
function flexiblePattern(original: string): string {
  let out = '';
  for (const ch of original.trim().replace(/\s+/gu, ' ')) {
    if (ch === ' ') out += '\\s+';
    else if (APOSTROPHES.includes(ch)) out += `[${APOSTROPHES}]`;
    else if (HYPHENS.includes(ch)) out += `[${HYPHENS}]`;
    else {
      const nfc = ch.normalize('NFC');
      const nfd = ch.normalize('NFD');
      out += nfc === nfd ? escapeRegExp(ch) : `(?:${escapeRegExp(nfc)}|${escapeRegExp(nfd)})`;
    }
  }
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|\/-]/g, '\\$&');
}

interface CompiledEntry {
  re: RegExp;
  entry: number;
}

function compile(replacements: readonly Replacement[], options: PseudonymiseOptions): CompiledEntry[] {
  const seen = new Map<string, number>();
  const compiled: CompiledEntry[] = [];
  replacements.forEach((r, i) => {
    if (typeof r.original !== 'string' || r.original.trim() === '') {
      throw new StaffwellError('invalid-definition', 'a replacement has an empty original', {
        field: `replacements[${i}].original`,
        value: r.original,
        hint: 'Give the name or place to replace, or remove the entry',
      });
    }
    if (typeof r.replacement !== 'string') {
      throw new StaffwellError('invalid-definition', 'a replacement has no replacement text', {
        field: `replacements[${i}].replacement`,
        value: r.replacement,
        hint: 'Give the text to write instead, e.g. "[colleague]"',
      });
    }
    if (r.category !== undefined && !REPLACEMENT_CATEGORIES.includes(r.category)) {
      throw new StaffwellError('invalid-definition', 'unknown replacement category', {
        field: `replacements[${i}].category`,
        value: r.category,
        hint: `Use one of ${REPLACEMENT_CATEGORIES.join(', ')}`,
      });
    }
    const caseSensitive = r.caseSensitive ?? options.caseSensitive ?? false;
    const wholeWord = r.wholeWord ?? options.wholeWord ?? true;
    const norm = r.original.trim().replace(/\s+/gu, ' ').normalize('NFC');
    const key = caseSensitive ? norm : norm.toLocaleLowerCase('en-GB');
    const dup = seen.get(key);
    if (dup !== undefined) {
      if (replacements[dup]!.replacement !== r.replacement) {
        throw new StaffwellError('invalid-definition', `"${r.original}" is listed twice with different replacements`, {
          field: `replacements[${i}].original`,
          value: `${replacements[dup]!.replacement} / ${r.replacement}`,
          hint: `Keep one entry for it (the other is replacements[${dup}])`,
        });
      }
      return; // the same pair twice: harmless
    }
    seen.set(key, i);
    let src = flexiblePattern(r.original);
    if (wholeWord) src = `(?<!${WORD})(?<!${WORD}[${APOSTROPHES}])(?:${src})(?!${WORD})`;
    compiled.push({ re: new RegExp(src, caseSensitive ? 'gu' : 'giu'), entry: i });
  });
  return compiled;
}

/**
 * All places where replacement entries match, resolved to non-overlapping matches: the longest match wins
 * (so "Sarah Jones" is replaced as one, not as "Sarah" and "Jones"), then the earliest, then the entry listed
 * first. Sorted by start.
 */
export function findReplacementMatches(
  text: string,
  replacements: readonly Replacement[],
  options: PseudonymiseOptions = {},
): ReplacementMatch[] {
  const candidates: ReplacementMatch[] = [];
  for (const { re, entry } of compile(replacements, options)) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      candidates.push({ start: m.index, end: m.index + m[0].length, entry });
    }
  }
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start || a.entry - b.entry);
  const taken = new Uint8Array(text.length);
  const chosen: ReplacementMatch[] = [];
  outer: for (const c of candidates) {
    for (let k = c.start; k < c.end; k++) if (taken[k]) continue outer;
    taken.fill(1, c.start, c.end);
    chosen.push(c);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

/**
 * Replaces every listed name, place or date in `text` (longest match first, never replacing inside a
 * replacement). Matching is case-insensitive and whole-word by default; word boundaries are Unicode-aware
 * (letters, combining marks and digits of any script are word characters), a possessive stays outside the match
 * ("Sarah's" → "[colleague]'s"), and a name is not matched inside a longer apostrophe name ("Neil" is not found
 * in "O'Neil"). A hyphen is a boundary, so "Northgate-based" → "[Trust A]-based".
 *
 * Returns the pseudonymised text and one span per replacement, which is the anonymisation log entry and maps
 * between the layers (`mapOffset`). Invalid entries throw `StaffwellError` ('invalid-definition').
 */
export function pseudonymise(
  text: string,
  replacements: readonly Replacement[],
  options: PseudonymiseOptions = {},
): PseudonymisedText {
  const matches = findReplacementMatches(text, replacements, options);
  const spans: PseudonymSpan[] = [];
  let out = '';
  let pos = 0;
  for (const m of matches) {
    out += text.slice(pos, m.start);
    const r = replacements[m.entry]!;
    const start = out.length;
    out += r.replacement;
    spans.push({
      start,
      end: out.length,
      originalStart: m.start,
      originalEnd: m.end,
      original: text.slice(m.start, m.end),
      replacement: r.replacement,
      category: r.category ?? 'other',
      entry: m.entry,
    });
    pos = m.end;
  }
  out += text.slice(pos);
  return { text: out, spans };
}

/**
 * Maps an offset between the original and the pseudonymised text using the spans of `pseudonymise`.
 * Offsets outside replaced spans map exactly (and round-trip); a span's start and end boundaries map to the
 * other layer's boundaries. An offset strictly inside a replaced span maps to the start of the corresponding
 * span in the other layer with `bias: 'start'` (default, for the start of a range) or to its end with
 * `bias: 'end'` (for the exclusive end of a range), so a mapped range always covers the whole replacement.
 */
export function mapOffset(
  spans: readonly PseudonymSpan[],
  offset: number,
  direction: 'toOriginal' | 'toPseudonymised',
  bias: 'start' | 'end' = 'start',
): number {
  const toPseudo = direction === 'toPseudonymised';
  let delta = 0;
  for (const s of spans) {
    const from0 = toPseudo ? s.originalStart : s.start;
    const from1 = toPseudo ? s.originalEnd : s.end;
    const to0 = toPseudo ? s.start : s.originalStart;
    const to1 = toPseudo ? s.end : s.originalEnd;
    if (offset <= from0) return offset + delta;
    if (offset < from1) return bias === 'start' ? to0 : to1;
    delta = to1 - from1;
  }
  return offset + delta;
}

/**
 * Maps a range `[start, end)` between the layers: the start with bias 'start' and the end with bias 'end', so the
 * mapped range covers every replacement the range touches. Use it for turn offsets after pseudonymising a rendered
 * transcript, and for coded segments.
 */
export function mapRange(
  spans: readonly PseudonymSpan[],
  start: number,
  end: number,
  direction: 'toOriginal' | 'toPseudonymised',
): { start: number; end: number } {
  return { start: mapOffset(spans, start, direction, 'start'), end: mapOffset(spans, end, direction, 'end') };
}

/** A stored replacement-list entry (category as free text) as a `Replacement` (unknown categories become 'other'). */
export function toReplacement(r: { original: string; replacement: string; category?: string }): Replacement {
  return { original: r.original, replacement: r.replacement, category: asReplacementCategory(r.category) };
}

export function asReplacementCategory(c: string | undefined): ReplacementCategory | undefined {
  if (c === undefined || c === '') return undefined;
  return (REPLACEMENT_CATEGORIES as readonly string[]).includes(c) ? (c as ReplacementCategory) : 'other';
}
