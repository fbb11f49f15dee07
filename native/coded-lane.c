/*
 * The coded lane: Staffwell's WebAssembly reader for survey files whose answers are one-digit codes.
 *
 * Built by scripts/build-wasm.ts (clang --target=wasm32 -msimd128) into src/data/coded-lane-wasm.ts; the
 * TypeScript side is src/data/coded-lane.ts, which explains when the lane is used. Everything here works on one
 * chunk of at most `cap` records in the module's own memory:
 *
 *   lane_parse  CSV records -> item codes (column-major bytes: the digit, or 255 for an empty field) and group
 *               ids (a dictionary of field bytes). It takes only records it reads exactly as the JavaScript
 *               parser would — every item field empty or one digit, every other field unquoted printable
 *               ASCII, the header's number of fields, LF or CRLF endings — and stops at the first other one,
 *               which the JavaScript parser then reads.
 *   lane_check  first row whose code of an item lies outside a range.
 *   lane_scale  per row of a scale: response-pattern index, answered count, reversed answered, signed total.
 *   lane_range  smallest and largest code of an item.
 *   lane_count  response-pattern table increments.
 *   lane_score  scale scores from the scale's row sums.
 *   lane_group_totals  describe's per-group sums of the person total.
 *
 * Integer sums are exact, so results equal those of the JavaScript kernels bit for bit (see the tests).
 */
#include <wasm_simd128.h>
typedef unsigned char u8;
typedef unsigned int u32;
typedef int i32;
typedef unsigned long long u64;

#define MAXCOL 4096
#define DICT_SLOTS 8192 /* open addressing; a power of two */
#define DICT_MAX 4096   /* distinct group values over all group columns */
#define ARENA 65536     /* their bytes */

static u8 role[MAXCOL]; /* per file column: 0 skip, 1 item, 2 group */
static i32 slot[MAXCOL]; /* item index (codes) or group index (groups) */
static i32 run[MAXCOL];  /* item columns with consecutive indices from here on, the last column excluded */
static i32 ncols, cap, stride, delim, stopReason;
static u8* codes;   /* item i, row r: codes[i * stride + r] */
static i32* groups; /* group g, row r: groups[g * cap + r]; -1 for an empty field */
static i32* rowEnd; /* offset after record r, from the start of the parse */

static i32 dictSlot[DICT_SLOTS];
static u32 dictHash[DICT_MAX];
static i32 dictCol[DICT_MAX], dictOff[DICT_MAX], dictLen[DICT_MAX];
static i32 dictN, arenaN;
static u8 arena[ARENA];

u8* lane_role(void) { return role; }
i32* lane_slot(void) { return slot; }
i32* lane_dict_col(void) { return dictCol; }
i32* lane_dict_off(void) { return dictOff; }
i32* lane_dict_len(void) { return dictLen; }
u8* lane_arena(void) { return arena; }
i32 lane_dict_size(void) { return dictN; }
/* Why the last lane_parse stopped: 0 the chunk is full, 1 the data ended inside a record, 2 a record not taken. */
i32 lane_stop_reason(void) { return stopReason; }

/* After role[] and slot[] are set: the layout of the file and of the chunk arrays. */
void lane_init(i32 nc, i32 d, i32 c, i32 s, u8* cd, i32* gr, i32* re) {
  ncols = nc;
  delim = d;
  cap = c;
  stride = s;
  codes = cd;
  groups = gr;
  rowEnd = re;
  for (i32 i = 0; i < DICT_SLOTS; i++) dictSlot[i] = -1;
  dictN = 0;
  arenaN = 0;
  for (i32 j = nc - 1; j >= 0; j--)
    run[j] = (j < nc - 1 && role[j] == 1) ? 1 + (role[j + 1] == 1 && slot[j + 1] == slot[j] + 1 ? run[j + 1] : 0) : 0;
}

