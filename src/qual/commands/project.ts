import { z } from 'zod';
import { StaffwellError } from '../../errors.ts';
import type { ProjectSnapshot, VariableValue } from '../snapshot.ts';
import type { SegmentRow, TurnRow } from '../store/qual-store.ts';
import { placeInTurn, turnsFromLabels } from '../turns.ts';
import { defineCommand, type Empty, type HandlerContext } from './define.ts';
import { attributes, commandSchema, id, offset, themeKind, variableType } from './schema-parts.ts';

const optionalText = z.string().optional();

/** `ProjectSnapshot` as a schema (what REFI-QDA import produces; `snapshot.ts` holds the type). */
const snapshotSchema = z.strictObject({
  name: z.string(),
  description: optionalText,
  users: z.array(z.strictObject({ id, name: z.string() })),
  codes: z.array(
    z.strictObject({ id, name: z.string(), description: optionalText, color: optionalText, parentId: id.nullable().optional(), codable: z.boolean().optional() }),
  ),
  variables: z.array(z.strictObject({ id, name: z.string(), type: variableType, description: optionalText })),
  participants: z.array(
    z.strictObject({ id, name: z.string(), description: optionalText, attributes, documentIds: z.array(z.string()) }),
  ),
  documents: z.array(
    z.strictObject({
      id,
      name: z.string(),
      text: z.string(),
      description: optionalText,
      createdBy: optionalText,
      createdAt: optionalText,
      turns: z
        .array(
          z.strictObject({
            speaker: z.string(),
            participantId: z.string().nullable().optional(),
            start: offset,
            end: offset,
            startMs: z.number().nullable().optional(),
            endMs: z.number().nullable().optional(),
          }),
        )
        .optional(),
      attributes: attributes.optional(),
    }),
  ),
  segments: z.array(
    z.strictObject({ id, documentId: id, codeId: id, start: offset, end: offset, text: z.string(), coderId: id, createdAt: optionalText }),
  ),
  memos: z.array(
    z.strictObject({
      id,
      title: z.string(),
      text: z.string(),
      target: z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('project') }),
        ...(['code', 'document', 'segment', 'participant', 'theme', 'category'] as const).map((kind) => z.strictObject({ kind: z.literal(kind), id })),
      ]),
      authorId: optionalText,
      createdAt: optionalText,
    }),
  ),
  themes: z
    .array(z.strictObject({ id, name: z.string(), kind: themeKind.optional(), description: optionalText, parentId: id.nullable().optional(), codeIds: z.array(id) }))
    .optional(),
  model: z
    .strictObject({
      categories: z.array(
        z.strictObject({
          id,
          name: z.string(),
          description: optionalText,
          codeIds: z.array(id),
          properties: z.array(z.strictObject({ id, name: z.string(), dimensionLow: z.string(), dimensionHigh: z.string(), description: optionalText })),
        }),
      ),
      relationships: z.array(z.strictObject({ id, fromId: id, toId: id, type: z.string(), note: optionalText })),
      phases: z.array(z.strictObject({ id, name: z.string(), categoryIds: z.array(id) })),
    })
    .optional(),
}) satisfies z.ZodType<ProjectSnapshot>;

/** Commands on the project as a whole: its name, and loading a whole snapshot (REFI-QDA import) into an empty project. */
export const projectCommands = {
  'project.rename': defineCommand(commandSchema('project.rename', { name: z.string(), description: optionalText }), async (ctx, cmd) => {
    await ctx.tx.setInfo('name', cmd.name);
    if (cmd.description !== undefined) await ctx.tx.setInfo('description', cmd.description);
    return { result: {} as Empty, affected: [] };
  }),

  'snapshot.import': defineCommand(commandSchema('snapshot.import', { snapshot: snapshotSchema }), async (ctx, cmd) => {
    const counts = await importSnapshotRows(ctx, cmd.snapshot);
    return { result: counts, affected: [], logged: { type: cmd.type, name: cmd.snapshot.name, ...counts } };
  }),
};

