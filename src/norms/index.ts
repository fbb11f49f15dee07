/** Public API of the norms library. */
export {
  normEntrySchema,
  normsFileSchema,
  parseNorms,
  loadNorms,
  type NormEntry,
  type PrevalenceNorm,
  type MeanNorm,
  type PercentileBandsNorm,
} from './norm.ts';
export { builtinNorms, findNorm } from './builtin-norms.ts';
