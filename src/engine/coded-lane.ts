/**
 * The coded lane as the statistics code sees it: the chunks of one-digit answer codes an engine reads, and the
 * operations on them (scale rows, pattern counts, group sums, scores). The WebAssembly implementation is
 * wasm-lane.ts (native/coded-lane.c); the scan that feeds it is data/scan-range-coded.ts; engine.ts picks it.
 *
 * A scan task opts in with a `CodedConsumer` (`ScanTask.coded`). The lane parses records while they are simple
 * (every item field empty or one digit, every other field unquoted printable ASCII) into a chunk of item codes
 * (one byte per cell, 255 = empty) and group dictionary ids, and hands the chunk to the consumer, which takes as
 * many rows as it can. Every other row goes to the task's ordinary `add`, exactly as without the lane; so the
 * results, and every message about bad data, are those of the JavaScript path.
 */
import type { TextColumn } from '../data/table.ts';

/** Most items in one scale for `scale`. */
export const MAX_SCALE_ITEMS = 64;
/** Most groups `groupTotals` adds to. */
export const MAX_LANE_GROUPS = 1 << 16;

/** What a scan task reads through the lane (see ScanTask.coded in data/scan-parallel.ts). */
export interface CodedConsumer {
  /** Columns read as one-digit item codes. */
  readonly items: readonly string[];
  /** Text columns read as groups (4,096 distinct values in all; rows with more go to the JavaScript parser). */
  readonly groups: readonly string[];
  /** Score arrays the consumer asks `score` for per chunk. */
  readonly scores?: number;
  /**
   * Takes rows [0, n) of the chunk, or a first part of them, and returns how many it took; the rest are read by
   * the JavaScript parser and given to the task's `add` (a chunk's worth, then the lane goes on). A negative
   * number means the consumer will take no more rows in this scan: the JavaScript parser reads the rest. The chunk
   * is valid only during the call.
   */
  add(chunk: CodedChunk): number;
}

export interface CodedChunk {
  readonly source: string;
  readonly nrows: number;
  /** 0-based index of the chunk's first row within the file. */
  readonly firstRow: number;
  /**
   * Rows the scan's chunks will hold, as the JavaScript parser's first chunk would: the chunk size, or fewer when
   * the range is smaller (estimated from this chunk's bytes per row). For size rules such as PATTERNS_PER_ROW.
   */
  readonly sizeHint: number;
  readonly lane: CodedLane;
}

/** One scale's rows in the lane's scratch arrays (valid until the next `scale` call). */
export interface ScaleRows {
  /** Response-pattern index (src/stats/response-patterns.ts layout). */
  readonly idx: Int32Array;
  /** Answered items; reversed items answered; Σ sign · x over the answered items. */
  readonly cnt: Uint8Array;
  readonly rev: Uint8Array;
  readonly tot: Int32Array;
}

