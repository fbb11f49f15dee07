import { readCsv } from '../data/csv.ts';
import { closestNames, lineOfRow, type Column, type Table } from '../data/table.ts';
import { StaffwellError } from '../errors.ts';
import type { CommandMap } from './commands/index.ts';
import type { VariableType, VariableValue } from './snapshot.ts';

export interface ParticipantsCsvOptions {
  /** Column holding the pseudonymous participant id. */
  id: string;
  /** Attribute columns (default: every other column except `site` and `name`). */
  columns?: readonly string[];
  /** Column naming the participant's site (becomes the participant's site, not an attribute). */
  site?: string;
  /**
   * Column holding display names: these go to the key file only, never to the project. When absent and a column
   * called `name` or `display_name` exists, it is treated as such and left out of the attributes.
   */
  name?: string;
}

type ImportInput = CommandMap['participant.import']['input'];

/**
 * Reads participants and their attributes from a CSV (e.g. a participants list or the survey file) into a
 * `participant.import` command. Attribute types: numeric columns → integer or float; text columns holding only
 * true/false/yes/no → boolean; only ISO dates (YYYY-MM-DD) → date; else text.
 */
export function readParticipantsCsv(path: string, options: ParticipantsCsvOptions): ImportInput {
  const table = readCsv(path, { types: { [options.id]: 'text', ...(options.site ? { [options.site]: 'text' } : {}) } });
  const names = table.columns.map((c) => c.name);
  const need = (col: string, what: string) => {
    if (!names.includes(col)) {
      const near = closestNames(col, names);
      throw new StaffwellError('unknown-column', `the ${what} column is not in the file`, {
        file: path,
        column: col,
        hint: near.length ? `did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : `columns: ${names.join(', ')}`,
      });
    }
    return table.columns[names.indexOf(col)];
  };
  const idCol = need(options.id, 'id');
  const siteCol = options.site ? need(options.site, 'site') : undefined;
  const nameColName = options.name ?? names.find((n) => /^(display_?name|name)$/i.test(n));
  const nameCol = nameColName ? need(nameColName, 'name') : undefined;
  const attrNames = options.columns ?? names.filter((n) => n !== options.id && n !== options.site && n !== nameColName);
  const attrCols = attrNames.map((n) => need(n, 'attribute'));
  const variables = attrCols.map((c) => ({ name: c.name, type: columnType(c) }));
  const rows: ImportInput['rows'] = [];
  const nameMap: Record<string, string> = {};
  const seen = new Map<string, number>();
  for (let i = 0; i < table.nrows; i++) {
    const id = cellText(idCol, i);
    const line = lineOfRow(table, i);
    if (id === null || id.trim() === '') {
      throw new StaffwellError('format', 'the participant id is empty', { file: path, line, column: options.id, hint: 'give every row a pseudonymous id such as P01' });
    }
    if (seen.has(id)) {
      throw new StaffwellError('duplicate-id', `the participant id appears twice (first on line ${seen.get(id)})`, { file: path, line, column: options.id, value: id });
    }
    seen.set(id, line);
    const attributes: Record<string, VariableValue> = {};
    attrCols.forEach((c, k) => {
      attributes[c.name] = cellValue(c, i, variables[k].type);
    });
    rows.push({ id, site: siteCol ? cellText(siteCol, i) : undefined, attributes });
    const dn = nameCol ? cellText(nameCol, i) : null;
    if (dn) nameMap[id] = dn;
  }
  return { variables, rows, names: nameMap };
}

function cellText(c: Column, i: number): string | null {
  if (c.kind === 'number') return Number.isNaN(c.values[i]) ? null : String(c.values[i]);
  return c.codes[i] < 0 ? null : c.dictionary[c.codes[i]];
}

const BOOL = /^(true|false|yes|no)$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function columnType(c: Column): VariableType {
  if (c.kind === 'number') {
    for (let i = 0; i < c.values.length; i++) if (!Number.isNaN(c.values[i]) && !Number.isInteger(c.values[i])) return 'float';
    return 'integer';
  }
  const vals = c.dictionary;
  if (vals.length > 0 && vals.every((v) => BOOL.test(v.trim()))) return 'boolean';
  if (vals.length > 0 && vals.every((v) => DATE.test(v.trim()))) return 'date';
  return 'text';
}

function cellValue(c: Column, i: number, type: VariableType): VariableValue {
  const t = cellText(c, i);
  if (t === null) return null;
  if (c.kind === 'number') return c.values[i];
  if (type === 'boolean') return /^(true|yes)$/i.test(t.trim());
  return t;
}

/** Reads a two-or-more-column key CSV (speakers, replacements) as records of text by header name. */
export function readKeyCsv(path: string, required: readonly string[]): { records: Record<string, string>[]; table: Table } {
  const probe = readCsv(path, { types: Object.fromEntries(required.map((r) => [r, 'text' as const])) });
  const names = probe.columns.map((c) => c.name);
  for (const r of required) {
    if (!names.includes(r)) {
      throw new StaffwellError('unknown-column', 'a required column is missing', {
        file: path,
        column: r,
        hint: `the file needs the columns ${required.join(', ')} (it has ${names.join(', ')})`,
      });
    }
  }
  const records: Record<string, string>[] = [];
  for (let i = 0; i < probe.nrows; i++) {
    const rec: Record<string, string> = {};
    for (const c of probe.columns) rec[c.name] = cellText(c, i) ?? '';
    records.push(rec);
  }
  return { records, table: probe };
}
