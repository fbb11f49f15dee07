import type { Table } from '../../src/data/table.ts';
import { lineOfRow } from '../../src/data/table.ts';
import type { TaskHeader } from '../../src/data/scan-parallel.ts';

/**
 * Scan task used by the scan-parallel tests: per numeric column sum and count; per row its file row index and
 * line (as a checksum) and the text values seen, so parallel and sequential scans can be compared exactly.
 */
export interface CheckState {
  columns: string[];
  sums: Float64Array;
  counts: Float64Array;
  rows: number;
  rowIndexSum: number;
  lineSum: number;
  firstRows: number[];
  /** Per column, the text values in file order. */
  texts: string[][];
}

export function createTask(args: { keepTexts?: boolean } | null, header: TaskHeader) {
  const n = header.columns.length;
  const state: CheckState = {
    columns: header.columns,
    sums: new Float64Array(n),
    counts: new Float64Array(n),
    rows: 0,
    rowIndexSum: 0,
    lineSum: 0,
    firstRows: [],
    texts: header.columns.map(() => []),
  };
  return {
    add(chunk: Table): void {
      state.firstRows.push(chunk.firstRow);
      for (let i = 0; i < chunk.nrows; i++) {
        state.rowIndexSum += chunk.firstRow + i;
        state.lineSum += lineOfRow(chunk, i);
      }
      state.rows += chunk.nrows;
      chunk.columns.forEach((c, j) => {
        if (c.kind === 'number') {
          for (const x of c.values) {
            if (x === x) {
              state.sums[j] += x;
              state.counts[j]++;
            }
          }
        } else if (args?.keepTexts) {
          for (const k of c.codes) state.texts[j].push(k < 0 ? '<NA>' : c.dictionary[k]);
        }
      });
    },
    finish(): CheckState {
      return state;
    },
  };
}

export function merge(a: CheckState, b: CheckState): CheckState {
  for (let j = 0; j < a.sums.length; j++) {
    a.sums[j] += b.sums[j];
    a.counts[j] += b.counts[j];
  }
  a.rows += b.rows;
  a.rowIndexSum += b.rowIndexSum;
  a.lineSum += b.lineSum;
  a.firstRows.push(...b.firstRows);
  a.texts.forEach((t, j) => t.push(...b.texts[j]));
  return a;
}
