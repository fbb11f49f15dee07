import { useState } from 'preact/hooks';
import { api, type MemoEntry } from '../api.ts';
import { state, useLoad } from '../store.ts';

type Target = MemoEntry['target'];
const TYPES = ['reflexive', 'theoretical', 'methodological', 'analytic'];

/** Memo type is kept as the title's prefix (`[reflexive] …`), so the CLI and exports show it too. */
function typeOf(m: MemoEntry): string {
  return /^\[(\w+)\]/.exec(m.title)?.[1] ?? '';
}

/** Writes a memo on `target` (one command, undoable). */
function MemoForm(props: { target: Target; label: string }) {
  const [text, setText] = useState('');
  const [title, setTitle] = useState('');
  const [type, setType] = useState(TYPES[0]);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!text.trim()) return;
    const ok = await state.run({ type: 'memo.create', target: props.target, title: `[${type}] ${title.trim()}`.trim(), text }, `Memo saved on ${props.label}`);
    if (ok !== undefined) (setText(''), setTitle(''));
  };
  return (
    <form class="memo-form" onSubmit={submit} aria-label={`New memo on ${props.label}`}>
      <div class="row-form">
        <label>
          Type{' '}
          <select value={type} onChange={(e) => setType(e.currentTarget.value)}>
            {TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <label>
          Title <input value={title} onInput={(e) => setTitle(e.currentTarget.value)} size={16} />
        </label>
      </div>
      <label class="wide">
        Memo on {props.label}
        <textarea
          value={text}
          rows={4}
          onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => (e.ctrlKey || e.metaKey) && e.key === 'Enter' && void submit(e)}
        />
      </label>
      <button type="submit">
        Save memo <kbd>Ctrl+Enter</kbd>
      </button>
    </form>
  );
}

function MemoList(props: { memos: MemoEntry[] }) {
  if (props.memos.length === 0) return <p class="hint">No memos here yet.</p>;
  return (
    <ol class="memos">
      {props.memos.map((m) => (
        <li key={m.id} class="memo">
          <div class="memo-head">
            {typeOf(m) && <span class="tag">{typeOf(m)}</span>}
            <strong>{m.title.replace(/^\[\w+\]\s*/, '')}</strong> <span class="muted">{m.about} · {m.author} · {m.updatedAt.slice(0, 16).replace('T', ' ')}</span>
            <button type="button" class="link" aria-label={`Delete memo ${m.title}`} onClick={() => void state.remove(`Delete the memo “${m.title}”?`, { type: 'memo.delete', id: m.id }, `Deleted the memo ${m.title}`)}>
              delete
            </button>
          </div>
          <p class="memo-text">{m.text}</p>
        </li>
      ))}
    </ol>
  );
}

/** The memo dock beside a transcript: memos on the document (and on the selected coding), and a form to add one. */
export function MemoDock(props: { documentId: string; documentName: string; segmentId: string | null }) {
  const { data } = useLoad(() => api.memos(), []);
  const mine = (data ?? []).filter((m) => (m.target.kind === 'document' && m.target.id === props.documentId) || (props.segmentId && m.target.kind === 'segment' && m.target.id === props.segmentId));
  const target: Target = props.segmentId ? { kind: 'segment', id: props.segmentId } : { kind: 'document', id: props.documentId };
  return (
    <div class="memo-dock">
      <MemoForm target={target} label={props.segmentId ? 'the selected coding' : props.documentName} />
      <MemoList memos={mine} />
    </div>
  );
}

/** All memos as a timeline, searchable, with a project memo form. */
export function MemosView() {
  const { data, error } = useLoad(() => api.memos(), []);
  const [q, setQ] = useState('');
  const needle = q.trim().toLowerCase();
  const shown = (data ?? []).filter((m) => !needle || `${m.title} ${m.text} ${m.about}`.toLowerCase().includes(needle)).reverse();
  return (
    <main class="page memos-page">
      <h1>Memos</h1>
      {error && <p role="alert">{error}</p>}
      <MemoForm target={{ kind: 'project' }} label="the project" />
      <p>
        <label>
          Search memos <input type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
        </label>{' '}
        <span class="muted" role="status">
          {shown.length} of {data?.length ?? 0}
        </span>
      </p>
      <MemoList memos={shown} />
    </main>
  );
}
