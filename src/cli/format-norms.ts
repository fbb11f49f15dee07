/** Readable text for `staffwell norms` (the JSON forms are the norm entries themselves). */
import type { NormEntry } from '../norms/norm.ts';
import { formatTextTable } from './format-text-table.ts';

/** The figure of a norm in one short phrase. */
export function figure(n: NormEntry): string {
  switch (n.kind) {
    case 'prevalence':
      return `${n.percent}%${n.cases !== undefined && n.n !== undefined ? ` (${n.cases}/${n.n})` : ''}${n.ci95 ? ` [95% CI ${n.ci95[0]}-${n.ci95[1]}]` : ''}`;
    case 'mean':
      return `mean ${n.mean}${n.sd !== null ? `, SD ${n.sd}` : ''}${n.n !== null ? `, n ${n.n}` : ''}`;
    case 'percentile-bands':
      return `${n.bands.length} bands`;
  }
}

export function formatNormList(norms: readonly NormEntry[]): string {
  const rows = norms.map((n) => [n.id, n.instrument, figure(n), `${n.citation.authors[0].split(',')[0]} ${n.citation.year}`, n.population.country]);
  return formatTextTable(['id', 'instrument', 'figure', 'source', 'country'], rows);
}

export function formatNorm(n: NormEntry): string {
  const c = n.citation;
  const p = n.population;
  const L = [
    `${n.label} [${n.id}]`,
    `Figure: ${figure(n)}${n.kind === 'mean' && n.median !== undefined ? `, median ${n.median}` : ''}`,
    `Instrument: ${n.instrument}${n.scale ? ` / ${n.scale}` : ''}; scoring: ${n.scoring}; threshold: ${n.threshold ?? 'not stated in the source as read'}`,
    `Sample: ${p.description}; ${p.country}; n ${p.n === null ? 'not given' : `${p.nApproximate ? 'about ' : ''}${p.n}`}${p.period ? `; ${p.period}` : ''}`,
    `Citation: ${c.authors.join(', ')} (${c.year}). ${c.title}. ${c.source}.${c.doi ? ` doi:${c.doi}` : ''}`,
    `Verified: ${n.verification.how}${n.verification.secondary ? ' (secondary source)' : ''}`,
    ...n.verification.sources.map((s) => `  source: ${s}`),
  ];
  if (n.kind === 'percentile-bands') for (const b of n.bands) L.push(`  band ${b.label}`);
  for (const note of n.notes ?? []) L.push(`Note: ${note}`);
  return L.join('\n') + '\n';
}
