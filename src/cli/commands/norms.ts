import type { Command } from 'commander';
import { normCheck, normList, normShow } from '../../services/norms.ts';
import { formatJson } from '../format-json.ts';
import { formatNorm, formatNormList } from '../format-norms.ts';

/** `staffwell norms [list|show ID|check FILE]`: published norms with their citations. `--json` for data. */
export function register(program: Command): void {
  const cmd = program.command('norms').description('list and show the built-in published norms');
  cmd
    .command('list', { isDefault: true })
    .description('list the built-in norms')
    .option('--instrument <id>', 'only norms for this instrument')
    .option('--json', 'print JSON')
    .action((opts: { instrument?: string; json?: boolean }) => {
      const norms = normList({ instrument: opts.instrument });
      process.stdout.write(opts.json ? formatJson(norms) : formatNormList(norms));
    });
  cmd
    .command('show')
    .description('show one norm with its citation, sample and how it was verified')
    .argument('<id>', 'norm id (see `staffwell norms list`)')
    .option('--json', 'print JSON')
    .action((id: string, opts: { json?: boolean }) => {
      const n = normShow(id);
      process.stdout.write(opts.json ? formatJson(n) : formatNorm(n));
    });
  cmd
    .command('check')
    .description('validate your own norms file (JSON or YAML)')
    .argument('<file>', 'norms file')
    .option('--json', 'print the validated norms as JSON')
    .action((file: string, opts: { json?: boolean }) => {
      const norms = normCheck(file);
      process.stdout.write(opts.json ? formatJson(norms) : `${file}: ${norms.length} valid norm(s)\n`);
    });
}
