/** A left-aligned plain-text table (numbers are passed in already formatted). */
export function formatTextTable(head: readonly string[], rows: readonly (readonly string[])[], align?: readonly ('l' | 'r')[]): string {
  const w = head.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const pad = (c: string, j: number) => (align?.[j] === 'r' ? c.padStart(w[j]) : c.padEnd(w[j]));
  const line = (r: readonly string[]) => r.map((c, j) => (j === r.length - 1 && align?.[j] !== 'r' ? c : pad(c, j))).join('  ').trimEnd();
  return [line(head), line(w.map((n) => '-'.repeat(n))), ...rows.map(line)].join('\n') + '\n';
}

/** A number for a table cell: fixed decimals, "" for NaN. */
export function fmt(x: number | null | undefined, digits = 3): string {
  return x === null || x === undefined || Number.isNaN(x) ? '' : x.toFixed(digits);
}
