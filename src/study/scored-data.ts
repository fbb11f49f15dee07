import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { StaffwellError } from '../errors.ts';
import { findColumn, type Table } from '../data/table.ts';
import { openCsvWriter } from '../data/csv-write.ts';
import { writeSav, type SavWriteVariable } from '../data/sav-write.ts';
import type { Study } from './study-file.ts';
import { readStudyData, studyContext } from './run-study.ts';
import { groupVariable } from './study-variables.ts';

/** A column of the scored data set: numbers (scores), or categories (labels in order; codes 0.. , −1 missing). */
export type ScoredColumn =
  | { readonly name: string; readonly label: string; readonly kind: 'number'; readonly values: Float64Array }
  | { readonly name: string; readonly label: string; readonly kind: 'category'; readonly codes: Int32Array; readonly levels: readonly string[] }
  | { readonly name: string; readonly label: string; readonly kind: 'text'; readonly values: readonly (string | null)[] };

/** The scored data set: one row per respondent. */
export interface ScoredData {
  readonly nrows: number;
  readonly columns: readonly ScoredColumn[];
}

export type ScoredFormat = 'csv' | 'sav';

/**
 * The scored data set of a study (pure): one row per respondent with the id column, the group columns
 * (`data.groups`), every derived variable, and every score, classification and conversion of every instrument
 * and inline scale, named `<instrument>_<part>` (an inline scale by its name) so that SPSS and R accept the names.
 */
export function scoredData(study: Study, input: Table): ScoredData {
  const { ctx } = studyContext(study, input);
  const columns: ScoredColumn[] = [];
  const dataColumn = (name: string, label: string) => {
    const c = findColumn(ctx.table, name);
    if (!c) return;
    if (c.kind === 'number') columns.push({ name: safeName(name), label, kind: 'number', values: c.values });
    else columns.push({ name: safeName(name), label, kind: 'text', values: Array.from(c.codes, (k) => (k < 0 ? null : c.dictionary[k])) });
  };
  if (study.data.id) dataColumn(study.data.id, 'Respondent id');
  for (const g of study.data.groups ?? []) {
    if (study.derived.some((d) => d.name === g) || g === study.data.id) continue;
    dataColumn(g, g);
  }
  for (const d of study.derived) {
    const v = groupVariable(ctx, d.name, d.field);
    columns.push({ name: safeName(d.name), label: `${d.name} (derived from ${d.from})`, kind: 'category', codes: v.codes, levels: v.levels });
  }
  for (const spec of study.scoring) {
    const sc = ctx.scores.get(spec.name)!;
    for (const s of sc.scales) columns.push({ name: safeName(spec.inline ? spec.name : `${spec.name}_${s.id}`), label: s.label, kind: 'number', values: s.values });
    for (const c of sc.classifications) {
      const v = groupVariable(ctx, `${spec.name}.${c.id}`, spec.field);
      columns.push({ name: safeName(`${spec.name}_${c.id}`), label: c.label, kind: 'category', codes: v.codes, levels: v.levels });
    }
    for (const v of sc.conversions) columns.push({ name: safeName(`${spec.name}_${v.id}`), label: v.label, kind: 'number', values: v.values });
  }
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c.name.toLowerCase()))
      throw new StaffwellError('invalid-study', `two columns of the scored data would both be named ${c.name}`, { file: study.source, field: 'instruments', value: c.name, hint: 'rename an instrument, a scale or a derived variable' });
    seen.add(c.name.toLowerCase());
  }
  return { nrows: ctx.table.nrows, columns };
}

/** A name SPSS and R accept: letters, digits and _, starting with a letter. */
function safeName(name: string): string {
  const s = name.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z]/.test(s) ? s : `v_${s}`;
}

/** Writes the scored data as CSV: numbers as they are, categories as their labels, missing as empty fields. */
export function writeScoredCsv(data: ScoredData, path: string): void {
  const w = openCsvWriter(path, data.columns.map((c) => c.name));
  try {
    const row = new Array<string | number | null>(data.columns.length);
    for (let i = 0; i < data.nrows; i++) {
      data.columns.forEach((c, j) => {
        if (c.kind === 'number') row[j] = Number.isNaN(c.values[i]) ? null : c.values[i];
        else if (c.kind === 'category') row[j] = c.codes[i] < 0 ? null : c.levels[c.codes[i]];
        else row[j] = c.values[i];
      });
      w.writeRow(row);
    }
    w.commit();
  } catch (e) {
    w.abort();
    throw e;
  }
}

/** SPSS variables of the scored data: categories as codes 1..k with value labels, labels as variable labels. */
export function scoredSavVariables(data: ScoredData): SavWriteVariable[] {
  return data.columns.map((c): SavWriteVariable => {
    if (c.kind === 'number') return { name: c.name, label: c.label, type: 'number', values: c.values, measure: 'scale' };
    if (c.kind === 'text') return { name: c.name, label: c.label, type: 'text', values: c.values };
    return {
      name: c.name,
      label: c.label,
      type: 'number',
      decimals: 0,
      measure: 'nominal',
      values: Float64Array.from(c.codes, (k) => (k < 0 ? NaN : k + 1)),
      valueLabels: c.levels.map((label, k) => ({ value: k + 1, label })),
    };
  });
}

/**
 * Reads the study's data again, scores it and writes `scored.csv` and/or `scored.sav` into `outDir`, each
 * atomically. (The streaming run keeps no rows, so the scored data set is made in memory.)
 */
export async function writeScoredData(study: Study, outDir: string, formats: readonly ScoredFormat[]): Promise<string[]> {
  if (!formats.length) return [];
  const data = scoredData(study, await readStudyData(study));
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  if (formats.includes('csv')) {
    const p = join(outDir, 'scored.csv');
    writeScoredCsv(data, p);
    written.push(p);
  }
  if (formats.includes('sav')) {
    const p = join(outDir, 'scored.sav');
    writeSav(p, scoredSavVariables(data), { fileLabel: study.name, nrows: data.nrows });
    written.push(p);
  }
  return written;
}
