import { StaffwellError } from '../errors.ts';
import type { FamilyCommand } from './commands/index.ts';
import { codePaths, findCode, findDocument, findTheme } from './lookup.ts';
import type { QualSession } from './project.ts';
import type { StoredMemoTarget, ThemeKind } from './store/qual-store.ts';

/**
 * A codings file (JSON): codes, coded segments located by exact quotes, memos, themes and a grounded-theory model,
 * by name. `applyCodings` resolves names and quotes and applies everything as one `batch` command (one
 * transaction: all or nothing). Quotes are matched in the pseudonymised text.
 */
export interface Codings {
  codes?: { name: string; parent?: string; description?: string; color?: string }[];
  segments?: {
    document: string;
    code: string;
    /** Exact text to code (first occurrence, or the `occurrence`-th, 1-based). */
    quote: string;
    occurrence?: number;
    coder: string;
    keyQuote?: boolean;
  }[];
  /** `on`: `project`, `code:PATH`, `document:NAME`, `participant:ID`, `theme:NAME`, `category:NAME`. */
  memos?: { on: string; title?: string; text: string; author?: string }[];
  themes?: { name: string; kind?: ThemeKind; parent?: string; description?: string; codes?: string[] }[];
  model?: {
    categories?: { name: string; description?: string; codes?: string[]; properties?: { name: string; low?: string; high?: string; description?: string }[] }[];
    relationships?: { from: string; to: string; type: string; note?: string }[];
    phases?: { name: string; categories: string[] }[];
  };
}

export interface CodingsSummary {
  codes: number;
  segments: number;
  memos: number;
  themes: number;
  categories: number;
  relationships: number;
  phases: number;
}

export async function applyCodings(session: QualSession, codings: Codings, file = 'codings.json'): Promise<CodingsSummary> {
  const store = session.store;
  const codes = await store.listCodes();
  const docs = await store.listDocuments();
  const commands: FamilyCommand[] = [];
  const field = (path: string) => ({ file, field: path });
  // codes: ids assigned now so later commands can refer to them
  const newCodes = codings.codes ?? [];
  for (let i = 0; i < newCodes.length; i++) {
    const c = newCodes[i];
    const paths = codePaths(codes);
    const parent = c.parent === undefined ? null : findCodeIn(codes, c.parent, `codes[${i}].parent`, file);
    const path = parent ? `${paths.get(parent.id)}/${c.name}` : c.name;
    if ([...paths.values()].includes(path)) continue; // already there: applying twice is harmless
    const id = session.newId();
    codes.push({ id, name: c.name, parentId: parent?.id ?? null, description: c.description ?? '', color: c.color ?? null, codable: true, position: 0, createdAt: '' });
    commands.push({ type: 'code.create', id, name: c.name, parentId: parent?.id ?? null, description: c.description, color: c.color });
  }
  const texts = new Map<string, string>();
  const segs = codings.segments ?? [];
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    const doc = wrap(() => findDocument(docs, s.document, `segments[${i}].document`), file);
    let text = texts.get(doc.id);
    if (text === undefined) texts.set(doc.id, (text = (await store.getDocument(doc.id))!.text));
    let at = -1;
    for (let k = 0; k < (s.occurrence ?? 1); k++) at = text.indexOf(s.quote, at + 1);
    if (at < 0) {
      throw new StaffwellError('not-found', 'the quote is not in the document (quotes match the pseudonymised text exactly)', {
        ...field(`segments[${i}].quote`),
        value: s.quote,
        hint: `check the wording in ${doc.name}; names appear as their replacements, e.g. [Site A]`,
      });
    }
    const code = findCodeIn(codes, s.code, `segments[${i}].code`, file);
    commands.push({ type: 'segment.create', documentId: doc.id, codeId: code.id, start: at, end: at + s.quote.length, coder: s.coder, keyQuote: s.keyQuote });
  }
  const themes = await store.listThemes();
  for (let i = 0; i < (codings.themes ?? []).length; i++) {
    const t = codings.themes![i];
    const parent = t.parent === undefined ? null : wrap(() => findTheme(themes, t.parent!, `themes[${i}].parent`), file);
    const id = session.newId();
    const kind: ThemeKind = t.kind ?? (parent ? (parent.kind === 'superordinate' ? 'theme' : 'subtheme') : 'theme');
    themes.push({ id, name: t.name, kind, parentId: parent?.id ?? null, description: t.description ?? '', position: 0 });
    const codeIds = (t.codes ?? []).map((c, k) => findCodeIn(codes, c, `themes[${i}].codes[${k}]`, file).id);
    commands.push({ type: 'theme.create', id, name: t.name, kind, parentId: parent?.id ?? null, description: t.description, codeIds });
  }
  const cats = new Map((await store.listCategories()).map((c) => [c.name, c.id]));
  const catId = (name: string, path: string) => {
    const id = cats.get(name);
    if (!id) throw new StaffwellError('not-found', 'no category with this name', { ...field(path), value: name, hint: 'declare it under model.categories' });
    return id;
  };
  const model = codings.model ?? {};
  for (let i = 0; i < (model.categories ?? []).length; i++) {
    const c = model.categories![i];
    const id = session.newId();
    cats.set(c.name, id);
    const codeIds = (c.codes ?? []).map((x, k) => findCodeIn(codes, x, `model.categories[${i}].codes[${k}]`, file).id);
    commands.push({ type: 'category.create', id, name: c.name, description: c.description, codeIds });
    for (const p of c.properties ?? []) {
      commands.push({ type: 'category.addProperty', categoryId: id, name: p.name, dimensionLow: p.low, dimensionHigh: p.high, description: p.description });
    }
  }
  (model.relationships ?? []).forEach((r, i) => {
    commands.push({ type: 'relationship.create', fromId: catId(r.from, `model.relationships[${i}].from`), toId: catId(r.to, `model.relationships[${i}].to`), relation: r.type, note: r.note });
  });
  (model.phases ?? []).forEach((p, i) => {
    commands.push({ type: 'phase.create', name: p.name, categoryIds: p.categories.map((c, k) => catId(c, `model.phases[${i}].categories[${k}]`)) });
  });
  for (let i = 0; i < (codings.memos ?? []).length; i++) {
    const m = codings.memos![i];
    const target = resolveMemoTarget(m.on, { codes, docs, themes, cats }, file, `memos[${i}].on`);
    commands.push({ type: 'memo.create', target, title: m.title, text: m.text, author: m.author });
  }
  await session.apply({ type: 'batch', commands });
  return {
    codes: commands.filter((c) => c.type === 'code.create').length,
    segments: segs.length,
    memos: (codings.memos ?? []).length,
    themes: (codings.themes ?? []).length,
    categories: (model.categories ?? []).length,
    relationships: (model.relationships ?? []).length,
    phases: (model.phases ?? []).length,
  };
}

