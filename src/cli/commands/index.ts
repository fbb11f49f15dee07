import type { Command } from 'commander';
import { register as registerScore } from './score.ts';
import { register as registerReliability } from './reliability.ts';
import { register as registerDescribe } from './describe.ts';
import { register as registerInstruments } from './instruments.ts';
import { register as registerNorms } from './norms.ts';
import { register as registerQual } from './qual.ts';
import { register as registerRun } from './run.ts';
import { register as registerDemo } from './demo.ts';

/**
 * The CLI's one routing table: each command module exports `register(program)`.
 * Add a module here when you add a command.
 */
export function registerCommands(program: Command): void {
  registerScore(program);
  registerReliability(program);
  registerDescribe(program);
  registerRun(program);
  registerInstruments(program);
  registerNorms(program);
  registerQual(program);
  registerDemo(program);
}
