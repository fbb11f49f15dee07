import type { MemoRow, QualReader, StoredMemoTarget } from './store/qual-store.ts';
import { codePaths } from './lookup.ts';

export interface MemoEntry extends MemoRow {
  /** What the memo is attached to, readable: `project`, `code Workload/Staffing`, `document P01.vtt`, … */
  about: string;
}

/** All memos in time order (optionally between two ISO timestamps or for one kind of target), labelled. */
export async function memoTimeline(
  store: QualReader,
  options: { from?: string; to?: string; targetKind?: StoredMemoTarget['kind'] } = {},
): Promise<MemoEntry[]> {
  const [memos, codes, docs, themes, cats] = await Promise.all([
    store.listMemos({ targetKind: options.targetKind }),
    store.listCodes(),
    store.listDocuments(),
    store.listThemes(),
    store.listCategories(),
  ]);
  const paths = codePaths(codes);
  const docName = new Map(docs.map((d) => [d.id, d.name]));
  const themeName = new Map(themes.map((x) => [x.id, x.name]));
  const catName = new Map(cats.map((x) => [x.id, x.name]));
  const label = (t: StoredMemoTarget): string => {
    switch (t.kind) {
      case 'project':
        return 'project';
      case 'code':
        return `code ${paths.get(t.id) ?? t.id}`;
      case 'document':
        return `document ${docName.get(t.id) ?? t.id}`;
      case 'theme':
        return `theme ${themeName.get(t.id) ?? t.id}`;
      case 'category':
        return `category ${catName.get(t.id) ?? t.id}`;
      default:
        return `${t.kind} ${t.id}`;
    }
  };
  return memos
    .filter((m) => (options.from === undefined || m.createdAt >= options.from) && (options.to === undefined || m.createdAt <= options.to))
    .map((m) => ({ ...m, about: label(m.target) }));
}
