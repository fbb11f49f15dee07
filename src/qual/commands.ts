import { StaffwellError } from '../errors.ts';
import type { ProjectContext } from './project.ts';
import { diffOffsetMap, reanchor } from './reanchor.ts';
import { withDescendants } from './lookup.ts';
import { toReplacement } from './import-transcript.ts';
import { mapOffset, pseudonymise, type PseudonymSpan } from './pseudonymise.ts';
import type { ProjectSnapshot, VariableType, VariableValue } from './snapshot.ts';
import type { CodeRow, StoredMemoTarget, ThemeKind, TurnRow, VariableScope } from './store/qual-store.ts';

/**
 * Every write to a project is one of these typed commands, applied through `applyCommand` (or
 * `QualProject.apply`): validated, run in one transaction, and recorded in the audit log (who, when, type, the
 * payload as logged, the ids it affected). The browser workspace sends the same commands.
 *
 * Key-file content (original text, original names, display names) travels in a command but is never logged: the
 * audit log is in the project file, which is shared without the key.
 */
export interface CommandMap {
  'project.rename': { input: { name: string; description?: string }; result: Record<string, never> };
  'site.create': { input: { id?: string; name: string; description?: string }; result: { id: string } };
  'variable.create': {
    input: { id?: string; name: string; valueType: VariableType; scope: VariableScope; description?: string };
    result: { id: string };
  };
  'participant.upsert': {
    input: { id: string; site?: string | null; description?: string; attributes?: Record<string, VariableValue> };
    result: { id: string; created: boolean };
  };
  'participant.import': {
    input: {
      variables: { name: string; type: VariableType }[];
      rows: { id: string; site?: string | null; attributes: Record<string, VariableValue> }[];
      /** Display names for the key file (never stored in the project). */
      names?: Record<string, string>;
    };
    result: { created: number; updated: number; variables: string[] };
  };
  'case.create': { input: { name: string; participantIds: string[]; description?: string }; result: { id: string } };
  'document.import': { input: DocumentImportInput; result: { id: string } };
  'document.updateText': {
    input: { documentId: string; text: string };
    result: { moved: number; lost: string[] };
  };
  'document.pseudonymise': {
    input: { documentId: string; replacements: { original: string; replacement: string; category?: string }[] };
    result: { replaced: number };
  };
  'document.delete': { input: { documentId: string }; result: Record<string, never> };
  'replacement.add': {
    input: { original: string; replacement: string; category?: string };
    result: Record<string, never>;
  };
  'replacement.remove': { input: { original: string }; result: Record<string, never> };
  'code.create': {
    input: { id?: string; name: string; parentId?: string | null; description?: string; color?: string | null; codable?: boolean };
    result: { id: string };
  };
  'code.update': {
    input: { id: string; name?: string; description?: string; color?: string | null; codable?: boolean };
    result: Record<string, never>;
  };
  'code.move': { input: { id: string; parentId: string | null }; result: Record<string, never> };
  'code.delete': { input: { id: string }; result: { segmentsDeleted: number } };
  'code.merge': { input: { sourceIds: string[]; targetId: string }; result: { moved: number; collapsed: number } };
  'code.split': {
    input: { codeId: string; segmentIds: string[]; name: string; parentId?: string | null; description?: string };
    result: { id: string; moved: number };
  };
  'segment.create': {
    input: { id?: string; documentId: string; codeId: string; start: number; end: number; coder: string; keyQuote?: boolean };
    result: { id: string };
  };
  'segment.delete': { input: { id: string }; result: Record<string, never> };
  'segment.setKeyQuote': { input: { id: string; keyQuote: boolean }; result: Record<string, never> };
  'memo.create': {
    input: { id?: string; target: StoredMemoTarget; title?: string; text: string; author?: string };
    result: { id: string };
  };
  'memo.update': { input: { id: string; title?: string; text?: string }; result: Record<string, never> };
  'memo.delete': { input: { id: string }; result: Record<string, never> };
  'theme.create': {
    input: { id?: string; name: string; kind?: ThemeKind; parentId?: string | null; description?: string; codeIds?: string[] };
    result: { id: string };
  };
  'theme.update': {
    input: { id: string; name?: string; kind?: ThemeKind; parentId?: string | null; description?: string };
    result: Record<string, never>;
  };
  'theme.delete': { input: { id: string }; result: Record<string, never> };
  'theme.linkCodes': { input: { themeId: string; codeIds: string[] }; result: Record<string, never> };
  'theme.unlinkCodes': { input: { themeId: string; codeIds: string[] }; result: Record<string, never> };
  'category.create': {
    input: { id?: string; name: string; description?: string; codeIds?: string[] };
    result: { id: string };
  };
  'category.addProperty': {
    input: { categoryId: string; name: string; dimensionLow?: string; dimensionHigh?: string; description?: string };
    result: { id: string };
  };
  'relationship.create': {
    /** `relation`: the relationship's type, e.g. 'leads to', 'influences'. */
    input: { fromId: string; toId: string; relation: string; note?: string };
    result: { id: string };
  };
  'relationship.delete': { input: { id: string }; result: Record<string, never> };
  'phase.create': {
    input: { name: string; position?: number; categoryIds?: string[] };
    result: { id: string };
  };
  'phase.setCategories': { input: { phaseId: string; categoryIds: string[] }; result: Record<string, never> };
  'snapshot.import': { input: { snapshot: ProjectSnapshot }; result: { documents: number; codes: number; segments: number } };
  'batch': { input: { commands: Command[] }; result: { results: unknown[] } };
}

