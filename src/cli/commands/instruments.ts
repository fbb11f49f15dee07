import type { Command } from 'commander';
import { formatTextTable } from '../format-text-table.ts';
import {
  type InstrumentDefinition,
  builtinInstruments,
  findInstrument,
  loadInstrument,
  minAnsweredCount,
} from '../../instruments/index.ts';

/**
 * `staffwell instruments [list|show ID|check FILE]`: the instrument library. Readable text by default, `--json`
 * for the full definitions.
 */
export function register(program: Command): void {
  const cmd = program.command('instruments').description('list and show the built-in instrument definitions');
  cmd
    .command('list', { isDefault: true })
    .description('list the built-in instruments (verified ones unless --all)')
    .option('--all', 'include unverified definitions (e.g. UWES-9, MBI-HSS "bring your own key")')
    .option('--json', 'print JSON')
    .action((opts: { all?: boolean; json?: boolean }) => {
      const defs = builtinInstruments({ includeUnverified: opts.all === true });
      out(opts.json ? json(defs) : formatInstrumentList(defs, opts.all === true));
    });
  cmd
    .command('show')
    .description('show one instrument: items, scoring, subscales, classifications, citation and licence')
    .argument('<id>', 'instrument id (see `staffwell instruments list --all`)')
    .option('--json', 'print JSON')
    .action((id: string, opts: { json?: boolean }) => {
      const def = findInstrument(id);
      out(opts.json ? json(def) : formatInstrument(def));
    });
  cmd
    .command('check')
    .description('validate your own instrument definition file (JSON or YAML)')
    .argument('<file>', 'definition file')
    .option('--json', 'print the validated definition as JSON')
    .action((file: string, opts: { json?: boolean }) => {
      const def = loadInstrument(file);
      out(opts.json ? json(def) : `${file}: valid definition "${def.id}" (${def.items.length} items, ${def.subscales.length} subscales)\n`);
    });
}

function out(s: string): void {
  process.stdout.write(s);
}

function json(x: unknown): string {
  return JSON.stringify(x, null, 2) + '\n';
}

/** A plain-text table of instruments. */
export function formatInstrumentList(defs: readonly InstrumentDefinition[], all: boolean): string {
  const rows = defs.map((d) => [
    d.id,
    d.name,
    String(d.items.length),
    d.subscales.map((s) => s.id).join(', ') || '(bring your own key)',
    d.verification.verified ? 'yes' : 'NO',
  ]);
  let s = formatTextTable(['id', 'name', 'items', 'subscales', 'verified'], rows);
  if (!all) s += '\nUnverified definitions are hidden; use --all to list them.\n';
  return s;
}

/** A readable description of one instrument. */
export function formatInstrument(d: InstrumentDefinition): string {
  const L: string[] = [];
  L.push(`${d.name} [${d.id}], version ${d.version}`);
  L.push(`Citation: ${d.citation.authors.join(', ')} (${d.citation.year}). ${d.citation.title}. ${d.citation.source}.${d.citation.doi ? ` doi:${d.citation.doi}` : ''}`);
  L.push(`Licence: ${d.licence.name}. Wording included: ${d.licence.wordingIncluded ? 'yes' : 'no'}. ${d.licence.notes}`);
  L.push(`Verified: ${d.verification.verified ? 'yes' : `NO - ${d.verification.reason ?? ''}`}`);
  for (const src of d.verification.sources) L.push(`  source: ${src}`);
  for (const n of d.verification.notes ?? []) L.push(`  note: ${n}`);
  L.push(`Response codes: ${d.responseOptions.map((o) => (o.label ? `${o.code} (${o.label})` : String(o.code))).join(', ')}`);
  const rev = d.items.filter((i) => i.reversed).map((i) => i.id);
  L.push(`Items (${d.items.length}): ${d.items.map((i) => i.id).join(', ')}`);
  if (rev.length) L.push(`Reversed items: ${rev.join(', ')}`);
  for (const m of d.scoring ?? []) {
    const vals = d.responseOptions.map((o) => `${o.code}->${m.values[String(o.code)]}`).join(' ');
    L.push(`Scoring "${m.id}"${m.id === d.defaultScoring ? ' (default)' : ''}: ${m.label ?? ''} ${vals}`);
  }
  if (d.subscales.length === 0) L.push('Subscales: none shipped (bring your own key).');
  for (const s of d.subscales) {
    const r = s.rule;
    const rule =
      r.type === 'sum' || r.type === 'mean'
        ? `${r.type} (all ${s.items.length} items required)`
        : `${r.type} (at least ${minAnsweredCount(r, s.items.length)} of ${s.items.length} items answered)`;
    L.push(`Subscale ${s.id}${s.label ? ` "${s.label}"` : ''}: ${rule}; items ${s.items.join(', ')}${s.reversed?.length ? `; reversed here: ${s.reversed.join(', ')}` : ''}${s.notes ? `; ${s.notes}` : ''}`);
  }
  for (const c of d.classifications ?? []) {
    const how = c.cutoff
      ? `score >= ${c.cutoff.default} -> ${c.cutoff.labels.atOrAbove} (selectable: ${c.cutoff.allowed.join(', ')})`
      : c.bands!.map((b) => `${b.label} [${bounds(b)}]`).join('; ');
    L.push(`Classification ${c.id} of ${c.of}${c.scoring ? ` (${c.scoring} scoring)` : ''}: ${how}. Source: ${c.source}`);
  }
  for (const c of d.conversions ?? []) L.push(`Conversion ${c.id} of ${c.of}: ${c.table.length} entries. Source: ${c.source}`);
  for (const n of d.notes ?? []) L.push(`Note: ${n}`);
  return L.join('\n') + '\n';
}

function bounds(b: { min?: number; max?: number; above?: number; below?: number }): string {
  const p: string[] = [];
  if (b.min !== undefined) p.push(`>= ${b.min}`);
  if (b.above !== undefined) p.push(`> ${b.above}`);
  if (b.max !== undefined) p.push(`<= ${b.max}`);
  if (b.below !== undefined) p.push(`< ${b.below}`);
  return p.join(' and ');
}