/* The dictionary id of group g's value s[0, len), added if new; -2 when the dictionary is full. */
static i32 dict_code(i32 g, const u8* s, i32 len) {
  u32 h = 0x811c9dc5u ^ (u32)g;
  for (i32 i = 0; i < len; i++) h = (h ^ s[i]) * 0x01000193u;
  u32 m = DICT_SLOTS - 1, i = h & m;
  for (;;) {
    i32 e = dictSlot[i];
    if (e < 0) break;
    if (dictHash[e] == h && dictCol[e] == g && dictLen[e] == len) {
      const u8* a = arena + dictOff[e];
      i32 k = 0;
      while (k < len && a[k] == s[k]) k++;
      if (k == len) return e;
    }
    i = (i + 1) & m;
  }
  if (dictN >= DICT_MAX || arenaN + len > ARENA) return -2;
  i32 e = dictN++;
  dictHash[e] = h;
  dictCol[e] = g;
  dictLen[e] = len;
  dictOff[e] = arenaN;
  for (i32 k = 0; k < len; k++) arena[arenaN + k] = s[k];
  arenaN += len;
  dictSlot[i] = e;
  return e;
}

/*
 * Parses records from [in, end) into rows 0.. of the chunk (16 bytes past `end` must be readable). Returns the
 * number of records taken; rowEnd[r] is the offset after record r; lane_stop_reason() tells why it stopped.
 */
i32 lane_parse(const u8* in, const u8* end) {
  const u8* p = in;
  const u8 D = (u8)delim;
  const v128_t vD = wasm_i8x16_splat((char)D), v0 = wasm_i8x16_splat('0'), v9 = wasm_i8x16_splat(9);
  const i32 last = ncols - 1;
  i32 r = 0;
  stopReason = 0;
  while (r < cap) {
    const u8* q = p;
    for (i32 j = 0; j < ncols;) {
      if (q >= end) goto ended;
      u8 ro = role[j];
      if (ro == 1) {
        /* up to eight one-digit fields "d,d,d,d,d,d,d,d," at once */
        if (run[j] >= 8 && q + 16 <= end) {
          v128_t v = wasm_v128_load(q);
          v128_t x = wasm_i8x16_sub(v, v0);
          u32 dm = wasm_i8x16_bitmask(wasm_i8x16_eq(v, vD));
          u32 gm = wasm_i8x16_bitmask(wasm_u8x16_le(x, v9));
          /* bit 2f set when field f is a digit followed by the delimiter */
          u32 ok = gm & (dm >> 1) & 0x5555u;
          u32 np = (u32)__builtin_ctz(~ok & 0x15555u) >> 1;
          if (np > 0) {
            v128_t e = wasm_i8x16_shuffle(x, x, 0, 2, 4, 6, 8, 10, 12, 14, 0, 0, 0, 0, 0, 0, 0, 0);
            u64 w = wasm_i64x2_extract_lane(e, 0);
            /* all eight are item columns of this row: those past np are written again below */
            u8* o = codes + (u64)slot[j] * stride + r;
            o[0] = (u8)w;
            o[stride] = (u8)(w >> 8);
            o[2 * stride] = (u8)(w >> 16);
            o[3 * stride] = (u8)(w >> 24);
            o[4 * stride] = (u8)(w >> 32);
            o[5 * stride] = (u8)(w >> 40);
            o[6 * stride] = (u8)(w >> 48);
            o[7 * stride] = (u8)(w >> 56);
            q += 2 * np;
            j += np;
            continue;
          }
        }
        u32 x = (u32)*q - 48u;
        u8 code = 255;
        if (x <= 9u) {
          code = (u8)x;
          q++;
        }
        codes[(u64)slot[j] * stride + r] = code;
      } else {
        const u8* s = q;
        while (q < end) {
          u8 c = *q;
          if (c == D) break;
          if (c <= 32 || c >= 127 || c == '"') {
            if (c == '\n' || c == '\r') break;
            goto refused;
          }
          q++;
        }
        if (ro == 2) {
          i32 e = q > s ? dict_code(slot[j], s, (i32)(q - s)) : -1;
          if (e == -2) goto refused;
          groups[(u64)slot[j] * cap + r] = e;
        }
      }
      if (q >= end) goto ended;
      u8 c = *q;
      if (j < last) {
        if (c != D) goto refused;
        q++;
      } else if (c == '\n') {
        q++;
      } else if (c == '\r') {
        if (q + 1 >= end) goto ended;
        if (q[1] != '\n') goto refused;
        q += 2;
      } else {
        goto refused;
      }
      j++;
    }
    p = q;
    rowEnd[r] = (i32)(p - in);
    r++;
  }
  return r;
ended:
  stopReason = 1;
  return r;
refused:
  stopReason = 2;
  return r;
}

