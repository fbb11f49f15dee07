/**
 * Benchmark of the SPSS reader (src/data/sav.ts): a seeded synthetic staff survey of 200,000 cases x 52
 * variables (1 id, 48 Likert items with 5% system-missing, 1 score with decimals, 2 strings) written as
 * bytecode-compressed .sav, uncompressed .sav and .zsav into a temporary folder, then read back.
 *
 *   node --import tsx bench/sav.bench.ts [rows]
 *
 * Reports the best of 3 reads per file in rows/s and cells/s, next to a readFileSync of the same file (the I/O
 * floor). Each read is checked (row count and the sum of a column), so no work can be skipped.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { readSav } from '../src/data/sav.ts';
import type { NumericColumn } from '../src/data/table.ts';
import { createRng } from '../scripts/random.ts';

const ROWS = Number(process.argv[2] ?? 200_000);
const N_ITEMS = 48;
const SITES = ['Leeds', 'York', 'São Paulo', 'Zoë ward — east', ''];

/** Seeded uniforms (mulberry32, as the demo data): the same data on every run. */
const rng = (seed: number): (() => number) => createRng(seed).uniform;

interface Var {
  name: string;
  width: number; // 0 = numeric
}

const VARS: Var[] = [
  { name: 'id', width: 0 },
  ...Array.from({ length: N_ITEMS }, (_, i) => ({ name: `item${i + 1}`, width: 0 })),
  { name: 'score', width: 0 },
  { name: 'site', width: 16 },
  { name: 'grade', width: 4 },
];

/** Case values: numbers (NaN = SYSMIS) or strings, generated once and shared by the three writers. */
function makeCases(): { nums: Float64Array[]; strs: string[][] } {
  const rand = rng(20261122);
  const nums = VARS.map((v) => (v.width === 0 ? new Float64Array(ROWS) : new Float64Array(0)));
  const strs = VARS.map(() => [] as string[]);
  for (let i = 0; i < ROWS; i++) {
    nums[0][i] = i + 1;
    let sum = 0;
    for (let j = 1; j <= N_ITEMS; j++) {
      const x = rand() < 0.05 ? NaN : 1 + Math.floor(rand() * 5);
      nums[j][i] = x;
      if (!Number.isNaN(x)) sum += x;
    }
    nums[N_ITEMS + 1][i] = Math.round((sum / N_ITEMS) * 1000) / 1000;
    strs[N_ITEMS + 2].push(SITES[Math.floor(rand() * SITES.length)]);
    strs[N_ITEMS + 3].push(`B${5 + Math.floor(rand() * 4)}`);
  }
  return { nums, strs };
}

// ---- A minimal little-endian system-file writer (only what the benchmark needs) ----------------------------

