/** REFI-QDA exchange (.qdpx projects, .qdc codebooks) for `ProjectSnapshot`. */
export {
  exportQdpx,
  exportQdc,
  buildQdpxEntries,
  xsdDateTime,
  PROJECT_NS,
  CODEBOOK_NS,
  type RefiExportOptions,
} from './export.ts';
export {
  importQdpx,
  importQde,
  importQdc,
  type RefiImportOptions,
  type RefiImportResult,
  type RefiImportWarning,
  type RefiWarningKind,
} from './import.ts';
export { uuidV5, projectNamespace, normalizeGuid, STAFFWELL_REFI_NAMESPACE } from './guid.ts';
export { normalizeLineEndings, offsetConverter, type OffsetConverter } from './positions.ts';
