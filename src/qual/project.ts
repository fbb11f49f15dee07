import { randomUUID } from 'node:crypto';
import { applyCommand, type Command, type CommandResult } from './commands.ts';
import type { CommandRecord, QualStore } from './store/qual-store.ts';
import { SqliteQualStore } from './store/sqlite-qual-store.ts';

/**
 * What every operation on a project needs: the store, who is acting, a clock and an id generator (both injected
 * so tests are deterministic), and an optional fault hook that tests use to crash a multi-step write between two
 * of its steps.
 */
export interface ProjectContext {
  readonly store: QualStore;
  /** Who is acting (recorded in the audit log). */
  readonly actor: string;
  /** ISO-8601 timestamp of "now". */
  readonly now: () => string;
  readonly newId: () => string;
  /** Called at named points inside multi-step writes; a test makes it throw to inject a crash. */
  readonly fault?: (point: string) => void;
}

export interface ProjectOptions {
  actor?: string;
  now?: () => string;
  newId?: () => string;
  fault?: (point: string) => void;
}

/** A project: a store plus the context its commands run in. `apply` is the one entry point for every write. */
export class QualProject implements ProjectContext {
  readonly store: QualStore;
  readonly actor: string;
  readonly now: () => string;
  readonly newId: () => string;
  readonly fault?: (point: string) => void;

  constructor(store: QualStore, options: ProjectOptions = {}) {
    this.store = store;
    this.actor = options.actor ?? process.env.USER ?? 'researcher';
    this.now = options.now ?? (() => new Date().toISOString());
    this.newId = options.newId ?? (() => randomUUID());
    this.fault = options.fault;
  }

  /** Validates and applies one command in one transaction and records it in the audit log. */
  apply<C extends Command>(command: C): Promise<CommandResult<C['type']>> {
    return applyCommand(this, command);
  }

  /** The audit log: every command applied, oldest first. */
  history(filter?: { afterSeq?: number; limit?: number; type?: string }): Promise<CommandRecord[]> {
    return this.store.listCommands(filter);
  }

  close(): void {
    this.store.close();
  }
}

/** Creates a new project file (and the key file, if given). */
export async function createProject(
  path: string,
  options: ProjectOptions & { keyPath?: string; name?: string } = {},
): Promise<QualProject> {
  const store = SqliteQualStore.open(path, { create: true, keyPath: options.keyPath });
  const project = new QualProject(store, options);
  await project.apply({ type: 'project.rename', name: options.name ?? projectNameFromPath(path) });
  return project;
}

/** Opens an existing project file (with its key file, if given) and reconciles the key file with it. */
export function openProject(path: string, options: ProjectOptions & { keyPath?: string } = {}): QualProject {
  const store = SqliteQualStore.open(path, { keyPath: options.keyPath });
  store.reconcileKey();
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

/**
 * A deterministic id generator for tests and reproducible demos: `prefix-0001`, `prefix-0002`, …
 */
export function sequentialIds(prefix = 'id'): () => string {
  let n = 0;
  return () => `${prefix}-${String(++n).padStart(4, '0')}`;
}

/** A deterministic clock for tests: starts at `start` and advances `stepMs` per call. */
export function steppingClock(start = '2026-01-01T00:00:00.000Z', stepMs = 1000): () => string {
  let t = Date.parse(start);
  return () => {
    const s = new Date(t).toISOString();
    t += stepMs;
    return s;
  };
}
