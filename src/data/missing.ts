/**
 * Missing-value codes of a survey file, and their compiled form used by the readers.
 *
 * Rules (the same for CSV, XLSX and SAV):
 * - An empty field (after trimming spaces) is always missing.
 * - The text `NA` (as R and many exports write a missing value) is missing unless `naString: false`.
 * - A code that reads as a number (`"-99"`, `"999"`, `"9.0"`) is compared as a number, so `-99`, `-99.0` and
 *   ` -99 ` all match it; in a text column a field matches it when the field itself reads as that number.
 * - Any other code (`"N/A"`, `"Prefer not to say"`) is compared as an exact string after trimming spaces.
 * - `byColumn` codes apply to the named column in addition to the `all` codes.
 */
export interface MissingCodes {
  /** Codes that are missing in every column. */
  all?: string[];
  /** Extra codes for single columns, keyed by column name. */
  byColumn?: Record<string, string[]>;
  /** Treat the text `NA` as missing (default true, as R's `read.csv`). */
  naString?: boolean;
}

/** Missing codes compiled for one column: numbers as a Float64Array, text as a Set of trimmed strings. */
export interface ColumnMissing {
  /** Numeric codes; empty in the common case, so the fast path costs one length check. */
  readonly numbers: Float64Array;
  /** Text codes (trimmed). */
  readonly texts: ReadonlySet<string>;
}

const NONE: ColumnMissing = { numbers: new Float64Array(0), texts: new Set() };

/** The compiled codes for one column. */
export function compileMissing(codes: MissingCodes | undefined, column: string): ColumnMissing {
  const list = [...(codes?.all ?? []), ...(codes?.byColumn?.[column] ?? [])];
  const naString = codes?.naString ?? true;
  if (list.length === 0 && !naString) return NONE;
  const numbers: number[] = [];
  const texts = new Set<string>();
  if (naString) texts.add('NA');
  for (const raw of list) {
    const code = String(raw).trim();
    if (code === '') continue;
    const x = parseNumber(code);
    if (Number.isNaN(x)) texts.add(code);
    else if (!numbers.includes(x)) numbers.push(x);
  }
  return { numbers: Float64Array.from(numbers), texts };
}

/** True if the number `x` is one of the column's numeric missing codes. */
export function isMissingNumber(m: ColumnMissing, x: number): boolean {
  const n = m.numbers;
  for (let i = 0; i < n.length; i++) if (n[i] === x) return true;
  return false;
}

/** True if the text `s` (untrimmed) is missing: empty, a text code, or a number equal to a numeric code. */
export function isMissingText(m: ColumnMissing, s: string): boolean {
  const t = s.trim();
  if (t === '') return true;
  if (m.texts.has(t)) return true;
  if (m.numbers.length) {
    const x = parseNumber(t);
    if (!Number.isNaN(x) && isMissingNumber(m, x)) return true;
  }
  return false;
}

/**
 * Checks that codes name existing columns (a typo in `byColumn` would silently keep a code as data).
 * Returns the unknown column names.
 */
export function unknownMissingColumns(codes: MissingCodes | undefined, names: readonly string[]): string[] {
  if (!codes?.byColumn) return [];
  const have = new Set(names);
  return Object.keys(codes.byColumn).filter((n) => !have.has(n));
}

/**
 * A field's value as a finite number under Staffwell's rules, or NaN if it is not a number:
 * optional spaces around, optional sign, digits with an optional `.` fraction (`1.`, `.5` allowed) and an
 * optional exponent. Integer parts with a leading zero (`007`, `01.5`) are *not* numbers, so codes and ids
 * such as "007" stay text. `Inf`, `NaN`, hexadecimal and decimal commas are not numbers.
 */
export function parseNumber(s: string): number {
  const t = s.trim();
  if (!NUMBER_RE.test(t)) return NaN;
  const x = Number(t);
  return Number.isFinite(x) ? x : NaN;
}

const NUMBER_RE = /^[+-]?(?:(?:0|[1-9][0-9]*)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
