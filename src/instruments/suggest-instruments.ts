import type { InstrumentDefinition } from './definition.ts';

/**
 * Which instruments a data file's columns look like, so that the survey view can say "ghq_1 … ghq_12 look like
 * the GHQ-12" and offer the item mapping a study file takes (`items: ghq_{n}`). Names only: nothing is read from
 * the data, and the suggestion is a hint for the user to confirm, never a mapping applied on its own.
 *
 * Two ways a run of columns matches an instrument:
 * - `ids`: the columns carry the instrument's item ids (`ghq_1` … `ghq_12`, `cbi_p1` …), ignoring case;
 * - `count`: a numbered run (`q1` … `q12`, `item_1_a` … `item_12_a`: the same text around the numbers 1 … k)
 *   has exactly as many columns as the instrument has items.
 * A run with most but not all of an instrument's item ids is a `partial` match naming the ids not found.
 */
export interface InstrumentSuggestion {
  instrument: string;
  name: string;
  /** "Goldberg & Williams (1988)": who to cite (no item wording is ever shipped). */
  citation: string;
  items: number;
  match: 'ids' | 'count' | 'partial';
  /** The columns, in item order (those found, for a partial match). */
  columns: string[];
  /** The `items` of a study file's instrument: a pattern (`ghq_{n}`, `{id}`) when one fits, else absent. */
  pattern?: string;
  /** Partial matches: the item ids without a column. */
  missing?: string[];
}

/** Suggestions for `columns` among `definitions`: full id matches, then numbered runs, then partial id matches. */
export function suggestInstruments(columns: readonly string[], definitions: readonly InstrumentDefinition[]): InstrumentSuggestion[] {
  const byLower = new Map<string, string>();
  for (const c of columns) if (!byLower.has(c.toLowerCase())) byLower.set(c.toLowerCase(), c);
  const runs = numberedRuns(columns);
  const full: InstrumentSuggestion[] = [];
  const partial: InstrumentSuggestion[] = [];
  for (const d of definitions) {
    const found = d.items.map((it) => byLower.get(it.id.toLowerCase()));
    const have = found.filter((c): c is string => c !== undefined);
    if (have.length === d.items.length) {
      const exact = d.items.every((it, i) => found[i] === it.id);
      const numbered = runs.find((r) => r.columns.length >= d.items.length && d.items.every((_, i) => r.columns[i] === found[i]));
      full.push({ ...about(d), match: 'ids', columns: have, ...patternOf(numbered?.pattern ?? (exact ? '{id}' : undefined)) });
    } else if (have.length >= Math.max(2, Math.ceil(d.items.length / 2))) {
      partial.push({ ...about(d), match: 'partial', columns: have, missing: d.items.filter((_, i) => found[i] === undefined).map((it) => it.id) });
    }
  }
  // a run that is some instrument's items is not offered as another instrument of the same length
  const claimed = new Set(full.flatMap((s) => s.columns));
  const counted: InstrumentSuggestion[] = [];
  for (const r of runs) {
    if (r.columns.some((c) => claimed.has(c))) continue;
    const sameLength = definitions.filter((d) => d.items.length === r.columns.length);
    // `swemwbs_1` … `swemwbs_7` is the SWEMWBS, not the GAD-7 (also 7 items): a run named like one keeps only it
    const named = sameLength.filter((d) => resembles(r.columns[0], d));
    for (const d of named.length ? named : sameLength) counted.push({ ...about(d), match: 'count', columns: r.columns, ...patternOf(r.pattern) });
  }
  return [...full, ...counted, ...partial];
}

function about(d: InstrumentDefinition): Pick<InstrumentSuggestion, 'instrument' | 'name' | 'citation' | 'items'> {
  return { instrument: d.id, name: d.name, citation: citationOf(d), items: d.items.length };
}

/** The letters of a name before its item number (`GHQ_1` -> `ghq`, `hse-indicator-tool` -> `hseindicatortool`). */
function stem(name: string): string {
  return name.replace(/\d+\D*$/, '').toLowerCase().replace(/[^a-z]/g, '');
}

/** A column named like the instrument: its stem begins the instrument's id or item ids' stem, or they begin it. */
function resembles(column: string, d: InstrumentDefinition): boolean {
  const s = stem(column);
  if (s.length < 2) return false;
  return [stem(d.id), stem(d.items[0].id)].some((t) => t.length >= 2 && (s.startsWith(t) || t.startsWith(s)));
}

function patternOf(pattern: string | undefined): { pattern?: string } {
  return pattern === undefined ? {} : { pattern };
}

/** "Goldberg & Williams (1988)", "Smith et al. (2008)": surnames from "Surname, I." author entries. */
export function citationOf(d: Pick<InstrumentDefinition, 'citation'>): string {
  const names = d.citation.authors.map((a) => a.split(',')[0].trim());
  const who = names.length === 1 ? names[0] : names.length === 2 ? `${names[0]} & ${names[1]}` : `${names[0]} et al.`;
  return `${who} (${d.citation.year})`;
}

/**
 * Runs of columns named `<before><n><after>` for n = 1 … k (k ≥ 2), in item order, with the pattern that names
 * them (`q{n}`). Zero-padded numbers (`q01` … `q12`) make a run too, without a pattern (a study file's `{n}` is
 * not padded).
 */
export function numberedRuns(columns: readonly string[]): { pattern?: string; columns: string[] }[] {
  const groups = new Map<string, Map<number, string>>();
  for (const c of columns) {
    const m = /^(.*?)(\d+)(\D*)$/.exec(c);
    if (!m) continue;
    const key = `${m[1]}{n}${m[3]}`;
    const g = groups.get(key) ?? new Map<number, string>();
    if (!g.has(Number(m[2]))) g.set(Number(m[2]), c);
    groups.set(key, g);
  }
  const out: { pattern?: string; columns: string[] }[] = [];
  for (const [pattern, g] of groups) {
    const run: string[] = [];
    for (let n = 1; g.has(n); n++) run.push(g.get(n)!);
    const plain = run.every((c, i) => c === pattern.replace('{n}', String(i + 1)));
    if (run.length >= 2) out.push({ ...(plain ? { pattern } : {}), columns: run });
  }
  return out;
}