/** The rows of a snapshot, written into an empty project. Ids from the snapshot are kept. */
async function importSnapshotRows(
  ctx: HandlerContext,
  snap: ProjectSnapshot,
): Promise<{ documents: number; codes: number; segments: number; themes: number; categories: number }> {
  const tx = ctx.tx;
  if ((await tx.nextDocumentPosition()) > 0 || (await tx.listChildCodes(null)).length > 0) {
    throw new StaffwellError('conflict', 'a snapshot can only be imported into an empty project', {
      hint: 'create a new project (staffwell qual init) and import into it',
    });
  }
  await tx.setInfo('name', snap.name);
  if (snap.description) await tx.setInfo('description', snap.description);
  const coderName = new Map(snap.users.map((u) => [u.id, u.name]));
  const coderIds = new Map<string, string>();
  const coderOf = async (id: string) => {
    let c = coderIds.get(id);
    if (!c) {
      const name = coderName.get(id) ?? id;
      c = (await tx.getCoderByName(name))?.id;
      if (!c) await tx.insertCoder({ id: (c = id), name });
      coderIds.set(id, c);
    }
    return c;
  };
  // site: the conventional `site` attribute becomes a site; other variables stay variables.
  const siteVar = snap.variables.find((v) => v.id === 'site' || v.name.toLowerCase() === 'site');
  const siteIds = new Map<string, string>();
  const siteOf = async (name: VariableValue | undefined) => {
    if (name === null || name === undefined || name === '') return null;
    const key = String(name);
    let id = siteIds.get(key);
    if (!id) {
      id = ctx.newId();
      await tx.insertSite({ id, name: key, description: '' });
      siteIds.set(key, id);
    }
    return id;
  };
  // Participants keep their name as id when names are short unique codes (P01); REFI gives them GUIDs.
  const names = snap.participants.map((p) => p.name);
  const useNames = new Set(names).size === names.length && names.every((n) => /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/.test(n));
  const pid = new Map(snap.participants.map((p) => [p.id, useNames ? p.name : p.id]));
  const participantVarIds = new Set<string>();
  const documentVarIds = new Set<string>();
  for (const p of snap.participants) for (const k of Object.keys(p.attributes)) participantVarIds.add(k);
  for (const d of snap.documents) for (const k of Object.keys(d.attributes ?? {})) documentVarIds.add(k);
  for (const v of snap.variables) {
    if (v === siteVar) continue;
    const scope = participantVarIds.has(v.id) || !documentVarIds.has(v.id) ? 'participant' : 'document';
    await tx.insertVariable({ id: v.id, name: v.name, type: v.type, scope, description: v.description ?? '' });
  }
  for (const p of snap.participants) {
    const id = pid.get(p.id)!;
    await tx.insertParticipant({ id, siteId: siteVar ? await siteOf(p.attributes[siteVar.id]) : null, description: p.description ?? '' });
    for (const [k, v] of Object.entries(p.attributes)) if (k !== siteVar?.id) await tx.setParticipantValue(id, k, v);
  }
  // parents before children
  const pending = [...snap.codes];
  const placed = new Set<string>();
  const siblings = new Map<string | null, number>();
  while (pending.length > 0) {
    const i = pending.findIndex((c) => !c.parentId || placed.has(c.parentId));
    if (i < 0) throw new StaffwellError('format', 'the codes form a cycle or name a missing parent', { field: 'codes', value: pending[0].id });
    const c = pending.splice(i, 1)[0];
    await tx.insertCode({
      id: c.id,
      name: c.name,
      parentId: c.parentId ?? null,
      description: c.description ?? '',
      color: c.color ?? null,
      codable: c.codable ?? true,
      position: siblings.get(c.parentId ?? null) ?? 0,
      createdAt: ctx.now(),
    });
    siblings.set(c.parentId ?? null, (siblings.get(c.parentId ?? null) ?? 0) + 1);
    placed.add(c.id);
  }
  const knownParticipants = new Set(pid.values());
  const ownerOf = new Map<string, string>();
  const speakersOf = new Map<string, string[]>();
  for (const p of snap.participants) {
    for (const d of p.documentIds) {
      if (!ownerOf.has(d)) ownerOf.set(d, pid.get(p.id)!);
      (speakersOf.get(d) ?? speakersOf.set(d, []).get(d)!).push(pid.get(p.id)!);
    }
  }
  const docPlaces = new Map<string, { turns: TurnRow[]; participantId: string | null }>();
  let pos = 0;
  for (const d of snap.documents) {
    const attrs: Record<string, VariableValue> = {};
    for (const [k, v] of Object.entries(d.attributes ?? {})) if (k !== siteVar?.id) attrs[k] = v;
    const participantId = (speakersOf.get(d.id)?.length ?? 0) > 1 ? null : (ownerOf.get(d.id) ?? null);
    await tx.insertDocument({
      id: d.id,
      name: d.name,
      text: d.text,
      participantId,
      siteId: siteVar ? await siteOf(d.attributes?.[siteVar.id]) : null,
      format: 'snapshot',
      interviewDate: null,
      position: pos++,
      description: d.description ?? '',
      createdAt: d.createdAt ?? ctx.now(),
      createdBy: d.createdBy ?? '',
      length: d.text.length,
      attributes: attrs,
    });
    const turns = d.turns && d.turns.length > 0 ? d.turns : turnsFromLabels(d.text, knownParticipants);
    const rows: TurnRow[] = turns.map((t, idx) => ({
      documentId: d.id,
      idx,
      speaker: t.speaker,
      participantId: t.participantId ? (knownParticipants.has(t.participantId) ? t.participantId : (pid.get(t.participantId) ?? null)) : null,
      start: t.start,
      end: t.end,
      startMs: t.startMs ?? null,
      endMs: t.endMs ?? null,
    }));
    await tx.replaceTurns(d.id, rows);
    docPlaces.set(d.id, { turns: rows, participantId });
  }
  const segs: SegmentRow[] = [];
  for (const s of snap.segments) {
    const doc = docPlaces.get(s.documentId);
    segs.push({
      id: s.id,
      documentId: s.documentId,
      codeId: s.codeId,
      coderId: await coderOf(s.coderId),
      start: s.start,
      end: s.end,
      text: s.text,
      ...(doc ? placeInTurn(doc.turns, doc.participantId, s.start) : { participantId: null, turnIdx: null }),
      keyQuote: false,
      anchored: true,
      createdAt: s.createdAt ?? ctx.now(),
    });
  }
  await tx.insertSegments(segs);
  await importThemes(ctx, snap);
  await importModel(ctx, snap);
  for (const m of snap.memos) {
    const at = m.createdAt ?? ctx.now();
    await tx.insertMemo({ id: m.id, target: m.target, title: m.title, text: m.text, author: m.authorId ?? '', createdAt: at, updatedAt: at });
  }
  return { documents: snap.documents.length, codes: snap.codes.length, segments: snap.segments.length, themes: snap.themes?.length ?? 0, categories: snap.model?.categories.length ?? 0 };
}

