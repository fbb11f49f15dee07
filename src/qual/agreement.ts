/**
 * Two-coder agreement on coded text, as NVivo's Coding Comparison query reports it: percent agreement and Cohen's
 * kappa per code x document, in characters (or in units such as sentences or turns), with the four confusion cells.
 *
 * NVivo's published formula (NVivo help, "Run a Coding Comparison query" / "How is the Kappa coefficient
 * calculated?", help-nv9-en.qsrinternational.com/procedures/run_a_coding_comparison_query.htm and
 * help-nv.qsrinternational.com/12/…/queries/coding-comparison-query.htm): per node x source, TU = total units
 * (characters) of the source, A and B = units coded by user A and by user B, TA = units where they agree (coded by
 * both + coded by neither):
 *
 *     percentage agreement = TA / TU                      (their example: (800 + 50) / 1000 = 85 %)
 *     EF1 = A·B / TU,  EF2 = (TU − A)(TU − B) / TU,  ΣEF = EF1 + EF2
 *     κ = (TA − ΣEF) / (TU − ΣEF)
 *
 * which is Cohen's κ = (Po − Pe)/(1 − Pe) on the 2 x 2 table of units. For groups of users, content counts as coded
 * when any member coded it (same help page); pass an array of coders for a group. With the "sentences" option NVivo
 * treats a whole sentence as coded when any character in it is coded; `unit: 'units'` does the same with the
 * document's `units`.
 *
 * Across documents. NVivo computes κ per node x source only; its help FAQ "How can I calculate an average Kappa
 * coefficient or percentage agreement across multiple sources or nodes?" directs users to average the exported rows
 * in a spreadsheet, weighting by source size (the FAQ heading is verified; the weighting is recalled, not re-read).
 * We therefore report, per code: the length-weighted mean of the per-document κ (`kappaWeightedMean`, NVivo-style),
 * the pooled κ of the summed confusion cells (`kappa`, i.e. κ over the concatenated documents), and the plain mean.
 * The length-weighted mean of percent agreement equals the pooled percent agreement, so it is reported once.
 *
 * Undefined values are NaN (never thrown): κ when TU = ΣEF (both coders coded nothing, or everything — NVivo then
 * displays 1 for total agreement), Jaccard when neither coded anything. QualCoder's "kappa" (reports.py) is not
 * Cohen's κ and is deliberately not reproduced.
 */
import {
  type AgreementDocument,
  type AgreementUnit,
  type CodedSpan,
  type IntervalSet,
  codedSet,
  codesOf,
  coveredLength,
  indexSpans,
  intersectionLength,
  overlapWith,
} from './agreement-spans.ts';

export type { AgreementDocument, AgreementUnit, CodedSpan } from './agreement-spans.ts';
export {
  krippendorffAlphaNominal,
  unitAlpha,
  unitAlphaMultiValued,
  type KrippendorffAlphaResult,
  type RatingValue,
  type UnitAlphaCodeResult,
  type UnitAlphaOptions,
  type UnitAlphaReport,
  type UnitAlphaMultiValuedResult,
} from './agreement-alpha.ts';
export {
  unitizedAlpha,
  unitizedAlphaForCode,
  type UnitizedAlphaCodeResult,
  type UnitizedAlphaOptions,
  type UnitizedAlphaReport,
} from './agreement-unitized.ts';

/** The 2 x 2 table of one comparison, in units of `unit`. */
export interface ConfusionCells {
  /** Coded by both A and B. */
  both: number;
  /** Coded by A only. */
  onlyA: number;
  /** Coded by B only. */
  onlyB: number;
  /** Coded by neither. */
  neither: number;
  /** both + onlyA + onlyB + neither (TU). */
  total: number;
}

/** Percent agreement = 100·(both + neither)/total (NVivo's "Agreement" column). NaN for an empty table. */
export function percentAgreement(cells: ConfusionCells): number {
  return cells.total > 0 ? (100 * (cells.both + cells.neither)) / cells.total : NaN;
}

