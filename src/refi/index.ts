/** REFI-QDA exchange (.qdpx projects, .qdc codebooks) for `ProjectSnapshot`. */
export { exportQdpx, exportQdc, type RefiExportOptions } from './export.ts';
export {
  importQdpx,
  importQde,
  importQdc,
  importCodebook,
  type RefiImportOptions,
  type RefiImportResult,
  type RefiImportWarning,
  type RefiWarningKind,
} from './import.ts';
