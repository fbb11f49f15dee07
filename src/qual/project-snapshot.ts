import type { QualSession } from './project.ts';
import type { ProjectSnapshot, SnapshotMemo, SnapshotModel, VariableValue } from './snapshot.ts';
import type { QualReader } from './store/qual-store.ts';
import { themeTree } from './themes.ts';

/**
 * The whole project as plain data (`ProjectSnapshot`): the pseudonymised layer only, never the key file. Used by
 * the REFI-QDA exporter. Participants carry participant attributes; documents carry document attributes (the
 * site as attribute `site`). Themes come in hierarchy order with their kind, description and linked codes, and the
 * grounded-theory model with its categories, properties, relationships and phases (when it has a category); memos
 * on any of them are memos of the snapshot.
 */
export async function exportSnapshot(store: QualReader): Promise<ProjectSnapshot> {
  const [codes, vars, participants, docs, segments, memos, coders, sites, turns, themes, themeCodes] = await Promise.all([
    store.listCodes(),
    store.listVariables(),
    store.listParticipants(),
    store.listDocuments(),
    store.listSegments(),
    store.listMemos(),
    store.listCoders(),
    store.listSites(),
    store.listTurns(),
    store.listThemes(),
    store.listThemeCodes(),
  ]);
  const model = await modelSnapshot(store);
  const siteName = new Map(sites.map((s) => [s.id, s.name]));
  const turnsOf = new Map<string, typeof turns>();
  for (const t of turns) (turnsOf.get(t.documentId) ?? turnsOf.set(t.documentId, []).get(t.documentId)!).push(t);
  const docsOf = new Map<string, string[]>();
  for (const d of docs) {
    const ps = new Set<string>();
    if (d.participantId) ps.add(d.participantId);
    for (const t of turnsOf.get(d.id) ?? []) if (t.participantId) ps.add(t.participantId);
    for (const p of ps) (docsOf.get(p) ?? docsOf.set(p, []).get(p)!).push(d.id);
  }
  const needsSiteVar = docs.some((d) => d.siteId !== null) || participants.some((p) => p.siteId !== null);
  const variables = vars.map((v) => ({ id: v.id, name: v.name, type: v.type, description: v.description || undefined }));
  const SITE_VAR = 'site';
  if (needsSiteVar && !variables.some((v) => v.id === SITE_VAR)) variables.push({ id: SITE_VAR, name: 'site', type: 'text', description: undefined });
  const docTexts = new Map<string, string>();
  for (const d of docs) docTexts.set(d.id, (await store.getDocument(d.id))!.text);
  return {
    name: (await store.getInfo('name')) ?? 'project',
    description: (await store.getInfo('description')) ?? undefined,
    users: coders.map((c) => ({ id: c.id, name: c.name })),
    codes: codes.map((c) => ({
      id: c.id,
      name: c.name,
      description: c.description || undefined,
      color: c.color ?? undefined,
      parentId: c.parentId,
      codable: c.codable,
    })),
    variables,
    participants: participants.map((p) => {
      const attributes: Record<string, VariableValue> = { ...p.attributes };
      if (p.siteId !== null) attributes[SITE_VAR] = siteName.get(p.siteId) ?? null;
      return { id: p.id, name: p.id, description: p.description || undefined, attributes, documentIds: docsOf.get(p.id) ?? [] };
    }),
    documents: docs.map((d) => {
      const attributes: Record<string, VariableValue> = { ...d.attributes };
      if (d.siteId !== null) attributes[SITE_VAR] = siteName.get(d.siteId) ?? null;
      return {
        id: d.id,
        name: d.name,
        text: docTexts.get(d.id)!,
        description: d.description || undefined,
        createdBy: d.createdBy || undefined,
        createdAt: d.createdAt,
        turns: (turnsOf.get(d.id) ?? []).map((t) => ({
          speaker: t.speaker,
          participantId: t.participantId,
          start: t.start,
          end: t.end,
          startMs: t.startMs,
          endMs: t.endMs,
        })),
        attributes,
      };
    }),
    segments: segments.map((s) => ({
      id: s.id,
      documentId: s.documentId,
      codeId: s.codeId,
      start: s.start,
      end: s.end,
      text: s.text,
      coderId: s.coderId,
      createdAt: s.createdAt,
    })),
    memos: memos.map((m) => ({ id: m.id, title: m.title, text: m.text, target: m.target, authorId: m.author || undefined, createdAt: m.createdAt })),
    themes: themeTree(themes).map(({ theme: t }) => ({
      id: t.id,
      name: t.name,
      kind: t.kind,
      description: t.description || undefined,
      parentId: t.parentId,
      codeIds: themeCodes.filter((l) => l.themeId === t.id).map((l) => l.codeId),
    })),
    ...(model ? { model } : {}),
  };
}

async function modelSnapshot(store: QualReader): Promise<SnapshotModel | undefined> {
  const [cats, props, rels, phases, links] = await Promise.all([
    store.listCategories(),
    store.listProperties(),
    store.listRelationships(),
    store.listPhases(),
    store.listCategoryCodes(),
  ]);
  if (cats.length === 0 && phases.length === 0) return undefined;
  return {
    categories: cats.map((c) => ({
      id: c.id,
      name: c.name,
      description: c.description || undefined,
      codeIds: links.filter((l) => l.categoryId === c.id).map((l) => l.codeId),
      properties: props
        .filter((p) => p.categoryId === c.id)
        .map((p) => ({ id: p.id, name: p.name, dimensionLow: p.dimensionLow, dimensionHigh: p.dimensionHigh, description: p.description || undefined })),
    })),
    relationships: rels.map((r) => ({ id: r.id, fromId: r.fromId, toId: r.toId, type: r.type, note: r.note || undefined })),
    phases: [...phases].sort((a, b) => a.position - b.position).map((p) => ({ id: p.id, name: p.name, categoryIds: p.categoryIds })),
  };
}

/**
 * Loads a snapshot into a project (through the `snapshot.import` command). The project must be empty: a REFI-QDA
 * or NVivo import becomes a new project. Ids from the snapshot are kept.
 */
export async function importSnapshot(session: QualSession, snapshot: ProjectSnapshot) {
  return session.apply({ type: 'snapshot.import', snapshot });
}

export { turnsFromLabels } from './turns.ts';