/** Cohen's κ by NVivo's formula κ = (TA − ΣEF)/(TU − ΣEF). NaN when TU = ΣEF or TU = 0. */
export function cohenKappa(cells: ConfusionCells): number {
  const tu = cells.total;
  if (!(tu > 0)) return NaN;
  const a = cells.both + cells.onlyA;
  const b = cells.both + cells.onlyB;
  const ta = cells.both + cells.neither;
  const ef = (a * b) / tu + ((tu - a) * (tu - b)) / tu;
  const denom = tu - ef;
  if (denom === 0) return NaN;
  return (ta - ef) / denom;
}

/** "Agree coded only" percent = 100·both/(both + onlyA + onlyB) — Jaccard on units. NaN when nobody coded. */
export function agreeCodedOnlyPercent(cells: ConfusionCells): number {
  const coded = cells.both + cells.onlyA + cells.onlyB;
  return coded > 0 ? (100 * cells.both) / coded : NaN;
}

/** Jaccard index both/(both + onlyA + onlyB) as a proportion (0..1). */
export function jaccard(cells: ConfusionCells): number {
  const coded = cells.both + cells.onlyA + cells.onlyB;
  return coded > 0 ? cells.both / coded : NaN;
}

/** Adds two confusion tables (accumulator merge). */
export function addCells(x: ConfusionCells, y: ConfusionCells): ConfusionCells {
  return {
    both: x.both + y.both,
    onlyA: x.onlyA + y.onlyA,
    onlyB: x.onlyB + y.onlyB,
    neither: x.neither + y.neither,
    total: x.total + y.total,
  };
}

export const EMPTY_CELLS: ConfusionCells = Object.freeze({ both: 0, onlyA: 0, onlyB: 0, neither: 0, total: 0 });

/** Confusion cells in characters for one document of `length` characters from the two coders' coded sets. */
export function characterCells(length: number, a: IntervalSet, b: IntervalSet): ConfusionCells {
  const ca = coveredLength(a);
  const cb = coveredLength(b);
  const both = intersectionLength(a, b);
  return { both, onlyA: ca - both, onlyB: cb - both, neither: length - ca - cb + both, total: length };
}

/** Confusion cells in units: a unit is coded by a coder when at least `minOverlap` of its characters are coded. */
export function unitCells(
  units: ReadonlyArray<readonly [number, number]>,
  a: IntervalSet,
  b: IntervalSet,
  minOverlap = 1,
): ConfusionCells {
  const cells = { both: 0, onlyA: 0, onlyB: 0, neither: 0, total: 0 };
  for (const [s, e] of units) {
    const inA = overlapWith(a, s, e) >= minOverlap;
    const inB = overlapWith(b, s, e) >= minOverlap;
    if (inA && inB) cells.both++;
    else if (inA) cells.onlyA++;
    else if (inB) cells.onlyB++;
    else cells.neither++;
    cells.total++;
  }
  return cells;
}

export interface CodingComparisonOptions {
  /** Coder (or group of coders: coded if any member coded) A. */
  coderA: string | ReadonlyArray<string>;
  /** Coder (or group) B. */
  coderB: string | ReadonlyArray<string>;
  /** Codes to compare (default: every code in `spans`, first-seen order). */
  codes?: ReadonlyArray<string>;
  /** 'character' (default, NVivo's default) or 'units' (each document's `units`; a unit is coded if any of it is). */
  unit?: 'character' | 'units';
  /** Name of the units when `unit: 'units'` (default 'sentence'). */
  unitName?: AgreementUnit;
  /** Minimum coded characters for a unit to count as coded (default 1, NVivo's sentence rule). */
  minOverlap?: number;
  /**
   * Which documents enter each code's rows and pooled values: 'coded' (default) = documents where A or B applied the
   * code; 'all' = every document given (uncoded documents add "neither" units and raise pooled agreement).
   */
  scope?: 'coded' | 'all';
}

