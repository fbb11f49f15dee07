import { randomUUID } from 'node:crypto';
import { allowAll, applyCommand, type ApplyEnv, type Authorize } from './commands/apply.ts';
import type { CommandOf, CommandResult, CommandType, UndoResult } from './commands/index.ts';
import type { CommandFilter, CommandRecord, QualStore } from './store/qual-store.ts';

export interface ProjectOptions {
  /** ISO-8601 timestamp of "now" (injected so tests and the demo are deterministic). */
  now?: () => string;
  newId?: () => string;
  /** Called at named points inside multi-step writes; a test makes it throw to inject a crash. */
  fault?: (point: string) => void;
  /** The permission hook, asked before every command (default: allow all). */
  authorize?: Authorize;
}

/** Who is applying a command: every apply names its actor (there is no default inside the core). */
export interface ApplyOptions {
  actor: string;
}

/** Called once per committed command, in sequence order. */
export type CommandListener = (record: CommandRecord) => void;

/**
 * A qualitative project: a store plus the context its commands run in. Open it once and serve many calls: every
 * write is `apply(command, { actor })` (validated, permission-checked, one transaction, audited, undoable);
 * reads go to `store` (committed data only) or `store.read(fn)` (one snapshot). `subscribe` hears of every
 * commit with its sequence number; `commandsAfter(seq)` lists what a reconnecting client missed.
 */
export class QualProject {
  readonly store: QualStore;
  readonly now: () => string;
  readonly newId: () => string;
  private readonly env: ApplyEnv;
  private readonly listeners = new Set<CommandListener>();
  /** The last seq listeners were told about (never rejects). */
  private notified: Promise<number> = Promise.resolve(0);

  constructor(store: QualStore, options: ProjectOptions = {}) {
    this.store = store;
    this.now = options.now ?? (() => new Date().toISOString());
    this.newId = options.newId ?? (() => randomUUID());
    this.env = { store, now: this.now, newId: this.newId, fault: options.fault, authorize: options.authorize ?? allowAll };
  }

  /** Validates and applies one command (or a `batch`, `undo`, `redo`) in one transaction; notifies subscribers after the commit. */
  async apply<T extends CommandType>(command: CommandOf<T> & { type: T }, options: ApplyOptions): Promise<CommandResult<T>> {
    const { result } = await applyCommand(this.env, command, options?.actor);
    await this.poll();
    return result as CommandResult<T>;
  }

  /** Undoes the actor's most recent command still in effect. */
  undo(options: ApplyOptions): Promise<UndoResult> {
    return this.apply({ type: 'undo' }, options);
  }

  /** Re-applies the command the actor undid most recently. */
  redo(options: ApplyOptions): Promise<UndoResult> {
    return this.apply({ type: 'redo' }, options);
  }

  /** The audit log, oldest first (or filtered). */
  history(filter?: CommandFilter): Promise<CommandRecord[]> {
    return this.store.listCommands(filter);
  }

  /** Every command committed after `seq`, in order (what a reconnecting client missed). */
  commandsAfter(seq: number, options: { limit?: number } = {}): Promise<CommandRecord[]> {
    return this.store.listCommands({ afterSeq: seq, limit: options.limit });
  }

  /** Calls `listener` after each commit with the command's record (from now on); returns the unsubscribe function. */
  subscribe(listener: CommandListener): () => void {
    if (this.listeners.size === 0) this.notified = this.notified.then(() => this.lastSeq());
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /**
   * Tells listeners about every command committed since they last heard, in order: after this project's own
   * commits (`apply` calls it), and on demand for commits by another process on the same file.
   */
  poll(): Promise<void> {
    if (this.listeners.size === 0) return Promise.resolve();
    const run = this.notified.then(async (last) => {
      try {
        const records = await this.store.listCommands({ afterSeq: last });
        for (const r of records) {
          for (const fn of [...this.listeners]) {
            try {
              fn(r);
            } catch (e) {
              process.emitWarning(`a command listener failed: ${(e as Error).message}`);
            }
          }
        }
        return records.length > 0 ? records[records.length - 1].seq : last;
      } catch {
        return last;
      }
    });
    this.notified = run;
    return run.then(() => undefined);
  }

  /** The project acting as one actor (a CLI run, a test, one user's requests). */
  as(actor: string): QualSession {
    return new QualSession(this, actor);
  }

  close(): void {
    this.store.close();
  }

  private async lastSeq(): Promise<number> {
    const [r] = await this.store.listCommands({ descending: true, limit: 1 });
    return r?.seq ?? 0;
  }
}

/** A project bound to one actor: `apply`, `undo` and `redo` act as that actor. */
export class QualSession {
  constructor(
    readonly project: QualProject,
    readonly actor: string,
  ) {}

  get store(): QualStore {
    return this.project.store;
  }

  apply<T extends CommandType>(command: CommandOf<T> & { type: T }): Promise<CommandResult<T>> {
    return this.project.apply<T>(command, { actor: this.actor });
  }

  undo(): Promise<UndoResult> {
    return this.project.undo({ actor: this.actor });
  }

  redo(): Promise<UndoResult> {
    return this.project.redo({ actor: this.actor });
  }

  history(filter?: CommandFilter): Promise<CommandRecord[]> {
    return this.project.history(filter);
  }

  newId(): string {
    return this.project.newId();
  }
}

/** A deterministic id generator for tests and reproducible demos: `prefix-0001`, `prefix-0002`, … */
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
