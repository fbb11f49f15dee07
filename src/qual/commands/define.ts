import type { z } from 'zod';
import type { QualTransaction } from '../store/qual-store.ts';

/**
 * What a command handler runs with: the transaction handle (the only thing that can write), who is acting, a
 * clock and an id generator (injected so tests and the demo are deterministic), and an optional fault hook that
 * tests use to crash a multi-step write between two of its steps.
 */
export interface HandlerContext {
  readonly tx: QualTransaction;
  readonly actor: string;
  /** ISO-8601 timestamp of "now". */
  readonly now: () => string;
  readonly newId: () => string;
  /** Called at named points inside multi-step writes; a test makes it throw to inject a crash. */
  readonly fault?: (point: string) => void;
}

/** What a handler returns: its result, the ids of the rows it touched, and the payload to log (default: the command). */
export interface Outcome<R> {
  result: R;
  affected: string[];
  /** The payload as recorded in the audit log; must leave out key-file content (original text, names). */
  logged?: unknown;
  /**
   * The rows this command changed held text it removes from the project (pseudonymisation, a text edit): what
   * undo needs is kept in the key file only, and without a key file the command cannot be undone.
   */
  sensitiveUndo?: boolean;
}

/** One command type: its schema (the wire format, validated at run time) and its handler. */
export interface CommandSpec<S extends z.ZodType = z.ZodType, R = unknown> {
  readonly schema: S;
  run(ctx: HandlerContext, cmd: z.infer<S>): Promise<Outcome<R>>;
}

export function defineCommand<S extends z.ZodType, R>(schema: S, run: (ctx: HandlerContext, cmd: z.infer<S>) => Promise<Outcome<R>>): CommandSpec<S, R> {
  return { schema, run };
}

export type Empty = Record<string, never>;
