/**
 * The levels of a study's group variables as a scan task meets them: a task gives each level an id in order of
 * first appearance (a classification's bands have fixed ids, in definition order); states from different parts of
 * the file are merged by label, with a remap of ids. At the end the levels are put in the order the in-memory
 * runner uses (src/study/study-variables.ts): bands in definition order, text labels by code point, numbers by
 * value.
 */
export interface LevelSet {
  /** 'bands': fixed labels; 'text': labels of a text column; 'number': values of a numeric column. */
  readonly kind: 'bands' | 'text' | 'number';
  readonly labels: string[];
  /** For 'number': the value of each level. */
  readonly values: number[];
  readonly index: Map<string, number>;
}

export function levelSetInit(kind: LevelSet['kind'], fixed: readonly string[] = []): LevelSet {
  return { kind, labels: [...fixed], values: [], index: new Map(fixed.map((l, i) => [l, i])) };
}

/** The id of a label (added when new). */
export function levelId(set: LevelSet, label: string, value = NaN): number {
  let id = set.index.get(label);
  if (id === undefined) {
    id = set.labels.length;
    set.labels.push(label);
    set.values.push(value);
    set.index.set(label, id);
  }
  return id;
}

/** Adds `from`'s levels to `into`; returns from-id -> into-id. */
export function mergeLevels(into: LevelSet, from: LevelSet): Int32Array {
  const remap = new Int32Array(from.labels.length);
  from.labels.forEach((l, i) => (remap[i] = levelId(into, l, from.values[i])));
  return remap;
}

/** The final level order: task ids in the order the in-memory runner gives the levels. */
export function levelOrder(set: LevelSet): number[] {
  const ids = set.labels.map((_, i) => i);
  if (set.kind === 'text') ids.sort((a, b) => (set.labels[a] < set.labels[b] ? -1 : set.labels[a] > set.labels[b] ? 1 : 0));
  else if (set.kind === 'number') ids.sort((a, b) => set.values[a] - set.values[b]);
  return ids;
}
