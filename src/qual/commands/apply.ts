import { StaffwellError } from '../../errors.ts';
import type { CommandRecord, QualStore } from '../store/qual-store.ts';
import type { HandlerContext, Outcome } from './define.ts';
import { familySpec, parseCommand, type Command, type UndoResult } from './index.ts';

/**
 * The permission hook: asked before every command (and before each command inside a batch) whether `actor` may
 * run it. For `undo` and `redo`, `target` is the command they would undo or redo. The local default allows all;
 * a team server plugs roles in here.
 */
export type Authorize = (request: { actor: string; command: Command; target?: CommandRecord }) => PermissionDecision | Promise<PermissionDecision>;
export type PermissionDecision = { allow: true } | { allow: false; reason?: string };

export const allowAll: Authorize = () => ({ allow: true });

export interface ApplyEnv {
  readonly store: QualStore;
  readonly now: () => string;
  readonly newId: () => string;
  readonly fault?: (point: string) => void;
  readonly authorize: Authorize;
}

/**
 * Applies one command: validate against its schema, ask the permission hook, run the handler on a transaction
 * handle, capture the row changes it made (what undo needs), and record it in the audit log, all in one
 * transaction. Returns the handler's result and the command's sequence number.
 */
export async function applyCommand(env: ApplyEnv, input: unknown, actor: string): Promise<{ result: unknown; seq: number }> {
  if (typeof actor !== 'string' || actor.trim() === '') {
    throw new StaffwellError('invalid-option', 'every command needs an actor (who is making the change)', {
      field: 'actor',
      value: actor,
      hint: 'pass { actor: NAME } to apply; the CLI takes it from --actor or the user you are logged in as',
    });
  }
  const cmd = parseCommand(input);
  if (cmd.type !== 'undo' && cmd.type !== 'redo') {
    await authorize(env, actor, cmd);
    if (cmd.type === 'batch') for (const c of cmd.commands) await authorize(env, actor, c);
  }
  return env.store.transaction(async (tx) => {
    const ctx: HandlerContext = { tx, actor, now: env.now, newId: env.newId, fault: env.fault };
    if (cmd.type === 'undo' || cmd.type === 'redo') return undoOrRedo(env, ctx, cmd);
    const out = await runFamilyOrBatch(ctx, cmd);
    env.fault?.(`${cmd.type}:before-log`);
    const changes = await tx.rowChanges();
    if (out.sensitiveUndo) changes.keyFileOnly = true;
    // without the key file there is nowhere to keep what a sensitive command removed: it cannot be undone
    const undoable = changes.project.length + changes.key.length > 0 && !(changes.keyFileOnly && !tx.hasKey);
    if (undoable) await tx.discardUndone(actor);
    const seq = await tx.recordCommand({
      id: env.newId(),
      at: env.now(),
      actor,
      type: cmd.type,
      payload: out.logged ?? cmd,
      affected: out.affected,
      state: undoable ? 'applied' : null,
      targetSeq: null,
      changes: undoable ? changes : null,
    });
    return { result: out.result, seq };
  });
}

async function authorize(env: ApplyEnv, actor: string, command: Command, target?: CommandRecord): Promise<void> {
  const d = await env.authorize({ actor, command, target });
  if (!d.allow) {
    throw new StaffwellError('forbidden', `${actor} may not ${target ? `${command.type} ${target.type}` : `run ${command.type}`}`, {
      command: command.type,
      value: actor,
      hint: d.reason ?? 'ask the project owner for permission',
    });
  }
}

async function runFamilyOrBatch(ctx: HandlerContext, cmd: Exclude<Command, { type: 'undo' | 'redo' }>): Promise<Outcome<unknown>> {
  if (cmd.type !== 'batch') return familySpec(cmd.type)!.run(ctx, cmd);
  // a batch: one transaction, one log record, one undo step; each inner command keeps an id and a time
  const results: unknown[] = [];
  const affected: string[] = [];
  const logged: unknown[] = [];
  let sensitiveUndo = false;
  for (const c of cmd.commands) {
    const out = await familySpec(c.type)!.run(ctx, c);
    ctx.fault?.(`${c.type}:before-log`);
    logged.push({ id: ctx.newId(), at: ctx.now(), command: out.logged ?? c });
    results.push(out.result);
    affected.push(...out.affected);
    sensitiveUndo ||= out.sensitiveUndo === true;
  }
  return { result: { results }, affected: [...new Set(affected)], logged: { type: 'batch', commands: logged }, sensitiveUndo };
}

/**
 * Undo and redo, per actor: `undo` reverts the actor's most recent command still in effect; `redo` re-applies the
 * command the actor undid most recently (until the actor makes a new change, which clears their redo stack).
 * Both are commands of their own in the log (`targetSeq` names the command), so they are audited and pushed to
 * subscribers like any other. Reverting is refused (nothing changes) when a later command touched the same rows.
 */
async function undoOrRedo(env: ApplyEnv, ctx: HandlerContext, cmd: { type: 'undo' | 'redo' }): Promise<{ result: UndoResult; seq: number }> {
  const tx = ctx.tx;
  const undo = cmd.type === 'undo';
  const target = undo ? await tx.lastApplied(ctx.actor) : await tx.lastUndone(ctx.actor);
  if (!target) {
    throw new StaffwellError('not-found', `${ctx.actor} has nothing to ${cmd.type}`, {
      command: cmd.type,
      hint: undo ? 'undo reverts your own commands, newest first' : 'redo re-applies what you undid, until you make a new change',
    });
  }
  await authorize(env, ctx.actor, cmd as Command, target);
  // what currently stands for the target: its own changes, or those of its latest undo or redo
  const [latest] = await tx.listCommands({ afterSeq: target.seq, targetSeq: target.seq, descending: true, limit: 1 });
  const changes = await tx.getCommandChanges(latest?.seq ?? target.seq);
  if (!changes) throw new Error(`command ${target.seq} is marked undoable but has no recorded changes`);
  await tx.revertChanges(changes);
  env.fault?.(`${cmd.type}:before-log`);
  const own = await tx.rowChanges();
  own.keyFileOnly = changes.keyFileOnly; // undoing a pseudonymisation brings the names back: its redo is as sensitive
  const seq = await tx.recordCommand({
    id: env.newId(),
    at: env.now(),
    actor: ctx.actor,
    type: cmd.type,
    payload: { type: cmd.type, targetSeq: target.seq, targetType: target.type },
    affected: target.affected,
    state: null,
    targetSeq: target.seq,
    changes: own,
  });
  await tx.setCommandState(target.seq, undo ? 'undone' : 'applied');
  return { result: { seq: target.seq, type: target.type, at: target.at }, seq };
}
