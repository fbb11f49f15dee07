/** Readable text for `staffwell instruments` (the JSON forms are the definitions themselves). */
import type { InstrumentDefinition } from '../instruments/definition.ts';
import { minAnsweredCount } from '../instruments/score-instrument.ts';
import { formatTextTable } from './format-text-table.ts';

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
