import type { Table } from '../src/data/table.ts';

/** Trivial scan task for the CSV benchmark: per numeric column, the sum and count of non-missing values. */
export interface SumState {
  sums: Float64Array;
  counts: Float64Array;
}

export function createTask(_args: unknown, header: { columns: string[] }) {
  const sums = new Float64Array(header.columns.length);
  const counts = new Float64Array(header.columns.length);
  return {
    add(chunk: Table): void {
      chunk.columns.forEach((c, j) => {
        if (c.kind !== 'number') return;
        const v = c.values;
        let s = 0;
        let n = 0;
        for (let i = 0; i < v.length; i++) {
          const x = v[i];
          if (x === x) {
            s += x;
            n++;
          }
        }
        sums[j] += s;
        counts[j] += n;
      });
    },
    finish(): SumState {
      return { sums, counts };
    },
  };
}

export function mergeSums(a: SumState, b: SumState): SumState {
  for (let j = 0; j < a.sums.length; j++) {
    a.sums[j] += b.sums[j];
    a.counts[j] += b.counts[j];
  }
  return a;
}
