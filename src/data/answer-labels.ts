import { StaffwellError } from '../errors.ts';
import { parseNumber } from './missing.ts';
import { lineOfRow, makeTable, type Column, type NumericColumn, type Table } from './table.ts';

/**
 * Text-coded answers: survey exports (Qualtrics "choice text", Microsoft Forms, SurveyMonkey) often hold the
 * label a respondent ticked ("Strongly agree") instead of its code (5). An answer-label map turns labels into
 * codes before scoring:
 *
 * - labels match case-, space- and quote-insensitively: both sides are NFKC-normalised, curly quotes and
 *   apostrophes read as straight ones, every run of white space (non-breaking spaces, line breaks inside a
 *   Qualtrics cell) as one space, the ends trimmed and the text lower-cased; so `" Strongly  AGREE"` matches
 *   `Strongly agree`;
 * - a field that reads as a number is kept as that number (exports that mix codes and labels);
 * - missing-value codes were already applied by the reader (`data.missing`, `--na`), so "Prefer not to say" can
 *   be declared missing rather than given a code;
 * - any other text is an **unmatched label**: never dropped silently — it is counted, with the lines it is on,
 *   and reported as an error listing every unmatched label (see {@link unmatchedLabelsError}).
 *
 * The accumulator form (`labelTallyInit/Add/Merge`) serves streamed and parallel scans: each chunk converts its
 * own columns and counts its own unmatched labels; tallies merge in file order.
 */

/** A label map as written: label -> code. */
export type AnswerLabels = Readonly<Record<string, number>>;

/** A compiled label map: normalised label -> code. */
export interface LabelLookup {
  /** Where the map came from, for messages (`study.yaml, field "labels.agree5"`, `labels.yaml`). */
  readonly source: string;
  readonly codes: ReadonlyMap<string, number>;
  /** The labels as written, in order (for hints). */
  readonly labels: readonly string[];
}

