import { StaffwellError } from '../errors.ts';

/** An option that must be one of `allowed`, or a user-facing error naming the option and the value. */
export function oneOf(value: string, allowed: readonly string[], field: string): void {
  if (!allowed.includes(value)) throw new StaffwellError('invalid-option', `the value must be ${allowed.join(' or ')}`, { field, value });
}
