/**
 * Public API of the data area: the columnar Table, the readers (CSV/TSV, XLSX, SAV), task scans over large CSV
 * files, checks and the CSV writer.
 */
export {
  makeTable,
  columnLength,
  lineOfRow,
  findColumn,
  requireColumn,
  requireNumeric,
  closestNames,
  concatTables,
  textAt,
} from './table.ts';
export type { Table, Column, NumericColumn, TextColumn } from './table.ts';

export { compileMissing, isMissingNumber, isMissingText, parseNumber } from './missing.ts';
export type { MissingCodes, ColumnMissing } from './missing.ts';

export { readCsv, scanCsv, inferCsvTypes, DEFAULT_CHUNK_ROWS } from './csv.ts';
export type { CsvOptions, CsvLayout, CsvInfo, ScanCsvOptions, ColumnType, ProgressFn } from './csv.ts';
export { openCsvLayout } from './csv-layout.ts';

export { scanCsvTask, scanCsvParallel } from './scan-parallel.ts';
export type { ScanTask, TaskHeader, CreateTask, TaskModuleRef, ParallelOptions } from './scan-parallel.ts';
export { CodedLane, scanRangeCoded } from './coded-lane.ts';
export type { CodedConsumer, CodedChunk, ScaleRows } from './coded-lane.ts';

export { readXlsx } from './xlsx.ts';
export type { XlsxOptions } from './xlsx.ts';

export { readSav, readSavMetadata } from './sav.ts';
export type { ReadSavOptions, SavMetadata, SavVariableInfo } from './sav.ts';

export { readTable, scanTable, tableFormat, SUPPORTED_EXTENSIONS } from './read-table.ts';
export type { ReadTableOptions } from './read-table.ts';

export { checkUniqueIds, checkRange, idIndexInit, idIndexAdd, idIndexMerge, idIndexValue } from './validate.ts';
export type { IdIndex } from './validate.ts';

export { openCsvWriter, writeCsv, formatCsv } from './csv-write.ts';
export type { CsvTableWriter, CsvWriteOptions } from './csv-write.ts';
