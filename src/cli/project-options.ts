import { userInfo } from 'node:os';
import { StaffwellError } from '../errors.ts';
import { underFlags } from './flag-errors.ts';
import { writeRowsCsv, writeXlsx } from '../qual/exports.ts';
import { openQualProject } from '../services/qual-project.ts';
import type { QualProject, QualSession } from '../qual/project.ts';

/** What the project commands (`qual`, `mixed`) share at the CLI edge: the actor, opening a project, option parsing. */

export const ACTOR = ['--actor <name>', 'who is making the change (recorded in the history; default: the user you are logged in as)'] as const;

/** The actor at the CLI edge: --actor, else the operating-system user. */
export function actorOf(o: { actor?: string }): string {
  if (o.actor !== undefined) return o.actor;
  try {
    return userInfo().username || 'researcher';
  } catch {
    return 'researcher';
  }
}

/** The library's project options by the flags that set them. */
const PROJECT_FLAGS = { keyPath: '--key' };

export async function withProject(path: string, o: { key?: string }, fn: (p: QualProject) => Promise<void>): Promise<void> {
  return underFlags(PROJECT_FLAGS, async () => {
    const p = openQualProject({ path, keyPath: o.key });
    try {
      await fn(p);
    } finally {
      p.close();
    }
  });
}

export function withSession(path: string, o: { key?: string; actor?: string }, fn: (s: QualSession) => Promise<void>): Promise<void> {
  return withProject(path, o, (p) => fn(p.as(actorOf(o))));
}

/** A comma-separated option as a list. */
export function list(s: string): string[] {
  return s.split(',').map((x) => x.trim()).filter(Boolean);
}

export function toInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n)) throw new StaffwellError('usage', 'expected a whole number', { value: v });
  return n;
}

/** JSON as the commands print it: indented, non-finite numbers as null. */
export function json(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (typeof x === 'number' && !Number.isFinite(x) ? null : x), 2) + '\n';
}

/** A table (header row first) to the files the user named: `--csv`, `--xlsx` (one sheet, plus `extra`). */
export async function writeOutputs(rows: string[][], o: { csv?: string; xlsx?: string }, sheet: string, extra: { name: string; rows: string[][] }[] = []): Promise<void> {
  if (o.csv) writeRowsCsv(o.csv, rows);
  if (o.xlsx) await writeXlsx(o.xlsx, [{ name: sheet, rows }, ...extra]);
}
