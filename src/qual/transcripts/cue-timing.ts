/**
 * Cue timing lines: `00:01:02.500 --> 00:01:05.000 align:start` (WebVTT) and `00:01:02,500 --> 00:01:05,000` (SRT).
 */

/**
 * Milliseconds from a cue timestamp `[hh:]mm:ss(.|,)fff`, or NaN if it is not one. Hours may have any number of
 * digits; minutes and seconds are two digits below 60 (one digit is accepted); the fraction has 1–3 digits and
 * is read as a decimal fraction (`.5` = 500 ms). `separator` says which decimal marks are accepted.
 */
export function parseCueTimestamp(s: string, separator: '.' | ',' | 'either' = 'either'): number {
  const m = /^(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:([.,])(\d{1,3}))?$/.exec(s.trim());
  if (!m) return NaN;
  const [, h, mm, ss, mark, frac] = m;
  if (mark !== undefined && separator !== 'either' && mark !== separator) return NaN;
  const minutes = Number(mm);
  const seconds = Number(ss);
  if (minutes >= 60 || seconds >= 60) return NaN;
  const ms = frac === undefined ? 0 : Math.round(Number('0.' + frac) * 1000);
  return ((h === undefined ? 0 : Number(h)) * 3600 + minutes * 60 + seconds) * 1000 + ms;
}

export type TimingLine =
  | { ok: true; startMs: number; endMs: number; settings: string; decimalMark: '.' | ',' | null }
  | { ok: false; problem: string; value: string };

/** Parses a line known to contain `-->`. */
export function parseTimingLine(line: string): TimingLine {
  const m = /^\s*(\S*)\s*-->\s*(\S*)(?:\s+(.*))?$/.exec(line);
  if (!m) return { ok: false, problem: 'malformed cue timing line', value: line };
  const [, a, b, settings] = m;
  const startMs = parseCueTimestamp(a!);
  if (Number.isNaN(startMs)) {
    return { ok: false, problem: 'bad cue start time (expected hh:mm:ss.ttt)', value: a === '' ? line : a! };
  }
  const endMs = parseCueTimestamp(b!);
  if (Number.isNaN(endMs)) {
    return { ok: false, problem: 'bad cue end time (expected hh:mm:ss.ttt)', value: b === '' ? line : b! };
  }
  const mark = /[.,]/.exec(a! + b!);
  return { ok: true, startMs, endMs, settings: (settings ?? '').trim(), decimalMark: mark ? (mark[0] as '.' | ',') : null };
}

/** `01:02:03.456` for messages. */
export function formatMs(ms: number): string {
  const h = Math.floor(ms / 3600000);
  const m = Math.floor((ms % 3600000) / 60000);
  const s = Math.floor((ms % 60000) / 1000);
  const f = ms % 1000;
  const p = (n: number, w: number) => String(n).padStart(w, '0');
  return `${p(h, 2)}:${p(m, 2)}:${p(s, 2)}.${p(f, 3)}`;
}

/** `[hh:]mm:ss[.,:]fff` as written in a timing line (loosely: the fraction optional). */
const TS = '(?:\\d+:)?\\d{1,2}:\\d{1,2}(?:[.,:]\\d{1,3})?';
const NEAR_TIMING = new RegExp(`^\\s*(${TS})[ \\t]*([^\\d\\s]{0,5}(?:[ \\t]+[^\\d\\s]{1,3})?)[ \\t]*(${TS})(?:[ \\t].*)?$`);

/**
 * For a line without `-->`: when it is two timestamps (one at least with a fraction of a second, as cue times
 * have) around something that is not `-->` — `->`, `=>`, `—>`, `- >`, `--->`, a space — the separator written;
 * else null. `arrowsOnly` accepts only separators that end in `>` (for plain-text transcripts, where
 * `00:01:02.500 - 00:01:05.000` may be a time range in the text).
 */
export function nearMissTiming(line: string, arrowsOnly = false): string | null {
  const m = NEAR_TIMING.exec(line);
  if (!m) return null;
  if (!/[.,]\d/.test(m[1]! + m[3]!)) return null;
  const sep = m[2]!.trim();
  if (sep === '-->') return null;
  if (arrowsOnly && !/>$/.test(sep)) return null;
  if (sep !== '' && !/^[-=>—–~.>\s]+$/.test(sep) && !/>/.test(sep)) return null;
  return sep === '' ? '(nothing)' : `"${sep}"`;
}