class Out {
  private chunks: Buffer[] = [];
  i32(x: number): this {
    const b = Buffer.alloc(4);
    b.writeInt32LE(x);
    this.chunks.push(b);
    return this;
  }
  f64(x: number): this {
    const b = Buffer.alloc(8);
    b.writeDoubleLE(x);
    this.chunks.push(b);
    return this;
  }
  i64(x: number): this {
    const b = Buffer.alloc(8);
    b.writeBigInt64LE(BigInt(x));
    this.chunks.push(b);
    return this;
  }
  str(s: string, len: number): this {
    const b = Buffer.alloc(len, 0x20);
    b.write(s, 'utf8');
    this.chunks.push(b);
    return this;
  }
  raw(b: Uint8Array): this {
    this.chunks.push(Buffer.from(b));
    return this;
  }
  get length(): number {
    return this.chunks.reduce((s, c) => s + c.length, 0);
  }
  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

const SYSMIS = -Number.MAX_VALUE;
const slotsOf = (v: Var) => (v.width === 0 ? 1 : Math.ceil(v.width / 8));

function dictionary(compression: 0 | 1 | 2): Out {
  const o = new Out();
  const nSlots = VARS.reduce((s, v) => s + slotsOf(v), 0);
  o.str(compression === 2 ? '$FL3' : '$FL2', 4).str('@(#) SPSS DATA FILE Staffwell benchmark', 60);
  o.i32(2).i32(nSlots).i32(compression).i32(0).i32(ROWS).f64(100);
  o.str('22 Nov 26', 9).str('00:00:00', 8).str('', 64).str('', 3);
  for (const v of VARS) {
    const fmt = v.width === 0 ? (5 << 16) | (8 << 8) | 2 : (1 << 16) | (v.width << 8);
    o.i32(2).i32(v.width).i32(0).i32(0).i32(fmt).i32(fmt).str(v.name.toUpperCase(), 8);
    for (let k = 1; k < slotsOf(v); k++) o.i32(2).i32(-1).i32(0).i32(0).i32(0).i32(0).str('', 8);
  }
  o.i32(7).i32(3).i32(4).i32(8).i32(1).i32(0).i32(0).i32(-1).i32(1).i32(1).i32(2).i32(65001);
  o.i32(7).i32(4).i32(8).i32(3).f64(SYSMIS).f64(Number.MAX_VALUE).f64(-Number.MAX_VALUE);
  const names = VARS.map((v) => `${v.name.toUpperCase()}=${v.name}`).join('\t');
  o.i32(7).i32(13).i32(1).i32(Buffer.byteLength(names)).str(names, Buffer.byteLength(names));
  o.i32(7).i32(20).i32(1).i32(5).str('UTF-8', 5);
  o.i32(999).i32(0);
  return o;
}

function uncompressedData(c: ReturnType<typeof makeCases>): Buffer {
  const caseBytes = 8 * VARS.reduce((s, v) => s + slotsOf(v), 0);
  const b = Buffer.alloc(caseBytes * ROWS, 0x20);
  let p = 0;
  for (let i = 0; i < ROWS; i++) {
    VARS.forEach((v, j) => {
      if (v.width === 0) {
        const x = c.nums[j][i];
        b.writeDoubleLE(Number.isNaN(x) ? SYSMIS : x, p);
        p += 8;
      } else {
        b.write(c.strs[j][i], p, v.width, 'utf8');
        p += 8 * slotsOf(v);
      }
    });
  }
  return b;
}

function bytecodeData(c: ReturnType<typeof makeCases>): Buffer {
  const out: number[] = [];
  let cmdAt = -1;
  let nCmd = 8;
  let pending: Buffer[] = [];
  const flush = () => {
    for (const p of pending) for (const x of p) out.push(x);
    pending = [];
  };
  const code = (k: number, raw?: Buffer) => {
    if (nCmd === 8) {
      flush();
      cmdAt = out.length;
      for (let z = 0; z < 8; z++) out.push(0);
      nCmd = 0;
    }
    out[cmdAt + nCmd++] = k;
    if (raw) pending.push(raw);
  };
  for (let i = 0; i < ROWS; i++) {
    VARS.forEach((v, j) => {
      if (v.width === 0) {
        const x = c.nums[j][i];
        if (Number.isNaN(x)) code(255);
        else if (Number.isInteger(x) && x >= -99 && x <= 151) code(x + 100);
        else {
          const r = Buffer.alloc(8);
          r.writeDoubleLE(x);
          code(253, r);
        }
      } else {
        const s = Buffer.alloc(8 * slotsOf(v), 0x20);
        s.write(c.strs[j][i], 0, v.width, 'utf8');
        for (let k = 0; k < slotsOf(v); k++) {
          const piece = s.subarray(8 * k, 8 * k + 8);
          if (piece.every((x) => x === 0x20)) code(254);
          else code(253, Buffer.from(piece));
        }
      }
    });
  }
  flush();
  return Buffer.from(out);
}

function zsavData(bytecode: Buffer, dataOffset: number): Buffer {
  const BLOCK = 0x3ff000;
  const blocks: { u: Buffer; c: Buffer }[] = [];
  for (let p = 0; p < bytecode.length; p += BLOCK) {
    const u = bytecode.subarray(p, Math.min(bytecode.length, p + BLOCK));
    blocks.push({ u, c: deflateSync(u) });
  }
  const o = new Out();
  const compressedTotal = blocks.reduce((s, b) => s + b.c.length, 0);
  const trailerOfs = dataOffset + 24 + compressedTotal;
  o.i64(dataOffset).i64(trailerOfs).i64(24 + 24 * blocks.length);
  for (const b of blocks) o.raw(b.c);
  o.i64(-100).i64(0).i32(BLOCK).i32(blocks.length);
  let uOfs = dataOffset;
  let cOfs = dataOffset + 24;
  for (const b of blocks) {
    o.i64(uOfs).i64(cOfs).i32(b.u.length).i32(b.c.length);
    uOfs += b.u.length;
    cOfs += b.c.length;
  }
  return o.bytes();
}

function best(fn: () => number, reps = 3): { ms: number; check: number } {
  let ms = Infinity;
  let check = 0;
  for (let k = 0; k < reps; k++) {
    const t0 = performance.now();
    check = fn();
    ms = Math.min(ms, performance.now() - t0);
  }
  return { ms, check };
}

const dir = mkdtempSync(join(tmpdir(), 'staffwell-sav-bench-'));
try {
  const t0 = performance.now();
  const cases = makeCases();
  const bytecode = bytecodeData(cases);
  const files: [string, Buffer][] = [];
  const d1 = dictionary(1).bytes();
  files.push(['bytecode .sav', Buffer.concat([d1, bytecode])]);
  files.push(['uncompressed .sav', Buffer.concat([dictionary(0).bytes(), uncompressedData(cases)])]);
  const d2 = dictionary(2).bytes();
  files.push(['.zsav', Buffer.concat([d2, zsavData(bytecode, d2.length)])]);
  console.log(`generated ${ROWS} cases x ${VARS.length} variables in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  let expectSum = 0;
  for (const x of cases.nums[1]) if (!Number.isNaN(x)) expectSum += x;

  for (const [label, bytes] of files) {
    const path = join(dir, label.replace(/[^a-z]/g, '') + '.sav');
    writeFileSync(path, bytes);
    const io = best(() => readFileSync(path).length);
    const read = best(() => {
      const t = readSav(path);
      if (t.nrows !== ROWS) throw new Error(`read ${t.nrows} rows, expected ${ROWS}`);
      let s = 0;
      for (const x of (t.columns[1] as NumericColumn).values) if (!Number.isNaN(x)) s += x;
      if (s !== expectSum) throw new Error(`item1 sum ${s}, expected ${expectSum}`);
      return s;
    });
    const rowsPerS = ROWS / (read.ms / 1000);
    console.log(
      `${label.padEnd(18)} ${(bytes.length / 1e6).toFixed(1).padStart(6)} MB  readSav ${read.ms.toFixed(0).padStart(5)} ms  ` +
        `${Math.round(rowsPerS).toLocaleString('en-GB').padStart(11)} rows/s  ` +
        `${Math.round(rowsPerS * VARS.length).toLocaleString('en-GB').padStart(13)} cells/s  (readFileSync ${io.ms.toFixed(0)} ms)`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