/* The first row < n whose code of `item` is present and outside lo..hi (0 <= lo <= hi <= 9); n if none. */
i32 lane_check(i32 item, i32 lo, i32 hi, i32 n) {
  const u8* c = codes + (u64)item * stride;
  const v128_t vlo = wasm_i8x16_splat((char)lo), vw = wasm_i8x16_splat((char)(hi - lo)), vm = wasm_i8x16_splat((char)255);
  i32 r0 = 0;
  for (; r0 + 16 <= n; r0 += 16) {
    v128_t v = wasm_v128_load(c + r0);
    v128_t bad = wasm_v128_and(wasm_u8x16_gt(wasm_i8x16_sub(v, vlo), vw), wasm_i8x16_ne(v, vm));
    if (wasm_v128_any_true(bad)) break;
  }
  for (i32 r = r0; r < n; r++) {
    u8 v = c[r];
    if (v != 255 && (u8)(v - lo) > (u8)(hi - lo)) return r;
  }
  return n;
}

/*
 * Per row r < n of a scale with items[t] (sign[t] = +1 or -1; pattern multiplier mul[t] = (K + 1)^t) and codes
 * lo .. lo + K - 1: idx[r] = Σ_t (x_t - lo, or K when missing) · mul[t]; cnt[r] = answered; rev[r] = reversed
 * answered; tot[r] = Σ_t sign[t] · x_t over the answered items.
 */
