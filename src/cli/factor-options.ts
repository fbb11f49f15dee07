/** Options shared by the structure commands (factor, polychoric, adequacy): which items, read how. */
import type { Command } from 'commander';
import { StaffwellError } from '../errors.ts';
import { readItems, type ItemData } from '../services/factor-analysis.ts';
import { underFlags } from './flag-errors.ts';
import { addDataOptions, loadKeys, readOptionsFrom, type DataFlags } from './survey-options.ts';

export interface ItemFlags extends DataFlags {
  items?: string;
  scales?: string;
  scale?: string;
  json?: boolean;
  /** A respondent id column carried along (factor --scores). */
  id?: string;
}

export function addItemOptions(cmd: Command, withScales = true): Command {
  let c = cmd.option('--items <A,B,C>', 'the item columns, comma-separated (used as they are in the file)');
  if (withScales) {
    c = c
      .option('--scales <keys.json>', 'or the items of a keys file {"scale": ["item", "-reversed_item"]} (reversed items flipped as psych)')
      .option('--scale <name>', 'with --scales: only this scale');
  }
  return addDataOptions(c.option('--json', 'print the results as JSON'));
}

/** The structure services' option names as this command's flags. */
export const ITEM_FLAGS = { items: '--items', scale: '--scale', nfactors: '--nfactors' } as const;

export async function itemsFromFlags(data: string, flags: ItemFlags): Promise<ItemData> {
  if ((flags.items === undefined) === (flags.scales === undefined)) {
    throw new StaffwellError('invalid-option', flags.items === undefined ? 'no items given' : 'give --items or --scales, not both', {
      field: '--items',
      hint: 'name the items with --items A,B,C, or give a keys file with --scales keys.json [--scale NAME]',
    });
  }
  if (flags.scale !== undefined && flags.scales === undefined) {
    throw new StaffwellError('invalid-option', '--scale needs --scales', { field: '--scale', value: flags.scale, hint: 'give the keys file with --scales keys.json' });
  }
  const read = readOptionsFrom(flags);
  if (flags.items !== undefined) {
    const items = flags.items.split(',').map((s) => s.trim()).filter((s) => s !== '');
    return underFlags(ITEM_FLAGS, () => readItems(data, { items, id: flags.id }, read));
  }
  const keys = loadKeys(flags.scales!);
  return underFlags(ITEM_FLAGS, () => readItems(data, { keys, scale: flags.scale, id: flags.id }, read));
}

/** What each warning means for the user, after psych's own words. */
const MEANING: Record<string, string> = {
  ultra_heywood: 'an item has a communality above 1, which is impossible for real data: too many factors for these items or too few respondents; try fewer factors',
  heywood: 'an item\'s uniqueness is at its lower bound: the solution may be improper; try fewer factors',
  not_positive_definite_smoothed: 'the correlations were adjusted slightly (as psych does) so that a factor analysis is possible; with few respondents per item this is common',
  not_converged: 'the estimates may be inaccurate; try another extraction method or fewer factors',
  too_few_observations: 'collect more responses before trusting the structure',
  unequal_categories: 'each pair used its own thresholds (as psych does)',
  zero_cells_corrected: 'some answer combinations never occurred; psych\'s continuity correction was applied',
  not_invertible: 'the items are linearly dependent (one is a combination of others); leave one out',
};

export function printWarnings(warnings: readonly { code: string; message: string; items?: string[] }[]): void {
  for (const w of warnings) {
    const meaning = MEANING[w.code];
    process.stderr.write(`staffwell: warning: ${w.message}${w.items ? ` (${w.items.join(', ')})` : ''}${meaning ? ` — ${meaning}` : ''}\n`);
  }
}
