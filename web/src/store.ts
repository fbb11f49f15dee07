import { useEffect, useState } from 'preact/hooks';
import { api, RequestFailed, type ChangeEvent, type Codebook, type FamilyCommand, type Session, type StartSession } from './api.ts';

/**
 * The tab's shared state: the session, the codebook, who is coding, the last sequence number seen, and a
 * change counter that views watch to refetch. Changes arrive over server-sent events (every commit, this tab's
 * own included); a tab that reconnects asks for what it missed (`after=seq`).
 */
type Listener = () => void;

class WorkspaceState {
  session: Session | null = null;
  /** Served without a project: the start page's folder and projects (and no session). */
  startPage: StartSession | null = null;
  codebook: Codebook = { codes: [], tree: [] };
  coder = '';
  seq = 0;
  /** Bumped on every change seen; views refetch when it moves. */
  version = 0;
  lastChange: ChangeEvent | null = null;
  message = '';
  /** The last deletion made in this tab, offered for undo in the shell ("Deleted X · Undo"). */
  undoNotice = '';
  error = '';
  live: 'connecting' | 'live' | 'offline' = 'connecting';
  recentCodes: string[] = [];
  private listeners = new Set<Listener>();
  private source: EventSource | null = null;
  /** This tab's commands posted and not yet answered: a change heard meanwhile is covered by their refresh. */
  private inFlight = 0;

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  }

  emit(): void {
    for (const fn of [...this.listeners]) fn();
  }

  async start(): Promise<void> {
    const s = await api.session();
    if ('mode' in s) {
      this.startPage = s;
      this.emit();
      return;
    }
    this.session = s;
    this.seq = this.session.seq;
    this.coder = localStorage.getItem(`staffwell.coder.${this.session.projectPath}`) || this.session.actor;
    this.recentCodes = JSON.parse(localStorage.getItem(`staffwell.recent.${this.session.projectPath}`) ?? '[]') as string[];
    await this.refreshCodebook();
    this.connect();
    this.emit();
  }

  setCoder(name: string): void {
    this.coder = name.trim() || this.session?.actor || 'researcher';
    localStorage.setItem(`staffwell.coder.${this.session?.projectPath}`, this.coder);
    this.bump();
  }

  noteRecent(codeId: string): void {
    this.recentCodes = [codeId, ...this.recentCodes.filter((c) => c !== codeId)].slice(0, 9);
    localStorage.setItem(`staffwell.recent.${this.session?.projectPath}`, JSON.stringify(this.recentCodes));
  }

  async refreshCodebook(): Promise<void> {
    this.codebook = await api.codebook();
  }

  private connect(): void {
    this.source?.close();
    const es = new EventSource(`/api/events?after=${this.seq}`);
    this.source = es;
    es.addEventListener('ready', () => {
      this.live = 'live';
      this.emit();
    });
    es.addEventListener('change', (ev) => {
      const e = JSON.parse((ev as MessageEvent<string>).data) as ChangeEvent;
      if (e.seq <= this.seq) return;
      this.seq = e.seq;
      this.lastChange = e;
      // committed before the answer to a command of ours: the refresh after that answer shows it
      if (this.inFlight > 0) return;
      this.bump();
      void this.refreshCodebook().then(() => this.emit());
    });
    es.onerror = () => {
      this.live = 'offline';
      this.emit();
      es.close();
      // reconnect and ask for what was missed
      setTimeout(() => this.connect(), 1500);
    };
  }

  bump(): void {
    this.version++;
    this.emit();
  }

  /**
   * Runs a command as the current coder; refreshes at once (the event that follows is then already seen).
   * `onDone` runs with the answer before the views refetch, so a view can draw the change it knows at once.
   */
  async run<R = unknown>(
    command: FamilyCommand | { type: 'batch'; commands: FamilyCommand[] } | { type: 'undo' } | { type: 'redo' },
    message?: string,
    onDone?: (answer: { result: R; affected: string[] }) => void,
  ): Promise<R | undefined> {
    this.inFlight++;
    let answered = false;
    try {
      const { result, seq, affected } = await api.command<R>(command, this.coder);
      this.inFlight--;
      answered = true;
      if (seq > this.seq) this.seq = seq;
      this.error = '';
      if (message) this.message = message;
      if (command.type === 'undo') this.undoNotice = '';
      onDone?.({ result, affected });
      // views refetch while the codebook (counts) is read
      this.bump();
      await this.refreshCodebook();
      this.emit();
      return result;
    } catch (e) {
      if (!answered) this.inFlight--;
      this.error = e instanceof RequestFailed ? e.error.message : String(e);
      this.emit();
      return undefined;
    }
  }

  /**
   * A deletion: asks first (`question`, answered in the browser's own dialog, Enter or Escape), then runs the
   * command and offers its undo in the shell. Returns undefined when declined or refused.
   */
  async remove<R = unknown>(question: string, command: FamilyCommand, message: string, onDone?: (answer: { result: R; affected: string[] }) => void): Promise<R | undefined> {
    if (!confirm(`${question}\n\nUndo (Ctrl+Z) brings it back.`)) return undefined;
    const out = await this.run<R>(command, message, onDone);
    if (out !== undefined) {
      this.undoNotice = message;
      this.emit();
    }
    return out;
  }

  /** Undoes this coder's last command (Ctrl+Z outside the transcript, or the shell's Undo button). */
  async undo(): Promise<void> {
    const out = await this.run<{ type: string }>({ type: 'undo' }, 'Undone');
    if (out !== undefined) {
      this.undoNotice = '';
      this.message = `Undone: ${out.type}`;
      this.emit();
    }
  }

  say(message: string): void {
    this.message = message;
    this.emit();
  }
}

export const state = new WorkspaceState();

/** Re-renders the component on every state change. */
export function useWorkspace(): WorkspaceState {
  const [, set] = useState(0);
  useEffect(() => state.subscribe(() => set((n) => n + 1)), []);
  return state;
}

/** Loads data and reloads it when the workspace changes (or `deps` do); keeps the last value while reloading. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data: T | undefined; error: string } {
  const ws = useWorkspace();
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState('');
  useEffect(() => {
    let live = true;
    load().then(
      (d) => live && (setData(d), setError('')),
      (e: unknown) => live && setError(e instanceof RequestFailed ? e.error.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [ws.version, ...deps]);
  return { data, error };
}
