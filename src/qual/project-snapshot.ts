import { StaffwellError } from '../errors.ts';
import type { ProjectContext } from './project.ts';
import type { QualProject } from './project.ts';
import type { ProjectSnapshot, SnapshotMemo, VariableValue } from './snapshot.ts';
import type { QualStore } from './store/qual-store.ts';

/**
 * The whole project as plain data (`ProjectSnapshot`): the pseudonymised layer only, never the key file. Used by
 * the REFI-QDA exporter. Participants carry participant attributes; documents carry document attributes (the
 * site as attribute `site`). Themes and grounded-theory models have no place in the snapshot (nor in REFI-QDA).
 */
export async function exportSnapshot(store: QualStore): Promise<ProjectSnapshot> {
  const [codes, vars, participants, docs, segments, memos, coders, sites, turns] = await Promise.all([
    store.listCodes(),
    store.listVariables(),
    store.listParticipants(),
    store.listDocuments(),
    store.listSegments(),
    store.listMemos(),
    store.listCoders(),
    store.listSites(),
    store.listTurns(),
  ]);
  const siteName = new Map(sites.map((s) => [s.id, s.name]));
  const docsOf = new Map<string, string[]>();
  for (const d of docs) {
    const ps = new Set<string>();
    if (d.participantId) ps.add(d.participantId);
    for (const t of turns) if (t.documentId === d.id && t.participantId) ps.add(t.participantId);
    for (const p of ps) (docsOf.get(p) ?? docsOf.set(p, []).get(p)!).push(d.id);
  }
  const turnsOf = new Map<string, typeof turns>();
  for (const t of turns) (turnsOf.get(t.documentId) ?? turnsOf.set(t.documentId, []).get(t.documentId)!).push(t);
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
    memos: memos
      .filter((m): m is typeof m & { target: SnapshotMemo['target'] } => m.target.kind !== 'theme' && m.target.kind !== 'category')
      .map((m) => ({ id: m.id, title: m.title, text: m.text, target: m.target, authorId: m.author || undefined, createdAt: m.createdAt })),
  };
}

/**
 * Loads a snapshot into a project (through the `snapshot.import` command). The project must be empty: a REFI-QDA
 * or NVivo import becomes a new project. Ids from the snapshot are kept.
 */
export async function importSnapshot(project: QualProject, snapshot: ProjectSnapshot) {
  return project.apply({ type: 'snapshot.import', snapshot });
}

