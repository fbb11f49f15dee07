/**
 * Zip archives crafted byte by byte for hostile-input tests: any declared size, CRC, flags or method, and
 * deflate bombs (a stream that inflates to N MiB of zeros) built in milliseconds without ever holding N MiB.
 */
import { deflateRawSync, constants } from 'node:zlib';
import { crc32 } from '../../src/io/zip-reader.ts';

export interface CraftEntry {
  name: string;
  /** Plain content (deflated unless `stored`), or ready-made compressed bytes with `compressed`. */
  data?: Uint8Array | string;
  compressed?: Uint8Array;
  stored?: boolean;
  /** Overrides of what the directory declares. */
  size?: number;
  crc?: number;
  flags?: number;
  method?: number;
}

/** Deflate stream of `mib` MiB of zeros: one full-flushed 1 MiB block repeated, then an empty final block. */
export function zeroBomb(mib: number): Uint8Array {
  const block = deflateRawSync(Buffer.alloc(1 << 20), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const out = new Uint8Array(block.length * mib + 2);
  for (let i = 0; i < mib; i++) out.set(block, i * block.length);
  out[out.length - 2] = 0x03; // BFINAL=1, fixed Huffman, end of block
  out[out.length - 1] = 0x00;
  return out;
}

export function craftZip(entries: CraftEntry[]): Uint8Array {
  const enc = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const plain = typeof e.data === 'string' ? enc.encode(e.data) : (e.data ?? new Uint8Array(0));
    const method = e.method ?? (e.stored ? 0 : 8);
    const body = e.compressed ?? (method === 0 ? plain : new Uint8Array(deflateRawSync(plain)));
    const crc = e.crc ?? crc32(plain);
    const size = e.size ?? plain.length;
    const name = enc.encode(e.name);
    const flags = (e.flags ?? 0) | 0x800;
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, flags, true);
    lv.setUint16(8, method, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, body.length, true);
    lv.setUint32(22, Math.min(size, 0xfffffffe), true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, flags, true);
    cv.setUint16(10, method, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, body.length, true);
    cv.setUint32(24, Math.min(size, 0xfffffffe), true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local, body);
    centrals.push(central);
    offset += local.length + body.length;
  }
  const cdSize = centrals.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const all = [...locals, ...centrals, end];
  const out = new Uint8Array(all.reduce((n, c) => n + c.length, 0));
  let p = 0;
  for (const c of all) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}
