/**
 * The public API of the `staffwell` package, listed once. Each area keeps its own exports in its index.
 */
export { StaffwellError, formatLocation, isStaffwellError } from './errors.ts';
export type { ErrorLocation, StaffwellErrorCode, StaffwellErrorOptions } from './errors.ts';
export { writeFileAtomic, openAtomicWriter } from './io/atomic-write.ts';
export type { AtomicWriter } from './io/atomic-write.ts';
