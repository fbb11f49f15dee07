// exceljs takes ~0.4 s to load: loaded when a workbook is written, not with every command.
import type ExcelJS from 'exceljs';
import { formatCsvRows, openCsvWriter } from '../data/csv-write.ts';
import { neutraliseFormula } from '../data/spreadsheet-formulas.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';
import type { SegmentHit } from './queries.ts';

/**
 * Writers for query results: tables of strings (header row first) to CSV (RFC 4180, UTF-8, `\n`, atomic, through
 * `src/data/csv-write.ts`) or to an XLSX workbook (one sheet per table, atomic). Numbers-as-text in a matrix become
 * numbers in XLSX (where line ends are LF: XML keeps no CR); text that a spreadsheet would run as a formula gets a
 * leading apostrophe in both
 * (`src/data/spreadsheet-formulas.ts`). `toCsv` gives the same text in memory.
 */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return formatCsvRows(rows);
}

export function writeRowsCsv(path: string, rows: readonly (readonly string[])[]): void {
  const w = openCsvWriter(path, rows[0] ?? []);
  try {
    for (let i = 1; i < rows.length; i++) w.writeRow(rows[i]);
    w.commit();
  } catch (e) {
    w.abort();
    throw e;
  }
}

export interface Sheet {
  name: string;
  rows: readonly (readonly string[])[];
}

export async function xlsxBytes(sheets: readonly Sheet[]): Promise<Uint8Array> {
  const { default: Excel } = await import('exceljs');
  const wb: ExcelJS.Workbook = new Excel.Workbook();
  wb.creator = 'Staffwell';
  wb.created = new Date(0);
  wb.modified = new Date(0);
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name.replace(/[\\/?*[\]:]/g, '_').slice(0, 31) || 'Sheet');
    s.rows.forEach((row, i) => {
      // XML cannot keep a carriage return in text (it reads back as a line feed): line ends are written as LF.
      ws.addRow(row.map((v, j) => (i > 0 && j > 0 && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : neutraliseFormula(v.replace(/\r\n?/g, '\n')))));
    });
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', xSplit: 1, ySplit: 1 }];
    ws.columns.forEach((c) => {
      c.alignment = { wrapText: true, vertical: 'top' };
    });
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export async function writeXlsx(path: string, sheets: readonly Sheet[]): Promise<void> {
  writeFileAtomic(path, await xlsxBytes(sheets));
}

/** Segment query results as rows (header first). Attribute columns are the union of the hits' attributes. */
export function segmentRows(hits: readonly SegmentHit[]): string[][] {
  const attrs = [...new Set(hits.flatMap((h) => Object.keys(h.attributes)))];
  const out: string[][] = [['document', 'code', 'coder', 'participant', 'site', 'start', 'end', 'text', 'key_quote', ...attrs]];
  for (const h of hits) {
    out.push([
      h.documentName,
      h.code,
      h.coder,
      h.participantId ?? '',
      h.site ?? '',
      String(h.start),
      String(h.end),
      h.text,
      h.keyQuote ? 'yes' : '',
      ...attrs.map((a) => (h.attributes[a] === null || h.attributes[a] === undefined ? '' : String(h.attributes[a]))),
    ]);
  }
  return out;
}
