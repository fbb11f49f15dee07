import { z } from 'zod';
import { StaffwellError } from '../../errors.ts';
import { mapOffset, pseudonymise, toReplacement, type PseudonymSpan } from '../pseudonymise.ts';
import { notFound } from './checks.ts';
import { defineCommand, type Empty } from './define.ts';
import { commandSchema, id } from './schema-parts.ts';

const replacementEntry = z.strictObject({ original: z.string(), replacement: z.string(), category: z.string().optional() });

/**
 * Commands on pseudonymisation: the replacement list (key file) and applying replacements to a document already
 * imported. Originals travel in these commands but are never logged: the audit log is in the project file.
 */
export const pseudonymisationCommands = {
  'document.pseudonymise': defineCommand(
    commandSchema('document.pseudonymise', { documentId: id, replacements: z.array(replacementEntry) }),
    async (ctx, cmd) => {
      const tx = ctx.tx;
      const doc = await tx.getDocument(cmd.documentId);
      if (!doc) throw notFound('document', 'documentId', cmd.documentId);
      const logged = { type: cmd.type, documentId: doc.id, replacements: cmd.replacements.map((r) => ({ replacement: r.replacement, category: r.category ?? '' })) };
      const p = pseudonymise(doc.text, cmd.replacements.map(toReplacement));
      if (p.spans.length === 0) return { result: { replaced: 0 }, affected: [], logged };
      const at = (o: number, bias: 'start' | 'end') => mapOffset(p.spans, o, 'toPseudonymised', bias);
      const old = await tx.listRedactions(doc.id);
      const original = tx.hasKey ? await tx.getOriginal(doc.id) : null;
      // earlier replacements as spans between this text and the original layer, to place the new ones in the original
      const originOf = new Map((original?.spans ?? []).map((s) => [s.redactionId, s]));
      const oldSpans: PseudonymSpan[] = old
        .filter((r) => originOf.has(r.id))
        .map((r) => {
          const o = originOf.get(r.id)!;
          return { start: r.start, end: r.end, originalStart: o.originalStart, originalEnd: o.originalEnd, original: o.original, replacement: r.replacement, category: 'other', entry: 0 };
        });
      const fresh = p.spans.map((s) => ({ ...s, id: ctx.newId() }));
      await tx.updateDocumentText(doc.id, p.text);
      await tx.replaceTurns(doc.id, (await tx.listTurns(doc.id)).map((t) => ({ ...t, start: at(t.start, 'start'), end: at(t.end, 'end') })));
      await tx.replaceRedactions(
        doc.id,
        [
          ...old.map((r) => ({ ...r, start: at(r.start, 'start'), end: at(r.end, 'end') })),
          ...fresh.map((s) => ({ id: s.id, documentId: doc.id, start: s.start, end: s.end, replacement: s.replacement, category: s.category })),
        ].sort((a, b) => a.start - b.start),
      );
      const segs = await tx.listSegments({ documentIds: [doc.id], anchoredOnly: false });
      for (const s of segs) {
        const start = at(s.start, 'start');
        const end = at(s.end, 'end');
        await tx.updateSegment(s.id, { start, end, text: p.text.slice(start, end) });
      }
      ctx.fault?.('document.pseudonymise:before-key');
      if (original) {
        await tx.insertOriginalSpans(
          doc.id,
          fresh.map((s) => ({
            redactionId: s.id,
            originalStart: mapOffset(oldSpans, s.originalStart, 'toOriginal', 'start'),
            originalEnd: mapOffset(oldSpans, s.originalEnd, 'toOriginal', 'end'),
            original: s.original,
          })),
        );
      }
      return { result: { replaced: p.spans.length }, affected: [doc.id, ...fresh.map((s) => s.id), ...segs.map((s) => s.id)], logged, sensitiveUndo: true };
    },
  ),

  /**
   * Applies replacements to every free text of the project beyond documents' texts (see `rewriteText`): names,
   * descriptions, memos, attribute values, and the audit log's payloads and undo data. Its own undo data (the
   * texts before) goes to the key file, so the original is nowhere in the project file afterwards.
   */
  'project.pseudonymise': defineCommand(
    commandSchema('project.pseudonymise', { replacements: z.array(replacementEntry) }),
    async (ctx, cmd) => {
      const replacements = cmd.replacements.map(toReplacement);
      const rows = replacements.length === 0 ? 0 : await ctx.tx.rewriteText((s) => pseudonymise(s, replacements).text);
      const logged = { type: cmd.type, replacements: cmd.replacements.map((r) => ({ replacement: r.replacement, category: r.category ?? '' })) };
      return { result: { rows }, affected: [], logged, sensitiveUndo: true };
    },
  ),

  'replacement.add': defineCommand(commandSchema('replacement.add', replacementEntry.shape), async (ctx, cmd) => {
    if (cmd.original.trim().length < 2) {
      throw new StaffwellError('invalid-option', 'an original to replace must have at least 2 characters', { field: 'original' });
    }
    if (cmd.replacement.trim() === '') {
      throw new StaffwellError('invalid-option', 'the replacement cannot be empty', {
        field: 'replacement',
        hint: 'use a bracketed descriptor such as [colleague 1] or [Ward A]',
      });
    }
    await ctx.tx.upsertReplacement({ original: cmd.original, replacement: cmd.replacement, category: cmd.category ?? '', addedAt: ctx.now() });
    return { result: {} as Empty, affected: [], logged: { type: cmd.type, replacement: cmd.replacement, category: cmd.category ?? '' } };
  }),

  'replacement.remove': defineCommand(commandSchema('replacement.remove', { original: z.string() }), async (ctx, cmd) => {
    await ctx.tx.deleteReplacement(cmd.original);
    return { result: {} as Empty, affected: [], logged: { type: cmd.type } };
  }),
};
