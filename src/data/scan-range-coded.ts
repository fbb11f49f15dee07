/**
 * Range scans through the coded lane (src/engine/coded-lane.ts): where the file's layout allows it, the engine's
 * lane reads a byte range in blocks and hands chunks of item codes to the task's consumer; any record the lane
 * does not take, and the rows after it up to a chunk's worth, are read by the JavaScript parser (csv-range.ts)
 * and given to the task's ordinary `add`, exactly as without the lane. So results, and every message about bad
 * data, are those of the JavaScript path.
 */
import { closeSync } from 'node:fs';
import type { CsvLayout } from './csv-layout.ts';
import { decoderFor, openForRead } from './csv-layout.ts';
import { compileMissing, isMissingText } from './missing.ts';
import { scanCsvRange, type RangeScanOptions, type RangeScanResult, type RangeSpec } from './csv-range.ts';
import type { CodedConsumer, CodedLaneSpec, CodedReader } from '../engine/coded-lane.ts';
import { engineNamed } from '../engine/engine.ts';

type LaneOptions = Pick<RangeScanOptions, 'types' | 'declared' | 'missing' | 'chunkRows' | 'blockBytes' | 'engine'>;

/**
 * The engine's lane for reading `consumer`'s columns of the file, or null when the scan must use the JavaScript
 * parser alone: the engine has none, or the lane could change a value — it is used only when every column the
 * scan reads is declared (no type inference), each is an item of the consumer (number) or a group (text), and
 * no numeric missing code of an item is a digit.
 */
export function codedReaderFor(layout: CsvLayout, consumer: CodedConsumer, opt: LaneOptions): CodedReader | null {
  const engine = engineNamed(opt.engine);
  if (engine.name === 'js' || !opt.declared.every(Boolean)) return null;
  const items = new Set(consumer.items);
  const groups = new Set(consumer.groups);
  const selected = layout.selected.map((j) => layout.names[j]);
  if (selected.length !== items.size + groups.size) return null;
  for (let k = 0; k < selected.length; k++) {
    const name = selected[k];
    const want = items.has(name) ? 'number' : groups.has(name) ? 'text' : null;
    if (want === null || opt.types[k] !== want) return null;
    if (want === 'number' && compileMissing(opt.missing, name).numbers.some((x) => Number.isInteger(x) && x >= 0 && x <= 9)) return null;
  }
  const d = layout.delimiter;
  if (d === 34 || d === 10 || d === 13 || (d >= 48 && d <= 57)) return null;
  // items in file order, so that runs of item columns have consecutive indices
  const names = layout.names;
  const column = (j: number) => ({ name: names[j], index: j });
  const groupColumns = layout.selected.filter((j) => groups.has(names[j])).map(column);
  const groupMissing = groupColumns.map((c) => compileMissing(opt.missing, c.name));
  const spec: CodedLaneSpec = {
    fields: names.length,
    delimiter: d,
    items: layout.selected.filter((j) => items.has(names[j])).sort((a, b) => a - b).map(column),
    groups: groupColumns,
    decode: decoderFor(layout.encoding),
    isMissing: (g, value) => isMissingText(groupMissing[g], value),
    scores: consumer.scores ?? 0,
    chunkRows: opt.chunkRows,
    blockBytes: opt.blockBytes,
  };
  return engine.codedReader(spec);
}

/**
 * Scans a byte range with the engine's lane where it can and the JavaScript parser elsewhere (see the module comment):
 * rows the consumer takes go to `consumer.add`, every other row to `opt.onChunk` in chunks, in file order.
 * Without a consumer, or where no lane can be used, this is scanCsvRange. Returns what scanCsvRange would.
 */
export function scanRangeCoded(layout: CsvLayout, range: RangeSpec, opt: RangeScanOptions, consumer: CodedConsumer | undefined): RangeScanResult {
  const lane = consumer && codedReaderFor(layout, consumer, opt);
  if (!lane) return scanCsvRange(layout, range, opt);
  const fd = openForRead(layout.source);
  let pos = range.start;
  let row = range.firstRow;
  let line = range.firstLine;
  const total = range.end - range.start;
  /** The JavaScript parser from `pos`: a chunk's worth, or with `all` the rest of the range. */
  const parseFromHere = (all: boolean): RangeScanResult => {
    const r = scanCsvRange(layout, { start: pos, end: range.end, firstRow: row, firstLine: line }, {
      ...opt,
      maxRows: all ? undefined : opt.chunkRows,
      onProgress: all && opt.onProgress ? (done) => opt.onProgress!(pos - range.start + done, total) : undefined,
    });
    if (r.bytes <= 0 && pos < range.end && r.retyped.length === 0) throw new Error(`coded lane: no progress at byte ${pos} of ${layout.source}`);
    pos += r.bytes;
    row += r.rows;
    line = r.nextLine;
    return r;
  };
  try {
    while (pos < range.end) {
      const n = lane.read(fd, pos, range.end);
      let off = 0;
      let refused = false;
      let done = false;
      for (;;) {
        const rows = lane.parse(off, n);
        const why = lane.stopReason();
        let taken = 0;
        if (rows > 0) {
          const perRow = lane.rowEnd(rows - 1) / rows;
          const sizeHint = Math.min(lane.cap, Math.max(rows, Math.round((range.end - pos - off) / perRow) + (row - range.firstRow)));
          taken = consumer.add({ source: layout.source, nrows: rows, firstRow: row, sizeHint, lane });
        }
        if (taken < 0) {
          done = true;
          break;
        }
        if (taken > 0) {
          off += lane.rowEnd(taken - 1);
          row += taken;
          line += taken;
        }
        if (taken < rows || why === 2) {
          refused = true;
          break;
        }
        if (why === 1 || rows === 0) break;
      }
      pos += off;
      if (done) {
        // The consumer can take no more rows: the JavaScript parser reads the rest.
        const r = parseFromHere(true);
        return { rows: row - range.firstRow, nextLine: line, retyped: r.retyped, bytes: pos - range.start };
      }
      if (refused || off === 0) {
        // The JavaScript parser reads a chunk's worth from here (at least the record the lane did not take).
        const r = parseFromHere(false);
        if (r.retyped.length) return { rows: row - range.firstRow, nextLine: line, retyped: r.retyped, bytes: pos - range.start };
      }
      opt.onProgress?.(pos - range.start, total);
    }
  } finally {
    closeSync(fd);
  }
  return { rows: row - range.firstRow, nextLine: line, retyped: [], bytes: pos - range.start };
}