/**
 * The snapshot's themes, parents before children, each at the next position among its siblings (the snapshot's
 * order is the themes' order), with its links to codes. A theme whose parent or code is not in the snapshot, two
 * themes with one name at one level, or a cycle, is an error naming the theme.
 */
async function importThemes(ctx: HandlerContext, snap: ProjectSnapshot): Promise<void> {
  const themes = snap.themes ?? [];
  const codeIds = new Set(snap.codes.map((c) => c.id));
  const byId = new Map(themes.map((t) => [t.id, t]));
  const kindOf = new Map<string, string>();
  const names = new Set<string>();
  const next = new Map<string | null, number>();
  const pending = [...themes];
  while (pending.length > 0) {
    const i = pending.findIndex((t) => !t.parentId || kindOf.has(t.parentId));
    if (i < 0) {
      const t = pending[0];
      const problem = t.parentId && !byId.has(t.parentId) ? 'names a parent theme that is not in the snapshot' : 'is part of a cycle of parent themes';
      throw new StaffwellError('format', `theme "${t.name}" ${problem}`, { field: 'themes', value: t.parentId ?? t.id });
    }
    const t = pending.splice(i, 1)[0];
    const parentId = t.parentId ?? null;
    const nameKey = `${parentId ?? ''}\u0000${t.name}`;
    if (t.name.trim() === '' || names.has(nameKey)) {
      throw new StaffwellError('format', t.name.trim() === '' ? 'a theme has an empty name' : `two themes at one level are named "${t.name}"`, { field: 'themes', value: t.name });
    }
    names.add(nameKey);
    const kind = t.kind ?? (parentId === null || kindOf.get(parentId) === 'superordinate' ? 'theme' : 'subtheme');
    const position = next.get(parentId) ?? 0;
    next.set(parentId, position + 1);
    await ctx.tx.insertTheme({ id: t.id, name: t.name, kind, parentId, description: t.description ?? '', position });
    kindOf.set(t.id, kind);
    for (const c of t.codeIds) {
      if (!codeIds.has(c)) throw new StaffwellError('format', `theme "${t.name}" links a code that is not in the snapshot`, { field: 'themes', value: c });
      await ctx.tx.linkThemeCode(t.id, c);
    }
  }
}

