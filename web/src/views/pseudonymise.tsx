import { useState } from 'preact/hooks';
import { replacementBatch, type ReplacementEntry } from '../../../src/qual/commands/replacement-batch.ts';
import { REPLACEMENT_CATEGORIES } from '../../../src/qual/pseudonymise.ts';
import { api, type NameReview, type NameSuggestionRow, type ReplacementListRow } from '../api.ts';
import { href } from '../router.ts';
import { state, useLoad } from '../store.ts';

/**
 * Pseudonymisation review before coding: the names the project may still hold (capitalised words, parts and near
 * spellings of listed names), each seen in context and replaced with a pseudonym or a bracketed descriptor, or set
 * aside as not a name; and the replacement list, whose originals (key file) stay on the server unless asked for.
 * A replacement is one batch command (the CLI's `qual pseudonymise --add`): every document and every other text of
 * the project, one undo step.
 */
export function PseudonymiseView() {
  const { data, error } = useLoad(() => Promise.all([api.pseudonymisation(), api.documents()]), []);
  const [dismissed, setDismissed] = useState<string[]>(() => readDismissed());
  const [showDismissed, setShowDismissed] = useState(false);
  if (error) return <p role="alert" class="page">{error}</p>;
  if (!data) return <main class="page" aria-busy="true">Looking for names…</main>;
  const [review, docs] = data;
  const docIds = docs.map((d) => d.id);
  const dismiss = (candidate: string, on: boolean) => {
    const next = on ? [...new Set([...dismissed, candidate])] : dismissed.filter((d) => d !== candidate);
    writeDismissed(next);
    setDismissed(next);
    state.say(on ? `${candidate} set aside as not a name` : `${candidate} back among the suggestions`);
  };
  const shown = review.suggestions.filter((s) => showDismissed || !dismissed.includes(s.candidate));
  const hidden = review.suggestions.filter((s) => dismissed.includes(s.candidate)).length;
  return (
    <main class="page pseudonymise">
      <h1>Pseudonymise</h1>
      <p class="hint">
        Suggestions only: read each in context before replacing it. A replacement applies to every document, code, memo and the history, as one step
        that Undo (Ctrl+Z) reverses; the originals stay in the key file.
      </p>
      {!review.hasKey && (
        <p class="notice-bar" role="status">
          The key file is not attached, so names cannot be replaced here. Start <code>staffwell serve</code> with <code>--key KEYFILE</code>.
        </p>
      )}
      <section aria-labelledby="suggest-h">
        <h2 id="suggest-h">
          Names that may remain <span class="count">({shown.length})</span>
        </h2>
        {hidden > 0 && (
          <label class="hint">
            <input type="checkbox" checked={showDismissed} onChange={(e) => setShowDismissed(e.currentTarget.checked)} /> show the {hidden} set aside as not names
          </label>
        )}
        {shown.length === 0 ? (
          <p class="hint">No capitalised words left that look like names.</p>
        ) : (
          <table class="grid suggestions">
            <caption class="sr-only">Suggested names with how often they occur, why, and where</caption>
            <thead>
              <tr>
                <th scope="col">Word</th>
                <th scope="col" class="num">
                  Seen
                </th>
                <th scope="col">Why</th>
                <th scope="col">Documents</th>
                <th scope="col">Replace with</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((s) => (
                <SuggestionRow key={s.candidate} s={s} docIds={docIds} canReplace={review.hasKey} dismissed={dismissed.includes(s.candidate)} onDismiss={dismiss} />
              ))}
            </tbody>
          </table>
        )}
      </section>
      <AddReplacement docIds={docIds} canReplace={review.hasKey} />
      <ReplacementList review={review} />
    </main>
  );
}

function why(s: NameSuggestionRow): string {
  if (s.reason === 'part-of-known') return `part of a listed name${s.similarToReplacement ? ` (${s.similarToReplacement})` : ''}`;
  if (s.reason === 'near-known') return `close to a listed name${s.similarToReplacement ? ` (${s.similarToReplacement})` : ''}: a misspelling?`;
  return 'capitalised word';
}

async function replace(entry: ReplacementEntry, docIds: string[]): Promise<boolean> {
  const out = await state.run(replacementBatch([entry], docIds), `Replaced ${entry.original} with ${entry.replacement}`);
  return out !== undefined;
}

function SuggestionRow(props: { s: NameSuggestionRow; docIds: string[]; canReplace: boolean; dismissed: boolean; onDismiss: (c: string, on: boolean) => void }) {
  const { s } = props;
  const [replacement, setReplacement] = useState(s.similarToReplacement ?? '');
  const [category, setCategory] = useState('person');
  const [open, setOpen] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (replacement.trim() !== '') await replace({ original: s.candidate, replacement: replacement.trim(), category }, props.docIds);
  };
  return (
    <>
      <tr class={props.dismissed ? 'dismissed' : undefined} data-candidate={s.candidate}>
        <th scope="row">
          <mark class="name-mark">{s.candidate}</mark>
        </th>
        <td class="num">{s.count}</td>
        <td>{why(s)}</td>
        <td class="docs">{s.documents.join(', ')}</td>
        <td>
          <form class="replace-form" onSubmit={submit} aria-label={`Replace ${s.candidate}`}>
            <input value={replacement} onInput={(e) => setReplacement(e.currentTarget.value)} placeholder="[colleague 1]" size={16} aria-label={`Replacement for ${s.candidate}`} disabled={!props.canReplace} />
            <CategorySelect value={category} onChange={setCategory} label={`Category of ${s.candidate}`} disabled={!props.canReplace} />
            <button type="submit" disabled={!props.canReplace || replacement.trim() === ''}>
              Replace
            </button>
            <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
              {open ? 'Hide context' : 'In context'}
            </button>
            <button type="button" class="link" onClick={() => props.onDismiss(s.candidate, !props.dismissed)}>
              {props.dismissed ? 'Suggest again' : 'Not a name'}
            </button>
          </form>
        </td>
      </tr>
      {open && (
        <tr class="context-row">
          <td colSpan={5}>
            <InContext word={s.candidate} />
          </td>
        </tr>
      )}
    </>
  );
}