/** The rows of `snapshot.import`, run inside its transaction. */
export async function importSnapshotRows(ctx: ProjectContext, snap: ProjectSnapshot): Promise<{ documents: number; codes: number; segments: number }> {
  const store = ctx.store;
  if ((await store.listDocuments()).length > 0 || (await store.listCodes()).length > 0) {
    throw new StaffwellError('conflict', 'a snapshot can only be imported into an empty project', {
      hint: 'create a new project (staffwell qual init) and import into it',
    });
  }
  await store.setInfo('name', snap.name);
  if (snap.description) await store.setInfo('description', snap.description);
  const coderName = new Map(snap.users.map((u) => [u.id, u.name]));
  const coderIds = new Map<string, string>();
  const coderOf = async (id: string) => {
    let c = coderIds.get(id);
    if (!c) {
      c = await store.ensureCoder(coderName.get(id) ?? id, () => id);
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
      await store.insertSite({ id, name: key, description: '' });
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
    if (participantVarIds.has(v.id) || !documentVarIds.has(v.id)) {
      await store.insertVariable({ id: v.id, name: v.name, type: v.type, scope: 'participant', description: v.description ?? '' });
    } else {
      await store.insertVariable({ id: v.id, name: v.name, type: v.type, scope: 'document', description: v.description ?? '' });
    }
  }
  for (const p of snap.participants) {
    const id = pid.get(p.id)!;
    await store.upsertParticipant({ id, siteId: siteVar ? await siteOf(p.attributes[siteVar.id]) : null, description: p.description ?? '' });
    for (const [k, v] of Object.entries(p.attributes)) if (k !== siteVar?.id) await store.setParticipantValue(id, k, v);
  }
  // parents before children
  const pending = [...snap.codes];
  const placed = new Set<string>();
  const siblings = new Map<string | null, number>();
  while (pending.length > 0) {
    const i = pending.findIndex((c) => !c.parentId || placed.has(c.parentId));
    if (i < 0) throw new StaffwellError('format', 'the codes form a cycle or name a missing parent', { field: 'codes', value: pending[0].id });
    const c = pending.splice(i, 1)[0];
    await store.insertCode({
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
  let pos = 0;
  for (const d of snap.documents) {
    const attributes: Record<string, VariableValue> = {};
    for (const [k, v] of Object.entries(d.attributes ?? {})) if (k !== siteVar?.id) attributes[k] = v;
    await store.insertDocument({
      id: d.id,
      name: d.name,
      text: d.text,
      participantId: (speakersOf.get(d.id)?.length ?? 0) > 1 ? null : (ownerOf.get(d.id) ?? null),
      siteId: siteVar ? await siteOf(d.attributes?.[siteVar.id]) : null,
      format: 'snapshot',
      interviewDate: null,
      position: pos++,
      description: d.description ?? '',
      createdAt: d.createdAt ?? ctx.now(),
      createdBy: d.createdBy ?? '',
      length: d.text.length,
      attributes,
    });
    const turns = d.turns && d.turns.length > 0 ? d.turns : turnsFromLabels(d.text, knownParticipants);
    await store.replaceTurns(
      d.id,
      turns.map((t, idx) => ({
        documentId: d.id,
        idx,
        speaker: t.speaker,
        participantId: t.participantId ? (knownParticipants.has(t.participantId) ? t.participantId : (pid.get(t.participantId) ?? null)) : null,
        start: t.start,
        end: t.end,
        startMs: t.startMs ?? null,
        endMs: t.endMs ?? null,
      })),
    );
  }
  const segs = [];
  for (const s of snap.segments) {
    segs.push({
      id: s.id,
      documentId: s.documentId,
      codeId: s.codeId,
      coderId: await coderOf(s.coderId),
      start: s.start,
      end: s.end,
      text: s.text,
      participantId: null,
      turnIdx: null,
      keyQuote: false,
      anchored: true,
      createdAt: s.createdAt ?? ctx.now(),
    });
  }
  await store.insertSegments(segs);
  for (const m of snap.memos) {
    const at = m.createdAt ?? ctx.now();
    await store.insertMemo({ id: m.id, target: m.target, title: m.title, text: m.text, author: m.authorId ?? '', createdAt: at, updatedAt: at });
  }
  return { documents: snap.documents.length, codes: snap.codes.length, segments: snap.segments.length };
}

/**
 * Rebuilds speaker turns from a canonical text whose paragraphs start with `Label: ` (how Staffwell renders
 * transcripts; REFI-QDA keeps no turns): a paragraph whose label is a known participant id or `Interviewer`
 * starts a turn that runs to the end of the paragraph. Empty when no paragraph is labelled.
 */
export function turnsFromLabels(text: string, participants: ReadonlySet<string>): { speaker: string; participantId: string | null; start: number; end: number; startMs: null; endMs: null }[] {
  const out: { speaker: string; participantId: string | null; start: number; end: number; startMs: null; endMs: null }[] = [];
  const re = /(^|\n\n)([^\n:]{1,40}): /g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const label = m[2];
    if (!participants.has(label) && label !== 'Interviewer') continue;
    const start = m.index + m[1].length + label.length + 2;
    const next = text.indexOf('\n\n', start);
    out.push({ speaker: label, participantId: participants.has(label) ? label : null, start, end: next < 0 ? text.length : next, startMs: null, endMs: null });
  }
  return out;
}
