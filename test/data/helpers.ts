import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Column, Table } from '../../src/data/table.ts';
import { lineOfRow } from '../../src/data/table.ts';

let dir: string | undefined;

/** A per-process temp folder, removed when the process exits. */
export function tmpDir(): string {
  if (!dir) {
    const d = mkdtempSync(join(tmpdir(), 'staffwell-data-'));
    process.on('exit', () => rmSync(d, { recursive: true, force: true }));
    dir = d;
  }
  return dir;
}

/** Writes `content` to a file in the temp folder and returns its path. */
export function tmpFile(name: string, content: string | Uint8Array): string {
  const p = join(tmpDir(), name);
  writeFileSync(p, content);
  return p;
}

/** A column's values as plain JS (numbers with null for NaN, strings with null for missing). */
export function values(c: Column): (number | string | null)[] {
  if (c.kind === 'number') return Array.from(c.values, (x) => (Number.isNaN(x) ? null : x));
  return Array.from(c.codes, (k) => (k < 0 ? null : c.dictionary[k]));
}

export function col(t: Table, name: string): Column {
  const c = t.columns.find((x) => x.name === name);
  if (!c) throw new Error(`no column ${name}`);
  return c;
}

/** A table as plain data: column name -> values, plus the line of each row. */
export function plain(t: Table): { kinds: Record<string, string>; cols: Record<string, (number | string | null)[]>; lines: number[] } {
  const kinds: Record<string, string> = {};
  const cols: Record<string, (number | string | null)[]> = {};
  for (const c of t.columns) {
    kinds[c.name] = c.kind;
    cols[c.name] = values(c);
  }
  return { kinds, cols, lines: Array.from({ length: t.nrows }, (_, i) => lineOfRow(t, i)) };
}
