import { z } from 'zod';
import { StaffwellError } from '../../errors.ts';
import { diffOffsetMap, reanchor } from '../reanchor.ts';
import type { VariableValue } from '../snapshot.ts';
import type { TurnRow } from '../store/qual-store.ts';
import { deleteMemosOn, ensureParticipant, ensureSite, notFound, variableIdsByName } from './checks.ts';
import { defineCommand } from './define.ts';
import { attributes, commandSchema, id, offset } from './schema-parts.ts';

const documentImport = commandSchema('document.import', {
  document: z.strictObject({
    id: id.optional(),
    name: z.string().min(1),
    /** Canonical pseudonymised text. */
    text: z.string(),
    format: z.string(),
    participantId: z.string().nullable().optional(),
    site: z.string().nullable().optional(),
    interviewDate: z.string().nullable().optional(),
    description: z.string().optional(),
    attributes: attributes.optional(),
  }),
  turns: z.array(
    z.strictObject({
      speaker: z.string(),
      participantId: z.string().nullable(),
      start: offset,
      end: offset,
      startMs: z.number().nullable(),
      endMs: z.number().nullable(),
    }),
  ),
  /** Replacement spans in the pseudonymised text, with where they came from in the original (key file only). */
  redactions: z.array(
    z.strictObject({
      start: offset,
      end: offset,
      replacement: z.string(),
      category: z.string(),
      originalStart: offset,
      originalEnd: offset,
      original: z.string(),
    }),
  ),
  /** Goes to the key file. Required when the project has a key file attached. */
  key: z
    .strictObject({
      sourceFile: z.string(),
      originalText: z.string(),
      speakers: z.array(z.strictObject({ displayName: z.string(), participantId: z.string().nullable() })),
    })
    .optional(),
});

/** The input of `document.import` (what `importTranscript` builds). */
export type DocumentImportInput = Omit<z.infer<typeof documentImport>, 'type'>;

