/**
 * Krippendorff's unitized alpha (uα; Krippendorff 1995, "On the reliability of unitizing continuous data",
 * Sociological Methodology 25; 2004, Content Analysis 2nd ed. §11.6), per code, for free text spans. Formulas as
 * restated in /work/shared/reference/qualitative-and-refi-qda.md §4.7 (after dkpro-statistics'
 * KrippendorffAlphaUnitizingAgreement); implemented from the formulas, not ported.
 *
 * For code c, each coder's coding partitions each document into *units* (coded, after merging the coder's overlapping
 * spans) and *gaps*. For sections g (coder i) and h (coder j) that intersect, with bd = b_g − b_h, ld = l_g − l_h:
 *
 *     both units, −l_g < bd < l_h          δ² = bd² + (bd + ld)²
 *     g unit inside gap h (0 ≤ bd ≤ −ld)   δ² = l_g²
 *     h unit inside gap g (−ld ≤ bd ≤ 0)   δ² = l_h²
 *     otherwise                            δ² = 0
 *
 *     D_o = 2·Σ_{i<j} Σ_{g,h} δ² / (R(R − 1)L²)
 *     D_e = (2/L)·Σ_units l [ (N − 1)(2l³ − 3l² + l)/3 + l²·Σ_{gaps g ≥ l}(g − l + 1) ] / (RL(RL − 1) − Σ_units l(l − 1))
 *     uα = 1 − D_o/D_e;  over codes: 1 − mean D_o / mean D_e
 *
 * with L the continuum length, R the number of coders and N the number of units of c (all coders). Several
 * documents form one continuum of length L = Σ lengths whose sections never cross a document boundary. Only
 * documents coded by every coder enter (uα has no missing-data form); the others are listed in `excludedDocuments`.
 * Check values (§4.7): identical spans 1.0; L = 1000, A [0,100) vs B [50,150): 0.693; A [0,100) vs B [100,200):
 * −0.268.
 */
import {
  type AgreementDocument,
  type CodedSpan,
  type IntervalSet,
  codedSet,
  codersByDocument,
  codersOf,
  codesOf,
  indexSpans,
} from './agreement-spans.ts';

export interface UnitizedAlphaOptions {
  coders?: ReadonlyArray<string>;
  codes?: ReadonlyArray<string>;
  /** As in `UnitAlphaOptions`: which coders coded which document (default: any code applied there). */
  codersByDocument?: Readonly<Record<string, ReadonlyArray<string>>>;
}

export interface UnitizedAlphaCodeResult {
  code: string;
  alpha: number;
  observedDisagreement: number;
  expectedDisagreement: number;
  /** Number of units (merged spans) of this code, all coders. */
  units: number;
}

export interface UnitizedAlphaReport {
  method: 'krippendorff-unitized-alpha';
  unit: 'character';
  coders: string[];
  /** Continuum length L (characters). */
  length: number;
  byCode: UnitizedAlphaCodeResult[];
  /** 1 − mean D_o / mean D_e over the codes with a defined D_e. */
  alpha: number;
  excludedDocuments: string[];
}

/** Sections of one coder in one document: alternating gaps and units covering [0, length). */
function sections(set: IntervalSet, length: number): { starts: number[]; lengths: number[]; isUnit: boolean[] } {
  const starts: number[] = [];
  const lengths: number[] = [];
  const isUnit: boolean[] = [];
  let pos = 0;
  for (let i = 0; i < set.length; i += 2) {
    if (set[i] > pos) {
      starts.push(pos);
      lengths.push(set[i] - pos);
      isUnit.push(false);
    }
    starts.push(set[i]);
    lengths.push(set[i + 1] - set[i]);
    isUnit.push(true);
    pos = set[i + 1];
  }
  if (pos < length) {
    starts.push(pos);
    lengths.push(length - pos);
    isUnit.push(false);
  }
  return { starts, lengths, isUnit };
}

function pairDisagreement(x: ReturnType<typeof sections>, y: ReturnType<typeof sections>): number {
  let i = 0;
  let j = 0;
  let total = 0;
  while (i < x.starts.length && j < y.starts.length) {
    const bg = x.starts[i];
    const lg = x.lengths[i];
    const bh = y.starts[j];
    const lh = y.lengths[j];
    if (bg < bh + lh && bh < bg + lg) {
      const bd = bg - bh;
      const ld = lg - lh;
      const gu = x.isUnit[i];
      const hu = y.isUnit[j];
      if (gu && hu) total += bd * bd + (bd + ld) * (bd + ld);
      else if (gu && !hu && bd >= 0 && bd <= -ld) total += lg * lg;
      else if (!gu && hu && bd <= 0 && bd >= -ld) total += lh * lh;
    }
    if (bg + lg < bh + lh) i++;
    else if (bh + lh < bg + lg) j++;
    else {
      i++;
      j++;
    }
  }
  return total;
}

