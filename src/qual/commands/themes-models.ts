import { z } from 'zod';
import { StaffwellError } from '../../errors.ts';
import type { ThemeKind, ThemeRow } from '../store/qual-store.ts';
import { deleteMemosOn, descendants, isSelfOrBelow, notFound, requireCategory, requireCode, requireTheme } from './checks.ts';
import { defineCommand, type Empty, type HandlerContext } from './define.ts';
import { commandSchema, id, keepOrDelete, themeKind } from './schema-parts.ts';

async function checkThemeName(ctx: HandlerContext, name: string, parentId: string | null, selfId?: string): Promise<void> {
  if (name.trim() === '') throw new StaffwellError('invalid-option', 'a theme name cannot be empty', { field: 'name' });
  const clash = await ctx.tx.getThemeByName(parentId, name);
  if (clash && clash.id !== selfId) {
    throw new StaffwellError('conflict', 'a theme with this name already exists at this level', { field: 'name', value: name });
  }
}

async function setPhaseCategories(ctx: HandlerContext, phaseId: string, categoryIds: readonly string[]): Promise<void> {
  for (let i = 0; i < categoryIds.length; i++) await requireCategory(ctx, categoryIds[i], `categoryIds[${i}]`);
  await ctx.tx.clearPhaseCategories(phaseId);
  for (let i = 0; i < categoryIds.length; i++) await ctx.tx.setPhaseCategory(phaseId, categoryIds[i], i);
}