/** The operations a consumer may call on a chunk's lane. */
export interface CodedLane {
  /** The lane's index of an item column (for `check` and `scale`); -1 if it does not read it. */
  item(name: string): number;
  /** Codes of item `i` for the chunk's rows: the digit, or 255 when empty. */
  codesOf(i: number, n: number): Uint8Array;
  /** The first row < n whose code of item `i` is answered and outside lo..hi; n if none. */
  check(i: number, lo: number, hi: number, n: number): number;
  /**
   * Rows [0, n) of a scale of the lane's items `items` (+1 / −1 in `signs`): the row sums, and with K > 0 the
   * pattern indexes over (K + 1)-ary digits in item order for codes lo .. lo + K − 1 (check them first). The
   * rows stay valid until the next call.
   */
  scale(items: ArrayLike<number>, signs: ArrayLike<number>, lo: number, K: number, n: number): ScaleRows;
  /** Smallest and largest answered code of item `i` in rows [0, n): [Infinity, −Infinity] when none. */
  range(i: number, n: number): [number, number];
  /** The chunk's row groups for `groupTotals` (rows [0, n)), to be filled by the caller; valid for the chunk. */
  rowGroups(n: number): Int32Array;
  /**
   * describe's group sums from the last `scale` call's rows [0, n) (see lane_group_totals in the C file): adds
   * into acc[g·6 ..] for the row's group g = rowGroups(n)[r]. `c` must be an integer.
   */
  groupTotals(c: number, need: number, acc: Float64Array, n: number): void;
  /**
   * Moves a pattern table into the lane's memory (a copy of `counts`, returned as a view that stays valid for the
   * lane's life), so that `count` can add to it; null when the arena is full.
   */
  adoptTable(counts: Uint32Array): Uint32Array | null;
  /** A zeroed table of `size` counts in the lane's memory (valid for the lane's life); null when the arena is full. */
  newTable(size: number): Uint32Array | null;
  /** True if `table` is a view `adoptTable` or `newTable` returned from this lane. */
  owns(table: Uint32Array): boolean;
  /** Adds the last `scale` call's rows [0, n) to an adopted table. */
  count(table: Uint32Array, n: number): void;
  /**
   * Scores from the last `scale` call's rows into score array `slot`: the mean (or, with mean false, the sum) of
   * the answered items after reversing with a = min + max — psych's scoreItems with impute = "none".
   */
  score(slot: number, a: number, mean: boolean, n: number): Float64Array;
  /** Dictionary ids of group column `name` for the chunk's rows (-1 for an empty field; see `groupValue`). */
  groupIds(name: string, n: number): Int32Array;
  /** The value of group column `name` with dictionary id `id`: null when it is a missing-value code. */
  groupValue(name: string, id: number): string | null;
  /** Group column `name` for the chunk's rows, as a table's text column. */
  group(name: string, n: number): TextColumn;
}

/** What an engine needs to know of a file to read it through a lane (data/scan-range-coded.ts decides when). */
export interface CodedLaneSpec {
  /** Fields per record (the header's). */
  readonly fields: number;
  /** The field separator as a byte. */
  readonly delimiter: number;
  /** The item columns' names and file indexes, in file order. */
  readonly items: readonly { readonly name: string; readonly index: number }[];
  /** The group columns' names and file indexes. */
  readonly groups: readonly { readonly name: string; readonly index: number }[];
  /** A group field's text from its bytes in the file's encoding. */
  decode(bytes: Buffer, start: number, end: number): string;
  /** True when `value` is a missing-value code of group column `group` (index into `groups`). */
  isMissing(group: number, value: string): boolean;
  /** Score arrays the consumer asks for per chunk. */
  readonly scores: number;
  /** Rows per chunk, and bytes per read (the scan's). */
  readonly chunkRows: number;
  readonly blockBytes: number;
}

/** A lane as the scan drives it: read a block, parse records into a chunk, then hand the chunk to the consumer. */
export interface CodedReader extends CodedLane {
  /** Rows a chunk holds at most. */
  readonly cap: number;
  /** Reads up to a block of [pos, end) of the open file `fd` into the input; returns the bytes read. */
  read(fd: number, pos: number, end: number): number;
  /** Parses records from input[from, to) into the chunk; returns the rows taken (see `stopReason`). */
  parse(from: number, to: number): number;
  /** Why the last `parse` stopped: 0 the chunk is full, 1 the data ended inside a record, 2 a record it does not take. */
  stopReason(): number;
  /** Offset, from the last `parse`'s start, after row r. */
  rowEnd(r: number): number;
}

/**
 * The sweep of a response-pattern table (src/psych/pattern-marginals.ts, which explains it): the table, its shape,
 * and the zeroed tables it adds into.
 */
export interface PatternSweep {
  readonly counts: Uint32Array;
  readonly K: number;
  readonly k: number;
  readonly signs: Int8Array;
  readonly listwise: boolean;
  readonly dMin: number;
  readonly kPos: number;
  readonly kRev: number;
  readonly pairBase: Int32Array;
  readonly classes: Float64Array;
  readonly items: Float64Array;
  readonly pairs: Float64Array;
}