/** One code x document row, as NVivo's Coding Comparison result shows it. */
export interface CodingComparisonRow {
  code: string;
  documentId: string;
  /** Document size in `unit`s (NVivo's "source size"). */
  size: number;
  cells: ConfusionCells;
  /** Percent (0–100). */
  percentAgreement: number;
  kappa: number;
  /** Percent (0–100) of the units coded by anyone that both coded. */
  agreeCodedOnlyPercent: number;
}

/** One code over all documents in scope. */
export interface CodingComparisonPooled {
  code: string;
  documents: number;
  /** Sum of the rows' cells. */
  cells: ConfusionCells;
  /** Pooled percent agreement (= size-weighted mean of the rows' percent agreement). */
  percentAgreement: number;
  /** κ of the pooled cells. */
  kappa: number;
  /** Mean of the rows' κ weighted by document size (rows with NaN κ left out); NVivo's advice for averaging. */
  kappaWeightedMean: number;
  /** Unweighted mean of the rows' κ (rows with NaN κ left out). */
  kappaMean: number;
  agreeCodedOnlyPercent: number;
}

export interface CodingComparison {
  method: 'cohen-kappa-nvivo';
  unit: AgreementUnit;
  coderA: string[];
  coderB: string[];
  rows: CodingComparisonRow[];
  byCode: CodingComparisonPooled[];
  /** Documents skipped because `unit: 'units'` was asked and they have no units. */
  documentsWithoutUnits: string[];
}

/**
 * NVivo-compatible coding comparison between coder (group) A and coder (group) B: a row per code x document and a
 * pooled summary per code. Pure; never throws for data reasons.
 */
export function codingComparison(
  documents: ReadonlyArray<AgreementDocument>,
  spans: ReadonlyArray<CodedSpan>,
  options: CodingComparisonOptions,
): CodingComparison {
  const groupA = typeof options.coderA === 'string' ? [options.coderA] : [...options.coderA];
  const groupB = typeof options.coderB === 'string' ? [options.coderB] : [...options.coderB];
  const byUnits = options.unit === 'units';
  const unit: AgreementUnit = byUnits ? (options.unitName ?? 'sentence') : 'character';
  const codes = options.codes ? [...options.codes] : codesOf(spans);
  const index = indexSpans(spans);
  const rows: CodingComparisonRow[] = [];
  const byCode: CodingComparisonPooled[] = [];
  const documentsWithoutUnits = byUnits ? documents.filter((d) => !d.units).map((d) => d.id) : [];

  for (const code of codes) {
    let pooled: ConfusionCells = EMPTY_CELLS;
    let wSum = 0;
    let wk = 0;
    let kSum = 0;
    let kN = 0;
    let nDocs = 0;
    for (const doc of documents) {
      if (byUnits && !doc.units) continue;
      const a = codedSet(index, doc.id, groupA, code, doc.length);
      const b = codedSet(index, doc.id, groupB, code, doc.length);
      if (options.scope !== 'all' && a.length === 0 && b.length === 0) continue;
      const cells = byUnits ? unitCells(doc.units!, a, b, options.minOverlap ?? 1) : characterCells(doc.length, a, b);
      const kappa = cohenKappa(cells);
      rows.push({
        code,
        documentId: doc.id,
        size: cells.total,
        cells,
        percentAgreement: percentAgreement(cells),
        kappa,
        agreeCodedOnlyPercent: agreeCodedOnlyPercent(cells),
      });
      pooled = addCells(pooled, cells);
      nDocs++;
      if (!Number.isNaN(kappa)) {
        wSum += cells.total;
        wk += cells.total * kappa;
        kSum += kappa;
        kN++;
      }
    }
    byCode.push({
      code,
      documents: nDocs,
      cells: pooled,
      percentAgreement: percentAgreement(pooled),
      kappa: cohenKappa(pooled),
      kappaWeightedMean: wSum > 0 ? wk / wSum : NaN,
      kappaMean: kN > 0 ? kSum / kN : NaN,
      agreeCodedOnlyPercent: agreeCodedOnlyPercent(pooled),
    });
  }
  return { method: 'cohen-kappa-nvivo', unit, coderA: groupA, coderB: groupB, rows, byCode, documentsWithoutUnits };
}
