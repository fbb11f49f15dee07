import type { QualProject } from '../qual/project.ts';
import type { CommandRecord } from '../qual/store/qual-store.ts';

/** What a tab hears of a committed command (the payload stays on the server: it can be a whole transcript). */
export interface ChangeEvent {
  seq: number;
  type: string;
  actor: string;
  at: string;
  affected: string[];
  targetSeq: number | null;
}

export function changeEvent(r: CommandRecord): ChangeEvent {
  return { seq: r.seq, type: r.type, actor: r.actor, at: r.at, affected: r.affected, targetSeq: r.targetSeq };
}

/**
 * The feed of changes for open tabs: the commands after a sequence number (what a reconnecting tab missed), then
 * every new commit as it happens. Commits by another process on the same file (the CLI) are found by polling the
 * log every `pollMs` while someone listens.
 */
export class ChangeFeed {
  private timer: NodeJS.Timeout | undefined;
  private listeners = 0;

  constructor(
    private readonly project: QualProject,
    private readonly pollMs = 1000,
  ) {}

  /**
   * Calls `send` with every command after `after`, in order, without gaps or repeats, then with each new one.
   * Returns the unsubscribe function.
   */
  async follow(after: number, send: (e: ChangeEvent) => void): Promise<() => void> {
    let last = after;
    let backlogDone = false;
    const pending: CommandRecord[] = [];
    const deliver = (r: CommandRecord) => {
      if (r.seq <= last) return;
      last = r.seq;
      send(changeEvent(r));
    };
    const unsubscribe = this.project.subscribe((r) => (backlogDone ? deliver(r) : pending.push(r)));
    this.listeners++;
    this.timer ??= setInterval(() => void this.project.poll(), this.pollMs);
    try {
      for (const r of await this.project.commandsAfter(after)) deliver(r);
    } finally {
      backlogDone = true;
      for (const r of pending) deliver(r);
    }
    return () => {
      unsubscribe();
      if (--this.listeners === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
