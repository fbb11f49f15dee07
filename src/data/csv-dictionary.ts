/**
 * Dictionary encoding of a text column straight from the bytes of its fields: a field's bytes are hashed and
 * compared with the entries seen before, so a repeated value (a site, a staff group) costs no string; a string
 * is decoded once per distinct value. Each entry also remembers whether the value is missing (code -1).
 */
export class ByteDictionary {
  /** The distinct non-missing values, in order of first appearance (code = index). */
  strings: string[] = [];
  private table: Int32Array;
  private mask: number;
  private hashes = new Int32Array(64);
  private starts = new Int32Array(64);
  private lens = new Int32Array(64);
  private codes = new Int32Array(64);
  private n = 0;
  private arena = new Uint8Array(4096);
  private arenaLen = 0;

  constructor(
    /** Decodes bytes to the value's string. */
    private readonly decode: (b: Buffer, s: number, e: number) => string,
    /** True if a value is a missing-value code. */
    private readonly isMissing: (s: string) => boolean,
  ) {
    this.table = new Int32Array(256).fill(-1);
    this.mask = 255;
  }

  /** Forgets all entries (a new chunk gets a new dictionary). */
  reset(): void {
    this.strings = [];
    if (this.n) this.table.fill(-1);
    this.n = 0;
    this.arenaLen = 0;
  }

  /** The code of the value in b[s, e): a dictionary index, or -1 if missing. */
  code(b: Buffer, s: number, e: number): number {
    let h = 0x811c9dc5 | 0; // int32, as stored in the table
    for (let i = s; i < e; i++) h = Math.imul(h ^ b[i], 0x01000193);
    return this.codeHashed(b, s, e, h);
  }

  /** `code` with the FNV-1a hash of the bytes already computed (by the parser's scan). */
  codeHashed(b: Buffer, s: number, e: number, h: number): number {
    const len = e - s;
    const mask = this.mask;
    let slot = h & mask;
    for (;;) {
      const k = this.table[slot];
      if (k < 0) break;
      if (this.hashes[k] === h && this.lens[k] === len) {
        const a = this.arena;
        let p = this.starts[k];
        let i = s;
        while (i < e && a[p] === b[i]) {
          p++;
          i++;
        }
        if (i === e) return this.codes[k];
      }
      slot = (slot + 1) & mask;
    }
    return this.insert(b, s, e, h, slot);
  }

  private insert(b: Buffer, s: number, e: number, h: number, slot: number): number {
    const len = e - s;
    const str = this.decode(b, s, e);
    const code = this.isMissing(str) ? -1 : this.strings.push(str) - 1;
    const k = this.n++;
    if (k === this.hashes.length) {
      this.hashes = grow(this.hashes);
      this.starts = grow(this.starts);
      this.lens = grow(this.lens);
      this.codes = grow(this.codes);
    }
    if (this.arenaLen + len > this.arena.length) {
      const a = new Uint8Array(Math.max(this.arena.length * 2, this.arenaLen + len));
      a.set(this.arena.subarray(0, this.arenaLen));
      this.arena = a;
    }
    this.arena.set(b.subarray(s, e), this.arenaLen);
    this.hashes[k] = h;
    this.starts[k] = this.arenaLen;
    this.lens[k] = len;
    this.codes[k] = code;
    this.arenaLen += len;
    this.table[slot] = k;
    if (this.n * 2 > this.mask) this.rehash();
    return code;
  }

  private rehash(): void {
    const size = (this.mask + 1) * 2;
    const table = new Int32Array(size).fill(-1);
    const mask = size - 1;
    for (let k = 0; k < this.n; k++) {
      let slot = this.hashes[k] & mask;
      while (table[slot] >= 0) slot = (slot + 1) & mask;
      table[slot] = k;
    }
    this.table = table;
    this.mask = mask;
  }
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