void lane_scale(i32 k, const i32* items, const i32* sign, const i32* mul, i32 lo, i32 K, i32 n, i32* idx, u8* cnt, u8* rev, i32* tot) {
  const v128_t none = wasm_i8x16_splat((char)255), vlo = wasm_i8x16_splat((char)lo), vK = wasm_i8x16_splat((char)K);
  i32 r0 = 0;
  /* sixteen rows at a time, the sums in registers */
  for (; r0 + 16 <= n; r0 += 16) {
    v128_t i0 = wasm_i32x4_splat(0), i1 = i0, i2 = i0, i3 = i0;
    v128_t vc = i0, vr = i0, t0 = i0, t1 = i0;
    for (i32 t = 0; t < k; t++) {
      v128_t v = wasm_v128_load(codes + (u64)items[t] * stride + r0);
      v128_t pr = wasm_i8x16_ne(v, none);
      v128_t val = wasm_v128_and(v, pr);
      vc = wasm_i8x16_sub(vc, pr);
      if (sign[t] > 0) {
        t0 = wasm_i16x8_add(t0, wasm_u16x8_extend_low_u8x16(val));
        t1 = wasm_i16x8_add(t1, wasm_u16x8_extend_high_u8x16(val));
      } else {
        vr = wasm_i8x16_sub(vr, pr);
        t0 = wasm_i16x8_sub(t0, wasm_u16x8_extend_low_u8x16(val));
        t1 = wasm_i16x8_sub(t1, wasm_u16x8_extend_high_u8x16(val));
      }
      if (K > 0) {
        v128_t code = wasm_v128_bitselect(wasm_i8x16_sub(v, vlo), vK, pr);
        v128_t m = wasm_i32x4_splat(mul[t]);
        v128_t a = wasm_u16x8_extend_low_u8x16(code), b = wasm_u16x8_extend_high_u8x16(code);
        i0 = wasm_i32x4_add(i0, wasm_i32x4_mul(wasm_u32x4_extend_low_u16x8(a), m));
        i1 = wasm_i32x4_add(i1, wasm_i32x4_mul(wasm_u32x4_extend_high_u16x8(a), m));
        i2 = wasm_i32x4_add(i2, wasm_i32x4_mul(wasm_u32x4_extend_low_u16x8(b), m));
        i3 = wasm_i32x4_add(i3, wasm_i32x4_mul(wasm_u32x4_extend_high_u16x8(b), m));
      }
    }
    wasm_v128_store(idx + r0, i0);
    wasm_v128_store(idx + r0 + 4, i1);
    wasm_v128_store(idx + r0 + 8, i2);
    wasm_v128_store(idx + r0 + 12, i3);
    wasm_v128_store(cnt + r0, vc);
    wasm_v128_store(rev + r0, vr);
    wasm_v128_store(tot + r0, wasm_i32x4_extend_low_i16x8(t0));
    wasm_v128_store(tot + r0 + 4, wasm_i32x4_extend_high_i16x8(t0));
    wasm_v128_store(tot + r0 + 8, wasm_i32x4_extend_low_i16x8(t1));
    wasm_v128_store(tot + r0 + 12, wasm_i32x4_extend_high_i16x8(t1));
  }
  for (i32 r = r0; r < n; r++) {
    i32 ix = 0, c = 0, rv = 0, tt = 0;
    for (i32 t = 0; t < k; t++) {
      u8 v = codes[(u64)items[t] * stride + r];
      u8 pr = v != 255;
      if (K > 0) ix += (pr ? v - lo : K) * mul[t];
      c += pr;
      if (sign[t] < 0) {
        rv += pr;
        tt -= pr ? v : 0;
      } else {
        tt += pr ? v : 0;
      }
    }
    idx[r] = ix;
    cnt[r] = (u8)c;
    rev[r] = (u8)rv;
    tot[r] = tt;
  }
}

/* (smallest << 8) | largest answered code of `item` in rows < n; 255 << 8 when none is answered. */
i32 lane_range(i32 item, i32 n) {
  const u8* c = codes + (u64)item * stride;
  const v128_t none = wasm_i8x16_splat((char)255), zero = wasm_i8x16_splat(0);
  v128_t vlo = none, vhi = zero;
  i32 r = 0;
  for (; r + 16 <= n; r += 16) {
    v128_t v = wasm_v128_load(c + r);
    vlo = wasm_u8x16_min(vlo, v);
    vhi = wasm_u8x16_max(vhi, wasm_v128_bitselect(zero, v, wasm_i8x16_eq(v, none)));
  }
  u8 lo = 255, hi = 0;
  for (i32 l = 0; l < 16; l++) {
    u8 a = ((u8*)&vlo)[l], b = ((u8*)&vhi)[l];
    lo = a < lo ? a : lo;
    hi = b > hi ? b : hi;
  }
  for (; r < n; r++) {
    u8 v = c[r];
    lo = v < lo ? v : lo;
    hi = v != 255 && v > hi ? v : hi;
  }
  return ((i32)lo << 8) | hi;
}

void lane_count(u32* table, const i32* idx, i32 n) {
  for (i32 r = 0; r < n; r++) table[idx[r]]++;
}

/* Scores: (tot + rev · a) / cnt with `mean` (NaN when nothing is answered), else tot + rev · a. */
void lane_score(const i32* tot, const u8* cnt, const u8* rev, double a, i32 mean, i32 n, double* out) {
  if (mean) {
    for (i32 r = 0; r < n; r++) out[r] = cnt[r] ? ((double)tot[r] + rev[r] * a) / cnt[r] : __builtin_nan("");
  } else {
    for (i32 r = 0; r < n; r++) out[r] = (double)tot[r] + rev[r] * a;
  }
}

