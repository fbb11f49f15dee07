/**
 * The coded lane in WebAssembly (native/coded-lane.c, SIMD; see coded-lane.ts for what a lane is): one module
 * instance per range scan, with the input block, the chunk arrays, and an arena for the pattern tables a consumer
 * starts or moves there (`newTable`, `adoptTable`). The memory grows once, when the lane is made, so views into
 * it stay valid for the lane's life. Made through engine.ts, which also says when there is none.
 */
import { readSync } from 'node:fs';
import type { TextColumn } from '../data/table.ts';
import { MAX_LANE_GROUPS, MAX_SCALE_ITEMS, type CodedLaneSpec, type CodedReader, type PatternSweep, type ScaleRows } from './coded-lane.ts';
import { CODED_LANE_WASM } from './coded-lane-wasm.ts';

/** The parts of the WebAssembly API used here (the project's TypeScript libs do not declare it). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

interface LaneExports {
  memory: WasmMemory;
  __heap_base: { value: number };
  lane_role(): number;
  lane_slot(): number;
  lane_dict_col(): number;
  lane_dict_off(): number;
  lane_dict_len(): number;
  lane_arena(): number;
  lane_dict_size(): number;
  lane_stop_reason(): number;
  lane_init(ncols: number, delim: number, cap: number, stride: number, codes: number, groups: number, rowEnd: number): void;
  lane_parse(from: number, to: number): number;
  lane_check(item: number, lo: number, hi: number, n: number): number;
  lane_scale(k: number, items: number, sign: number, mul: number, lo: number, K: number, n: number, idx: number, cnt: number, rev: number, tot: number): void;
  lane_count(table: number, idx: number, n: number): void;
  lane_range(item: number, n: number): number;
  lane_group_totals(tot: number, cnt: number, rev: number, gid: number, n: number, c: number, need: number, acc: number): void;
  lane_sweep(
    counts: number, size: number, K: number, k: number, signs: number, listwise: number, dMin: number, kPos: number, kRev: number,
    pairBase: number, classes: number, items: number, pairs: number, dg: number, at: number, code: number,
  ): void;
  lane_score(tot: number, cnt: number, rev: number, a: number, mean: number, n: number, out: number): void;
}

/** Bytes for the pattern tables consumers adopt: PATTERN_BUDGET entries of 4 bytes (reliability-accumulator.ts). */
const TABLE_ARENA = 64 << 20;
const PAGE = 65536;
/** Most columns a file may have for the lane (the C file's MAXCOL). */
export const MAX_LANE_COLUMNS = 4096;
/**
 * Input block (at least the scan's block size): large enough that a chunk of 65,536 records of 50 items fits, so
 * chunks are usually full; 256 bytes per chunk row for smaller chunks.
 */
const MIN_INPUT_BYTES = 16 << 20;

let compiled: object | null | undefined;
/** The lane whose memory a buffer is (for tables adopted into it). */
const lanes = new WeakMap<ArrayBuffer, WasmLane>();

