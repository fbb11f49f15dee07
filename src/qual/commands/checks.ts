import { StaffwellError } from '../../errors.ts';
import type { VariableType, VariableValue } from '../snapshot.ts';
import type { CodeRow, StoredMemoTarget, ThemeRow, VariableScope } from '../store/qual-store.ts';
import type { HandlerContext } from './define.ts';

/** Lookups and checks shared by the command handlers: each an indexed lookup, with the error a user can act on. */

export function notFound(what: string, field: string, value: unknown, hint?: string): StaffwellError {
  return new StaffwellError('not-found', `no ${what} with this id`, { field, value, hint: hint ?? `list the ${what}s and use an existing id` });
}

export async function requireCode(ctx: HandlerContext, id: string, field = 'codeId'): Promise<CodeRow> {
  const c = await ctx.tx.getCode(id);
  if (!c) throw notFound('code', field, id);
  return c;
}

export async function requireTheme(ctx: HandlerContext, id: string, field = 'themeId'): Promise<ThemeRow> {
  const t = await ctx.tx.getTheme(id);
  if (!t) throw notFound('theme', field, id);
  return t;
}

export async function requireCategory(ctx: HandlerContext, id: string, field = 'categoryId') {
  const c = await ctx.tx.getCategory(id);
  if (!c) throw notFound('category', field, id);
  return c;
}

export async function checkSiblingName(ctx: HandlerContext, name: string, parentId: string | null, selfId?: string): Promise<void> {
  if (name.trim() === '') {
    throw new StaffwellError('invalid-option', 'a code name cannot be empty', { field: 'name', hint: 'give the code a name' });
  }
  const clash = await ctx.tx.getCodeByName(parentId, name);
  if (clash && clash.id !== selfId) {
    throw new StaffwellError('conflict', 'a code with this name already exists at this level', {
      field: 'name',
      value: name,
      hint: 'choose another name, or merge into the existing code',
    });
  }
}

/**
 * True when `candidate` is `id` or lies below it in a hierarchy (codes or themes), found by walking up from
 * `candidate` through its parents.
 */
export async function isSelfOrBelow(
  get: (id: string) => Promise<{ parentId: string | null } | null>,
  id: string,
  candidate: string,
): Promise<boolean> {
  const seen = new Set<string>();
  for (let at: string | null = candidate; at !== null && !seen.has(at); ) {
    if (at === id) return true;
    seen.add(at);
    at = (await get(at))?.parentId ?? null;
  }
  return false;
}

/** Ids of the codes (or themes) below `id`, depth first, through indexed child lookups. */
export async function descendants(children: (parentId: string) => Promise<{ id: string }[]>, id: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (parent: string) => {
    for (const c of await children(parent)) {
      out.push(c.id);
      await walk(c.id);
    }
  };
  await walk(id);
  return out;
}

/** The site with this name or id; created (and added to `affected`) when new. */
export async function ensureSite(ctx: HandlerContext, name: string | null | undefined, affected: string[]): Promise<string | null> {
  if (name === null || name === undefined || name === '') return null;
  const found = (await ctx.tx.getSiteByName(name)) ?? (await ctx.tx.getSite(name));
  if (found) return found.id;
  const id = ctx.newId();
  await ctx.tx.insertSite({ id, name, description: '' });
  affected.push(id);
  return id;
}

export function inferType(v: VariableValue): VariableType {
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'float';
  return 'text';
}

/** Variable ids for attribute names (or ids) of a scope; variables not yet declared are created with a type inferred from the value. */
export async function variableIdsByName(
  ctx: HandlerContext,
  scope: VariableScope,
  values: Record<string, VariableValue>,
  affected: string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const [name, value] of Object.entries(values)) {
    let v = (await ctx.tx.getVariableByName(scope, name)) ?? (await ctx.tx.getVariable(name));
    if (v && v.scope !== scope) v = null;
    if (!v) {
      v = { id: ctx.newId(), name, type: inferType(value), scope, description: '' };
      await ctx.tx.insertVariable(v);
      affected.push(v.id);
    }
    out.set(name, v.id);
  }
  return out;
}

/** Creates the participant when new; gives an existing participant without a site this site. */
export async function ensureParticipant(ctx: HandlerContext, id: string, siteId: string | null, affected: string[]): Promise<void> {
  const exists = await ctx.tx.getParticipant(id);
  if (!exists) {
    await ctx.tx.insertParticipant({ id, siteId, description: '' });
    affected.push(id);
  } else if (exists.siteId === null && siteId !== null) {
    await ctx.tx.updateParticipant(id, { siteId });
  }
}

/** Checks that a memo's target exists. */
export async function requireMemoTarget(ctx: HandlerContext, target: StoredMemoTarget, field = 'target'): Promise<void> {
  if (target.kind === 'project') return;
  const tx = ctx.tx;
  const found =
    target.kind === 'code'
      ? await tx.getCode(target.id)
      : target.kind === 'document'
        ? await tx.getDocument(target.id)
        : target.kind === 'segment'
          ? await tx.getSegment(target.id)
          : target.kind === 'participant'
            ? await tx.getParticipant(target.id)
            : target.kind === 'theme'
              ? await tx.getTheme(target.id)
              : await tx.getCategory(target.id);
  if (!found) throw notFound(target.kind, `${field}.id`, target.id);
}

/** Deletes the memos attached to any of `ids` (of one kind of target); returns their ids. */
export async function deleteMemosOn(ctx: HandlerContext, kind: StoredMemoTarget['kind'], ids: readonly string[]): Promise<string[]> {
  const gone: string[] = [];
  for (const id of ids) {
    for (const m of await ctx.tx.listMemos({ targetKind: kind, targetId: id })) {
      await ctx.tx.deleteMemo(m.id);
      gone.push(m.id);
    }
  }
  return gone;
}
