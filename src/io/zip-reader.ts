/**
 * A bounded zip reader for the archives users hand to Staffwell (.qdpx projects, .docx transcripts, .xlsx
 * workbooks).
 *
 * Opening an archive reads only its central directory; an entry is inflated when it is asked for, never before,
 * so an entry nobody uses costs nothing. Each entry is inflated in small steps into a buffer of its declared
 * size, and refused with a message saying so when
 *
 * - its declared size (central directory) is over the per-entry limit, before any byte is inflated, or
 * - it inflates to more bytes than it declares (checked as it inflates, so a lying entry stops at its claim), or
 * - its CRC-32 differs (a damaged archive).
 *
 * The limit is 256 MB per entry by default; set `STAFFWELL_ZIP_ENTRY_LIMIT` (bytes, or with a unit: `512MB`,
 * `1GB`) or pass `maxEntryBytes`. So a small archive built to inflate to gigabytes (a zip bomb) never takes more
 * memory than one entry's limit. Encrypted entries and methods other than store/deflate are refused clearly;
 * ZIP64 archives are read.
 */
import { Inflate } from 'fflate';
import { StaffwellError } from '../errors.ts';

export const DEFAULT_ZIP_ENTRY_LIMIT = 256 * 1024 * 1024;
export const ZIP_LIMIT_ENV = 'STAFFWELL_ZIP_ENTRY_LIMIT';

export interface ZipEntry {
  readonly name: string;
  /** 0 = stored, 8 = deflate. */
  readonly method: number;
  readonly flags: number;
  readonly crc: number;
  readonly compressedSize: number;
  /** Inflated size as the central directory declares it. */
  readonly size: number;
  readonly localOffset: number;
}

export interface ZipOpenOptions {
  /** Largest inflated size of one entry, in bytes (default: `STAFFWELL_ZIP_ENTRY_LIMIT`, else 256 MB). */
  maxEntryBytes?: number;
  /** What the file should be, for messages ("a .qdpx file"). */
  what?: string;
  /** Hint when the file is not a zip archive at all. */
  notZipHint?: string;
}

/** The per-entry limit in force: `STAFFWELL_ZIP_ENTRY_LIMIT` when set, else 256 MB. */
export function zipEntryLimit(): number {
  const raw = process.env[ZIP_LIMIT_ENV];
  if (raw === undefined || raw.trim() === '') return DEFAULT_ZIP_ENTRY_LIMIT;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|K|M|G)?\s*$/i.exec(raw);
  const unit = (m?.[2] ?? 'B').toUpperCase().replace(/B$/, '') || 'B';
  const n = m ? Number(m[1]) * ({ B: 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 } as Record<string, number>)[unit] : NaN;
  if (!(n >= 1) || !Number.isFinite(n)) {
    throw new StaffwellError('invalid-option', `${ZIP_LIMIT_ENV} is not a size`, {
      field: ZIP_LIMIT_ENV,
      value: raw,
      hint: 'give a number of bytes or a size such as 512MB or 1GB',
    });
  }
  return Math.floor(n);
}

/** "1.0 GB", "256 MB", "12 KB", "7 bytes". */
export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${Math.round(n / 1024 ** 2)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}

