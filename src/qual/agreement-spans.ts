/**
 * Shared inputs and interval helpers of the inter-coder agreement statistics (`agreement.ts`,
 * `agreement-alpha.ts`, `agreement-unitized.ts`).
 *
 * Offsets are UTF-16 code units, end exclusive, as in `ProjectSnapshot` (`src/qual/snapshot.ts`).
 */

/** A document as the agreement statistics see it: its length and, optionally, its units (turns, sentences). */
export interface AgreementDocument {
  id: string;
  /** Length of the canonical text in UTF-16 code units. */
  length: number;
  /** Units of analysis as `[start, end)` offsets (speaker turns, sentences, paragraphs). */
  units?: ReadonlyArray<readonly [number, number]>;
}

/** One coded span: coder `coder` applied `code` to `[start, end)` of `documentId`. */
export interface CodedSpan {
  coder: string;
  code: string;
  documentId: string;
  start: number;
  end: number;
}

/** The unit the counts of a result are in. */
export type AgreementUnit = 'character' | 'turn' | 'sentence' | 'paragraph' | (string & {});

/** Sorted, disjoint, non-empty half-open intervals packed as [s0, e0, s1, e1, ...]. */
export type IntervalSet = Float64Array;

/**
 * Union of `[start, end)` intervals clipped to `[0, length)`: sorted, disjoint, non-adjacent. The same coder's
 * overlapping codings of one code therefore count once (unlike QualCoder, which counts them twice).
 */
export function unionIntervals(intervals: ReadonlyArray<readonly [number, number]>, length: number): IntervalSet {
  const clipped: Array<[number, number]> = [];
  for (const [s0, e0] of intervals) {
    const s = Math.max(0, Math.min(length, s0));
    const e = Math.max(0, Math.min(length, e0));
    if (e > s) clipped.push([s, e]);
  }
  clipped.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: number[] = [];
  for (const [s, e] of clipped) {
    const n = out.length;
    if (n > 0 && s <= out[n - 1]) {
      if (e > out[n - 1]) out[n - 1] = e;
    } else {
      out.push(s, e);
    }
  }
  return Float64Array.from(out);
}

/** Total length covered by an interval set. */
export function coveredLength(set: IntervalSet): number {
  let total = 0;
  for (let i = 0; i < set.length; i += 2) total += set[i + 1] - set[i];
  return total;
}

/** Length of the intersection of two interval sets (two-pointer sweep). */
export function intersectionLength(a: IntervalSet, b: IntervalSet): number {
  let i = 0;
  let j = 0;
  let total = 0;
  while (i < a.length && j < b.length) {
    const s = Math.max(a[i], b[j]);
    const e = Math.min(a[i + 1], b[j + 1]);
    if (e > s) total += e - s;
    if (a[i + 1] < b[j + 1]) i += 2;
    else j += 2;
  }
  return total;
}

/** Length of the overlap between `[start, end)` and an interval set. */
export function overlapWith(set: IntervalSet, start: number, end: number): number {
  let total = 0;
  for (let i = 0; i < set.length; i += 2) {
    if (set[i] >= end) break;
    const s = Math.max(set[i], start);
    const e = Math.min(set[i + 1], end);
    if (e > s) total += e - s;
  }
  return total;
}

/** Index of spans: document -> coder -> code -> raw intervals. */
export type SpanIndex = Map<string, Map<string, Map<string, Array<[number, number]>>>>;

export function indexSpans(spans: ReadonlyArray<CodedSpan>): SpanIndex {
  const index: SpanIndex = new Map();
  for (const s of spans) {
    let byCoder = index.get(s.documentId);
    if (!byCoder) index.set(s.documentId, (byCoder = new Map()));
    let byCode = byCoder.get(s.coder);
    if (!byCode) byCoder.set(s.coder, (byCode = new Map()));
    let list = byCode.get(s.code);
    if (!list) byCode.set(s.code, (list = []));
    list.push([s.start, s.end]);
  }
  return index;
}

/** Union of the spans of any of `coders` with `code` in one document. */
export function codedSet(
  index: SpanIndex,
  documentId: string,
  coders: ReadonlyArray<string>,
  code: string,
  length: number,
): IntervalSet {
  const byCoder = index.get(documentId);
  const all: Array<[number, number]> = [];
  if (byCoder) {
    for (const c of coders) {
      const list = byCoder.get(c)?.get(code);
      if (list) all.push(...list);
    }
  }
  return unionIntervals(all, length);
}

/** Codes in first-seen order. */
export function codesOf(spans: ReadonlyArray<CodedSpan>): string[] {
  const seen = new Set<string>();
  for (const s of spans) seen.add(s.code);
  return [...seen];
}

/** Coders in first-seen order. */
export function codersOf(spans: ReadonlyArray<CodedSpan>): string[] {
  const seen = new Set<string>();
  for (const s of spans) seen.add(s.coder);
  return [...seen];
}

/**
 * Which coders coded each document. With `explicit` given, that list (missing documents: nobody); otherwise a coder
 * counts as having coded a document when they applied at least one code (any code) in it. A coder who did not code
 * a document is *missing* there (Krippendorff's missing data), not "coded nothing".
 */
export function codersByDocument(
  index: SpanIndex,
  documents: ReadonlyArray<AgreementDocument>,
  explicit?: Readonly<Record<string, ReadonlyArray<string>>>,
): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const d of documents) {
    if (explicit) out.set(d.id, new Set(explicit[d.id] ?? []));
    else out.set(d.id, new Set(index.get(d.id)?.keys() ?? []));
  }
  return out;
}
