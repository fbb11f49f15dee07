import { StaffwellError } from '../errors.ts';
import { codingComparison, unitAlpha, type AgreementDocument, type CodedSpan, type CodingComparison, type UnitAlphaReport } from './agreement.ts';
import { codePaths } from './lookup.ts';
import type { QualReader } from './store/qual-store.ts';

export interface AgreementReport {
  unit: 'character' | 'turn';
  coders: [string, string];
  /** NVivo-style coding comparison (percent agreement, Cohen's κ); codes named by path. */
  comparison: CodingComparison;
  /** With `unit: 'turn'`: Krippendorff's α (nominal, binary) per code on speaker turns. */
  alpha?: UnitAlphaReport;
}

/**
 * Gathers two coders' segments and runs the agreement statistics of `agreement.ts` on them: per code × document
 * and pooled per code, over characters or speaker turns (a turn counts as coded when any character of it is).
 * Only documents both coders coded are compared.
 */
export async function agreementReport(
  store: QualReader,
  options: { coders: [string, string]; codeIds?: readonly string[]; unit?: 'character' | 'turn' },
): Promise<AgreementReport> {
  const unit = options.unit ?? 'character';
  const [coders, codes, docs, turns] = await Promise.all([store.listCoders(), store.listCodes(), store.listDocuments(), store.listTurns()]);
  const ids = options.coders.map((name) => {
    const c = coders.find((x) => x.name === name || x.id === name);
    if (!c) {
      throw new StaffwellError('not-found', 'no coder with this name', {
        field: 'coders',
        value: name,
        hint: `coders in the project: ${coders.map((x) => x.name).join(', ') || '(none)'}`,
      });
    }
    return c.id;
  });
  if (ids[0] === ids[1]) {
    throw new StaffwellError('invalid-option', 'name two different coders', { field: 'coders', value: options.coders.join(','), hint: 'agreement compares one coder with another' });
  }
  // a document counts as coded by a coder when they applied any code in it (so a code one coder never used there
  // is a disagreement, not a missing document)
  const all = await store.listSegments({ coderIds: ids });
  const wanted = options.codeIds ? new Set(options.codeIds) : undefined;
  const segs = wanted ? all.filter((s) => wanted.has(s.codeId)) : all;
  const paths = codePaths(codes);
  const coderName = new Map(coders.map((c) => [c.id, c.name]));
  const spans: CodedSpan[] = segs.map((s) => ({
    coder: coderName.get(s.coderId)!,
    code: paths.get(s.codeId) ?? s.codeId,
    documentId: s.documentId,
    start: s.start,
    end: s.end,
  }));
  const codedBy = new Map<string, Set<string>>();
  for (const s of all) (codedBy.get(s.documentId) ?? codedBy.set(s.documentId, new Set()).get(s.documentId)!).add(s.coderId);
  const both = docs.filter((d) => (codedBy.get(d.id)?.size ?? 0) === 2);
  const unitsOf = new Map<string, [number, number][]>();
  for (const t of turns) (unitsOf.get(t.documentId) ?? unitsOf.set(t.documentId, []).get(t.documentId)!).push([t.start, t.end]);
  const documents: AgreementDocument[] = both.map((d) => ({ id: d.id, length: d.length, units: unitsOf.get(d.id) }));
  const inDocs = new Set(both.map((d) => d.id));
  const used = spans.filter((s) => inDocs.has(s.documentId));
  const [a, b] = options.coders.map((n, i) => coderName.get(ids[i]) ?? n);
  const codeNames = options.codeIds?.map((c) => paths.get(c) ?? c);
  const comparison = codingComparison(documents, used, {
    coderA: a,
    coderB: b,
    codes: codeNames,
    unit: unit === 'turn' ? 'units' : 'character',
    unitName: 'turn',
  });
  const report: AgreementReport = { unit, coders: [a, b], comparison };
  if (unit === 'turn') report.alpha = unitAlpha(documents, used, { coders: [a, b], codes: codeNames, unitName: 'turn' });
  return report;
}
