/**
 * A warning from a factor-analysis kernel: psych's warning or message as structured data (a stable `code` that
 * callers and tests match on, psych's own wording in `message`, and the items or factors concerned). Kernels
 * never throw for a property of the data that psych only warns about; they return these alongside the result.
 */
export interface FactorWarning {
  code:
    | 'item_no_variance'
    | 'not_positive_definite_smoothed'
    | 'unequal_categories'
    | 'zero_cells_corrected'
    | 'correlation_missing'
    | 'not_invertible'
    | 'heywood'
    | 'ultra_heywood'
    | 'not_converged'
    | 'singular'
    | 'too_few_observations'
    | 'identification';
  message: string;
  items?: string[];
}