/** Resolves `code:PATH`, `document:NAME`, `theme:NAME`, `category:NAME`, `participant:ID`, `segment:ID`, `project`. */
export function resolveMemoTarget(
  on: string,
  ctx: { codes: Parameters<typeof findCode>[0]; docs: Parameters<typeof findDocument>[0]; themes: Parameters<typeof findTheme>[0]; cats: Map<string, string> },
  file: string | undefined,
  path: string,
): StoredMemoTarget {
  if (on === 'project') return { kind: 'project' };
  const i = on.indexOf(':');
  const kind = i < 0 ? '' : on.slice(0, i);
  const ref = on.slice(i + 1);
  switch (kind) {
    case 'code':
      return { kind, id: findCodeIn(ctx.codes, ref, path, file).id };
    case 'document':
      return { kind, id: wrap(() => findDocument(ctx.docs, ref, path), file).id };
    case 'theme':
      return { kind, id: wrap(() => findTheme(ctx.themes, ref, path), file).id };
    case 'category': {
      const id = ctx.cats.get(ref);
      if (!id) throw new StaffwellError('not-found', 'no category with this name', { file, field: path, value: ref });
      return { kind, id };
    }
    case 'participant':
    case 'segment':
      return { kind, id: ref };
    default:
      throw new StaffwellError('invalid-option', 'a memo target is project, code:NAME, document:NAME, participant:ID, theme:NAME, category:NAME or segment:ID', {
        file,
        field: path,
        value: on,
      });
  }
}

function findCodeIn(codes: Parameters<typeof findCode>[0], ref: string, path: string, file: string | undefined) {
  return wrap(() => findCode(codes, ref, path), file);
}

/** Re-throws a lookup error with the codings file named. */
function wrap<T>(fn: () => T, file: string | undefined): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof StaffwellError && file !== undefined) {
      throw new StaffwellError(e.code, e.problem, { ...e.location, file, value: e.value, hint: e.hint });
    }
    throw e;
  }
}
