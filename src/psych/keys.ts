/**
 * Scoring keys in psych's list form, as JSON: `{"agree": ["-A1", "A2", "A3"], "conscientious": [...]}`, a
 * leading "-" marking a reversed item (psych's `make.keys` / `scoreItems(keys = list(...))`).
 */
import { StaffwellError } from '../errors.ts';
import { textAnswerHint } from '../data/text-answer-hint.ts';
import { requireColumn, type Table } from '../data/table.ts';

export interface KeyedItem {
  /** Column name (without the "-"). */
  readonly name: string;
  readonly reversed: boolean;
}

export interface Scale {
  readonly name: string;
  readonly items: readonly KeyedItem[];
}

export interface Keys {
  /** The keys file as the user named it (used in error messages). */
  readonly source: string;
  readonly scales: readonly Scale[];
}

/** Keys checked against a table: every item exists and is numeric. */
export interface ResolvedKeys extends Keys {
  /** Distinct items over all scales, in first-appearance order (psych's `select`). */
  readonly variables: readonly string[];
}

/** Parses psych-style keys JSON; throws StaffwellError('invalid-keys') naming `source` and the scale. */
export function parseKeys(json: string, source: string): Keys {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch (e) {
    throw new StaffwellError('invalid-keys', `keys file is not valid JSON: ${(e as Error).message}`, {
      file: source,
      hint: 'write the keys as {"scale": ["item1", "-item2", ...]}, a leading "-" marking a reversed item',
      cause: e,
    });
  }
  return keysFromObject(doc, source);
}

/** Validates an already-parsed keys object (e.g. from a study file). */
export function keysFromObject(doc: unknown, source: string): Keys {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new StaffwellError('invalid-keys', 'keys must be an object mapping each scale name to a list of items', {
      file: source,
      value: Array.isArray(doc) ? '[...]' : JSON.stringify(doc),
      hint: 'write the keys as {"scale": ["item1", "-item2", ...]}',
    });
  }
  const scales: Scale[] = [];
  const entries = Object.entries(doc as Record<string, unknown>);
  if (entries.length === 0) {
    throw new StaffwellError('invalid-keys', 'keys define no scale', { file: source, hint: 'add at least one scale' });
  }
  for (const [name, list] of entries) {
    const field = name;
    if (!Array.isArray(list)) {
      throw new StaffwellError('invalid-keys', `scale "${name}" must be a list of item names`, {
        file: source,
        field,
        value: JSON.stringify(list),
        hint: `write it as "${name}": ["item1", "-item2"]`,
      });
    }
    if (list.length === 0) {
      throw new StaffwellError('invalid-keys', `scale "${name}" has no items`, { file: source, field, hint: 'list its items or remove the scale' });
    }
    const seen = new Set<string>();
    const items: KeyedItem[] = [];
    list.forEach((raw, k) => {
      if (typeof raw !== 'string') {
        throw new StaffwellError('invalid-keys', `an item of scale "${name}" must be a column name in quotes`, {
          file: source,
          field: `${field}[${k}]`,
          value: JSON.stringify(raw),
          hint: 'write item names as strings, a leading "-" marking a reversed item',
        });
      }
      const reversed = raw.startsWith('-');
      const itemName = (reversed ? raw.slice(1) : raw).trim();
      if (itemName === '') {
        throw new StaffwellError('invalid-keys', `empty item name in scale "${name}"`, { file: source, field: `${field}[${k}]`, value: raw, hint: 'give the column name' });
      }
      if (seen.has(itemName)) {
        throw new StaffwellError('invalid-keys', `item "${itemName}" is listed twice in scale "${name}"`, {
          file: source,
          field: `${field}[${k}]`,
          value: raw,
          hint: 'list each item once (a leading "-" reverses it)',
        });
      }
      seen.add(itemName);
      items.push({ name: itemName, reversed });
    });
    scales.push({ name, items });
  }
  return { source, scales };
}

/**
 * Checks every item against the table: it must exist (StaffwellError 'unknown-column' naming the keys file,
 * scale, item and the closest column names) and be numeric ('not-numeric').
 */
export function resolveKeys(keys: Keys, table: Table): ResolvedKeys {
  const variables: string[] = [];
  const seen = new Set<string>();
  for (const s of keys.scales) {
    for (const it of s.items) {
      const usage = `keys file ${keys.source}, scale "${s.name}"`;
      const c = requireColumn(table, it.name, usage);
      if (c.kind !== 'number') {
        let first: string | undefined;
        for (let i = 0; i < c.codes.length; i++) if (c.codes[i] >= 0) {
          first = c.dictionary[c.codes[i]];
          break;
        }
        if (first === undefined) {
          throw new StaffwellError('not-numeric', `column has no answers (it is empty in every row) but is an item of scale "${s.name}" in keys file ${keys.source}`, {
            file: table.source,
            column: it.name,
            hint: 'check that this is the column of the answers (an SPSS string variable with no values reads as empty), or remove it from the scale',
          });
        }
        throw new StaffwellError('not-numeric', `column holds text but is an item of scale "${s.name}" in keys file ${keys.source}`, {
          file: table.source,
          column: it.name,
          value: first,
          hint: `${textAnswerHint(first)}; or remove the column from the scale if it is not an item`,
        });
      }
      if (!seen.has(it.name)) {
        seen.add(it.name);
        variables.push(it.name);
      }
    }
  }
  return { source: keys.source, scales: keys.scales, variables };
}

/** Keys for a subset of scales by name (e.g. `--scale demands`), erroring on an unknown scale. */
export function selectScales(keys: Keys, names: readonly string[]): Keys {
  const scales = names.map((n) => {
    const s = keys.scales.find((x) => x.name === n);
    if (!s) {
      throw new StaffwellError('invalid-option', `no scale named "${n}" in the keys`, {
        file: keys.source,
        value: n,
        hint: `the scales are ${keys.scales.map((x) => `"${x.name}"`).join(', ')}`,
      });
    }
    return s;
  });
  return { source: keys.source, scales };
}