export type CommandType = keyof CommandMap;
export type Command = { [K in CommandType]: { type: K } & CommandMap[K]['input'] }[CommandType];
export type CommandOf<K extends CommandType> = Extract<Command, { type: K }>;
export type CommandResult<K extends CommandType> = CommandMap[K]['result'];

export interface DocumentImportInput {
  document: {
    id?: string;
    name: string;
    /** Canonical pseudonymised text. */
    text: string;
    format: string;
    participantId?: string | null;
    site?: string | null;
    interviewDate?: string | null;
    description?: string;
    attributes?: Record<string, VariableValue>;
  };
  turns: { speaker: string; participantId: string | null; start: number; end: number; startMs: number | null; endMs: number | null }[];
  /** Replacement spans in the pseudonymised text, with where they came from in the original (key file only). */
  redactions: {
    start: number;
    end: number;
    replacement: string;
    category: string;
    originalStart: number;
    originalEnd: number;
    original: string;
  }[];
  /** Goes to the key file. Required when the project has a key file attached. */
  key?: {
    sourceFile: string;
    originalText: string;
    speakers: { displayName: string; participantId: string | null }[];
  };
}

interface Outcome<R> {
  result: R;
  affected: string[];
  /** The payload as recorded in the audit log (defaults to the command). */
  logged?: unknown;
}

type Handler<K extends CommandType> = (ctx: ProjectContext, cmd: CommandOf<K>) => Promise<Outcome<CommandResult<K>>>;

/** Applies one command in one transaction and records it in the audit log. */
export async function applyCommand<C extends Command>(ctx: ProjectContext, cmd: C): Promise<CommandResult<C['type']>> {
  const handler = HANDLERS[cmd.type] as Handler<C['type']> | undefined;
  if (!handler) {
    throw new StaffwellError('unsupported', 'unknown command type', {
      field: 'type',
      value: (cmd as { type: unknown }).type,
      hint: `use one of: ${Object.keys(HANDLERS).join(', ')}`,
    });
  }
  return ctx.store.transaction(async () => {
    const out = await handler(ctx, cmd as unknown as CommandOf<C['type']>);
    ctx.fault?.(`${cmd.type}:before-log`);
    await ctx.store.recordCommand({
      id: ctx.newId(),
      at: ctx.now(),
      actor: ctx.actor,
      type: cmd.type,
      payload: out.logged ?? cmd,
      affected: out.affected,
    });
    return out.result;
  });
}

// ---- helpers

function notFound(what: string, field: string, value: unknown, hint?: string): StaffwellError {
  return new StaffwellError('not-found', `no ${what} with this id`, { field, value, hint: hint ?? `list the ${what}s and use an existing id` });
}

async function requireCode(ctx: ProjectContext, id: string, field = 'codeId'): Promise<CodeRow> {
  const c = (await ctx.store.listCodes()).find((x) => x.id === id);
  if (!c) throw notFound('code', field, id);
  return c;
}

async function checkSiblingName(ctx: ProjectContext, name: string, parentId: string | null, selfId?: string): Promise<void> {
  if (name.trim() === '') {
    throw new StaffwellError('invalid-option', 'a code name cannot be empty', { field: 'name', hint: 'give the code a name' });
  }
  const clash = (await ctx.store.listCodes()).find((c) => c.parentId === parentId && c.name === name && c.id !== selfId);
  if (clash) {
    throw new StaffwellError('conflict', 'a code with this name already exists at this level', {
      field: 'name',
      value: name,
      hint: 'choose another name, or merge into the existing code',
    });
  }
}

async function ensureSite(ctx: ProjectContext, name: string | null | undefined, affected: string[]): Promise<string | null> {
  if (name === null || name === undefined || name === '') return null;
  const sites = await ctx.store.listSites();
  const found = sites.find((s) => s.name === name || s.id === name);
  if (found) return found.id;
  const id = ctx.newId();
  await ctx.store.insertSite({ id, name, description: '' });
  affected.push(id);
  return id;
}

function inferType(v: VariableValue): VariableType {
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'float';
  return 'text';
}

