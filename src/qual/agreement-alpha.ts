/**
 * Krippendorff's alpha, nominal, for two or more coders with missing data (Krippendorff, K. (2011). Computing
 * Krippendorff's Alpha-Reliability. Annenberg School for Communication, University of Pennsylvania,
 * repository.upenn.edu/asc_papers/43, section C "Nominal data, any number of observers, missing data").
 *
 * Coincidences: o_ck = Σ_u (number of c–k pairs of values in unit u, ordered, from different coders) / (m_u − 1),
 * over the units with m_u ≥ 2 values (pairable units); n_c = Σ_k o_ck; n = Σ_c n_c.
 *
 *     α = 1 − D_o/D_e,   D_o = Σ_{c≠k} o_ck / n,   D_e = Σ_{c≠k} n_c·n_k / (n(n − 1))
 *
 * α is NaN when it is undefined: fewer than two pairable values, or all values in one category (D_e = 0).
 *
 * On coded transcripts (`unitAlpha`): units are the documents' `units` (speaker turns, sentences). For each code, a
 * coder's value in a unit is 1 (code present: at least `minOverlap` characters of the unit coded) or 0; a coder who
 * did not code the document is missing in all its units. `unitAlphaMultiValued` gives each coder one nominal value
 * per unit: the set of codes present in it ("none" when empty), i.e. α over code combinations — meaningful for
 * mutually exclusive code sets.
 */
import {
  type AgreementDocument,
  type AgreementUnit,
  type CodedSpan,
  codedSet,
  codersByDocument,
  codersOf,
  codesOf,
  indexSpans,
  overlapWith,
} from './agreement-spans.ts';

/** One value in a reliability data matrix; null/undefined = missing. */
export type RatingValue = string | number | boolean | null | undefined;

export interface KrippendorffAlphaResult {
  method: 'krippendorff-alpha-nominal';
  alpha: number;
  observedDisagreement: number;
  expectedDisagreement: number;
  /** n: number of pairable values. */
  pairableValues: number;
  /** Units with at least two values. */
  pairableUnits: number;
  /** Category labels (String(value)) in first-seen order; rows and columns of `coincidences`. */
  categories: string[];
  /** Coincidence matrix o_ck. */
  coincidences: number[][];
}

/**
 * Nominal α from a reliability data matrix `data[coder][unit]` (Krippendorff's layout: observers as rows, units as
 * columns); missing values are null/undefined and rows may have different lengths (missing past the end).
 */
export function krippendorffAlphaNominal(data: ReadonlyArray<ReadonlyArray<RatingValue>>): KrippendorffAlphaResult {
  const catIndex = new Map<string, number>();
  const categories: string[] = [];
  let nUnits = 0;
  for (const row of data) nUnits = Math.max(nUnits, row.length);
  // Map values to category indices once.
  const coded: Int32Array[] = data.map((row) => {
    const out = new Int32Array(nUnits).fill(-1);
    for (let u = 0; u < row.length; u++) {
      const v = row[u];
      if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) continue;
      const key = String(v);
      let k = catIndex.get(key);
      if (k === undefined) {
        k = categories.length;
        catIndex.set(key, k);
        categories.push(key);
      }
      out[u] = k;
    }
    return out;
  });
  const q = categories.length;
  const o = Array.from({ length: q }, () => new Float64Array(q));
  const counts = new Float64Array(q);
  let pairableUnits = 0;
  for (let u = 0; u < nUnits; u++) {
    counts.fill(0);
    let m = 0;
    for (const row of coded) {
      const k = row[u];
      if (k >= 0) {
        counts[k]++;
        m++;
      }
    }
    if (m < 2) continue;
    pairableUnits++;
    for (let c = 0; c < q; c++) {
      if (counts[c] === 0) continue;
      for (let k = 0; k < q; k++) {
        if (counts[k] === 0) continue;
        o[c][k] += (counts[c] * (counts[k] - (c === k ? 1 : 0))) / (m - 1);
      }
    }
  }
  return alphaFromCoincidences(o, categories, pairableUnits);
}

function alphaFromCoincidences(o: Float64Array[], categories: string[], pairableUnits: number): KrippendorffAlphaResult {
  const q = categories.length;
  const nc = new Float64Array(q);
  let n = 0;
  let disagreeObs = 0;
  for (let c = 0; c < q; c++) {
    for (let k = 0; k < q; k++) {
      nc[c] += o[c][k];
      if (c !== k) disagreeObs += o[c][k];
    }
    n += nc[c];
  }
  let disagreeExp = 0;
  for (let c = 0; c < q; c++) for (let k = 0; k < q; k++) if (c !== k) disagreeExp += nc[c] * nc[k];
  const observed = n > 0 ? disagreeObs / n : NaN;
  const expected = n > 1 ? disagreeExp / (n * (n - 1)) : NaN;
  const alpha = n > 1 && expected > 0 ? 1 - observed / expected : NaN;
  return {
    method: 'krippendorff-alpha-nominal',
    alpha,
    observedDisagreement: observed,
    expectedDisagreement: expected,
    pairableValues: n,
    pairableUnits,
    categories,
    coincidences: o.map((r) => Array.from(r)),
  };
}