/** The word's occurrences with the text around them; each opens the transcript at that place. */
function InContext({ word }: { word: string }) {
  const { data: hits, error } = useLoad(() => api.kwic({ q: word, context: 60 }), [word]);
  if (error) return <p role="alert">{error}</p>;
  if (!hits) return <p aria-busy="true">Finding “{word}”…</p>;
  // the search is case-insensitive: keep the occurrences written as suggested
  const exact = hits.filter((h) => h.keyword === word);
  return (
    <ul class="in-context" aria-label={`${word} in context`}>
      {exact.slice(0, 50).map((h) => (
        <li key={`${h.documentId}:${h.start}`}>
          <span class="muted">{h.documentName}</span> …{h.left}
          <a href={href('document', h.documentId, { at: h.start, end: h.end })}>
            <mark class="name-mark">{h.keyword}</mark>
          </a>
          {h.right}…
        </li>
      ))}
      {exact.length > 50 && <li class="muted">and {exact.length - 50} more</li>}
    </ul>
  );
}

function CategorySelect(props: { value: string; onChange: (v: string) => void; label?: string; disabled: boolean }) {
  return (
    <select value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)} aria-label={props.label} disabled={props.disabled}>
      {REPLACEMENT_CATEGORIES.map((c) => (
        <option key={c} value={c}>
          {c}
        </option>
      ))}
    </select>
  );
}

function AddReplacement({ docIds, canReplace }: { docIds: string[]; canReplace: boolean }) {
  const [original, setOriginal] = useState('');
  const [replacement, setReplacement] = useState('');
  const [category, setCategory] = useState('person');
  const submit = async (e: Event) => {
    e.preventDefault();
    if (original.trim() === '' || replacement.trim() === '') return;
    if (await replace({ original: original.trim(), replacement: replacement.trim(), category }, docIds)) {
      setOriginal('');
      setReplacement('');
    }
  };
  return (
    <section aria-labelledby="add-h">
      <h2 id="add-h">Replace another name</h2>
      <form class="row-form" onSubmit={submit} aria-label="Replace another name">
        <label>
          Name as written <input value={original} onInput={(e) => setOriginal(e.currentTarget.value)} disabled={!canReplace} autocomplete="off" />
        </label>
        <label>
          with <input value={replacement} onInput={(e) => setReplacement(e.currentTarget.value)} placeholder="[Ward A]" disabled={!canReplace} />
        </label>
        <label>
          category{' '}
          <CategorySelect value={category} onChange={setCategory} disabled={!canReplace} />
        </label>
        <button type="submit" disabled={!canReplace}>
          Replace everywhere
        </button>
      </form>
    </section>
  );
}

/** The replacement list; originals are fetched only when the user asks to see them, and forgotten on leaving. */
function ReplacementList({ review }: { review: NameReview }) {
  const [originals, setOriginals] = useState<ReplacementListRow[] | null>(null);
  const show = async () => {
    if (!confirm('Show the original names on this screen? They stay in the key file; make sure no one else can see your screen.')) return;
    try {
      const rows = await api.pseudonymisationOriginals();
      setOriginals(rows);
    } catch (e) {
      state.error = String((e as Error).message ?? e);
      state.emit();
    }
  };
  if (!review.hasKey) return null;
  return (
    <section aria-labelledby="list-h">
      <h2 id="list-h">
        Replacement list <span class="count">({review.replacements.length})</span>
      </h2>
      <p>
        {originals ? (
          <button type="button" onClick={() => setOriginals(null)}>
            Hide originals
          </button>
        ) : (
          <button type="button" onClick={() => void show()}>
            Show originals…
          </button>
        )}
      </p>
      <table class="grid">
        <thead>
          <tr>
            <th scope="col">Replacement</th>
            <th scope="col">Category</th>
            <th scope="col">Original</th>
            <th scope="col">Added</th>
          </tr>
        </thead>
        <tbody>
          {(originals ?? review.replacements).map((r, i) => (
            <tr key={i}>
              <td>{r.replacement}</td>
              <td>{r.category}</td>
              <td>{r.original ?? <span class="muted">hidden (key file)</span>}</td>
              <td class="muted">{r.addedAt.slice(0, 10)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Words set aside as not names: this browser's, per project (suggestions are recomputed from the text each time). */
function storageKey(): string {
  return `staffwell.notNames.${state.session?.projectPath ?? ''}`;
}

function readDismissed(): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(storageKey()) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function writeDismissed(list: string[]): void {
  localStorage.setItem(storageKey(), JSON.stringify(list));
}
