/** Loads the committed psych fixtures (JSON written by test/fixtures/r/psych-*.R) as Tables. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { makeTable, type Table, type Column } from '../../src/data/table.ts';
import { keysFromObject, type Keys } from '../../src/psych/keys.ts';

export const FIXTURES = fileURLToPath(new URL('../fixtures/r/', import.meta.url));

export function loadJson<T = any>(name: string): T {
  return JSON.parse(readFileSync(FIXTURES + name, 'utf8')) as T;
}

export function toFloat(v: readonly (number | null)[]): Float64Array {
  return Float64Array.from(v, (x) => (x === null ? NaN : x));
}

export function tableFrom(data: Record<string, (number | null)[]>, source = 'data.csv'): Table {
  const columns: Column[] = Object.entries(data).map(([name, v]) => ({ kind: 'number', name, values: toFloat(v) }));
  return makeTable({ source, columns });
}

export function keysFrom(obj: unknown, source = 'keys.json'): Keys {
  return keysFromObject(obj, source);
}

export const DATASETS = ['complete', 'mcar10', 'mcar30', 'nolowest', 'offset'] as const;
