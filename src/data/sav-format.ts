/**
 * SPSS print/write formats as stored in a variable record: one int32 packing type << 16 | width << 8 | decimals.
 * {@link savFormatName} renders it the way SPSS and haven show it (`F8.2`, `A20`, `DATE11`).
 */

const FORMAT_TYPES: Record<number, string> = {
  1: 'A',
  2: 'AHEX',
  3: 'COMMA',
  4: 'DOLLAR',
  5: 'F',
  6: 'IB',
  7: 'PIBHEX',
  8: 'P',
  9: 'PIB',
  10: 'PK',
  11: 'RB',
  12: 'RBHEX',
  15: 'Z',
  16: 'N',
  17: 'E',
  20: 'DATE',
  21: 'TIME',
  22: 'DATETIME',
  23: 'ADATE',
  24: 'JDATE',
  25: 'DTIME',
  26: 'WKDAY',
  27: 'MONTH',
  28: 'MOYR',
  29: 'QYR',
  30: 'WKYR',
  31: 'PCT',
  32: 'DOT',
  33: 'CCA',
  34: 'CCB',
  35: 'CCC',
  36: 'CCD',
  37: 'CCE',
  38: 'EDATE',
  39: 'SDATE',
  40: 'MTIME',
  41: 'YMDHMS',
};

/** Format types whose values are dates or times (SPSS seconds since 14 October 1582). */
const DATE_TYPES = new Set([20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 38, 39, 40, 41]);

/** `F8.2`, `F8.0`, `A20`, `DATE11` (as haven's `format.spss`); an unknown type is shown as `type<N>`. */
export function savFormatName(packed: number): string {
  const type = (packed >>> 16) & 0xff;
  const width = (packed >>> 8) & 0xff;
  const decimals = packed & 0xff;
  const name = FORMAT_TYPES[type] ?? `type${type}`;
  if (type === 1 || type === 2) return `${name}${width}`;
  if (DATE_TYPES.has(type) && decimals === 0) return `${name}${width}`;
  return `${name}${width}.${decimals}`;
}

/** True if the packed format shows dates or times (the values are then SPSS seconds, not plain numbers). */
export function isSavDateFormat(packed: number): boolean {
  return DATE_TYPES.has((packed >>> 16) & 0xff);
}
