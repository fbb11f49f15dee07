import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { StaffwellError } from '../errors.ts';
import { userFacingSystemError } from './system-error.ts';

/**
 * Writes a file atomically: the bytes go to a temporary file beside the target, which is fsynced and renamed
 * over the target only when complete. A failure part-way leaves the target untouched and no temp file behind.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const w = openAtomicWriter(path);
  try {
    w.write(data);
    w.commit();
  } catch (e) {
    w.abort();
    throw e;
  }
}

export interface AtomicWriter {
  /** The temporary path being written. */
  readonly tempPath: string;
  write(chunk: string | Uint8Array): void;
  /** fsync + rename over the target. */
  commit(): void;
  /** Remove the temporary file; the target is left as it was. Safe to call twice. */
  abort(): void;
}

/** Streaming form of {@link writeFileAtomic}, for outputs written row by row. */
export function openAtomicWriter(path: string): AtomicWriter {
  const tempPath = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${Date.now().toString(36)}`);
  let fd: number;
  try {
    fd = openSync(tempPath, 'w');
  } catch (e) {
    throw writeError(e, path);
  }
  let open = true;
  return {
    tempPath,
    write(chunk) {
      try {
        if (typeof chunk === 'string') writeSync(fd, chunk);
        else writeSync(fd, chunk, 0, chunk.length);
      } catch (e) {
        throw writeError(e, path);
      }
    },
    commit() {
      try {
        fsyncSync(fd);
        closeSync(fd);
        open = false;
        renameSync(tempPath, path);
      } catch (e) {
        throw writeError(e, path);
      }
    },
    abort() {
      if (open) {
        closeSync(fd);
        open = false;
      }
      rmSync(tempPath, { force: true });
    },
  };
}

function writeError(e: unknown, path: string): unknown {
  const sys = userFacingSystemError(e, path);
  if (sys === undefined) return e;
  return new StaffwellError('io', `cannot write the output file: ${sys.problem}`, { file: path, value: sys.value, hint: sys.hint, cause: e });
}
