import { readFileSync } from 'node:fs';
import { StaffwellError } from '../errors.ts';

/**
 * Reads a UTF-8 text file the user named (a keys, study, instrument or norms file), or throws
 * StaffwellError('io') naming the file and what it is: `cannot read the <what>. Check the path (ENOENT).`
 */
export function readTextFile(path: string, what: string, hint = 'check the path'): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new StaffwellError('io', `cannot read the ${what}`, {
      file: path,
      hint: `${hint} (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
      cause: e,
    });
  }
}
