import { z } from 'zod';
import { StaffwellError } from '../../errors.ts';
import type { CodeRow, SegmentRow } from '../store/qual-store.ts';
import { placeInTurn } from '../turns.ts';
import { checkSiblingName, deleteMemosOn, descendants, isSelfOrBelow, notFound, requireCode } from './checks.ts';
import { defineCommand, type Empty, type HandlerContext } from './define.ts';
import { commandSchema, id, keepOrDelete, offset } from './schema-parts.ts';

/** Segments that code the same range by the same coder are one coding: merging or lifting collapses them. */
function codingKey(s: Pick<SegmentRow, 'documentId' | 'start' | 'end' | 'coderId'>): string {
  return `${s.documentId}\u0000${s.start}\u0000${s.end}\u0000${s.coderId}`;
}

/**
 * Recodes `segments` to `targetId`, collapsing each into an existing coding of the target with the same range and
 * coder (its memos move to the coding that remains). Returns the moved and collapsed counts.
 */
async function recodeSegments(ctx: HandlerContext, segments: readonly SegmentRow[], targetId: string, affected: string[]) {
  const kept = new Map<string, string>();
  for (const s of await ctx.tx.listSegments({ codeIds: [targetId], anchoredOnly: false, withText: false })) kept.set(codingKey(s), s.id);
  let moved = 0;
  const collapse: string[] = [];
  for (const s of segments) {
    const k = codingKey(s);
    const into = kept.get(k);
    if (into !== undefined) {
      collapse.push(s.id);
      for (const m of await ctx.tx.listMemos({ targetKind: 'segment', targetId: s.id })) {
        await ctx.tx.updateMemo(m.id, { target: { kind: 'segment', id: into }, updatedAt: ctx.now() });
        affected.push(m.id);
      }
    } else {
      kept.set(k, s.id);
      await ctx.tx.updateSegment(s.id, { codeId: targetId });
      moved++;
    }
    affected.push(s.id);
  }
  await ctx.tx.deleteSegments(collapse);
  return { moved, collapsed: collapse.length };
}