async function variableIdsByName(ctx: ProjectContext, scope: VariableScope, values: Record<string, VariableValue>, affected: string[]) {
  const vars = await ctx.store.listVariables(scope);
  const out = new Map<string, string>();
  for (const [name, value] of Object.entries(values)) {
    let v = vars.find((x) => x.name === name || x.id === name);
    if (!v) {
      v = { id: ctx.newId(), name, type: inferType(value), scope, description: '' };
      await ctx.store.insertVariable(v);
      vars.push(v);
      affected.push(v.id);
    }
    out.set(name, v.id);
  }
  return out;
}


async function ensureParticipant(ctx: ProjectContext, id: string, siteId: string | null, affected: string[]): Promise<void> {
  const exists = (await ctx.store.listParticipants()).find((p) => p.id === id);
  if (!exists) {
    await ctx.store.upsertParticipant({ id, siteId, description: '' });
    affected.push(id);
  } else if (exists.siteId === null && siteId !== null) {
    await ctx.store.upsertParticipant({ id, siteId, description: exists.description });
  }
}

// ---- handlers

const HANDLERS: { [K in CommandType]: Handler<K> } = {
  async 'project.rename'(ctx, cmd) {
    await ctx.store.setInfo('name', cmd.name);
    if (cmd.description !== undefined) await ctx.store.setInfo('description', cmd.description);
    return { result: {}, affected: [] };
  },

  async 'site.create'(ctx, cmd) {
    if ((await ctx.store.listSites()).some((s) => s.name === cmd.name)) {
      throw new StaffwellError('conflict', 'a site with this name already exists', { field: 'name', value: cmd.name });
    }
    const id = cmd.id ?? ctx.newId();
    await ctx.store.insertSite({ id, name: cmd.name, description: cmd.description ?? '' });
    return { result: { id }, affected: [id] };
  },

  async 'variable.create'(ctx, cmd) {
    if ((await ctx.store.listVariables(cmd.scope)).some((v) => v.name === cmd.name)) {
      throw new StaffwellError('conflict', 'a variable with this name already exists', { field: 'name', value: cmd.name });
    }
    const id = cmd.id ?? ctx.newId();
    await ctx.store.insertVariable({ id, name: cmd.name, type: cmd.valueType, scope: cmd.scope, description: cmd.description ?? '' });
    return { result: { id }, affected: [id] };
  },

  async 'participant.upsert'(ctx, cmd) {
    const affected: string[] = [cmd.id];
    const siteId = await ensureSite(ctx, cmd.site, affected);
    const existing = (await ctx.store.listParticipants()).find((p) => p.id === cmd.id);
    await ctx.store.upsertParticipant({ id: cmd.id, siteId, description: cmd.description ?? existing?.description ?? '' });
    const attrs = cmd.attributes ?? {};
    const ids = await variableIdsByName(ctx, 'participant', attrs, affected);
    for (const [name, value] of Object.entries(attrs)) await ctx.store.setParticipantValue(cmd.id, ids.get(name)!, value);
    return { result: { id: cmd.id, created: !existing }, affected };
  },

  async 'participant.import'(ctx, cmd) {
    const affected: string[] = [];
    const vars = await ctx.store.listVariables('participant');
    const created: string[] = [];
    for (const v of cmd.variables) {
      const found = vars.find((x) => x.name === v.name);
      if (found) continue;
      const row = { id: ctx.newId(), name: v.name, type: v.type, scope: 'participant' as const, description: '' };
      await ctx.store.insertVariable(row);
      vars.push(row);
      created.push(row.id);
      affected.push(row.id);
    }
    const existing = new Set((await ctx.store.listParticipants()).map((p) => p.id));
    let nCreated = 0;
    let nUpdated = 0;
    for (const r of cmd.rows) {
      const siteId = await ensureSite(ctx, r.site, affected);
      if (existing.has(r.id)) nUpdated++;
      else nCreated++;
      await ctx.store.upsertParticipant({ id: r.id, siteId, description: '' });
      for (const [name, value] of Object.entries(r.attributes)) {
        const v = vars.find((x) => x.name === name);
        if (!v) throw notFound('variable', `rows.${r.id}.attributes`, name, 'declare every attribute in `variables`');
        await ctx.store.setParticipantValue(r.id, v.id, value);
      }
      affected.push(r.id);
    }
    if (cmd.names && Object.keys(cmd.names).length > 0) {
      for (const [pid, name] of Object.entries(cmd.names)) await ctx.store.setParticipantName(pid, name);
    }
    const { names: _names, ...logged } = cmd;
    return { result: { created: nCreated, updated: nUpdated, variables: created }, affected, logged };
  },

  async 'case.create'(ctx, cmd) {
    const id = ctx.newId();
    await ctx.store.insertCase({ id, name: cmd.name, description: cmd.description ?? '', participantIds: cmd.participantIds });
    return { result: { id }, affected: [id, ...cmd.participantIds] };
  },

  async 'document.import'(ctx, cmd) {
    const d = cmd.document;
    const store = ctx.store;
    if ((await store.listDocuments()).some((x) => x.name === d.name)) {
      throw new StaffwellError('conflict', 'a document with this name is already in the project', {
        field: 'document.name',
        value: d.name,
        hint: 'rename the file, or delete the earlier document first',
      });
    }
    if (store.hasKey && !cmd.key) {
      throw new StaffwellError('invalid-option', 'an import into a project with a key file needs the key part (original text, speakers)', {
        field: 'key',
      });
    }
    const affected: string[] = [];
    const id = d.id ?? ctx.newId();
    const siteId = await ensureSite(ctx, d.site, affected);
    const participantIds = new Set<string>();
    if (d.participantId) participantIds.add(d.participantId);
    for (const t of cmd.turns) if (t.participantId) participantIds.add(t.participantId);
    for (const p of participantIds) await ensureParticipant(ctx, p, siteId, affected);
    const position = (await store.listDocuments()).reduce((m, x) => Math.max(m, x.position + 1), 0);
    const docAttrs = d.attributes ?? {};
    const varIds = await variableIdsByName(ctx, 'document', docAttrs, affected);
    const attributes: Record<string, VariableValue> = {};
    for (const [k, v] of Object.entries(docAttrs)) attributes[varIds.get(k)!] = v;
    for (const t of cmd.turns) {
      if (!(t.start >= 0 && t.end >= t.start && t.end <= d.text.length)) {
        throw new Error(`turn ${t.start}-${t.end} outside the text (length ${d.text.length})`);
      }
    }
    await store.insertDocument({
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
      attributes,
    });
    affected.push(id);
    ctx.fault?.('document.import:after-document');
    const turns: TurnRow[] = cmd.turns.map((t, idx) => ({ documentId: id, idx, ...t }));
    await store.replaceTurns(id, turns);
    const redactionIds = cmd.redactions.map(() => ctx.newId());
    await store.replaceRedactions(
      id,
      cmd.redactions.map((r, i) => ({ id: redactionIds[i], documentId: id, start: r.start, end: r.end, replacement: r.replacement, category: r.category })),
    );
    ctx.fault?.('document.import:after-project');
    if (cmd.key && store.hasKey) {
      await store.insertOriginal({
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
      await store.insertSpeakerKey(cmd.key.speakers.map((s) => ({ documentId: id, ...s })));
    }
    ctx.fault?.('document.import:after-key');
    const logged = {
      type: cmd.type,
      document: { id, name: d.name, format: d.format, participantId: d.participantId ?? null, site: d.site ?? null, length: d.text.length },
      turns: cmd.turns.length,
      redactions: cmd.redactions.map((r) => ({ start: r.start, end: r.end, replacement: r.replacement, category: r.category })),
    };
    return { result: { id }, affected, logged };
  },

  async 'document.updateText'(ctx, cmd) {
    const doc = await ctx.store.getDocument(cmd.documentId);
    if (!doc) throw notFound('document', 'documentId', cmd.documentId);
    const segs = await ctx.store.listSegments({ documentIds: [doc.id], anchoredOnly: false });
    const placed = reanchor(doc.text, cmd.text, segs);
    const map = diffOffsetMap(doc.text, cmd.text);
    await ctx.store.updateDocumentText(doc.id, cmd.text);
    const turns = (await ctx.store.listTurns(doc.id)).map((t) => ({ ...t, start: map.map(t.start, 'start'), end: map.map(t.end, 'end') }));
    await ctx.store.replaceTurns(doc.id, turns);
    const reds = (await ctx.store.listRedactions(doc.id))
      .map((r) => ({ ...r, start: map.map(r.start, 'start'), end: map.map(r.end, 'end') }))
      .filter((r) => cmd.text.slice(r.start, r.end) === r.replacement);
    await ctx.store.replaceRedactions(doc.id, reds);
    let moved = 0;
    const lost: string[] = [];
    for (let i = 0; i < segs.length; i++) {
      const p = placed[i];
      const s = segs[i];
      if (p === null) {
        lost.push(s.id);
        await ctx.store.updateSegment(s.id, { anchored: false });
      } else {
        if (p.start !== s.start || p.end !== s.end) moved++;
        await ctx.store.updateSegment(s.id, { start: p.start, end: p.end, anchored: true });
      }
    }
    return {
      result: { moved, lost },
      affected: [doc.id, ...segs.map((s) => s.id)],
      logged: { type: cmd.type, documentId: doc.id, length: cmd.text.length },
    };
  },

  async 'document.pseudonymise'(ctx, cmd) {
    const store = ctx.store;
    const doc = await store.getDocument(cmd.documentId);
    if (!doc) throw notFound('document', 'documentId', cmd.documentId);
    const logged = { type: cmd.type, documentId: doc.id, replacements: cmd.replacements.map((r) => ({ replacement: r.replacement, category: r.category ?? '' })) };
    const p = pseudonymise(doc.text, cmd.replacements.map(toReplacement));
    if (p.spans.length === 0) return { result: { replaced: 0 }, affected: [], logged };
    const at = (o: number, bias: 'start' | 'end') => mapOffset(p.spans, o, 'toPseudonymised', bias);
    const old = await store.listRedactions(doc.id);
    const original = store.hasKey ? await store.getOriginal(doc.id) : null;
    // earlier replacements as spans between this text and the original layer, to place the new ones in the original
    const originOf = new Map((original?.spans ?? []).map((s) => [s.redactionId, s]));
    const oldSpans: PseudonymSpan[] = old
      .filter((r) => originOf.has(r.id))
      .map((r) => {
        const o = originOf.get(r.id)!;
        return { start: r.start, end: r.end, originalStart: o.originalStart, originalEnd: o.originalEnd, original: o.original, replacement: r.replacement, category: 'other', entry: 0 };
      });
    const fresh = p.spans.map((s) => ({ ...s, id: ctx.newId() }));
    await store.updateDocumentText(doc.id, p.text);
    await store.replaceTurns(doc.id, (await store.listTurns(doc.id)).map((t) => ({ ...t, start: at(t.start, 'start'), end: at(t.end, 'end') })));
    await store.replaceRedactions(doc.id, [
      ...old.map((r) => ({ ...r, start: at(r.start, 'start'), end: at(r.end, 'end') })),
      ...fresh.map((s) => ({ id: s.id, documentId: doc.id, start: s.start, end: s.end, replacement: s.replacement, category: s.category })),
    ].sort((a, b) => a.start - b.start));
    const segs = await store.listSegments({ documentIds: [doc.id], anchoredOnly: false });
    for (const s of segs) {
      const start = at(s.start, 'start');
      const end = at(s.end, 'end');
      await store.updateSegment(s.id, { start, end, text: p.text.slice(start, end) });
    }
    ctx.fault?.('document.pseudonymise:before-key');
    if (original) {
      await store.insertOriginalSpans(
        doc.id,
        fresh.map((s) => ({
          redactionId: s.id,
          originalStart: mapOffset(oldSpans, s.originalStart, 'toOriginal', 'start'),
          originalEnd: mapOffset(oldSpans, s.originalEnd, 'toOriginal', 'end'),
          original: s.original,
        })),
      );
    }
    return { result: { replaced: p.spans.length }, affected: [doc.id, ...fresh.map((s) => s.id), ...segs.map((s) => s.id)], logged };
  },

  async 'document.delete'(ctx, cmd) {
    const doc = await ctx.store.getDocument(cmd.documentId);
    if (!doc) throw notFound('document', 'documentId', cmd.documentId);
    await ctx.store.deleteDocument(doc.id);
    if (ctx.store.hasKey) await ctx.store.deleteOriginal(doc.id);
    return { result: {}, affected: [doc.id] };
  },

  async 'replacement.add'(ctx, cmd) {
    if (cmd.original.trim().length < 2) {
      throw new StaffwellError('invalid-option', 'an original to replace must have at least 2 characters', { field: 'original' });
    }
    if (cmd.replacement.trim() === '') {
      throw new StaffwellError('invalid-option', 'the replacement cannot be empty', {
        field: 'replacement',
        hint: 'use a bracketed descriptor such as [colleague 1] or [Ward A]',
      });
    }
    await ctx.store.upsertReplacement({ original: cmd.original, replacement: cmd.replacement, category: cmd.category ?? '', addedAt: ctx.now() });
    return { result: {}, affected: [], logged: { type: cmd.type, replacement: cmd.replacement, category: cmd.category ?? '' } };
  },

  async 'replacement.remove'(ctx, cmd) {
    await ctx.store.deleteReplacement(cmd.original);
    return { result: {}, affected: [], logged: { type: cmd.type } };
  },

  async 'code.create'(ctx, cmd) {
    const parentId = cmd.parentId ?? null;
    if (parentId !== null) await requireCode(ctx, parentId, 'parentId');
    await checkSiblingName(ctx, cmd.name, parentId);
    const id = cmd.id ?? ctx.newId();
    const siblings = (await ctx.store.listCodes()).filter((c) => c.parentId === parentId);
    await ctx.store.insertCode({
      id,
      name: cmd.name,
      parentId,
      description: cmd.description ?? '',
      color: cmd.color ?? null,
      codable: cmd.codable ?? true,
      position: siblings.length,
      createdAt: ctx.now(),
    });
    return { result: { id }, affected: [id] };
  },

  async 'code.update'(ctx, cmd) {
    const code = await requireCode(ctx, cmd.id, 'id');
    if (cmd.name !== undefined) await checkSiblingName(ctx, cmd.name, code.parentId, code.id);
    await ctx.store.updateCode(code.id, { name: cmd.name, description: cmd.description, color: cmd.color, codable: cmd.codable });
    return { result: {}, affected: [code.id] };
  },

  async 'code.move'(ctx, cmd) {
    const code = await requireCode(ctx, cmd.id, 'id');
    if (cmd.parentId !== null) {
      await requireCode(ctx, cmd.parentId, 'parentId');
      if (withDescendants(await ctx.store.listCodes(), [code.id]).has(cmd.parentId)) {
        throw new StaffwellError('conflict', 'a code cannot move under itself or one of its subcodes', {
          field: 'parentId',
          value: cmd.parentId,
        });
      }
    }
    await checkSiblingName(ctx, code.name, cmd.parentId, code.id);
    await ctx.store.updateCode(code.id, { parentId: cmd.parentId });
    return { result: {}, affected: [code.id] };
  },

  async 'code.delete'(ctx, cmd) {
    const code = await requireCode(ctx, cmd.id, 'id');
    const ids = [...withDescendants(await ctx.store.listCodes(), [code.id])];
    const segs = await ctx.store.listSegments({ codeIds: ids, anchoredOnly: false });
    await ctx.store.deleteCode(code.id);
    return { result: { segmentsDeleted: segs.length }, affected: [...ids, ...segs.map((s) => s.id)] };
  },

  async 'code.merge'(ctx, cmd) {
    const target = await requireCode(ctx, cmd.targetId, 'targetId');
    const codes = await ctx.store.listCodes();
    const sources = [];
    for (const sid of cmd.sourceIds) {
      if (sid === target.id) continue;
      const s = codes.find((c) => c.id === sid);
      if (!s) throw notFound('code', 'sourceIds', sid);
      if (withDescendants(codes, [s.id]).has(target.id)) {
        throw new StaffwellError('conflict', 'cannot merge a code into one of its own subcodes', { field: 'targetId', value: target.name });
      }
      sources.push(s);
    }
    const affected = [target.id];
    const keyOf = (s: { documentId: string; start: number; end: number; coderId: string }) =>
      `${s.documentId}\u0000${s.start}\u0000${s.end}\u0000${s.coderId}`;
    const seen = new Set((await ctx.store.listSegments({ codeIds: [target.id], anchoredOnly: false })).map(keyOf));
    const themeLinks = await ctx.store.listThemeCodes();
    const categoryLinks = await ctx.store.listCategoryCodes();
    let moved = 0;
    let collapsed = 0;
    for (const src of sources) {
      for (const child of codes.filter((c) => c.parentId === src.id)) {
        await checkSiblingName(ctx, child.name, target.id, child.id);
        await ctx.store.updateCode(child.id, { parentId: target.id });
        affected.push(child.id);
      }
      const collapse: string[] = [];
      for (const s of await ctx.store.listSegments({ codeIds: [src.id], anchoredOnly: false })) {
        const k = keyOf(s);
        if (seen.has(k)) collapse.push(s.id);
        else {
          seen.add(k);
          await ctx.store.updateSegment(s.id, { codeId: target.id });
          moved++;
        }
        affected.push(s.id);
      }
      await ctx.store.deleteSegments(collapse);
      collapsed += collapse.length;
      for (const l of themeLinks) if (l.codeId === src.id) await ctx.store.linkThemeCode(l.themeId, target.id);
      for (const l of categoryLinks) if (l.codeId === src.id) await ctx.store.linkCategoryCode(l.categoryId, target.id);
      for (const m of await ctx.store.listMemos({ targetKind: 'code', targetId: src.id })) {
        await ctx.store.updateMemo(m.id, { target: { kind: 'code', id: target.id }, updatedAt: ctx.now() });
        affected.push(m.id);
      }
      ctx.fault?.('code.merge:before-delete');
      await ctx.store.deleteCode(src.id);
      affected.push(src.id);
    }
    return { result: { moved, collapsed }, affected };
  },

  async 'code.split'(ctx, cmd) {
    const code = await requireCode(ctx, cmd.codeId);
    const segs = await ctx.store.listSegments({ ids: cmd.segmentIds, anchoredOnly: false });
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
    await ctx.store.insertCode({
      id,
      name: cmd.name,
      parentId,
      description: cmd.description ?? '',
      color: code.color,
      codable: true,
      position: (await ctx.store.listCodes()).filter((c) => c.parentId === parentId).length,
      createdAt: ctx.now(),
    });
    ctx.fault?.('code.split:after-code');
    for (const s of segs) await ctx.store.updateSegment(s.id, { codeId: id });
    return { result: { id, moved: segs.length }, affected: [code.id, id, ...segs.map((s) => s.id)] };
  },

  async 'segment.create'(ctx, cmd) {
    const doc = await ctx.store.getDocument(cmd.documentId);
    if (!doc) throw notFound('document', 'documentId', cmd.documentId);
    const code = await requireCode(ctx, cmd.codeId);
    if (!code.codable) {
      throw new StaffwellError('invalid-option', 'this code groups other codes and cannot be applied to text', { field: 'codeId', value: code.name });
    }
    if (!(Number.isInteger(cmd.start) && Number.isInteger(cmd.end) && cmd.start >= 0 && cmd.end > cmd.start && cmd.end <= doc.text.length)) {
      throw new StaffwellError('out-of-range', `the range must satisfy 0 <= start < end <= ${doc.text.length} (the document's length)`, {
        field: 'start/end',
        value: `${cmd.start}-${cmd.end}`,
        hint: 'offsets count UTF-16 code units from 0, end exclusive',
      });
    }
    if (cmd.coder.trim() === '') throw new StaffwellError('invalid-option', 'the coder cannot be empty', { field: 'coder' });
    const coderId = await ctx.store.ensureCoder(cmd.coder, ctx.newId);
    const id = cmd.id ?? ctx.newId();
    await ctx.store.insertSegments([
      {
        id,
        documentId: doc.id,
        codeId: code.id,
        coderId,
        start: cmd.start,
        end: cmd.end,
        text: doc.text.slice(cmd.start, cmd.end),
        participantId: null,
        turnIdx: null,
        keyQuote: cmd.keyQuote ?? false,
        anchored: true,
        createdAt: ctx.now(),
      },
    ]);
    return { result: { id }, affected: [id, doc.id, code.id] };
  },

  async 'segment.delete'(ctx, cmd) {
    const [s] = await ctx.store.listSegments({ ids: [cmd.id], anchoredOnly: false });
    if (!s) throw notFound('segment', 'id', cmd.id);
    await ctx.store.deleteSegments([s.id]);
    return { result: {}, affected: [s.id] };
  },

  async 'segment.setKeyQuote'(ctx, cmd) {
    const [s] = await ctx.store.listSegments({ ids: [cmd.id], anchoredOnly: false });
    if (!s) throw notFound('segment', 'id', cmd.id);
    await ctx.store.updateSegment(s.id, { keyQuote: cmd.keyQuote });
    return { result: {}, affected: [s.id] };
  },

  async 'memo.create'(ctx, cmd) {
    if (cmd.text.trim() === '') throw new StaffwellError('invalid-option', 'a memo needs some text', { field: 'text' });
    const id = cmd.id ?? ctx.newId();
    const at = ctx.now();
    await ctx.store.insertMemo({ id, target: cmd.target, title: cmd.title ?? '', text: cmd.text, author: cmd.author ?? ctx.actor, createdAt: at, updatedAt: at });
    return { result: { id }, affected: cmd.target.kind === 'project' ? [id] : [id, cmd.target.id] };
  },

  async 'memo.update'(ctx, cmd) {
    if (!(await ctx.store.listMemos()).some((m) => m.id === cmd.id)) throw notFound('memo', 'id', cmd.id);
    await ctx.store.updateMemo(cmd.id, { title: cmd.title, text: cmd.text, updatedAt: ctx.now() });
    return { result: {}, affected: [cmd.id] };
  },

  async 'memo.delete'(ctx, cmd) {
    await ctx.store.deleteMemo(cmd.id);
    return { result: {}, affected: [cmd.id] };
  },

  async 'theme.create'(ctx, cmd) {
    const themes = await ctx.store.listThemes();
    const parentId = cmd.parentId ?? null;
    const parent = parentId === null ? undefined : themes.find((t) => t.id === parentId);
    if (parentId !== null && !parent) throw notFound('theme', 'parentId', parentId);
    const kind: ThemeKind = cmd.kind ?? (parent ? (parent.kind === 'superordinate' ? 'theme' : 'subtheme') : 'theme');
    if (themes.some((t) => t.parentId === parentId && t.name === cmd.name)) {
      throw new StaffwellError('conflict', 'a theme with this name already exists at this level', { field: 'name', value: cmd.name });
    }
    const id = cmd.id ?? ctx.newId();
    await ctx.store.insertTheme({ id, name: cmd.name, kind, parentId, description: cmd.description ?? '', position: themes.filter((t) => t.parentId === parentId).length });
    for (const c of cmd.codeIds ?? []) {
      await requireCode(ctx, c, 'codeIds');
      await ctx.store.linkThemeCode(id, c);
    }
    return { result: { id }, affected: [id, ...(cmd.codeIds ?? [])] };
  },

  async 'theme.update'(ctx, cmd) {
    const themes = await ctx.store.listThemes();
    if (!themes.some((t) => t.id === cmd.id)) throw notFound('theme', 'id', cmd.id);
    if (cmd.parentId !== undefined && cmd.parentId !== null && withDescendants(themes, [cmd.id]).has(cmd.parentId)) {
      throw new StaffwellError('conflict', 'a theme cannot move under itself or one of its subthemes', { field: 'parentId', value: cmd.parentId });
    }
    await ctx.store.updateTheme(cmd.id, { name: cmd.name, kind: cmd.kind, parentId: cmd.parentId, description: cmd.description });
    return { result: {}, affected: [cmd.id] };
  },

  async 'theme.delete'(ctx, cmd) {
    await ctx.store.deleteTheme(cmd.id);
    return { result: {}, affected: [cmd.id] };
  },

  async 'theme.linkCodes'(ctx, cmd) {
    if (!(await ctx.store.listThemes()).some((t) => t.id === cmd.themeId)) throw notFound('theme', 'themeId', cmd.themeId);
    for (const c of cmd.codeIds) {
      await requireCode(ctx, c, 'codeIds');
      await ctx.store.linkThemeCode(cmd.themeId, c);
    }
    return { result: {}, affected: [cmd.themeId, ...cmd.codeIds] };
  },

  async 'theme.unlinkCodes'(ctx, cmd) {
    for (const c of cmd.codeIds) await ctx.store.unlinkThemeCode(cmd.themeId, c);
    return { result: {}, affected: [cmd.themeId, ...cmd.codeIds] };
  },

  async 'category.create'(ctx, cmd) {
    if ((await ctx.store.listCategories()).some((c) => c.name === cmd.name)) {
      throw new StaffwellError('conflict', 'a category with this name already exists', { field: 'name', value: cmd.name });
    }
    const id = cmd.id ?? ctx.newId();
    await ctx.store.insertCategory({ id, name: cmd.name, description: cmd.description ?? '' });
    for (const c of cmd.codeIds ?? []) {
      await requireCode(ctx, c, 'codeIds');
      await ctx.store.linkCategoryCode(id, c);
    }
    return { result: { id }, affected: [id] };
  },

  async 'category.addProperty'(ctx, cmd) {
    if (!(await ctx.store.listCategories()).some((c) => c.id === cmd.categoryId)) throw notFound('category', 'categoryId', cmd.categoryId);
    const id = ctx.newId();
    await ctx.store.insertProperty({
      id,
      categoryId: cmd.categoryId,
      name: cmd.name,
      dimensionLow: cmd.dimensionLow ?? '',
      dimensionHigh: cmd.dimensionHigh ?? '',
      description: cmd.description ?? '',
    });
    return { result: { id }, affected: [id, cmd.categoryId] };
  },

  async 'relationship.create'(ctx, cmd) {
    const cats = await ctx.store.listCategories();
    if (!cats.some((c) => c.id === cmd.fromId)) throw notFound('category', 'fromId', cmd.fromId);
    if (!cats.some((c) => c.id === cmd.toId)) throw notFound('category', 'toId', cmd.toId);
    if (cmd.relation.trim() === '') {
      throw new StaffwellError('invalid-option', 'a relationship needs a type', { field: 'relation', hint: "e.g. 'leads to', 'influences'" });
    }
    const id = ctx.newId();
    await ctx.store.insertRelationship({ id, fromId: cmd.fromId, toId: cmd.toId, type: cmd.relation, note: cmd.note ?? '' });
    return { result: { id }, affected: [id, cmd.fromId, cmd.toId] };
  },

  async 'relationship.delete'(ctx, cmd) {
    await ctx.store.deleteRelationship(cmd.id);
    return { result: {}, affected: [cmd.id] };
  },

  async 'phase.create'(ctx, cmd) {
    const phases = await ctx.store.listPhases();
    if (phases.some((p) => p.name === cmd.name)) {
      throw new StaffwellError('conflict', 'a phase with this name already exists', { field: 'name', value: cmd.name });
    }
    const id = ctx.newId();
    await ctx.store.insertPhase({ id, name: cmd.name, position: cmd.position ?? phases.length });
    await setPhaseCategories(ctx, id, cmd.categoryIds ?? []);
    return { result: { id }, affected: [id] };
  },

  async 'phase.setCategories'(ctx, cmd) {
    if (!(await ctx.store.listPhases()).some((p) => p.id === cmd.phaseId)) throw notFound('phase', 'phaseId', cmd.phaseId);
    await setPhaseCategories(ctx, cmd.phaseId, cmd.categoryIds);
    return { result: {}, affected: [cmd.phaseId, ...cmd.categoryIds] };
  },

  async 'snapshot.import'(ctx, cmd) {
    const { importSnapshotRows } = await import('./project-snapshot.ts');
    const counts = await importSnapshotRows(ctx, cmd.snapshot);
    return {
      result: counts,
      affected: [],
      logged: { type: cmd.type, name: cmd.snapshot.name, ...counts },
    };
  },

  async 'batch'(ctx, cmd) {
    const results: unknown[] = [];
    for (const c of cmd.commands) {
      if (c.type === 'batch') throw new StaffwellError('invalid-option', 'a batch cannot contain a batch', { field: 'commands' });
      results.push(await applyCommand(ctx, c));
    }
    return { result: { results }, affected: [], logged: { type: cmd.type, commands: cmd.commands.length } };
  },
};

async function setPhaseCategories(ctx: ProjectContext, phaseId: string, categoryIds: string[]): Promise<void> {
  const cats = await ctx.store.listCategories();
  for (let i = 0; i < categoryIds.length; i++) {
    if (!cats.some((c) => c.id === categoryIds[i])) throw notFound('category', `categoryIds[${i}]`, categoryIds[i]);
    await ctx.store.setPhaseCategory(phaseId, categoryIds[i], i);
  }
}