/** Commands on documents: import (project and key file in one transaction), text edits, delete. */
export const documentCommands = {
  'document.import': defineCommand(documentImport, async (ctx, cmd) => {
    const d = cmd.document;
    const tx = ctx.tx;
    if (await tx.getDocumentByName(d.name)) {
      throw new StaffwellError('conflict', 'a document with this name is already in the project', {
        field: 'document.name',
        value: d.name,
        hint: 'rename the file, or delete the earlier document first',
      });
    }
    if (tx.hasKey && !cmd.key) {
      throw new StaffwellError('invalid-option', 'an import into a project with a key file needs the key part (original text, speakers)', {
        field: 'key',
      });
    }
    cmd.turns.forEach((t, i) => {
      if (!(t.end >= t.start && t.end <= d.text.length)) {
        throw new StaffwellError('out-of-range', `a turn must lie inside the text (0 <= start <= end <= ${d.text.length})`, {
          field: `turns[${i}]`,
          value: `${t.start}-${t.end}`,
        });
      }
    });
    const affected: string[] = [];
    const id = d.id ?? ctx.newId();
    const siteId = await ensureSite(ctx, d.site, affected);
    const participantIds = new Set<string>();
    if (d.participantId) participantIds.add(d.participantId);
    for (const t of cmd.turns) if (t.participantId) participantIds.add(t.participantId);
    for (const p of participantIds) await ensureParticipant(ctx, p, siteId, affected);
    const position = await tx.nextDocumentPosition();
    const docAttrs = d.attributes ?? {};
    const varIds = await variableIdsByName(ctx, 'document', docAttrs, affected);
    const attrs: Record<string, VariableValue> = {};
    for (const [k, v] of Object.entries(docAttrs)) attrs[varIds.get(k)!] = v;
    await tx.insertDocument({
      id,
      name: d.name,
      text: d.text,
      participantId: d.participantId ?? null,
      siteId,
      format: d.format,
      interviewDate: d.interviewDate ?? null,
      position,
      description: d.description ?? '',
      createdAt: ctx.now(),
      createdBy: ctx.actor,
      length: d.text.length,
      attributes: attrs,
    });
    affected.push(id);
    ctx.fault?.('document.import:after-document');
    const turns: TurnRow[] = cmd.turns.map((t, idx) => ({ documentId: id, idx, ...t }));
    await tx.replaceTurns(id, turns);
    const redactionIds = cmd.redactions.map(() => ctx.newId());
    await tx.replaceRedactions(
      id,
      cmd.redactions.map((r, i) => ({ id: redactionIds[i], documentId: id, start: r.start, end: r.end, replacement: r.replacement, category: r.category })),
    );
    ctx.fault?.('document.import:after-project');
    if (cmd.key && tx.hasKey) {
      await tx.insertOriginal({
        documentId: id,
        sourceFile: cmd.key.sourceFile,
        originalText: cmd.key.originalText,
        importedAt: ctx.now(),
        spans: cmd.redactions.map((r, i) => ({
          redactionId: redactionIds[i],
          originalStart: r.originalStart,
          originalEnd: r.originalEnd,
          original: r.original,
        })),
      });
      ctx.fault?.('document.import:after-key-original');
      await tx.insertSpeakerKey(cmd.key.speakers.map((s) => ({ documentId: id, ...s })));
    }
    ctx.fault?.('document.import:after-key');
    const logged = {
      type: cmd.type,
      document: { id, name: d.name, format: d.format, participantId: d.participantId ?? null, site: d.site ?? null, length: d.text.length },
      turns: cmd.turns.length,
      redactions: cmd.redactions.map((r) => ({ start: r.start, end: r.end, replacement: r.replacement, category: r.category })),
    };
    return { result: { id } as { id: string }, affected, logged };
  }),

  'document.updateText': defineCommand(commandSchema('document.updateText', { documentId: id, text: z.string() }), async (ctx, cmd) => {
    const tx = ctx.tx;
    const doc = await tx.getDocument(cmd.documentId);
    if (!doc) throw notFound('document', 'documentId', cmd.documentId);
    const segs = await tx.listSegments({ documentIds: [doc.id], anchoredOnly: false });
    const placed = reanchor(doc.text, cmd.text, segs);
    const map = diffOffsetMap(doc.text, cmd.text);
    await tx.updateDocumentText(doc.id, cmd.text);
    const turns = (await tx.listTurns(doc.id)).map((t) => ({ ...t, start: map.map(t.start, 'start'), end: map.map(t.end, 'end') }));
    await tx.replaceTurns(doc.id, turns);
    const reds = (await tx.listRedactions(doc.id))
      .map((r) => ({ ...r, start: map.map(r.start, 'start'), end: map.map(r.end, 'end') }))
      .filter((r) => cmd.text.slice(r.start, r.end) === r.replacement);
    await tx.replaceRedactions(doc.id, reds);
    let moved = 0;
    const lost: string[] = [];
    for (let i = 0; i < segs.length; i++) {
      const p = placed[i];
      const s = segs[i];
      if (p === null) {
        lost.push(s.id);
        await tx.updateSegment(s.id, { anchored: false });
      } else {
        if (p.start !== s.start || p.end !== s.end) moved++;
        await tx.updateSegment(s.id, { start: p.start, end: p.end, anchored: true });
      }
    }
    return {
      result: { moved, lost },
      affected: [doc.id, ...segs.map((s) => s.id)],
      logged: { type: cmd.type, documentId: doc.id, length: cmd.text.length },
      sensitiveUndo: true,
    };
  }),

  'document.delete': defineCommand(commandSchema('document.delete', { documentId: id }), async (ctx, cmd) => {
    const tx = ctx.tx;
    const doc = await tx.getDocument(cmd.documentId);
    if (!doc) throw notFound('document', 'documentId', cmd.documentId);
    const segs = (await tx.listSegments({ documentIds: [doc.id], anchoredOnly: false, withText: false })).map((s) => s.id);
    const memos = [...(await deleteMemosOn(ctx, 'document', [doc.id])), ...(await deleteMemosOn(ctx, 'segment', segs))];
    await tx.deleteDocument(doc.id);
    if (tx.hasKey) await tx.deleteOriginal(doc.id);
    return { result: { segmentsDeleted: segs.length, memosDeleted: memos.length }, affected: [doc.id, ...segs, ...memos] };
  }),
};
