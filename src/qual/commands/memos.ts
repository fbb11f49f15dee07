import { z } from 'zod';
import { StaffwellError } from '../../errors.ts';
import { notFound, requireMemoTarget } from './checks.ts';
import { defineCommand, type Empty } from './define.ts';
import { commandSchema, id, memoTarget } from './schema-parts.ts';

/** Commands on memos (on the project, a code, document, segment, participant, theme or category). */
export const memoCommands = {
  'memo.create': defineCommand(
    commandSchema('memo.create', {
      id: id.optional(),
      target: memoTarget,
      title: z.string().optional(),
      text: z.string(),
      /** Default: the actor. */
      author: z.string().optional(),
    }),
    async (ctx, cmd) => {
      if (cmd.text.trim() === '') throw new StaffwellError('invalid-option', 'a memo needs some text', { field: 'text' });
      await requireMemoTarget(ctx, cmd.target);
      const id = cmd.id ?? ctx.newId();
      const at = ctx.now();
      await ctx.tx.insertMemo({ id, target: cmd.target, title: cmd.title ?? '', text: cmd.text, author: cmd.author ?? ctx.actor, createdAt: at, updatedAt: at });
      return { result: { id } as { id: string }, affected: cmd.target.kind === 'project' ? [id] : [id, cmd.target.id] };
    },
  ),

  'memo.update': defineCommand(commandSchema('memo.update', { id, title: z.string().optional(), text: z.string().optional() }), async (ctx, cmd) => {
    if (!(await ctx.tx.getMemo(cmd.id))) throw notFound('memo', 'id', cmd.id);
    if (cmd.text !== undefined && cmd.text.trim() === '') throw new StaffwellError('invalid-option', 'a memo needs some text', { field: 'text', hint: 'delete the memo instead' });
    await ctx.tx.updateMemo(cmd.id, { title: cmd.title, text: cmd.text, updatedAt: ctx.now() });
    return { result: {} as Empty, affected: [cmd.id] };
  }),

  'memo.delete': defineCommand(commandSchema('memo.delete', { id }), async (ctx, cmd) => {
    if (!(await ctx.tx.getMemo(cmd.id))) throw notFound('memo', 'id', cmd.id);
    await ctx.tx.deleteMemo(cmd.id);
    return { result: {} as Empty, affected: [cmd.id] };
  }),
};