/** True if the bytes start like a zip archive (local file header, or an empty archive's end record). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05) && (bytes[3] === 0x04 || bytes[3] === 0x06);
}

const DAMAGED_HINT = 'the archive is damaged or incomplete; copy or export it again';

export class ZipArchive {
  readonly file: string;
  readonly entries: readonly ZipEntry[];
  readonly maxEntryBytes: number;
  private readonly bytes: Uint8Array;
  private readonly view: DataView;
  private readonly byName = new Map<string, ZipEntry>();
  private readonly byLower = new Map<string, ZipEntry>();

  /** Reads the central directory of `bytes` (the whole archive); `file` names it in messages. */
  constructor(bytes: Uint8Array, file: string, options: ZipOpenOptions = {}) {
    this.file = file;
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.maxEntryBytes = options.maxEntryBytes ?? zipEntryLimit();
    this.entries = this.readDirectory(options);
    for (const e of this.entries) {
      if (!this.byName.has(e.name)) this.byName.set(e.name, e);
      const lower = e.name.toLowerCase();
      if (!this.byLower.has(lower)) this.byLower.set(lower, e);
    }
  }

  /** Names of the file entries (folders left out), in archive order. */
  names(): string[] {
    return this.entries.filter((e) => !e.name.endsWith('/')).map((e) => e.name);
  }

  /** The entry called `name` (exactly, else in any letter case), or undefined. */
  entry(name: string): ZipEntry | undefined {
    return this.byName.get(name) ?? this.byLower.get(name.toLowerCase());
  }

  has(name: string): boolean {
    return this.entry(name) !== undefined;
  }

  /** The inflated bytes of an entry, within the limits (see the module comment). */
  read(nameOrEntry: string | ZipEntry): Uint8Array {
    const e = typeof nameOrEntry === 'string' ? this.entry(nameOrEntry) : nameOrEntry;
    if (!e) throw this.fail(`has no entry "${String(nameOrEntry)}"`, undefined, 'the archive is incomplete; export it again');
    const where = `${this.file}: entry "${e.name}"`;
    if (e.flags & 1) {
      throw new StaffwellError('unsupported', 'is encrypted (password-protected)', {
        file: where,
        hint: 'save or export the file again without a password',
      });
    }
    if (e.method !== 0 && e.method !== 8) {
      throw new StaffwellError('unsupported', `uses compression method ${e.method}, which Staffwell does not read (only stored and deflate)`, {
        file: where,
        hint: 'save the file again from the program that made it (or re-zip it with standard compression)',
      });
    }
    if (e.size > this.maxEntryBytes) throw this.tooLarge(e, `would inflate to ${formatBytes(e.size)}`);
    const data = this.compressed(e, where);
    let out: Uint8Array;
    if (e.method === 0) {
      if (data.length !== e.size) throw this.damaged(where, `holds ${data.length} bytes but declares ${e.size}`);
      out = data;
    } else {
      out = new Uint8Array(e.size);
      let got = 0;
      const inflater = new Inflate((chunk) => {
        if (got + chunk.length > e.size) {
          throw got + chunk.length > this.maxEntryBytes
            ? this.tooLarge(e, 'inflates to more than its declared size and past the limit')
            : this.damaged(where, `inflates to more than its declared size (${e.size} bytes)`);
        }
        out.set(chunk, got);
        got += chunk.length;
      });
      const STEP = 16384; // at most ~16 MB of output per step, even at deflate's greatest ratio
      try {
        for (let p = 0; p < data.length; p += STEP) inflater.push(data.subarray(p, Math.min(data.length, p + STEP)), p + STEP >= data.length);
        if (data.length === 0) inflater.push(data, true);
      } catch (err) {
        if (err instanceof StaffwellError) throw err;
        throw this.damaged(where, `cannot be inflated (${(err as Error).message})`);
      }
      if (got !== e.size) throw this.damaged(where, `inflates to ${got} bytes but declares ${e.size}`);
    }
    if (crc32(out) !== e.crc) throw this.damaged(where, 'fails its checksum (CRC-32)');
    return out;
  }

  /** An entry decoded as UTF-8 text (a BOM dropped). */
  text(nameOrEntry: string | ZipEntry): string {
    const bytes = this.read(nameOrEntry);
    const e = typeof nameOrEntry === 'string' ? this.entry(nameOrEntry)! : nameOrEntry;
    try {
      const s = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
    } catch {
      throw new StaffwellError('format', 'is not valid UTF-8 text', { file: `${this.file}: entry "${e.name}"`, hint: DAMAGED_HINT });
    }
  }

  private compressed(e: ZipEntry, where: string): Uint8Array {
    const o = e.localOffset;
    if (o + 30 > this.bytes.length || this.view.getUint32(o, true) !== 0x04034b50) throw this.damaged(where, 'has no local header where the directory says');
    const start = o + 30 + this.view.getUint16(o + 26, true) + this.view.getUint16(o + 28, true);
    if (start + e.compressedSize > this.bytes.length) throw this.damaged(where, 'runs past the end of the archive');
    return this.bytes.subarray(start, start + e.compressedSize);
  }

  private readDirectory(options: ZipOpenOptions): ZipEntry[] {
    const b = this.bytes;
    const v = this.view;
    const notZip = () =>
      new StaffwellError('format', options.what ? `is not ${options.what} (not a zip archive)` : 'is not a zip archive', {
        file: this.file,
        hint: options.notZipHint ?? DAMAGED_HINT,
      });
    if (b.length < 22) throw notZip();
    // End of central directory: the last 0x06054b50 within 64 KB + 22 bytes of the end.
    let eocd = -1;
    for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--) {
      if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x05 && b[i + 3] === 0x06) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw looksLikeZip(b) ? this.fail('is incomplete (no central directory at its end)', undefined, DAMAGED_HINT) : notZip();
    let count = v.getUint16(eocd + 10, true);
    let cdSize = v.getUint32(eocd + 12, true);
    let cdOffset = v.getUint32(eocd + 16, true);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      const loc = eocd - 20;
      if (loc >= 0 && v.getUint32(loc, true) === 0x07064b50) {
        const z = num64(v, loc + 8);
        if (z + 56 > b.length || v.getUint32(z, true) !== 0x06064b50) throw this.fail('has a damaged ZIP64 directory', undefined, DAMAGED_HINT);
        count = num64(v, z + 32);
        cdSize = num64(v, z + 40);
        cdOffset = num64(v, z + 48);
      }
    }
    if (cdOffset + cdSize > b.length) throw this.fail('is incomplete (its directory points past the end)', undefined, DAMAGED_HINT);
    const out: ZipEntry[] = [];
    const utf8 = new TextDecoder('utf-8');
    const latin1 = new TextDecoder('latin1');
    let p = cdOffset;
    for (let k = 0; k < count; k++) {
      if (p + 46 > b.length || v.getUint32(p, true) !== 0x02014b50) throw this.fail('has a damaged central directory', undefined, DAMAGED_HINT);
      const flags = v.getUint16(p + 8, true);
      const method = v.getUint16(p + 10, true);
      const crc = v.getUint32(p + 16, true);
      let compressedSize = v.getUint32(p + 20, true);
      let size = v.getUint32(p + 24, true);
      const nameLen = v.getUint16(p + 28, true);
      const extraLen = v.getUint16(p + 30, true);
      const commentLen = v.getUint16(p + 32, true);
      let localOffset = v.getUint32(p + 42, true);
      const nameBytes = b.subarray(p + 46, p + 46 + nameLen);
      const name = (flags & 0x800 ? utf8 : isAscii(nameBytes) ? utf8 : latin1).decode(nameBytes);
      // ZIP64 extra field: the 64-bit values of the fields that are 0xFFFFFFFF, in this order.
      let x = p + 46 + nameLen;
      const xEnd = x + extraLen;
      while (x + 4 <= xEnd) {
        const id = v.getUint16(x, true);
        const len = v.getUint16(x + 2, true);
        if (id === 0x0001) {
          let q = x + 4;
          if (size === 0xffffffff && q + 8 <= x + 4 + len) (size = num64(v, q)), (q += 8);
          if (compressedSize === 0xffffffff && q + 8 <= x + 4 + len) (compressedSize = num64(v, q)), (q += 8);
          if (localOffset === 0xffffffff && q + 8 <= x + 4 + len) localOffset = num64(v, q);
        }
        x += 4 + len;
      }
      out.push({ name, method, flags, crc, compressedSize, size, localOffset });
      p = xEnd + commentLen;
    }
    return out;
  }

  private tooLarge(e: ZipEntry, problem: string): StaffwellError {
    return new StaffwellError('format', `${problem}, more than the limit of ${formatBytes(this.maxEntryBytes)} per entry`, {
      file: `${this.file}: entry "${e.name}"`,
      hint: `the archive is damaged or built to exhaust memory (a zip bomb); if it is genuine, raise the limit with ${ZIP_LIMIT_ENV} (e.g. ${ZIP_LIMIT_ENV}=1GB)`,
    });
  }

  private damaged(where: string, problem: string): StaffwellError {
    return new StaffwellError('format', problem, { file: where, hint: DAMAGED_HINT });
  }

  private fail(problem: string, value: unknown, hint: string): StaffwellError {
    return new StaffwellError('format', problem, { file: this.file, value, hint });
  }
}

function num64(v: DataView, at: number): number {
  return v.getUint32(at, true) + v.getUint32(at + 4, true) * 0x100000000;
}

function isAscii(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] > 0x7f) return false;
  return true;
}

let CRC_TABLE: Int32Array | undefined;

/** CRC-32 (IEEE 802.3), as zip stores it. */
export function crc32(data: Uint8Array): number {
  let t = CRC_TABLE;
  if (!t) {
    t = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      t[n] = c;
    }
    CRC_TABLE = t;
  }
  let c = -1;
  for (let i = 0; i < data.length; i++) c = t[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
