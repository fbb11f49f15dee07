import type { Command } from 'commander';
import { type NormEntry, builtinNorms, findNorm, loadNorms } from '../../norms/index.ts';
import { formatTextTable } from '../format-text-table.ts';

/** `staffwell norms [list|show ID|check FILE]`: published norms with their citations. `--json` for data. */
export function register(program: Command): void {
  const cmd = program.command('norms').description('list and show the built-in published norms');
  cmd
    .command('list', { isDefault: true })
    .description('list the built-in norms')
    .option('--instrument <id>', 'only norms for this instrument')
    .option('--json', 'print JSON')
    .action((opts: { instrument?: string; json?: boolean }) => {
      const norms = builtinNorms().filter((n) => opts.instrument === undefined || n.instrument === opts.instrument);
      out(opts.json ? json(norms) : formatNormList(norms));
    });
  cmd
    .command('show')
    .description('show one norm with its citation, sample and how it was verified')
    .argument('<id>', 'norm id (see `staffwell norms list`)')
    .option('--json', 'print JSON')
    .action((id: string, opts: { json?: boolean }) => {
      const n = findNorm(id);
      out(opts.json ? json(n) : formatNorm(n));
    });
  cmd
    .command('check')
    .description('validate your own norms file (JSON or YAML)')
    .argument('<file>', 'norms file')
    .option('--json', 'print the validated norms as JSON')
    .action((file: string, opts: { json?: boolean }) => {
      const norms = loadNorms(file);
      out(opts.json ? json(norms) : `${file}: ${norms.length} valid norm(s)\n`);
    });
}

function out(s: string): void {
  process.stdout.write(s);
}

function json(x: unknown): string {
  return JSON.stringify(x, null, 2) + '\n';
}

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
