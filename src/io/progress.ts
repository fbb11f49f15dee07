/**
 * Progress on stderr for long runs: a redrawn bar on a TTY, plain lines (at most one per `lineEveryMs`) when
 * stderr is not a TTY (CI logs, pipes). Silent for runs that finish before `delayMs`, so small files print
 * nothing.
 */
export interface Progress {
  /** Report `done` out of `total` (bytes or rows). */
  update(done: number): void;
  /** Finish the bar (prints a final line if anything was shown). */
  done(): void;
}

export interface ProgressOptions {
  label: string;
  total: number;
  unit?: 'bytes' | 'rows';
  stream?: NodeJS.WriteStream;
  delayMs?: number;
  lineEveryMs?: number;
  now?: () => number;
}

export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const tty = Boolean(stream.isTTY);
  const now = options.now ?? Date.now;
  const start = now();
  const delay = options.delayMs ?? 700;
  const every = options.lineEveryMs ?? (tty ? 100 : 5000);
  let last = 0;
  let shown = false;
  let latest = 0;

  const render = (done: number): string => {
    const frac = options.total > 0 ? Math.min(1, done / options.total) : 0;
    const pct = (100 * frac).toFixed(0).padStart(3);
    const secs = (now() - start) / 1000;
    const amount = options.unit === 'bytes' ? `${(done / 1e6).toFixed(0)}/${(options.total / 1e6).toFixed(0)} MB` : `${done}/${options.total}`;
    if (!tty) return `${options.label}: ${pct}% (${amount}, ${secs.toFixed(1)} s)\n`;
    const width = 30;
    const fill = Math.round(width * frac);
    return `\r${options.label} [${'#'.repeat(fill)}${'-'.repeat(width - fill)}] ${pct}% ${amount} ${secs.toFixed(1)} s`;
  };

  return {
    update(done) {
      latest = done;
      const t = now();
      if (t - start < delay || t - last < every) return;
      last = t;
      shown = true;
      stream.write(render(done));
    },
    done() {
      if (!shown) return;
      stream.write(render(options.total > 0 ? options.total : latest) + (tty ? '\n' : ''));
    },
  };
}
