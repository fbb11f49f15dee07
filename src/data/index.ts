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
  concatTables,
  textAt,
} from './table.ts';
export type { Table, Column, NumericColumn, TextColumn } from './table.ts';

export type { MissingCodes } from './missing.ts';

export { readCsv, scanCsv } from './csv.ts';
export type { CsvOptions, CsvInfo, ScanCsvOptions, ColumnType, ProgressFn } from './csv.ts';

export { scanCsvTask, scanCsvParallel, moduleBeside } from './scan-parallel.ts';
export type { ScanTask, TaskHeader, CreateTask, TaskModuleRef, ParallelOptions } from './scan-parallel.ts';

export { readXlsx, xlsxSheetNames, xlsxSheetNamesOf } from './xlsx.ts';
export type { XlsxOptions } from './xlsx.ts';

export { readSav, readSavMetadata } from './sav.ts';
export type { ReadSavOptions, SavMetadata, SavVariableInfo } from './sav.ts';
export { savBytes, writeSav, type SavWriteVariable } from './sav-write.ts';

export { readTable, scanTable, tableFormat, SUPPORTED_EXTENSIONS } from './read-table.ts';
export type { ReadTableOptions } from './read-table.ts';

export { checkUniqueIds, checkRange } from './validate.ts';

export { openCsvWriter, writeCsv, formatCsv } from './csv-write.ts';
export type { CsvTableWriter, CsvWriteOptions } from './csv-write.ts';
