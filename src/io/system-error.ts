import { StaffwellError } from '../errors.ts';

/**
 * What the operating system or SQLite said about a file, as the one user-facing error: a missing file, a folder
 * where a file was expected, a read-only folder, a full disk, a file that is not a database. Returns undefined for
 * anything else (which is then a bug, not the user's doing). `file` is the file as the user named it (e.g. the
 * output, not its temporary file); without it, the path the error names.
 */
export function userFacingSystemError(e: unknown, file?: string): StaffwellError | undefined {
  if (!(e instanceof Error)) return undefined;
  const code = (e as NodeJS.ErrnoException).code;
  if (typeof code !== 'string') return undefined;
  const err = e as NodeJS.ErrnoException & { dest?: string };
  const path = file ?? err.dest ?? err.path;
  const known = SYSTEM_ERRORS[code] ?? SQLITE_ERRORS[code] ?? (code.startsWith('SQLITE_IOERR') ? SQLITE_ERRORS.SQLITE_IOERR : undefined);
  if (known === undefined) return undefined;
  return new StaffwellError('io', known.problem, { file: path, value: code, hint: known.hint, cause: e });
}

interface Known {
  problem: string;
  hint: string;
}

const SYSTEM_ERRORS: Record<string, Known> = {
  ENOENT: { problem: 'no such file or folder', hint: 'check the path; a folder named in an output path must already exist' },
  EISDIR: { problem: 'this is a folder, where a file is expected', hint: 'give the path of a file (for an output, a file name inside the folder)' },
  ENOTDIR: { problem: 'a part of this path is a file, where a folder is expected', hint: 'check the path' },
  EACCES: { problem: 'permission denied', hint: 'check the permissions of the file and its folder, or choose another place' },
  EPERM: { problem: 'the operation is not permitted here', hint: 'choose another place (a folder of your own, not a system folder)' },
  EROFS: { problem: 'the file system is read-only', hint: 'write to a folder on a writable disk' },
  ENOSPC: { problem: 'the disk is full', hint: 'free some space or write elsewhere; nothing was changed' },
  EDQUOT: { problem: 'the disk quota is used up', hint: 'free some space or write elsewhere; nothing was changed' },
  EEXIST: { problem: 'a file of this name already exists', hint: 'choose another name or remove the file' },
  EMFILE: { problem: 'too many files are open', hint: 'close other programs or raise the limit (ulimit -n), then run the command again' },
  ELOOP: { problem: 'the path loops through symbolic links', hint: 'check the links in the path' },
  ENAMETOOLONG: { problem: 'the path is too long', hint: 'use a shorter path' },
  EINVAL: { problem: 'the operation is not possible on this file', hint: 'give an ordinary file on an ordinary disk (not under /proc or /sys, not a device)' },
  ENXIO: { problem: 'the file is a device or socket that cannot be opened', hint: 'give an ordinary file' },
  EBUSY: { problem: 'the file is busy', hint: 'close the program that holds it, then run the command again' },
  EXDEV: { problem: 'the file cannot be moved across disks', hint: 'write the output on the same disk as its folder' },
};

const SQLITE_ERRORS: Record<string, Known> = {
  SQLITE_NOTADB: { problem: 'the file is not a Staffwell project (not an SQLite database)', hint: 'give the project file (e.g. study.qual.sqlite), or create one with `staffwell qual init`' },
  SQLITE_CORRUPT: { problem: 'the project file is damaged', hint: 'restore it from a backup; Staffwell will not write to a damaged file' },
  SQLITE_CANTOPEN: { problem: 'the file cannot be opened as a database', hint: 'check that the path is a file (not a folder) and that its folder is writable' },
  SQLITE_READONLY: { problem: 'the project file or its folder is read-only', hint: 'copy the project to a writable folder, or change its permissions' },
  SQLITE_FULL: { problem: 'the disk is full', hint: 'free some space; the command was rolled back and nothing was changed' },
  SQLITE_BUSY: { problem: 'the project is locked by another program', hint: 'wait until the other command or server has finished, then run the command again' },
  SQLITE_LOCKED: { problem: 'the project is locked by another program', hint: 'wait until the other command or server has finished, then run the command again' },
  SQLITE_IOERR: { problem: 'the disk could not be read or written', hint: 'check the disk and that the file is on an ordinary local folder, then run the command again' },
  SQLITE_PERM: { problem: 'permission denied', hint: 'check the permissions of the project file and its folder' },
};