export interface UnitAlphaOptions {
  /** Coders to compare (default: every coder in `spans`). */
  coders?: ReadonlyArray<string>;
  /** Codes (default: every code in `spans`). */
  codes?: ReadonlyArray<string>;
  /** Name of the units (default 'turn'). */
  unitName?: AgreementUnit;
  /** Minimum coded characters for a code to be present in a unit (default 1). */
  minOverlap?: number;
  /**
   * Which coders coded which document (document id -> coders). Default: a coder coded a document when they applied
   * any code in it. Coders who did not code a document are missing there, not "absent".
   */
  codersByDocument?: Readonly<Record<string, ReadonlyArray<string>>>;
}

export interface UnitAlphaCodeResult extends KrippendorffAlphaResult {
  code: string;
}

export interface UnitAlphaReport {
  method: 'krippendorff-alpha-nominal-binary';
  unit: AgreementUnit;
  coders: string[];
  byCode: UnitAlphaCodeResult[];
  /** Mean of the per-code α (codes with NaN α left out). */
  meanAlpha: number;
  /** Documents without `units` (not used). */
  documentsWithoutUnits: string[];
}

interface UnitGrid {
  coders: string[];
  /** For each document with units: coders present. */
  docs: Array<{ doc: AgreementDocument; present: Set<string> }>;
  documentsWithoutUnits: string[];
}

function grid(documents: ReadonlyArray<AgreementDocument>, spans: ReadonlyArray<CodedSpan>, options: UnitAlphaOptions, index: ReturnType<typeof indexSpans>): UnitGrid {
  const coders = options.coders ? [...options.coders] : codersOf(spans);
  const present = codersByDocument(index, documents, options.codersByDocument);
  const docs: UnitGrid['docs'] = [];
  const documentsWithoutUnits: string[] = [];
  for (const doc of documents) {
    if (!doc.units) {
      documentsWithoutUnits.push(doc.id);
      continue;
    }
    docs.push({ doc, present: present.get(doc.id) ?? new Set() });
  }
  return { coders, docs, documentsWithoutUnits };
}

/** Binary (present/absent) nominal α per code on units such as speaker turns or sentences. */
export function unitAlpha(
  documents: ReadonlyArray<AgreementDocument>,
  spans: ReadonlyArray<CodedSpan>,
  options: UnitAlphaOptions = {},
): UnitAlphaReport {
  const index = indexSpans(spans);
  const g = grid(documents, spans, options, index);
  const codes = options.codes ? [...options.codes] : codesOf(spans);
  const minOverlap = options.minOverlap ?? 1;
  const byCode: UnitAlphaCodeResult[] = [];
  for (const code of codes) {
    const data: Array<Array<number | null>> = g.coders.map(() => []);
    for (const { doc, present } of g.docs) {
      g.coders.forEach((coder, i) => {
        const row = data[i];
        if (!present.has(coder)) {
          for (let u = 0; u < doc.units!.length; u++) row.push(null);
          return;
        }
        const set = codedSet(index, doc.id, [coder], code, doc.length);
        for (const [s, e] of doc.units!) row.push(overlapWith(set, s, e) >= minOverlap ? 1 : 0);
      });
    }
    byCode.push({ code, ...krippendorffAlphaNominal(data) });
  }
  const finite = byCode.filter((r) => !Number.isNaN(r.alpha));
  return {
    method: 'krippendorff-alpha-nominal-binary',
    unit: options.unitName ?? 'turn',
    coders: g.coders,
    byCode,
    meanAlpha: finite.length ? finite.reduce((s, r) => s + r.alpha, 0) / finite.length : NaN,
    documentsWithoutUnits: g.documentsWithoutUnits,
  };
}

export interface UnitAlphaMultiValuedResult extends KrippendorffAlphaResult {
  unit: AgreementUnit;
  coders: string[];
  codes: string[];
  documentsWithoutUnits: string[];
}

/**
 * Multi-valued nominal α on units: each coder's value in a unit is the sorted set of the `codes` present in it
 * (joined with " + "), or "none". Use it with a set of mutually exclusive codes (e.g. one code per turn).
 */
export function unitAlphaMultiValued(
  documents: ReadonlyArray<AgreementDocument>,
  spans: ReadonlyArray<CodedSpan>,
  options: UnitAlphaOptions = {},
): UnitAlphaMultiValuedResult {
  const index = indexSpans(spans);
  const g = grid(documents, spans, options, index);
  const codes = options.codes ? [...options.codes] : codesOf(spans);
  const minOverlap = options.minOverlap ?? 1;
  const data: Array<Array<string | null>> = g.coders.map(() => []);
  for (const { doc, present } of g.docs) {
    g.coders.forEach((coder, i) => {
      const row = data[i];
      if (!present.has(coder)) {
        for (let u = 0; u < doc.units!.length; u++) row.push(null);
        return;
      }
      const sets = codes.map((code) => codedSet(index, doc.id, [coder], code, doc.length));
      for (const [s, e] of doc.units!) {
        const here = codes.filter((_, k) => overlapWith(sets[k], s, e) >= minOverlap).sort();
        row.push(here.length ? here.join(' + ') : 'none');
      }
    });
  }
  return {
    ...krippendorffAlphaNominal(data),
    unit: options.unitName ?? 'turn',
    coders: g.coders,
    codes,
    documentsWithoutUnits: g.documentsWithoutUnits,
  };
}
