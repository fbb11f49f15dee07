import { z } from 'zod';
import { StaffwellError } from '../../errors.ts';
import { codeCommands } from './codes-segments.ts';
import type { CommandSpec, Outcome } from './define.ts';
import { documentCommands } from './documents.ts';
import { memoCommands } from './memos.ts';
import { mixedCommands } from './mixed.ts';
import { participantCommands } from './participants-cases.ts';
import { projectCommands } from './project.ts';
import { pseudonymisationCommands } from './pseudonymisation.ts';
import { commandSchema } from './schema-parts.ts';
import { themeModelCommands } from './themes-models.ts';

/**
 * The registry of commands: every write to a project is one of these, by family. Each has a zod schema (the wire
 * format: a command arriving as JSON is checked exactly as one built in TypeScript) and a handler; the TypeScript
 * command types are inferred from the schemas.
 *
 * Three commands act on the others and are handled by `apply`: `batch` (several commands as one, all or
 * nothing, one undo step), `undo` and `redo` (the acting actor's own last command; see ARCHITECTURE.md).
 */
export const FAMILY_COMMANDS = {
  ...projectCommands,
  ...participantCommands,
  ...documentCommands,
  ...pseudonymisationCommands,
  ...codeCommands,
  ...memoCommands,
  ...themeModelCommands,
  ...mixedCommands,
};

type Families = typeof FAMILY_COMMANDS;
type FamilyType = keyof Families;
/** A command that can go in a `batch` (every command but `batch`, `undo` and `redo`). */
export type FamilyCommand = { [K in FamilyType]: z.infer<Families[K]['schema']> }[FamilyType];

const familySchemas = Object.values(FAMILY_COMMANDS).map((c) => c.schema) as unknown as [
  Families[FamilyType]['schema'],
  ...Families[FamilyType]['schema'][],
];
const familyCommand = z.discriminatedUnion('type', familySchemas) as unknown as z.ZodType<FamilyCommand>;

export const META_SCHEMAS = {
  batch: commandSchema('batch', { commands: z.array(familyCommand) }),
  undo: commandSchema('undo', {}),
  redo: commandSchema('redo', {}),
};

interface MetaResults {
  batch: { results: unknown[] };
  undo: UndoResult;
  redo: UndoResult;
}

/** What `undo` and `redo` return: the command they undid or redid. */
export interface UndoResult {
  seq: number;
  type: string;
  at: string;
}

export type CommandType = FamilyType | keyof typeof META_SCHEMAS;
export type Command = FamilyCommand | { [K in keyof typeof META_SCHEMAS]: z.infer<(typeof META_SCHEMAS)[K]> }[keyof typeof META_SCHEMAS];
export type CommandOf<K extends CommandType> = Extract<Command, { type: K }>;
export type CommandResult<K extends CommandType> = K extends FamilyType
  ? Families[K] extends CommandSpec<z.ZodType, infer R>
    ? R
    : never
  : K extends keyof MetaResults
    ? MetaResults[K]
    : never;
/** `CommandMap[K]`: a command type's input (without `type`) and result, for code that names both. */
export type CommandMap = { [K in CommandType]: { input: Omit<CommandOf<K>, 'type'>; result: CommandResult<K> } };

export const COMMAND_TYPES: readonly CommandType[] = [...Object.keys(FAMILY_COMMANDS), ...Object.keys(META_SCHEMAS)] as CommandType[];

/** The handler of a family command. */
export function familySpec(type: string): CommandSpec<z.ZodType, unknown> | undefined {
  return Object.hasOwn(FAMILY_COMMANDS, type) ? (FAMILY_COMMANDS[type as FamilyType] as unknown as CommandSpec<z.ZodType, unknown>) : undefined;
}

/**
 * Validates a command (from TypeScript or JSON over HTTP) against its schema. Errors are `StaffwellError`s
 * ('invalid-command', or 'unsupported' for an unknown type) that name the command and the field path, e.g.
 * `command "code.create", field "name": expected a string (value "3")`.
 */
export function parseCommand(input: unknown): Command {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new StaffwellError('invalid-command', 'a command is an object with a "type"', { value: JSON.stringify(input) ?? String(input) });
  }
  const type = (input as { type?: unknown }).type;
  const schema = typeof type === 'string' ? (familySpec(type)?.schema ?? (Object.hasOwn(META_SCHEMAS, type) ? META_SCHEMAS[type as keyof typeof META_SCHEMAS] : undefined)) : undefined;
  if (!schema) {
    throw new StaffwellError('unsupported', 'unknown command type', { field: 'type', value: type, hint: `use one of: ${COMMAND_TYPES.join(', ')}` });
  }
  const r = schema.safeParse(input, { reportInput: true });
  if (r.success) return r.data as Command;
  throw commandError(type as string, input, r.error.issues[0]);
}

function commandError(type: string, input: unknown, issue: z.core.$ZodIssue): StaffwellError {
  let command = type;
  let path = issue.path.map(String);
  // an error inside a batch names the inner command too
  if (type === 'batch' && path[0] === 'commands' && path.length >= 2) {
    const inner = (input as { commands?: { type?: unknown }[] }).commands?.[Number(path[1])];
    command = `batch › commands[${path[1]}]${typeof inner?.type === 'string' ? ` "${inner.type}"` : ''}`;
    path = path.slice(2);
  }
  const field = path.reduce((s, p) => (/^\d+$/.test(p) ? `${s}[${p}]` : s ? `${s}.${p}` : p), '');
  const shown = issue.code === 'invalid_union' && 'discriminator' in issue ? (issue.input as { type?: unknown } | undefined)?.type : issue.input;
  const value = issue.code === 'unrecognized_keys' || shown === undefined ? undefined : typeof shown === 'string' ? shown : JSON.stringify(shown);
  return new StaffwellError('invalid-command', describeIssue(issue), {
    command,
    field: field || undefined,
    value,
    hint: issue.code === 'unrecognized_keys' ? `remove ${issue.keys.map((k) => `"${k}"`).join(', ')}` : undefined,
  });
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `the field is missing (expected ${article(issue.expected)})` : `expected ${article(issue.expected)}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
    case 'invalid_union':
      return 'discriminator' in issue && issue.discriminator === 'type' ? 'unknown command type' : 'not one of the accepted forms';
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return issue.origin === 'array' ? `needs at least ${issue.minimum} item(s)` : issue.origin === 'string' ? 'cannot be empty' : `must be at least ${issue.minimum}`;
    default:
      return issue.message.replace(/^Invalid input: /, '');
  }
}

function article(t: string): string {
  return /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}

export type { CommandSpec, Outcome };
export type { DocumentImportInput } from './documents.ts';
