import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { CodebookEntry } from '../api.ts';
import { codeColour } from '../format.ts';
import { fuzzyScore } from '../transcript-model.ts';

/**
 * The code palette: type to filter the codebook (fuzzy, over the code's path), ↑/↓ to choose, Enter to apply,
 * Ctrl+Enter (or the last row) to create a code named by the query; Esc closes. The chosen code's description
 * shows while coding.
 */
export function CodePalette(props: {
  codes: CodebookEntry[];
  recent: string[];
  selection: string;
  onApply: (c: CodebookEntry) => void;
  onCreate: (name: string) => void;
  onClose: () => void;
}) {
  const [q, setQ] = useState('');
  const [i, setI] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  // focus in the same commit, so keys typed right after the shortcut land in the box
  useLayoutEffect(() => input.current?.focus(), []);
  const query = q.trim();
  const rank = (c: CodebookEntry) => {
    const r = props.recent.indexOf(c.id);
    return query === '' ? (r >= 0 ? r : 100) : fuzzyScore(query, c.path);
  };
  const matches = props.codes
    .map((c) => ({ c, s: rank(c) }))
    .filter((x) => x.s < Infinity)
    .sort((a, b) => a.s - b.s)
    .slice(0, 12)
    .map((x) => x.c);
  const exact = props.codes.some((c) => c.name.toLowerCase() === query.toLowerCase() || c.path.toLowerCase() === query.toLowerCase());
  const rows: ({ kind: 'code'; code: CodebookEntry } | { kind: 'create'; name: string })[] = matches.map((code) => ({ kind: 'code' as const, code }));
  if (query && !exact) rows.push({ kind: 'create', name: query });
  const at = Math.min(i, Math.max(0, rows.length - 1));
  const choose = (k: number) => {
    const r = rows[k];
    if (!r) return;
    if (r.kind === 'code') props.onApply(r.code);
    else props.onCreate(r.name);
  };
  const current = rows[at];
  return (
    <div class="palette-backdrop" onMouseDown={(e) => e.target === e.currentTarget && props.onClose()}>
      <div class="palette" role="dialog" aria-label="Apply a code">
        <p class="palette-quote">“{props.selection.length > 140 ? `${props.selection.slice(0, 140)}…` : props.selection}”</p>
        <input
          ref={input}
          value={q}
          placeholder="Type to find a code, or a new code's name"
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={rows.length ? `palette-row-${at}` : undefined}
          aria-label="Code"
          onInput={(e) => {
            setQ(e.currentTarget.value);
            setI(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') (e.preventDefault(), setI(Math.min(rows.length - 1, at + 1)));
            else if (e.key === 'ArrowUp') (e.preventDefault(), setI(Math.max(0, at - 1)));
            else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) (e.preventDefault(), query && props.onCreate(query));
            else if (e.key === 'Enter') (e.preventDefault(), choose(at));
            else if (e.key === 'Escape') (e.preventDefault(), props.onClose());
          }}
        />
        <ul id="palette-list" role="listbox" aria-label="Codes">
          {rows.map((r, k) => (
            <li key={r.kind === 'code' ? r.code.id : '+new'} id={`palette-row-${k}`} role="option" aria-selected={k === at} class={k === at ? 'active' : ''} onMouseDown={(e) => (e.preventDefault(), choose(k))}>
              {r.kind === 'code' ? (
                <>
                  <span class="swatch" style={{ background: codeColour(r.code.color, r.code.id) }} />
                  {r.code.path} <span class="count">{r.code.segments}</span>
                </>
              ) : (
                <>
                  <span class="plus">+</span> Create code “{r.name}”
                </>
              )}
            </li>
          ))}
          {rows.length === 0 && <li class="muted">No codes yet: type a name to create one.</li>}
        </ul>
        {current?.kind === 'code' && current.code.description && <p class="palette-desc">{current.code.description}</p>}
        <p class="hint">
          <kbd>Enter</kbd> apply · <kbd>Ctrl+Enter</kbd> new code · <kbd>Esc</kbd> close
        </p>
      </div>
    </div>
  );
}
