import { QualProject, type ProjectOptions } from './project.ts';
import { SqliteQualStore } from './store/sqlite-qual-store.ts';

/** Opening and creating projects on the embedded backend (SQLite files). */

/** Creates a new project file (and the key file, if given); `actor` is recorded as its creator. */
export async function createProject(
  path: string,
  options: ProjectOptions & { keyPath?: string; name?: string; actor: string },
): Promise<QualProject> {
  const store = SqliteQualStore.open(path, { create: true, keyPath: options.keyPath });
  const project = new QualProject(store, options);
  try {
    await project.apply({ type: 'project.rename', name: options.name ?? projectNameFromPath(path) }, { actor: options.actor });
  } catch (e) {
    project.close();
    throw e;
  }
  return project;
}

/** Opens an existing project file (with its key file, if given) and reconciles the key file with it. */
export function openProject(path: string, options: ProjectOptions & { keyPath?: string } = {}): QualProject {
  const store = SqliteQualStore.open(path, { keyPath: options.keyPath });
  try {
    store.reconcileKey();
  } catch (e) {
    store.close();
    throw e;
  }
  return new QualProject(store, options);
}

/** The conventional key-file path beside a project: `study.qual.sqlite` → `study.qual.key.sqlite`. */
export function defaultKeyPath(projectPath: string): string {
  return projectPath.replace(/(\.sqlite|\.db)?$/, '.key.sqlite');
}

function projectNameFromPath(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  return base.replace(/(\.qual)?(\.sqlite|\.db)?$/, '') || 'project';
}