/** The key two labels are compared by. */
export function normaliseLabel(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u00B4`]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * Validates and compiles a label map. Two labels that normalise to the same text with different codes are an
 * error naming both; a code must be a finite number.
 */
export function compileLabels(map: AnswerLabels, source: string): LabelLookup {
  const codes = new Map<string, number>();
  const written = new Map<string, string>();
  const labels = Object.keys(map);
  if (labels.length === 0)
    throw new StaffwellError('invalid-option', 'the answer-label map is empty', { file: source, hint: 'give each answer label its code, e.g. "Strongly agree": 5' });
  for (const label of labels) {
    const code = map[label];
    if (typeof code !== 'number' || !Number.isFinite(code))
      throw new StaffwellError('invalid-option', 'the code of an answer label must be a number', {
        file: source,
        field: label,
        value: code,
        hint: 'write e.g. "Strongly agree": 5',
      });
    const key = normaliseLabel(label);
    if (key === '')
      throw new StaffwellError('invalid-option', 'an answer label is empty', { file: source, value: label, hint: 'remove it; empty answers are always missing' });
    const prev = codes.get(key);
    if (prev !== undefined && prev !== code)
      throw new StaffwellError('invalid-option', `two labels read the same but have different codes ("${written.get(key)}" = ${prev})`, {
        file: source,
        field: label,
        value: code,
        hint: 'labels are matched ignoring case, spaces and quote styles; give them the same code or remove one',
      });
    codes.set(key, code);
    written.set(key, label);
  }
  return { source, codes, labels };
}

/** Up to this many lines are kept per unmatched label. */
const LINES_KEPT = 5;

/** Unmatched labels of a scan: per column, per label (as first written in the data), count and first lines. */
export interface LabelTally {
  /** column -> label -> { count, lines } (insertion order = order of first appearance). */
  readonly unmatched: Map<string, Map<string, { count: number; lines: number[] }>>;
}

export function labelTallyInit(): LabelTally {
  return { unmatched: new Map() };
}

/** Merges the tally of the next part of the file into `a`. */
export function labelTallyMerge(a: LabelTally, b: LabelTally): LabelTally {
  for (const [col, labels] of b.unmatched) {
    let mine = a.unmatched.get(col);
    if (!mine) a.unmatched.set(col, (mine = new Map()));
    for (const [label, e] of labels) {
      const m = mine.get(label);
      if (!m) mine.set(label, { count: e.count, lines: e.lines.slice(0, LINES_KEPT) });
      else {
        m.count += e.count;
        for (const l of e.lines) if (m.lines.length < LINES_KEPT) m.lines.push(l);
      }
    }
  }
  return a;
}

/**
 * The column with labels turned into codes (a numeric column passes through). Unmatched labels are added to
 * `tally` and become NaN in the returned column, so the caller must check the tally before using the values.
 */
export function labelColumn(table: Table, c: Column, lookup: LabelLookup, tally: LabelTally): NumericColumn {
  if (c.kind === 'number') return c;
  // one decision per distinct text, not per row
  const byCode = new Float64Array(c.dictionary.length);
  const bad = new Uint8Array(c.dictionary.length);
  c.dictionary.forEach((s, k) => {
    const code = lookup.codes.get(normaliseLabel(s));
    if (code !== undefined) byCode[k] = code;
    else {
      const x = parseNumber(s);
      if (Number.isNaN(x)) {
        bad[k] = 1;
        byCode[k] = NaN;
      } else byCode[k] = x;
    }
  });
  const values = new Float64Array(c.codes.length);
  let unmatched: Map<string, { count: number; lines: number[] }> | undefined;
  for (let i = 0; i < values.length; i++) {
    const k = c.codes[i];
    if (k < 0) {
      values[i] = NaN;
      continue;
    }
    values[i] = byCode[k];
    if (bad[k]) {
      unmatched ??= tally.unmatched.get(c.name) ?? new Map();
      const label = c.dictionary[k];
      let e = unmatched.get(label);
      if (!e) unmatched.set(label, (e = { count: 0, lines: [] }));
      e.count++;
      if (e.lines.length < LINES_KEPT) e.lines.push(lineOfRow(table, i));
    }
  }
  if (unmatched) tally.unmatched.set(c.name, unmatched);
  return { kind: 'number', name: c.name, values, label: c.label };
}

/** `table` with the named columns' labels turned into codes (other columns as they are). */
export function labelColumns(table: Table, columns: readonly string[], lookup: LabelLookup, tally: LabelTally): Table {
  const want = new Set(columns);
  const out = table.columns.map((c) => (want.has(c.name) ? labelColumn(table, c, lookup, tally) : c));
  return makeTable({ source: table.source, columns: out, nrows: table.nrows, firstRow: table.firstRow, firstDataLine: table.firstDataLine, rowLine: table.rowLine });
}

/** Total unmatched answers in a tally. */
export function unmatchedCount(tally: LabelTally): number {
  let n = 0;
  for (const labels of tally.unmatched.values()) for (const e of labels.values()) n += e.count;
  return n;
}

/**
 * The error listing every unmatched label with its count and first lines, or undefined when every answer
 * matched. `dataFile` is the data file (its lines are the ones listed).
 */
export function unmatchedLabelsError(tally: LabelTally, lookup: LabelLookup, dataFile: string): StaffwellError | undefined {
  const total = unmatchedCount(tally);
  if (total === 0) return undefined;
  const parts: string[] = [];
  let distinct = 0;
  for (const [col, labels] of tally.unmatched)
    for (const [label, e] of labels) {
      distinct++;
      if (parts.length < 12)
        parts.push(`"${label}" in column ${col}: ${e.count} answer${e.count > 1 ? 's' : ''}, line${e.lines.length > 1 ? 's' : ''} ${e.lines.join(', ')}${e.count > e.lines.length ? ', ...' : ''}`);
    }
  const more = distinct > parts.length ? `; and ${distinct - parts.length} more label(s)` : '';
  return new StaffwellError('out-of-range', `${total} answer${total > 1 ? 's match' : ' matches'} no label of the answer labels (${lookup.source}): ${parts.join('; ')}${more}`, {
    file: dataFile,
    hint: `add these labels with their codes to the answer labels (known: ${lookup.labels.slice(0, 6).map((l) => `"${l}"`).join(', ')}${lookup.labels.length > 6 ? ', ...' : ''}), or declare them missing-value codes`,
  });
}

/**
 * Reads an answer-label map from a parsed document: a flat `{ label: code }` object, or `{ labels: {...} }`.
 */
export function answerLabelsFromDocument(doc: unknown, source: string): AnswerLabels {
  const d = doc && typeof doc === 'object' && !Array.isArray(doc) && 'labels' in doc && Object.keys(doc).length === 1 ? (doc as { labels: unknown }).labels : doc;
  if (!d || typeof d !== 'object' || Array.isArray(d))
    throw new StaffwellError('invalid-option', 'an answer-label file holds an object of label: code pairs', {
      file: source,
      hint: 'write e.g. {"Strongly disagree": 1, "Disagree": 2, "Agree": 4, "Strongly agree": 5} (JSON or YAML)',
    });
  return d as AnswerLabels;
}
