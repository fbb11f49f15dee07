import { StaffwellError, type StaffwellErrorCode } from '../errors.ts';

/**
 * The error for work that needs the key file when the project was opened without it. It names the option
 * (`keyPath`, as a library caller passes it to `openQualProject`) and says why the key file is needed, never a
 * surface's spelling: the CLI names its flag (`--key`) and the workspace server how to start with it.
 */
export function keyFileRequired(problem: string, options: { file?: string; why: string; code?: StaffwellErrorCode }): StaffwellError {
  return new StaffwellError(options.code ?? 'not-found', problem, {
    file: options.file,
    field: 'keyPath',
    hint: `open the project with its key file (PROJECT.key.sqlite): ${options.why}`,
  });
}
