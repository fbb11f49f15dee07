import { builtinNorms, findNorm } from '../norms/builtin-norms.ts';
import { loadNorms, type NormEntry } from '../norms/norm.ts';

/** The built-in published norms, each with its citation; with `instrument` only that instrument's. */
export function normList(options: { instrument?: string } = {}): NormEntry[] {
  return builtinNorms().filter((n) => options.instrument === undefined || n.instrument === options.instrument);
}

/** One built-in norm by id (an unknown id is a `not-found` error). */
export function normShow(id: string): NormEntry {
  return findNorm(id);
}

/** Validates a user's norms file (JSON or YAML); errors name the field. */
export function normCheck(file: string): NormEntry[] {
  return loadNorms(file);
}