/*
 * describe's group sums (src/psych/describe.ts, groupTotalsKernel) from a scale's rows: for rows r < n with at
 * least `need` answers, P = Σ_pos (x - c) - Σ_rev (x - c) = tot - c·(cnt - 2·rev) (c an integer, so exact),
 * u = P / cnt, v = rev / cnt, and acc[gid[r]·6 ..] += (1, u, v, u², u·v, v²).
 */
void lane_group_totals(const i32* tot, const u8* cnt, const u8* rev, const i32* gid, i32 n, i32 c, i32 need, double* acc) {
  for (i32 r = 0; r < n; r++) {
    i32 k = cnt[r];
    if (k < need) continue;
    double P = (double)(tot[r] - c * (k - 2 * rev[r]));
    double u = P / k, v = (double)rev[r] / k;
    double* o = acc + (u64)gid[r] * 6;
    o[0] += 1;
    o[1] += u;
    o[2] += v;
    o[3] += u * u;
    o[4] += u * v;
    o[5] += v * v;
  }
}

/*
 * The sweep of src/psych/pattern-marginals.ts over a pattern table in this memory (see there): the same loops,
 * adding counts (exact integers) into classes, items and pairs, which the caller zeroed.
 */
void lane_sweep(const u32* counts, i32 size, i32 K, i32 k, const i32* signs, i32 listwise, i32 dMin, i32 kPos, i32 kRev,
                const i32* pairBase, double* classes, double* items, double* pairs, i32* dg, i32* at, i32* code) {
  const i32 B = K + 1;
  const i32 s0 = signs[0] < 0 ? -1 : 1;
  for (i32 i = 0; i <= k; i++) dg[i] = 0;
  for (i32 base = 0; base < size; base += B) {
    u64 wBlock = 0;
    for (i32 d0 = 0; d0 < B; d0++) wBlock += counts[base + d0];
    if (wBlock != 0) {
      i32 D1 = 0, np1 = 0, nr1 = 0, m = 0;
      for (i32 i = 1; i < k; i++) {
        i32 d = dg[i];
        if (d == K) continue;
        at[m] = i;
        code[m] = d;
        m++;
        if (signs[i] < 0) {
          D1 -= d;
          nr1++;
        } else {
          D1 += d;
          np1++;
        }
      }
      double wPairs = (double)wBlock;
      if (listwise) wPairs = m == k - 1 ? (double)(wBlock - counts[base + K]) : 0;
      if (wPairs != 0) {
        for (i32 a = 0; a < m; a++) {
          const i32 row = at[a] * k, o = code[a] * K;
          for (i32 b = a + 1; b < m; b++) pairs[pairBase[row + at[b]] + o + code[b]] += wPairs;
        }
      }
      for (i32 d0 = 0; d0 < B; d0++) {
        u32 wc = counts[base + d0];
        if (wc == 0) continue;
        double w = (double)wc;
        i32 D = D1, np = np1, nr = nr1;
        if (d0 != K) {
          D += s0 * d0;
          if (s0 < 0) nr++;
          else np++;
        }
        if (listwise && np + nr != k) continue;
        i32 t = ((D - dMin) * (kPos + 1) + np) * (kRev + 1) + nr;
        classes[t] += w;
        double* it = items + (u64)t * k * K;
        for (i32 a = 0; a < m; a++) it[at[a] * K + code[a]] += w;
        if (d0 == K) continue;
        it[d0] += w;
        const i32 o = d0 * K;
        for (i32 a = 0; a < m; a++) pairs[pairBase[at[a]] + o + code[a]] += w;
      }
    }
    i32 i = 1;
    while (i < k && ++dg[i] > K) {
      dg[i] = 0;
      i++;
    }
  }
}
