import { StaffwellError } from '../errors.ts';
import type { CodeRow, DocumentRow, QualReader, ThemeRow } from './store/qual-store.ts';

/**
 * Name lookups for the CLI and scripts: users name codes by name or path (`Workload/Staffing`), documents by
 * name or id, themes and categories by name. The browser workspace uses ids directly.
 */

/** `Parent/Child` path of every code, by id. */
export function codePaths(codes: readonly CodeRow[]): Map<string, string> {
  const byId = new Map(codes.map((c) => [c.id, c]));
  const out = new Map<string, string>();
  const pathOf = (c: CodeRow, depth = 0): string => {
    const known = out.get(c.id);
    if (known !== undefined) return known;
    const parent = c.parentId === null || depth > 64 ? undefined : byId.get(c.parentId);
    const p = parent ? `${pathOf(parent, depth + 1)}/${c.name}` : c.name;
    out.set(c.id, p);
    return p;
  };
  for (const c of codes) pathOf(c);
  return out;
}

/** Codes in hierarchy order (depth first, siblings by position), with their depth. */
export function codeTree(codes: readonly CodeRow[]): { code: CodeRow; depth: number }[] {
  const children = new Map<string | null, CodeRow[]>();
  for (const c of codes) (children.get(c.parentId) ?? children.set(c.parentId, []).get(c.parentId)!).push(c);
  const out: { code: CodeRow; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const c of (children.get(parent) ?? []).sort((a, b) => a.position - b.position)) {
      out.push({ code: c, depth });
      walk(c.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** Ids of the code and all its descendants. */
export function withDescendants<T extends { id: string; parentId: string | null }>(rows: readonly T[], ids: Iterable<string>): Set<string> {
  const out = new Set(ids);
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of rows) {
      if (r.parentId !== null && out.has(r.parentId) && !out.has(r.id)) {
        out.add(r.id);
        grew = true;
      }
    }
  }
  return out;
}

/** Finds a code by id, path (`A/B`) or unique name; throws `not-found` (or `conflict` when a name is ambiguous). */
export function findCode(codes: readonly CodeRow[], ref: string, field = 'code'): CodeRow {
  const byId = codes.find((c) => c.id === ref);
  if (byId) return byId;
  const paths = codePaths(codes);
  const byPath = codes.find((c) => paths.get(c.id) === ref);
  if (byPath) return byPath;
  const byName = codes.filter((c) => c.name === ref);
  if (byName.length === 1) return byName[0];
  if (byName.length > 1) {
    throw new StaffwellError('conflict', 'more than one code has this name', {
      field,
      value: ref,
      hint: `name it by its path: ${byName.map((c) => paths.get(c.id)).join(' or ')}`,
    });
  }
  throw new StaffwellError('not-found', 'no code with this name', {
    field,
    value: ref,
    hint: codes.length ? `list the codes with \`staffwell qual codes PROJECT list\`` : 'the project has no codes yet; add one with `staffwell qual codes PROJECT add NAME`',
  });
}

export function findDocument(docs: readonly DocumentRow[], ref: string, field = 'document'): DocumentRow {
  const d = docs.find((x) => x.id === ref) ?? docs.find((x) => x.name === ref) ?? docs.find((x) => stripExt(x.name) === ref);
  if (!d) {
    throw new StaffwellError('not-found', 'no document with this name or id', {
      field,
      value: ref,
      hint: docs.length ? `documents: ${docs.map((x) => x.name).slice(0, 12).join(', ')}` : 'import a transcript first',
    });
  }
  return d;
}

export function findTheme(themes: readonly ThemeRow[], ref: string, field = 'theme'): ThemeRow {
  const t = themes.find((x) => x.id === ref) ?? themes.find((x) => x.name === ref);
  if (!t) {
    throw new StaffwellError('not-found', 'no theme with this name', {
      field,
      value: ref,
      hint: themes.length ? `themes: ${themes.map((x) => x.name).join(', ')}` : 'create one with `staffwell qual themes PROJECT add NAME`',
    });
  }
  return t;
}

export async function findCategory(store: QualReader, ref: string, field = 'category') {
  const c = (await store.getCategory(ref)) ?? (await store.getCategoryByName(ref));
  if (!c) {
    const cats = await store.listCategories();
    throw new StaffwellError('not-found', 'no category with this name', {
      field,
      value: ref,
      hint: cats.length ? `categories: ${cats.map((x) => x.name).join(', ')}` : 'create one with `staffwell qual model PROJECT add-category NAME`',
    });
  }
  return c;
}

function stripExt(name: string): string {
  return name.replace(/\.[^.]+$/, '');
}
