/**
 * Derived variables as pure functions over the columnar codes: recode (every value to a new level), combine
 * (some values merged, the others kept) and cut (a number into intervals). The same functions serve a whole table
 * or one chunk of a scan: the output levels of `recode` and `cut` are fixed by the definition alone.
 *
 * Categories come in as codes into `levels` (-1 = missing); values are matched by their text (`5` matches a
 * level "5").
 */

export interface Categories {
  readonly codes: Int32Array;
  readonly levels: readonly string[];
}

export interface RecodeSpec {
  /** New level -> the values it gathers. */
  readonly recode?: Readonly<Record<string, readonly (string | number)[]>>;
  /** Level of every value `recode` does not list. */
  readonly other?: string;
  /** New level -> values merged into it (the others keep their own level). */
  readonly combine?: Readonly<Record<string, readonly (string | number)[]>>;
  /** Values that become missing. */
  readonly missing?: readonly (string | number)[];
}

export interface RecodeResult extends Categories {
  /** Values of the input that `recode` does not list and no `other` catches (they become missing): value, count. */
  readonly unlisted: readonly { value: string; count: number }[];
  /** Values the definition lists that no row has. */
  readonly absent: readonly string[];
}

/** Recode or combine categories. */
export function recodeCategories(input: Categories, spec: RecodeSpec): RecodeResult {
  const missing = new Set((spec.missing ?? []).map(String));
  const map = spec.recode ?? spec.combine ?? {};
  const into = new Map<string, string>();
  for (const [to, values] of Object.entries(map)) for (const v of values) into.set(String(v), to);
  const levels: string[] = [];
  const index = new Map<string, number>();
  const add = (l: string): number => {
    let k = index.get(l);
    if (k === undefined) {
      k = levels.length;
      levels.push(l);
      index.set(l, k);
    }
    return k;
  };
  if (spec.recode) {
    for (const to of Object.keys(spec.recode)) add(to);
    if (spec.other !== undefined) add(spec.other);
  }
  const used = new Uint8Array(input.levels.length);
  for (let i = 0; i < input.codes.length; i++) if (input.codes[i] >= 0) used[input.codes[i]] = 1;
  // input level -> output code (-1 = missing, -2 = unlisted)
  const remap = new Int32Array(input.levels.length);
  input.levels.forEach((l, k) => {
    if (missing.has(l)) remap[k] = -1;
    else if (into.has(l)) remap[k] = add(into.get(l)!);
    else if (spec.recode) remap[k] = spec.other !== undefined ? index.get(spec.other)! : -2;
    else remap[k] = used[k] ? add(l) : -1;
  });
  const codes = new Int32Array(input.codes.length);
  const unlistedCount = new Map<string, number>();
  for (let i = 0; i < codes.length; i++) {
    const c = input.codes[i];
    if (c < 0) {
      codes[i] = -1;
      continue;
    }
    const r = remap[c];
    if (r === -2) {
      const l = input.levels[c];
      unlistedCount.set(l, (unlistedCount.get(l) ?? 0) + 1);
      codes[i] = -1;
    } else codes[i] = r;
  }
  const present = new Set(input.levels.filter((_, k) => used[k]));
  const absent = [...into.keys()].filter((v) => !present.has(v));
  const unlisted = input.levels.filter((l) => unlistedCount.has(l)).map((value) => ({ value, count: unlistedCount.get(value)! }));
  return { codes, levels, unlisted, absent };
}

/**
 * Intervals of a number cut at increasing `points`: with `closed: 'left'` group j holds points[j−1] <= x <
 * points[j] (R's cut(right = FALSE) with open ends); with `'right'`, points[j−1] < x <= points[j] (R's default).
 * NaN stays missing.
 */
export function cutNumbers(values: Float64Array, points: readonly number[], closed: 'left' | 'right', labels: readonly string[]): Categories {
  const codes = new Int32Array(values.length);
  const k = points.length;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (Number.isNaN(x)) {
      codes[i] = -1;
      continue;
    }
    // first j with x < points[j] (left) or x <= points[j] (right); k when none
    let lo = 0;
    let hi = k;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (closed === 'left' ? x < points[mid] : x <= points[mid]) hi = mid;
      else lo = mid + 1;
    }
    codes[i] = lo;
  }
  return { codes, levels: [...labels] };
}

/**
 * The levels of `v` in the order a study asks for: `order` first (each must be a level), then the others in
 * their usual order. Returns the reordered codes, and in `unknown` any listed level that `v` lacks.
 */
export function reorderLevels(v: Categories, order: readonly string[]): Categories & { unknown: string[] } {
  const unknown = order.filter((l) => !v.levels.includes(l));
  const levels = [...order.filter((l) => v.levels.includes(l)), ...v.levels.filter((l) => !order.includes(l))];
  const pos = new Map(levels.map((l, j) => [l, j]));
  const remap = Int32Array.from(v.levels, (l) => pos.get(l)!);
  const codes = Int32Array.from(v.codes, (c) => (c < 0 ? -1 : remap[c]));
  return { codes, levels, unknown };
}