/** The compiled module, or null when this runtime cannot compile it (no WebAssembly SIMD, say: then no lane). */
export function laneModule(): object | null {
  if (compiled === undefined) {
    try {
      compiled = new wasmApi.Module(Buffer.from(CODED_LANE_WASM, 'base64'));
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

export class WasmLane implements CodedReader {
  readonly cap: number;
  private readonly x: LaneExports;
  private readonly memory: WasmMemory;
  private readonly itemIndex = new Map<string, number>();
  private readonly groupIndex = new Map<string, number>();
  private readonly input: number;
  private readonly inputBytes: number;
  private readonly codes: number;
  private readonly stride: number;
  private readonly groupBase: number;
  private readonly rowEnds: number;
  private readonly scratch: { items: number; sign: number; mul: number; idx: number; cnt: number; rev: number; tot: number; gid: number; acc: number };
  private readonly scoreOut: number[];
  private tableNext: number;
  private readonly tableEnd: number;
  /** Per group column: lane dictionary id -> chunk code (-1 missing), and the decoded values. */
  private readonly dictCode: Int32Array[];
  private readonly dictStrings: string[][];
  private readonly spec: CodedLaneSpec;
  private decoded = 0;

  /** A lane for reading the file `spec` describes with the compiled `module` (laneModule()); throws without memory. */
  constructor(spec: CodedLaneSpec, module: object) {
    this.spec = spec;
    this.x = new wasmApi.Instance(module, {}).exports as LaneExports;
    this.memory = this.x.memory;
    this.cap = Math.max(16, spec.chunkRows);
    spec.items.forEach((c, i) => this.itemIndex.set(c.name, i));
    spec.groups.forEach((c, g) => this.groupIndex.set(c.name, g));
    this.dictCode = spec.groups.map(() => new Int32Array(4096).fill(-1));
    this.dictStrings = spec.groups.map(() => []);

    let heap = this.x.__heap_base.value as number;
    const alloc = (bytes: number) => {
      const p = (heap + 63) & ~63;
      heap = p + bytes;
      return p;
    };
    const cap = this.cap;
    this.inputBytes = Math.max(spec.blockBytes, Math.min(MIN_INPUT_BYTES, cap * 256));
    this.input = alloc(this.inputBytes + 64);
    // A column's codes are `stride` bytes apart: a cache line more than the chunk, so the fields of one record do
    // not all map to the same cache set.
    this.stride = cap + 80;
    this.codes = alloc(spec.items.length * this.stride + 16);
    this.groupBase = alloc(spec.groups.length * cap * 4);
    this.rowEnds = alloc(cap * 4);
    this.scratch = {
      items: alloc(MAX_SCALE_ITEMS * 4),
      sign: alloc(MAX_SCALE_ITEMS * 4),
      mul: alloc(MAX_SCALE_ITEMS * 4),
      idx: alloc(cap * 4),
      cnt: alloc(cap),
      rev: alloc(cap),
      tot: alloc(cap * 4),
      gid: alloc(cap * 4),
      acc: alloc(MAX_LANE_GROUPS * 6 * 8),
    };
    this.scoreOut = Array.from({ length: spec.scores }, () => alloc(cap * 8));
    this.tableNext = alloc(TABLE_ARENA);
    this.tableEnd = heap;
    const have = this.memory.buffer.byteLength;
    if (heap > have) this.memory.grow(Math.ceil((heap - have) / PAGE));

    const mem = this.memory.buffer;
    lanes.set(mem, this);
    const role = new Uint8Array(mem, this.x.lane_role(), MAX_LANE_COLUMNS);
    const slot = new Int32Array(mem, this.x.lane_slot(), MAX_LANE_COLUMNS);
    spec.items.forEach((c, i) => ((role[c.index] = 1), (slot[c.index] = i)));
    spec.groups.forEach((c, g) => ((role[c.index] = 2), (slot[c.index] = g)));
    this.x.lane_init(spec.fields, spec.delimiter, cap, this.stride, this.codes, this.groupBase, this.rowEnds);
  }

  /** The lane's index of an item column (for `check` and `scale`); -1 if it does not read it. */
  item(name: string): number {
    return this.itemIndex.get(name) ?? -1;
  }

  /** Codes of item `i` for the chunk's rows: the digit, or 255 when empty. */
  codesOf(i: number, n: number): Uint8Array {
    return new Uint8Array(this.memory.buffer, this.codes + i * this.stride, n);
  }

  /** The first row < n whose code of item `i` is answered and outside lo..hi; n if none. */
  check(i: number, lo: number, hi: number, n: number): number {
    if (!(Number.isInteger(lo) && Number.isInteger(hi) && lo >= 0 && hi <= 9 && lo <= hi)) return 0;
    return this.x.lane_check(i, lo, hi, n);
  }

  /**
   * Rows [0, n) of a scale of the lane's items `items` (+1 / −1 in `signs`): the row sums, and with K > 0 the
   * pattern indexes over (K + 1)-ary digits in item order for codes lo .. lo + K − 1 (check them first). The
   * rows stay valid until the next call.
   */
  scale(items: ArrayLike<number>, signs: ArrayLike<number>, lo: number, K: number, n: number): ScaleRows {
    const k = items.length;
    if (k > MAX_SCALE_ITEMS || (K > 0 && Math.pow(K + 1, k) > 2 ** 31)) throw new Error(`coded lane: a scale of ${k} items with ${K} codes`);
    const s = this.scratch;
    const mem = this.memory.buffer;
    const it = new Int32Array(mem, s.items, k);
    const sg = new Int32Array(mem, s.sign, k);
    const mul = new Int32Array(mem, s.mul, k);
    let m = 1;
    for (let t = 0; t < k; t++) {
      it[t] = items[t];
      sg[t] = signs[t] < 0 ? -1 : 1;
      mul[t] = m;
      m *= K + 1;
    }
    this.x.lane_scale(k, s.items, s.sign, s.mul, lo, K, n, s.idx, s.cnt, s.rev, s.tot);
    return {
      idx: new Int32Array(mem, s.idx, n),
      cnt: new Uint8Array(mem, s.cnt, n),
      rev: new Uint8Array(mem, s.rev, n),
      tot: new Int32Array(mem, s.tot, n),
    };
  }

  /** Smallest and largest answered code of item `i` in rows [0, n): [Infinity, −Infinity] when none. */
  range(i: number, n: number): [number, number] {
    const v = this.x.lane_range(i, n);
    const lo = v >> 8;
    return lo === 255 ? [Infinity, -Infinity] : [lo, v & 255];
  }

  /** The chunk's row groups for `groupTotals` (rows [0, n)), to be filled by the caller; valid for the chunk. */
  rowGroups(n: number): Int32Array {
    return new Int32Array(this.memory.buffer, this.scratch.gid, n);
  }

  /**
   * describe's group sums from the last `scale` call's rows [0, n) (see lane_group_totals in the C file): adds
   * into acc[g·6 ..] for the row's group g = rowGroups(n)[r]. `c` must be an integer.
   */
  groupTotals(c: number, need: number, acc: Float64Array, n: number): void {
    const G = acc.length / 6;
    if (G > MAX_LANE_GROUPS || !Number.isInteger(c)) throw new Error('coded lane: groupTotals');
    const s = this.scratch;
    const a = new Float64Array(this.memory.buffer, s.acc, G * 6);
    a.set(acc);
    this.x.lane_group_totals(s.tot, s.cnt, s.rev, s.gid, n, c, need, s.acc);
    acc.set(a);
  }

  /**
   * Moves a pattern table into the lane's memory (a copy of `counts`, returned as a view that stays valid for the
   * lane's life), so that `count` can add to it; null when the arena is full.
   */
  adoptTable(counts: Uint32Array): Uint32Array | null {
    const p = (this.tableNext + 63) & ~63;
    if (p + counts.byteLength > this.tableEnd) return null;
    this.tableNext = p + counts.byteLength;
    const view = new Uint32Array(this.memory.buffer, p, counts.length);
    view.set(counts);
    return view;
  }

  /** A zeroed table of `size` counts in the lane's memory (valid for the lane's life); null when the arena is full. */
  newTable(size: number): Uint32Array | null {
    const p = (this.tableNext + 63) & ~63;
    if (p + size * 4 > this.tableEnd) return null;
    this.tableNext = p + size * 4;
    return new Uint32Array(this.memory.buffer, p, size);
  }

  /** True if `table` is a view `adoptTable` returned from this lane. */
  owns(table: Uint32Array): boolean {
    return table.buffer === this.memory.buffer;
  }

  /** Adds the last `scale` call's rows [0, n) to an adopted table. */
  count(table: Uint32Array, n: number): void {
    this.x.lane_count(table.byteOffset, this.scratch.idx, n);
  }

  /**
   * Scores from the last `scale` call's rows into score array `slot`: the mean (or, with mean false, the sum) of
   * the answered items after reversing with a = min + max — psych's scoreItems with impute = "none".
   */
  score(slot: number, a: number, mean: boolean, n: number): Float64Array {
    const s = this.scratch;
    const out = this.scoreOut[slot];
    this.x.lane_score(s.tot, s.cnt, s.rev, a, mean ? 1 : 0, n, out);
    return new Float64Array(this.memory.buffer, out, n);
  }

  /**
   * The sweep of src/psych/pattern-marginals.ts over an adopted table, in the lane (the outputs are added into
   * the job's arrays). False when the lane has no room for the outputs.
   */
  sweep(job: PatternSweep): boolean {
    const { counts, K, k, signs, listwise, dMin, kPos, kRev, pairBase, classes, items, pairs } = job;
    let p = (this.tableNext + 63) & ~63;
    const take = (bytes: number) => {
      const at = p;
      p = (p + bytes + 63) & ~63;
      return at;
    };
    const cl = take(classes.byteLength);
    const it = take(items.byteLength);
    const pr = take(pairs.byteLength);
    const pb = take(pairBase.byteLength);
    const sg = take(k * 4);
    const dg = take((k + 1) * 4);
    const at = take(k * 4);
    const code = take(k * 4);
    if (p > this.tableEnd) return false;
    const mem = this.memory.buffer;
    new Uint8Array(mem, cl, pb - cl).fill(0);
    new Int32Array(mem, pb, pairBase.length).set(pairBase);
    new Int32Array(mem, sg, k).set(signs);
    this.x.lane_sweep(counts.byteOffset, counts.length, K, k, sg, listwise ? 1 : 0, dMin, kPos, kRev, pb, cl, it, pr, dg, at, code);
    addInto(classes, new Float64Array(mem, cl, classes.length));
    addInto(items, new Float64Array(mem, it, items.length));
    addInto(pairs, new Float64Array(mem, pr, pairs.length));
    return true;
  }

  /** Dictionary ids of group column `name` for the chunk's rows (-1 for an empty field; see `groupValue`). */
  groupIds(name: string, n: number): Int32Array {
    const g = this.groupIndex.get(name);
    if (g === undefined) throw new Error(`coded lane: no group column "${name}"`);
    return new Int32Array(this.memory.buffer, this.groupBase + g * this.cap * 4, n);
  }

  /** The value of group column `name` with dictionary id `id`: null when it is a missing-value code. */
  groupValue(name: string, id: number): string | null {
    const g = this.groupIndex.get(name)!;
    this.decodeNewValues();
    const code = this.dictCode[g][id];
    return code < 0 ? null : this.dictStrings[g][code];
  }

  /** Group column `name` for the chunk's rows, as a table's text column. */
  group(name: string, n: number): TextColumn {
    const g = this.groupIndex.get(name);
    if (g === undefined) throw new Error(`coded lane: no group column "${name}"`);
    this.decodeNewValues();
    const ids = new Int32Array(this.memory.buffer, this.groupBase + g * this.cap * 4, n);
    const map = this.dictCode[g];
    const codes = new Int32Array(n);
    for (let r = 0; r < n; r++) {
      const e = ids[r];
      codes[r] = e < 0 ? -1 : map[e];
    }
    return { kind: 'text', name, codes, dictionary: this.dictStrings[g] };
  }

  /** Decodes the dictionary values the lane met since the last call (missing codes map to -1). */
  private decodeNewValues(): void {
    const n = this.x.lane_dict_size();
    if (n === this.decoded) return;
    const mem = Buffer.from(this.memory.buffer);
    const col = new Int32Array(this.memory.buffer, this.x.lane_dict_col(), n);
    const off = new Int32Array(this.memory.buffer, this.x.lane_dict_off(), n);
    const len = new Int32Array(this.memory.buffer, this.x.lane_dict_len(), n);
    const arena = this.x.lane_arena();
    for (let e = this.decoded; e < n; e++) {
      const g = col[e];
      const s = this.spec.decode(mem, arena + off[e], arena + off[e] + len[e]);
      if (this.spec.isMissing(g, s)) continue;
      this.dictCode[g][e] = this.dictStrings[g].length;
      this.dictStrings[g].push(s);
    }
    this.decoded = n;
  }

  /** Reads up to a block of [pos, end) into the input; returns the bytes read. */
  read(fd: number, pos: number, end: number): number {
    const want = Math.min(this.inputBytes, end - pos);
    const buf = new Uint8Array(this.memory.buffer, this.input, this.inputBytes + 64);
    let n = 0;
    while (n < want) {
      const r = readSync(fd, buf, n, want - n, pos + n);
      if (r === 0) break;
      n += r;
    }
    buf.fill(0, n, n + 64);
    return n;
  }

  /** Parses records from input[from, to) into the chunk; returns the rows taken (see `stopReason`). */
  parse(from: number, to: number): number {
    return this.x.lane_parse(this.input + from, this.input + to);
  }

  /** Why the last `parse` stopped: 0 the chunk is full, 1 the data ended inside a record, 2 a record it does not take. */
  stopReason(): number {
    return this.x.lane_stop_reason();
  }

  /** Offset, from the last `parse`'s start, after row r. */
  rowEnd(r: number): number {
    return new Int32Array(this.memory.buffer, this.rowEnds, this.cap)[r];
  }
}

function addInto(a: Float64Array, b: Float64Array): void {
  for (let i = 0; i < a.length; i++) a[i] += b[i];
}

/** The lane whose memory holds `counts` (a table from `adoptTable`), if any. */
export function laneOf(counts: Uint32Array): WasmLane | undefined {
  return lanes.get(counts.buffer as ArrayBuffer);
}