/**
 * uα for one code from each coder's coded interval sets per document: `sets[d][r]` is coder r's set in document d
 * of length `lengths[d]`. Pure; NaN when D_e is 0 (no units, or fewer than two coders).
 */
export function unitizedAlphaForCode(
  lengths: ReadonlyArray<number>,
  sets: ReadonlyArray<ReadonlyArray<IntervalSet>>,
): Omit<UnitizedAlphaCodeResult, 'code'> {
  const R = sets.length > 0 ? sets[0].length : 0;
  let L = 0;
  for (const l of lengths) L += l;
  let sumDelta = 0;
  const unitLengths: number[] = [];
  const gapLengths: number[] = [];
  for (let d = 0; d < lengths.length; d++) {
    const secs = sets[d].map((s) => sections(s, lengths[d]));
    for (const sec of secs) {
      for (let k = 0; k < sec.lengths.length; k++) (sec.isUnit[k] ? unitLengths : gapLengths).push(sec.lengths[k]);
    }
    for (let i = 0; i < R; i++) for (let j = i + 1; j < R; j++) sumDelta += pairDisagreement(secs[i], secs[j]);
  }
  const N = unitLengths.length;
  if (R < 2 || L === 0) {
    return { alpha: NaN, observedDisagreement: NaN, expectedDisagreement: NaN, units: N };
  }
  const observed = (2 * sumDelta) / (R * (R - 1) * L * L);
  // Σ_{gaps g ≥ l}(g − l + 1) via sorted gaps and suffix sums of (g + 1).
  gapLengths.sort((a, b) => a - b);
  const suffix = new Float64Array(gapLengths.length + 1);
  for (let k = gapLengths.length - 1; k >= 0; k--) suffix[k] = suffix[k + 1] + gapLengths[k] + 1;
  let num = 0;
  let sumLL = 0;
  for (const l of unitLengths) {
    let lo = 0;
    let hi = gapLengths.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (gapLengths[mid] < l) lo = mid + 1;
      else hi = mid;
    }
    const gapSum = suffix[lo] - l * (gapLengths.length - lo);
    num += ((N - 1) * (2 * l * l * l - 3 * l * l + l)) / 3 + l * l * gapSum;
    sumLL += l * (l - 1);
  }
  const denom = R * L * (R * L - 1) - sumLL;
  const expected = denom > 0 ? ((2 / L) * num) / denom : NaN;
  const alpha = expected > 0 ? 1 - observed / expected : NaN;
  return { alpha, observedDisagreement: observed, expectedDisagreement: expected, units: N };
}

/** uα per code (and over codes) from coded spans. */
export function unitizedAlpha(
  documents: ReadonlyArray<AgreementDocument>,
  spans: ReadonlyArray<CodedSpan>,
  options: UnitizedAlphaOptions = {},
): UnitizedAlphaReport {
  const index = indexSpans(spans);
  const coders = options.coders ? [...options.coders] : codersOf(spans);
  const codes = options.codes ? [...options.codes] : codesOf(spans);
  const present = codersByDocument(index, documents, options.codersByDocument);
  const included = documents.filter((d) => coders.every((c) => present.get(d.id)?.has(c)));
  const excludedDocuments = documents.filter((d) => !included.includes(d)).map((d) => d.id);
  const lengths = included.map((d) => d.length);
  const byCode: UnitizedAlphaCodeResult[] = [];
  let sumDo = 0;
  let sumDe = 0;
  let n = 0;
  for (const code of codes) {
    const sets = included.map((d) => coders.map((c) => codedSet(index, d.id, [c], code, d.length)));
    const r = unitizedAlphaForCode(lengths, sets);
    byCode.push({ code, ...r });
    if (r.expectedDisagreement > 0) {
      sumDo += r.observedDisagreement;
      sumDe += r.expectedDisagreement;
      n++;
    }
  }
  let L = 0;
  for (const l of lengths) L += l;
  return {
    method: 'krippendorff-unitized-alpha',
    unit: 'character',
    coders,
    length: L,
    byCode,
    alpha: n > 0 ? 1 - sumDo / n / (sumDe / n) : NaN,
    excludedDocuments,
  };
}