/** The snapshot's grounded-theory model; a name used twice or a reference to something not in it is an error. */
async function importModel(ctx: HandlerContext, snap: ProjectSnapshot): Promise<void> {
  const model = snap.model;
  if (!model) return;
  const codeIds = new Set(snap.codes.map((c) => c.id));
  const categoryIds = new Set<string>();
  const names = new Set<string>();
  const refuse = (problem: string, value: string) => new StaffwellError('format', problem, { field: 'model', value });
  for (const c of model.categories) {
    if (names.has(c.name)) throw refuse(`two categories are named "${c.name}"`, c.name);
    names.add(c.name);
    categoryIds.add(c.id);
    await ctx.tx.insertCategory({ id: c.id, name: c.name, description: c.description ?? '' });
    for (const code of c.codeIds) {
      if (!codeIds.has(code)) throw refuse(`category "${c.name}" links a code that is not in the snapshot`, code);
      await ctx.tx.linkCategoryCode(c.id, code);
    }
    for (const p of c.properties) {
      await ctx.tx.insertProperty({ id: p.id, categoryId: c.id, name: p.name, dimensionLow: p.dimensionLow, dimensionHigh: p.dimensionHigh, description: p.description ?? '' });
    }
  }
  for (const r of model.relationships) {
    for (const end of [r.fromId, r.toId]) if (!categoryIds.has(end)) throw refuse(`relationship "${r.type}" joins a category that is not in the snapshot`, end);
    await ctx.tx.insertRelationship({ id: r.id, fromId: r.fromId, toId: r.toId, type: r.type, note: r.note ?? '' });
  }
  const phaseNames = new Set<string>();
  for (const [position, p] of model.phases.entries()) {
    if (phaseNames.has(p.name)) throw refuse(`two phases are named "${p.name}"`, p.name);
    phaseNames.add(p.name);
    await ctx.tx.insertPhase({ id: p.id, name: p.name, position });
    for (const [i, c] of p.categoryIds.entries()) {
      if (!categoryIds.has(c)) throw refuse(`phase "${p.name}" names a category that is not in the snapshot`, c);
      await ctx.tx.setPhaseCategory(p.id, c, i);
    }
  }
}
