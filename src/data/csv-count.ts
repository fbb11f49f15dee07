import { closeSync, readSync } from 'node:fs';
import { openForRead } from './csv-layout.ts';

/** Records and lines in a byte range of a CSV file, counted with the same quote rules as the parser. */
export interface RangeCount {
  /** Data records (blank lines are not records). */
  records: number;
  /** Line breaks (LF, CRLF or a lone CR; inside quoted fields too). */
  lines: number;
  /** False if the range ends inside a quoted field: the split point that ends it is not a record boundary. */
  clean: boolean;
  /** Where the count stopped (the range's end, or the end of the record when asked to finish it). */
  end: number;
  /** Scanner state at `end`, to continue counting from there. */
  state: CountState;
}

export interface CountState {
  inQ: boolean;
  /** A quote inside a quoted field, waiting for the next byte. */
  quoteSeen: boolean;
  /** A CR waiting for the next byte (CRLF or lone CR). */
  crSeen: boolean;
  /** The current line has bytes (it is a record). */
  content: boolean;
  fieldStart: boolean;
}

export const START_STATE: CountState = { inQ: false, quoteSeen: false, crSeen: false, content: false, fieldStart: true };

/**
 * Counts the records and lines of `[start, end)` from `state` (default: a record boundary). Mirrors the parser:
 * a quote opens a quoted field only at the start of a field, `""` inside one is a literal quote, a quote in the
 * middle of an unquoted field is literal; a line whose first byte is a line break is blank.
 *
 * With `finishRecord`, counting goes on past `end` (to the end of the file at most) until the record in
 * progress ends, so a range that ends inside a quoted field can be extended to a true record boundary.
 */
export function countCsvRange(
  path: string,
  delimiter: number,
  start: number,
  end: number,
  options: { blockBytes?: number; state?: CountState; finishRecord?: boolean; size?: number } = {},
): RangeCount {
  const fd = openForRead(path);
  const buf = Buffer.allocUnsafe(Math.max(64, options.blockBytes ?? 4 << 20));
  const st: CountState = { ...(options.state ?? START_STATE) };
  let { inQ, quoteSeen, crSeen, content, fieldStart } = st;
  let records = 0;
  let lines = 0;
  const limit = options.finishRecord ? (options.size ?? Infinity) : end;
  let stopAt = -1;
  let off = start;
  try {
    outer: while (off < limit) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, limit - off), off);
      if (n === 0) break;
      const block = buf.subarray(0, n);
      const base = off;
      off += n;
      if (!options.finishRecord && !inQ && !quoteSeen && !crSeen && block.indexOf(34) < 0 && block.indexOf(13) < 0) {
        // No quote and no CR in the block: records are the non-empty lines; memchr finds the LFs.
        let last = -1;
        let i = block.indexOf(10);
        while (i >= 0) {
          lines++;
          if (i > last + 1 || (last < 0 && content)) records++;
          last = i;
          i = block.indexOf(10, i + 1);
        }
        content = last < n - 1 || (last < 0 && content);
        fieldStart = block[n - 1] === delimiter || block[n - 1] === 10;
        continue;
      }
      for (let i = 0; i < n; i++) {
        // Past the range end and finishing a record: stop at the first record boundary.
        if (options.finishRecord && base + i >= end && !inQ && !quoteSeen && !crSeen && !content) {
          stopAt = base + i;
          break outer;
        }
        const c = block[i];
        if (crSeen) {
          crSeen = false;
          if (c !== 10) {
            // a lone CR is a line break (and ends the record when outside quotes)
            lines++;
            if (!inQ) {
              if (content) records++;
              content = false;
              fieldStart = true;
              if (options.finishRecord && base + i >= end) {
                stopAt = base + i;
                break outer;
              }
            }
          }
        }
        if (quoteSeen) {
          quoteSeen = false;
          if (c === 34) continue; // "" inside quotes
          inQ = false;
          fieldStart = false;
        }
        if (inQ) {
          if (c === 34) quoteSeen = true;
          else if (c === 10) lines++;
          else if (c === 13) crSeen = true;
          continue;
        }
        if (c === 10) {
          lines++;
          if (content) records++;
          content = false;
          fieldStart = true;
        } else if (c === 13) {
          crSeen = true;
        } else {
          content = true;
          if (c === 34 && fieldStart) inQ = true;
          fieldStart = c === delimiter;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  const stoppedAt = stopAt >= 0 ? stopAt : Math.min(off, limit);
  const atEof = options.size !== undefined && stoppedAt >= options.size;
  if (crSeen && stopAt < 0 && !atEof && !options.finishRecord) {
    // The range ends with a CR: a lone CR ends the line here unless an LF follows (never at a split point).
    const one = Buffer.alloc(1);
    const fd2 = openForRead(path);
    let next = -1;
    try {
      if (readSync(fd2, one, 0, 1, stoppedAt) === 1) next = one[0];
    } finally {
      closeSync(fd2);
    }
    if (next !== 10) {
      crSeen = false;
      lines++;
      if (!inQ) {
        if (content) records++;
        content = false;
        fieldStart = true;
      }
    }
  }
  if (stopAt < 0 && (options.finishRecord || atEof)) {
    // The end of the file ends everything in progress.
    if (quoteSeen) {
      inQ = false;
      quoteSeen = false;
    }
    if (crSeen) {
      crSeen = false;
      lines++;
      if (!inQ && content) records++;
      content = false;
    }
    if (content && !inQ) {
      records++;
      content = false;
    }
  }
  return {
    records,
    lines,
    clean: !inQ && !quoteSeen,
    end: stoppedAt,
    state: { inQ, quoteSeen, crSeen, content, fieldStart },
  };
}
