import { existsSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { StaffwellError } from '../errors.ts';
import { createProject, defaultKeyPath, openProject } from '../qual/open-project.ts';
import type { ProjectOptions, QualProject } from '../qual/project.ts';
import { importQdpx, type RefiImportWarning } from '../refi/index.ts';

/**
 * Opening, creating and importing qualitative projects. A long-running server opens a project once with
 * `openQualProject` and passes the handle to every other qual service; the CLI opens one per run.
 */
export interface OpenQualProjectOptions extends ProjectOptions {
  path: string;
  /** The key file; default: `PROJECT.key.sqlite` beside the project when it exists (`keyPath: null`: none). */
  keyPath?: string | null;
}

export function openQualProject(options: OpenQualProjectOptions): QualProject {
  const { path, keyPath, ...rest } = options;
  const key = keyPath === null ? undefined : (keyPath ?? (existsSync(defaultKeyPath(path)) ? defaultKeyPath(path) : undefined));
  return openProject(path, { ...rest, keyPath: key });
}

export interface CreateQualProjectOptions extends ProjectOptions {
  path: string;
  /** Default `PROJECT.key.sqlite` beside the project. */
  keyPath?: string;
  name?: string;
  /** Who creates the project (recorded in the audit log). */
  actor: string;
}

export async function createQualProject(options: CreateQualProjectOptions): Promise<{ project: QualProject; path: string; keyPath: string }> {
  const keyPath = options.keyPath ?? defaultKeyPath(options.path);
  const project = await createProject(options.path, { ...options, keyPath });
  return { project, path: options.path, keyPath };
}

export interface QualImportQdpxOptions extends ProjectOptions {
  /** The .qdpx archive. */
  bytes: Uint8Array;
  /** Its name, for messages. */
  archiveName: string;
  /** The new project file (must not exist). */
  path: string;
  actor: string;
}

export interface QualImportQdpxResult {
  path: string;
  documents: number;
  codes: number;
  segments: number;
  themes: number;
  /** Grounded-theory categories. */
  categories: number;
  warnings: RefiImportWarning[];
}

/**
 * Creates a project from a REFI-QDA .qdpx (NVivo, ATLAS.ti, MAXQDA, QualCoder). All or nothing: the project is
 * built under a temporary name beside the target and renamed into place only when the import succeeded, so a
 * failed import leaves no project file behind.
 */
export async function qualImportQdpx(options: QualImportQdpxOptions): Promise<QualImportQdpxResult> {
  const { bytes, archiveName, path, actor, ...projectOptions } = options;
  if (existsSync(path)) {
    throw new StaffwellError('conflict', 'the project file already exists', { file: path, hint: 'choose a new file for the imported project' });
  }
  const { snapshot, warnings } = importQdpx(bytes, {}, archiveName);
  const temp = join(dirname(path), `.${basename(path)}.import-${process.pid}-${Date.now().toString(36)}`);
  let project: QualProject | undefined;
  try {
    project = await createProject(temp, { ...projectOptions, actor, name: snapshot.name });
    const r = await project.apply({ type: 'snapshot.import', snapshot }, { actor });
    project.close();
    project = undefined;
    if (existsSync(path)) throw new StaffwellError('conflict', 'the project file appeared while importing', { file: path });
    renameSync(temp, path);
    return { path, ...r, warnings };
  } finally {
    project?.close();
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(temp + suffix, { force: true });
  }
}
