/**
 * psych::alpha for in-memory tables: the reliability accumulator fed the whole table as one chunk, so the
 * in-memory and streamed results are the same code.
 */
import type { Table } from '../data/table.ts';
import type { Keys, Scale } from './keys.ts';
import type { ReliabilityOptions } from './reliability-accumulator.ts';
import { createReliabilityAccumulator, type ReliabilityValue } from './reliability-value.ts';
import type { ReliabilityJson, ReliabilityWarning } from './results.ts';

/** psych::alpha on one scale's keyed items (keys as given; no check.keys), plus scoreItems' alpha. */
export function alpha(
  table: Table,
  scale: Scale,
  options: ReliabilityOptions = {},
  keysSource = 'keys',
): { result: ReliabilityJson; warnings: ReliabilityWarning[] } {
  const v = reliability(table, { source: keysSource, scales: [scale] }, options);
  return { result: v.scales[0], warnings: v.warnings };
}

/** Reliability of every scale of the keys (alpha per scale; scoreItems' alpha uses the same keys). */
export function reliability(table: Table, keys: Keys, options: ReliabilityOptions = {}): ReliabilityValue {
  const acc = createReliabilityAccumulator(keys, options);
  acc.add(table);
  return acc.value();
}
