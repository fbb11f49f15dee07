import { codePaths } from './lookup.ts';
import type { QualReader } from './store/qual-store.ts';

export interface SaturationPoint {
  documentId: string;
  name: string;
  interviewDate: string | null;
  /** Codes first used in this document (paths). */
  newCodes: string[];
  cumulative: number;
}

/**
 * Saturation curve: documents in import order (or interview-date order, undated last), and for each the codes used
 * there for the first time and the cumulative number of distinct codes so far.
 */
export async function saturationCurve(
  store: QualReader,
  options: { order?: 'import' | 'interview-date'; coderIds?: readonly string[] } = {},
): Promise<SaturationPoint[]> {
  const [docs, codes, segs] = await Promise.all([store.listDocuments(), store.listCodes(), store.listSegments({ coderIds: options.coderIds, withText: false })]);
  const ordered = [...docs];
  if (options.order === 'interview-date') {
    ordered.sort((a, b) => {
      if (a.interviewDate === b.interviewDate) return a.position - b.position;
      if (a.interviewDate === null) return 1;
      if (b.interviewDate === null) return -1;
      return a.interviewDate < b.interviewDate ? -1 : 1;
    });
  }
  const paths = codePaths(codes);
  const used = new Map<string, Set<string>>();
  for (const s of segs) (used.get(s.documentId) ?? used.set(s.documentId, new Set()).get(s.documentId)!).add(s.codeId);
  const seen = new Set<string>();
  return ordered.map((d) => {
    const fresh = [...(used.get(d.id) ?? [])].filter((c) => !seen.has(c));
    for (const c of fresh) seen.add(c);
    return {
      documentId: d.id,
      name: d.name,
      interviewDate: d.interviewDate,
      newCodes: fresh.map((c) => paths.get(c) ?? c).sort(),
      cumulative: seen.size,
    };
  });
}
