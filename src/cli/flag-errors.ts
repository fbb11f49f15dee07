import { StaffwellError } from '../errors.ts';

/**
 * Runs a library call from a CLI command and names its option errors by the command's flags: a service says
 * `field "nfactors"` (what a library caller passed), the CLI says `field "--nfactors"` (what the user typed).
 * Other errors pass unchanged.
 */
export async function underFlags<T>(flags: Readonly<Record<string, string>>, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    const field = e instanceof StaffwellError ? e.location.field : undefined;
    if (!(e instanceof StaffwellError) || field === undefined || !(field in flags)) throw e;
    throw new StaffwellError(e.code, e.problem, { ...e.location, field: flags[field], value: e.value, hint: e.hint, cause: e });
  }
}
