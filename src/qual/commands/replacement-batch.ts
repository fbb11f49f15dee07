import type { FamilyCommand } from './index.ts';

export interface ReplacementEntry {
  original: string;
  replacement: string;
  category?: string;
}

/**
 * The one batch that adds replacement-list entries and applies them everywhere: `replacement.add` per entry,
 * `document.pseudonymise` per document (which moves coded segments, turns and earlier replacement spans exactly)
 * and `project.pseudonymise` (names, memos, the audit log, the search index). Pure, so the CLI's service and the
 * browser build the same commands; the server validates them as any other.
 */
export function replacementBatch(entries: readonly ReplacementEntry[], documentIds: readonly string[]): { type: 'batch'; commands: FamilyCommand[] } {
  return {
    type: 'batch',
    commands: [
      ...entries.map((e) => ({ type: 'replacement.add' as const, ...e })),
      ...documentIds.map((documentId) => ({ type: 'document.pseudonymise' as const, documentId, replacements: entries.map((e) => ({ ...e })) })),
      { type: 'project.pseudonymise' as const, replacements: entries.map((e) => ({ ...e })) },
    ],
  };
}
