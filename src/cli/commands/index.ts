import type { Command } from 'commander';

/**
 * The CLI's one routing table: each command module exports `register(program)`.
 * Add a module here when you add a command.
 */
export function registerCommands(program: Command): void {
  void program;
}
