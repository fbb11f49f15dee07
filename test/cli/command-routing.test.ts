import test from 'node:test';
import assert from 'node:assert/strict';
import { Command } from 'commander';
import { registerCommands } from '../../src/cli/commands/index.ts';

const names = async (argv: string[]) => {
  const program = new Command('staffwell');
  await registerCommands(program, ['node', 'staffwell', ...argv]);
  return program.commands.map((c) => c.name());
};

test('only the command being run is loaded and registered', async () => {
  assert.deepEqual(await names(['reliability', 'data.csv', '--scales', 'k.json']), ['reliability']);
  assert.deepEqual(await names(['qual', 'codes', 'list']), ['qual']);
});

test('help, an unknown command or none registers every command; --version none', async () => {
  const all = ['score', 'reliability', 'describe', 'run', 'instruments', 'norms', 'qual', 'mixed', 'demo', 'report', 'factor', 'polychoric', 'adequacy', 'omega', 'parallel', 'serve'];
  assert.deepEqual(await names(['--help']), all);
  assert.deepEqual(await names(['help', 'score']), all);
  assert.deepEqual(await names(['relability']), all);
  assert.deepEqual(await names([]), all);
  assert.deepEqual(await names(['--version']), []);
});
