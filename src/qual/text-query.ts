import { StaffwellError } from '../errors.ts';
import type { TextQuery } from './store/qual-store.ts';

/** A search typed by a user, as a backend-neutral `TextQuery` and a pattern that finds its exact offsets. */
export interface SearchText {
  query: TextQuery;
  /** Global, case-insensitive, Unicode: matches at word boundaries (a prefix runs to the end of its word). */
  pattern: RegExp;
}

/**
 * Reads a search: a word, a phrase (`slept badly`: the words next to each other), or either ending in `*` for a
 * prefix of the last word (`burn*`). Between the words of a phrase the text may have spaces or punctuation.
 */
export function parseSearchText(text: string, field = 'query'): SearchText {
  const q = text.trim();
  const prefix = q.endsWith('*');
  const words = (prefix ? q.slice(0, -1) : q).split(/\s+/).filter(Boolean);
  if (words.length === 0) throw new StaffwellError('invalid-option', 'the search word is empty', { field, hint: 'give a word or phrase' });
  const query: TextQuery = {
    parts: [
      words.length > 1
        ? { kind: 'phrase', words, prefix }
        : prefix
          ? { kind: 'prefix', text: words[0] }
          : { kind: 'term', text: words[0] },
    ],
  };
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\p{P}]+');
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}${prefix ? '[\\p{L}\\p{N}]*' : '(?![\\p{L}\\p{N}])'}`, 'giu');
  return { query, pattern };
}
