import type { Command } from 'commander';
import { instrumentCheck, instrumentList, instrumentShow } from '../../services/instruments.ts';
import { formatInstrument, formatInstrumentList } from '../format-instruments.ts';
import { formatJson } from '../format-json.ts';

/**
 * `staffwell instruments [list|show ID|check FILE]`: the instrument library. Readable text by default, `--json`
 * for the full definitions.
 */
export function register(program: Command): void {
  const cmd = program.command('instruments').description('list and show the built-in instrument definitions');
  cmd
    .command('list', { isDefault: true })
    .description('list the built-in instruments (verified ones unless --all)')
    .option('--all', 'include unverified definitions (e.g. UWES-9, MBI-HSS "bring your own key")')
    .option('--json', 'print JSON')
    .action((opts: { all?: boolean; json?: boolean }) => {
      const defs = instrumentList({ all: opts.all });
      process.stdout.write(opts.json ? formatJson(defs) : formatInstrumentList(defs, opts.all === true));
    });
  cmd
    .command('show')
    .description('show one instrument: items, scoring, subscales, classifications, citation and licence')
    .argument('<id>', 'instrument id (see `staffwell instruments list --all`)')
    .option('--json', 'print JSON')
    .action((id: string, opts: { json?: boolean }) => {
      const def = instrumentShow(id);
      process.stdout.write(opts.json ? formatJson(def) : formatInstrument(def));
    });
  cmd
    .command('check')
    .description('validate your own instrument definition file (JSON or YAML)')
    .argument('<file>', 'definition file')
    .option('--json', 'print the validated definition as JSON')
    .action((file: string, opts: { json?: boolean }) => {
      const def = instrumentCheck(file);
      process.stdout.write(opts.json ? formatJson(def) : `${file}: valid definition "${def.id}" (${def.items.length} items, ${def.subscales.length} subscales)\n`);
    });
}