/** Commands on the code hierarchy and on coded segments. */
export const codeCommands = {
  'code.create': defineCommand(
    commandSchema('code.create', {
      id: id.optional(),
      name: z.string(),
      parentId: id.nullable().optional(),
      description: z.string().optional(),
      color: z.string().nullable().optional(),
      codable: z.boolean().optional(),
    }),
    async (ctx, cmd) => {
      const parentId = cmd.parentId ?? null;
      if (parentId !== null) await requireCode(ctx, parentId, 'parentId');
      await checkSiblingName(ctx, cmd.name, parentId);
      const id = cmd.id ?? ctx.newId();
      if (cmd.id !== undefined && (await ctx.tx.getCode(id))) throw new StaffwellError('conflict', 'a code with this id already exists', { field: 'id', value: id });
      const position = (await ctx.tx.listChildCodes(parentId)).length;
      await ctx.tx.insertCode({
        id,
        name: cmd.name,
        parentId,
        description: cmd.description ?? '',
        color: cmd.color ?? null,
        codable: cmd.codable ?? true,
        position,
        createdAt: ctx.now(),
      });
      return { result: { id } as { id: string }, affected: [id] };
    },
  ),

  'code.update': defineCommand(
    commandSchema('code.update', {
      id,
      name: z.string().optional(),
      description: z.string().optional(),
      color: z.string().nullable().optional(),
      codable: z.boolean().optional(),
    }),
    async (ctx, cmd) => {
      const code = await requireCode(ctx, cmd.id, 'id');
      if (cmd.name !== undefined) await checkSiblingName(ctx, cmd.name, code.parentId, code.id);
      await ctx.tx.updateCode(code.id, { name: cmd.name, description: cmd.description, color: cmd.color, codable: cmd.codable });
      return { result: {} as Empty, affected: [code.id] };
    },
  ),

  'code.move': defineCommand(commandSchema('code.move', { id, parentId: id.nullable() }), async (ctx, cmd) => {
    const code = await requireCode(ctx, cmd.id, 'id');
    if (cmd.parentId !== null) {
      await requireCode(ctx, cmd.parentId, 'parentId');
      if (await isSelfOrBelow((x) => ctx.tx.getCode(x), code.id, cmd.parentId)) {
        throw new StaffwellError('conflict', 'a code cannot move under itself or one of its subcodes', { field: 'parentId', value: cmd.parentId });
      }
    }
    await checkSiblingName(ctx, code.name, cmd.parentId, code.id);
    if (cmd.parentId !== code.parentId) {
      const position = (await ctx.tx.listChildCodes(cmd.parentId)).length;
      await ctx.tx.updateCode(code.id, { parentId: cmd.parentId, position });
    }
    return { result: {} as Empty, affected: [code.id] };
  }),

  /**
   * Deletes a code. `children`: its subcodes are deleted with it (default) or move up to its parent. `segments`:
   * its segments (and, when the subcodes go too, theirs) are deleted (default) or recoded to its parent code.
   * Memos on deleted codes and segments are deleted; links to themes and categories go with the code.
   */
  'code.delete': defineCommand(
    commandSchema('code.delete', { id, children: keepOrDelete.optional(), segments: keepOrDelete.optional() }),
    async (ctx, cmd) => {
      const tx = ctx.tx;
      const code = await requireCode(ctx, cmd.id, 'id');
      const affected: string[] = [code.id];
      const keepChildren = cmd.children === 'parent';
      const keepSegments = cmd.segments === 'parent';
      let parent: CodeRow | null = null;
      if (keepSegments) {
        parent = code.parentId === null ? null : await tx.getCode(code.parentId);
        if (!parent) {
          throw new StaffwellError('invalid-option', 'a top-level code has no parent to keep its segments', {
            field: 'segments',
            value: 'parent',
            hint: 'merge the code into another code instead (code.merge), or delete its segments with it',
          });
        }
        if (!parent.codable) {
          throw new StaffwellError('invalid-option', 'the parent code only groups codes and cannot hold segments', { field: 'segments', value: parent.name });
        }
      }
      if (keepChildren) {
        let position = (await tx.listChildCodes(code.parentId)).length;
        for (const child of await tx.listChildCodes(code.id)) {
          await checkSiblingName(ctx, child.name, code.parentId, child.id);
          await tx.updateCode(child.id, { parentId: code.parentId, position: position++ });
          affected.push(child.id);
        }
      }
      const gone = keepChildren ? [code.id] : [code.id, ...(await descendants((p) => tx.listChildCodes(p), code.id))];
      const segs = await tx.listSegments({ codeIds: gone, anchoredOnly: false, withText: false });
      let moved = 0;
      if (parent) moved = (await recodeSegments(ctx, segs, parent.id, affected)).moved;
      else affected.push(...segs.map((s) => s.id));
      const memos = [...(await deleteMemosOn(ctx, 'code', gone)), ...(parent ? [] : await deleteMemosOn(ctx, 'segment', segs.map((s) => s.id)))];
      await tx.deleteCode(code.id);
      affected.push(...gone.slice(1), ...memos);
      return {
        result: { codesDeleted: gone.length, segmentsDeleted: segs.length - moved, segmentsMoved: moved },
        affected: [...new Set(affected)],
      };
    },
  ),

  'code.merge': defineCommand(commandSchema('code.merge', { sourceIds: z.array(id).min(1), targetId: id }), async (ctx, cmd) => {
    const tx = ctx.tx;
    const target = await requireCode(ctx, cmd.targetId, 'targetId');
    const sources: CodeRow[] = [];
    for (const sid of cmd.sourceIds) {
      if (sid === target.id) continue;
      const s = await tx.getCode(sid);
      if (!s) throw notFound('code', 'sourceIds', sid);
      if (await isSelfOrBelow((x) => tx.getCode(x), s.id, target.id)) {
        throw new StaffwellError('conflict', 'cannot merge a code into one of its own subcodes', { field: 'targetId', value: target.name });
      }
      sources.push(s);
    }
    const affected = [target.id];
    let moved = 0;
    let collapsed = 0;
    for (const src of sources) {
      for (const child of await tx.listChildCodes(src.id)) {
        await checkSiblingName(ctx, child.name, target.id, child.id);
        await tx.updateCode(child.id, { parentId: target.id });
        affected.push(child.id);
      }
      const r = await recodeSegments(ctx, await tx.listSegments({ codeIds: [src.id], anchoredOnly: false, withText: false }), target.id, affected);
      moved += r.moved;
      collapsed += r.collapsed;
      for (const l of await tx.listThemeCodes({ codeId: src.id })) await tx.linkThemeCode(l.themeId, target.id);
      for (const l of await tx.listCategoryCodes({ codeId: src.id })) await tx.linkCategoryCode(l.categoryId, target.id);
      for (const m of await tx.listMemos({ targetKind: 'code', targetId: src.id })) {
        await tx.updateMemo(m.id, { target: { kind: 'code', id: target.id }, updatedAt: ctx.now() });
        affected.push(m.id);
      }
      ctx.fault?.('code.merge:before-delete');
      await tx.deleteCode(src.id);
      affected.push(src.id);
    }
    return { result: { moved, collapsed }, affected };
  }),

  'code.split': defineCommand(
    commandSchema('code.split', {
      codeId: id,
      segmentIds: z.array(id).min(1),
      name: z.string(),
      parentId: id.nullable().optional(),
      description: z.string().optional(),
    }),
    async (ctx, cmd) => {
      const tx = ctx.tx;
      const code = await requireCode(ctx, cmd.codeId);
      const segs = await tx.listSegments({ ids: cmd.segmentIds, anchoredOnly: false, withText: false });
      if (segs.length !== new Set(cmd.segmentIds).size) {
        const found = new Set(segs.map((s) => s.id));
        throw notFound('segment', 'segmentIds', cmd.segmentIds.find((i) => !found.has(i)));
      }
      const foreign = segs.find((s) => s.codeId !== code.id);
      if (foreign) {
        throw new StaffwellError('conflict', 'a segment to split off is not coded with this code', {
          field: 'segmentIds',
          value: foreign.id,
          hint: 'select segments of the code being split',
        });
      }
      const parentId = cmd.parentId === undefined ? code.parentId : cmd.parentId;
      if (parentId !== null) await requireCode(ctx, parentId, 'parentId');
      await checkSiblingName(ctx, cmd.name, parentId);
      const id = ctx.newId();
      const position = (await tx.listChildCodes(parentId)).length;
      await tx.insertCode({ id, name: cmd.name, parentId, description: cmd.description ?? '', color: code.color, codable: true, position, createdAt: ctx.now() });
      ctx.fault?.('code.split:after-code');
      for (const s of segs) await tx.updateSegment(s.id, { codeId: id });
      return { result: { id, moved: segs.length }, affected: [code.id, id, ...segs.map((s) => s.id)] };
    },
  ),

  'segment.create': defineCommand(
    commandSchema('segment.create', {
      id: id.optional(),
      documentId: id,
      codeId: id,
      start: offset,
      end: offset,
      /** The coder's name (created when new). */
      coder: z.string(),
      keyQuote: z.boolean().optional(),
    }),
    async (ctx, cmd) => {
      const tx = ctx.tx;
      const doc = await tx.getDocument(cmd.documentId);
      if (!doc) throw notFound('document', 'documentId', cmd.documentId);
      const code = await requireCode(ctx, cmd.codeId);
      if (!code.codable) {
        throw new StaffwellError('invalid-option', 'this code groups other codes and cannot be applied to text', { field: 'codeId', value: code.name });
      }
      if (!(cmd.end > cmd.start && cmd.end <= doc.text.length)) {
        throw new StaffwellError('out-of-range', `the range must satisfy 0 <= start < end <= ${doc.text.length} (the document's length)`, {
          field: 'start/end',
          value: `${cmd.start}-${cmd.end}`,
          hint: 'offsets count UTF-16 code units from 0, end exclusive',
        });
      }
      if (cmd.coder.trim() === '') throw new StaffwellError('invalid-option', 'the coder cannot be empty', { field: 'coder' });
      let coder = await tx.getCoderByName(cmd.coder);
      if (!coder) {
        coder = { id: ctx.newId(), name: cmd.coder };
        await tx.insertCoder(coder);
      }
      const id = cmd.id ?? ctx.newId();
      const place = placeInTurn(await tx.listTurns(doc.id), doc.participantId, cmd.start);
      await tx.insertSegments([
        {
          id,
          documentId: doc.id,
          codeId: code.id,
          coderId: coder.id,
          start: cmd.start,
          end: cmd.end,
          text: doc.text.slice(cmd.start, cmd.end),
          ...place,
          keyQuote: cmd.keyQuote ?? false,
          anchored: true,
          createdAt: ctx.now(),
        },
      ]);
      return { result: { id } as { id: string }, affected: [id, doc.id, code.id] };
    },
  ),

  'segment.delete': defineCommand(commandSchema('segment.delete', { id }), async (ctx, cmd) => {
    const s = await ctx.tx.getSegment(cmd.id);
    if (!s) throw notFound('segment', 'id', cmd.id);
    const memos = await deleteMemosOn(ctx, 'segment', [s.id]);
    await ctx.tx.deleteSegments([s.id]);
    return { result: {} as Empty, affected: [s.id, ...memos] };
  }),

  'segment.setKeyQuote': defineCommand(commandSchema('segment.setKeyQuote', { id, keyQuote: z.boolean() }), async (ctx, cmd) => {
    const s = await ctx.tx.getSegment(cmd.id);
    if (!s) throw notFound('segment', 'id', cmd.id);
    await ctx.tx.updateSegment(s.id, { keyQuote: cmd.keyQuote });
    return { result: {} as Empty, affected: [s.id] };
  }),
};