/** Commands on themes (reflexive thematic analysis, IPA) and grounded-theory models (categories, relationships, phases). */
export const themeModelCommands = {
  'theme.create': defineCommand(
    commandSchema('theme.create', {
      id: id.optional(),
      name: z.string(),
      kind: themeKind.optional(),
      parentId: id.nullable().optional(),
      description: z.string().optional(),
      codeIds: z.array(id).optional(),
    }),
    async (ctx, cmd) => {
      const parentId = cmd.parentId ?? null;
      const parent = parentId === null ? null : await requireTheme(ctx, parentId, 'parentId');
      const kind: ThemeKind = cmd.kind ?? (parent ? (parent.kind === 'superordinate' ? 'theme' : 'subtheme') : 'theme');
      await checkThemeName(ctx, cmd.name, parentId);
      const id = cmd.id ?? ctx.newId();
      const position = (await ctx.tx.listChildThemes(parentId)).length;
      await ctx.tx.insertTheme({ id, name: cmd.name, kind, parentId, description: cmd.description ?? '', position });
      for (const c of cmd.codeIds ?? []) {
        await requireCode(ctx, c, 'codeIds');
        await ctx.tx.linkThemeCode(id, c);
      }
      return { result: { id } as { id: string }, affected: [id, ...(cmd.codeIds ?? [])] };
    },
  ),

  'theme.update': defineCommand(
    commandSchema('theme.update', {
      id,
      name: z.string().optional(),
      kind: themeKind.optional(),
      parentId: id.nullable().optional(),
      description: z.string().optional(),
    }),
    async (ctx, cmd) => {
      const theme = await requireTheme(ctx, cmd.id, 'id');
      if (cmd.parentId !== undefined && cmd.parentId !== null) {
        await requireTheme(ctx, cmd.parentId, 'parentId');
        if (await isSelfOrBelow((x) => ctx.tx.getTheme(x), cmd.id, cmd.parentId)) {
          throw new StaffwellError('conflict', 'a theme cannot move under itself or one of its subthemes', { field: 'parentId', value: cmd.parentId });
        }
      }
      const parentId = cmd.parentId === undefined ? theme.parentId : cmd.parentId;
      if (cmd.name !== undefined || parentId !== theme.parentId) await checkThemeName(ctx, cmd.name ?? theme.name, parentId, theme.id);
      const position = parentId !== theme.parentId ? (await ctx.tx.listChildThemes(parentId)).length : undefined;
      await ctx.tx.updateTheme(cmd.id, { name: cmd.name, kind: cmd.kind, parentId: cmd.parentId, description: cmd.description, position });
      return { result: {} as Empty, affected: [cmd.id] };
    },
  ),

  /**
   * Moves a theme to `position` (0 = first) among the children of `parentId` (default: its own parent; null: the
   * top level), at the end when no position is given; the siblings it leaves and joins are numbered 0, 1, 2...
   */
  'theme.move': defineCommand(
    commandSchema('theme.move', { id, parentId: id.nullable().optional(), position: z.number().int().nonnegative().optional() }),
    async (ctx, cmd) => {
      const tx = ctx.tx;
      const theme = await requireTheme(ctx, cmd.id, 'id');
      const parentId = cmd.parentId === undefined ? theme.parentId : cmd.parentId;
      if (parentId !== null) {
        await requireTheme(ctx, parentId, 'parentId');
        if (await isSelfOrBelow((x) => tx.getTheme(x), theme.id, parentId)) {
          throw new StaffwellError('conflict', 'a theme cannot move under itself or one of its subthemes', { field: 'parentId', value: parentId });
        }
      }
      if (parentId !== theme.parentId) await checkThemeName(ctx, theme.name, parentId, theme.id);
      const siblings = (await tx.listChildThemes(parentId)).filter((t) => t.id !== theme.id);
      const position = cmd.position ?? siblings.length;
      if (position > siblings.length) {
        throw new StaffwellError('out-of-range', `there are ${siblings.length} other theme(s) at that level, so the position is at most ${siblings.length}`, {
          field: 'position',
          value: position,
          hint: `Give a position from 0 (first) to ${siblings.length} (last), or leave it out to move the theme to the end.`,
        });
      }
      const affected = [theme.id];
      const renumber = async (rows: readonly ThemeRow[]) => {
        for (let i = 0; i < rows.length; i++) {
          const t = rows[i];
          if (t.id === theme.id) await tx.updateTheme(t.id, { parentId, position: i });
          else if (t.position !== i) {
            await tx.updateTheme(t.id, { position: i });
            affected.push(t.id);
          }
        }
      };
      await renumber([...siblings.slice(0, position), theme, ...siblings.slice(position)]);
      if (parentId !== theme.parentId) await renumber((await tx.listChildThemes(theme.parentId)).filter((t) => t.id !== theme.id));
      return { result: { parentId, position }, affected };
    },
  ),

  /** Deletes a theme; its subthemes are deleted too (default) or move up to its parent. Memos on deleted themes go too. */
  'theme.delete': defineCommand(commandSchema('theme.delete', { id, children: keepOrDelete.optional() }), async (ctx, cmd) => {
    const tx = ctx.tx;
    const theme = await requireTheme(ctx, cmd.id, 'id');
    const affected = [theme.id];
    if (cmd.children === 'parent') {
      let position = (await tx.listChildThemes(theme.parentId)).length;
      for (const child of await tx.listChildThemes(theme.id)) {
        await checkThemeName(ctx, child.name, theme.parentId, child.id);
        await tx.updateTheme(child.id, { parentId: theme.parentId, position: position++ });
        affected.push(child.id);
      }
    }
    const gone = cmd.children === 'parent' ? [theme.id] : [theme.id, ...(await descendants((p) => tx.listChildThemes(p), theme.id))];
    const memos = await deleteMemosOn(ctx, 'theme', gone);
    await tx.deleteTheme(theme.id);
    return { result: { themesDeleted: gone.length }, affected: [...new Set([...affected, ...gone, ...memos])] };
  }),

  'theme.linkCodes': defineCommand(commandSchema('theme.linkCodes', { themeId: id, codeIds: z.array(id) }), async (ctx, cmd) => {
    await requireTheme(ctx, cmd.themeId);
    for (const c of cmd.codeIds) {
      await requireCode(ctx, c, 'codeIds');
      await ctx.tx.linkThemeCode(cmd.themeId, c);
    }
    return { result: {} as Empty, affected: [cmd.themeId, ...cmd.codeIds] };
  }),

  'theme.unlinkCodes': defineCommand(commandSchema('theme.unlinkCodes', { themeId: id, codeIds: z.array(id) }), async (ctx, cmd) => {
    await requireTheme(ctx, cmd.themeId);
    for (const c of cmd.codeIds) await ctx.tx.unlinkThemeCode(cmd.themeId, c);
    return { result: {} as Empty, affected: [cmd.themeId, ...cmd.codeIds] };
  }),

  'category.create': defineCommand(
    commandSchema('category.create', { id: id.optional(), name: z.string(), description: z.string().optional(), codeIds: z.array(id).optional() }),
    async (ctx, cmd) => {
      if (await ctx.tx.getCategoryByName(cmd.name)) {
        throw new StaffwellError('conflict', 'a category with this name already exists', { field: 'name', value: cmd.name });
      }
      const id = cmd.id ?? ctx.newId();
      await ctx.tx.insertCategory({ id, name: cmd.name, description: cmd.description ?? '' });
      for (const c of cmd.codeIds ?? []) {
        await requireCode(ctx, c, 'codeIds');
        await ctx.tx.linkCategoryCode(id, c);
      }
      return { result: { id } as { id: string }, affected: [id] };
    },
  ),

  /** Deletes a category with its properties, code links, relationships and places in phases; memos on it go too. */
  'category.delete': defineCommand(commandSchema('category.delete', { id }), async (ctx, cmd) => {
    await requireCategory(ctx, cmd.id, 'id');
    const rels = (await ctx.tx.listRelationships()).filter((r) => r.fromId === cmd.id || r.toId === cmd.id).map((r) => r.id);
    const memos = await deleteMemosOn(ctx, 'category', [cmd.id]);
    await ctx.tx.deleteCategory(cmd.id);
    return { result: {} as Empty, affected: [cmd.id, ...rels, ...memos] };
  }),

  'category.linkCodes': defineCommand(commandSchema('category.linkCodes', { categoryId: id, codeIds: z.array(id) }), async (ctx, cmd) => {
    await requireCategory(ctx, cmd.categoryId);
    for (const c of cmd.codeIds) {
      await requireCode(ctx, c, 'codeIds');
      await ctx.tx.linkCategoryCode(cmd.categoryId, c);
    }
    return { result: {} as Empty, affected: [cmd.categoryId, ...cmd.codeIds] };
  }),

  'category.unlinkCodes': defineCommand(commandSchema('category.unlinkCodes', { categoryId: id, codeIds: z.array(id) }), async (ctx, cmd) => {
    await requireCategory(ctx, cmd.categoryId);
    for (const c of cmd.codeIds) await ctx.tx.unlinkCategoryCode(cmd.categoryId, c);
    return { result: {} as Empty, affected: [cmd.categoryId, ...cmd.codeIds] };
  }),

  'category.addProperty': defineCommand(
    commandSchema('category.addProperty', {
      categoryId: id,
      name: z.string(),
      dimensionLow: z.string().optional(),
      dimensionHigh: z.string().optional(),
      description: z.string().optional(),
    }),
    async (ctx, cmd) => {
      await requireCategory(ctx, cmd.categoryId);
      if ((await ctx.tx.listProperties(cmd.categoryId)).some((p) => p.name === cmd.name)) {
        throw new StaffwellError('conflict', 'the category already has a property with this name', { field: 'name', value: cmd.name });
      }
      const id = ctx.newId();
      await ctx.tx.insertProperty({
        id,
        categoryId: cmd.categoryId,
        name: cmd.name,
        dimensionLow: cmd.dimensionLow ?? '',
        dimensionHigh: cmd.dimensionHigh ?? '',
        description: cmd.description ?? '',
      });
      return { result: { id } as { id: string }, affected: [id, cmd.categoryId] };
    },
  ),

  'relationship.create': defineCommand(
    /** `relation`: the relationship's type, e.g. 'leads to', 'influences'. */
    commandSchema('relationship.create', { fromId: id, toId: id, relation: z.string(), note: z.string().optional() }),
    async (ctx, cmd) => {
      await requireCategory(ctx, cmd.fromId, 'fromId');
      await requireCategory(ctx, cmd.toId, 'toId');
      if (cmd.relation.trim() === '') {
        throw new StaffwellError('invalid-option', 'a relationship needs a type', { field: 'relation', hint: "e.g. 'leads to', 'influences'" });
      }
      const id = ctx.newId();
      await ctx.tx.insertRelationship({ id, fromId: cmd.fromId, toId: cmd.toId, type: cmd.relation, note: cmd.note ?? '' });
      return { result: { id } as { id: string }, affected: [id, cmd.fromId, cmd.toId] };
    },
  ),

  'relationship.delete': defineCommand(commandSchema('relationship.delete', { id }), async (ctx, cmd) => {
    if (!(await ctx.tx.getRelationship(cmd.id))) throw notFound('relationship', 'id', cmd.id);
    await ctx.tx.deleteRelationship(cmd.id);
    return { result: {} as Empty, affected: [cmd.id] };
  }),

  'phase.create': defineCommand(
    commandSchema('phase.create', { name: z.string(), position: z.number().int().nonnegative().optional(), categoryIds: z.array(id).optional() }),
    async (ctx, cmd) => {
      if (await ctx.tx.getPhaseByName(cmd.name)) {
        throw new StaffwellError('conflict', 'a phase with this name already exists', { field: 'name', value: cmd.name });
      }
      const id = ctx.newId();
      await ctx.tx.insertPhase({ id, name: cmd.name, position: cmd.position ?? (await ctx.tx.listPhases()).length });
      await setPhaseCategories(ctx, id, cmd.categoryIds ?? []);
      return { result: { id } as { id: string }, affected: [id] };
    },
  ),

  /** Sets a phase's categories, in order (replacing those it had). */
  'phase.setCategories': defineCommand(commandSchema('phase.setCategories', { phaseId: id, categoryIds: z.array(id) }), async (ctx, cmd) => {
    if (!(await ctx.tx.getPhase(cmd.phaseId))) throw notFound('phase', 'phaseId', cmd.phaseId);
    await setPhaseCategories(ctx, cmd.phaseId, cmd.categoryIds);
    return { result: {} as Empty, affected: [cmd.phaseId, ...cmd.categoryIds] };
  }),

  'phase.delete': defineCommand(commandSchema('phase.delete', { id }), async (ctx, cmd) => {
    if (!(await ctx.tx.getPhase(cmd.id))) throw notFound('phase', 'id', cmd.id);
    await ctx.tx.deletePhase(cmd.id);
    return { result: {} as Empty, affected: [cmd.id] };
  }),
};
