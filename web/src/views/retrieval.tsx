import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { codeColour } from '../format.ts';
import { go, href, type Route } from '../router.ts';
import { useLoad, useWorkspace } from '../store.ts';
import { KeyQuoteToggle } from './theme-detail.tsx';
import { CoderFilter } from './coder-filter.tsx';

/**
 * Retrieval: the coded segments of one or more codes (with their subcodes), filtered by coder, participant and
 * site, each with a jump to its place in the transcript; and keyword-in-context search over every transcript.
 * Filters live in the address (#/retrieval?code=…&coder=…), so a view can be linked and reloaded.
 */
export function RetrievalView({ route }: { route: Route }) {
  const ws = useWorkspace();
  const p = route.params;
  const codes = p.getAll('code');
  const themes = p.getAll('theme');
  const coder = p.get('coder') ?? '';
  const participant = p.get('participant') ?? '';
  const site = p.get('site') ?? '';
  // from a co-occurrence cell: only the segments that overlap (or share a turn with) a segment of this code
  const withCode = p.get('with') ?? '';
  const scope = p.get('scope') === 'turn' ? 'turn' : 'overlap';
  const { data: people } = useLoad(() => api.participants(), []);
  const { data: hits, error } = useLoad(
    () =>
      codes.length || themes.length
        ? api.segments({
            code: codes.length ? codes : undefined,
            theme: themes.length ? themes : undefined,
            coder: coder ? [coder] : undefined,
            participant: participant ? [participant] : undefined,
            site: site ? [site] : undefined,
            with: withCode || undefined,
            scope: withCode ? scope : undefined,
          })
        : Promise.resolve([]),
    [codes.join(','), themes.join(','), coder, participant, site, withCode, scope],
  );
  const set = (k: string, v: string | string[]) => {
    const next = new URLSearchParams(p);
    next.delete(k);
    for (const x of Array.isArray(v) ? v : [v]) if (x) next.append(k, x);
    location.hash = `#/retrieval?${next.toString()}`;
  };
  const byId = new Map(ws.codebook.codes.map((c) => [c.id, c]));
  const { data: board } = useLoad(() => (themes.length ? api.themes() : Promise.resolve(undefined)), [themes.join(',')]);
  const themeName = (id: string) => board?.themes.find((t) => t.theme.id === id)?.theme.name ?? id;
  return (
    <main class="page">
      <h1>Retrieval</h1>
      <form class="row-form" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Codes{' '}
          <select multiple size={4} onChange={(e) => set('code', [...e.currentTarget.selectedOptions].map((o) => o.value))}>
            {ws.codebook.tree.map((t) => (
              <option key={t.id} value={t.id} selected={codes.includes(t.id)}>
                {byId.get(t.id)?.path}
              </option>
            ))}
          </select>
        </label>
        <CoderFilter value={coder} onChange={(v) => set('coder', v)} />
        <label>
          Participant{' '}
          <select value={participant} onChange={(e) => set('participant', e.currentTarget.value)}>
            <option value="">(all)</option>
            {(people?.participants ?? []).map((x) => (
              <option key={x.id} value={x.id}>
                {x.id}
              </option>
            ))}
          </select>
        </label>
        <label>
          Site{' '}
          <select value={site} onChange={(e) => set('site', e.currentTarget.value)}>
            <option value="">(all)</option>
            {(people?.sites ?? []).map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
        <a href={href('compare', undefined, { a: codes[0], b: codes[1], coder: coder || undefined })}>{codes.length === 2 ? 'Compare these two codes side by side' : 'Compare two codes'}</a>
        {codes.length || themes.length ? (
          <a href={`/api/export/segments.csv?${p.toString()}`} download>
            Export these segments (CSV)
          </a>
        ) : (
          <a href="/api/export/segments.csv" download>
            Export all segments (CSV)
          </a>
        )}
      </form>
      {themes.length > 0 && (
        <p class="filter-note">
          Theme: <strong>{themes.map(themeName).join(', ')}</strong> <span class="muted">(its codes and subthemes' codes)</span>{' '}
          <button type="button" class="link" onClick={() => set('theme', [])}>
            clear
          </button>
        </p>
      )}
      {withCode && (
        <p class="filter-note">
          Co-occurring with <strong>{byId.get(withCode)?.path ?? withCode}</strong>{' '}
          <span class="muted">({scope === 'turn' ? 'in the same speaker turn' : 'overlapping in the text'}; the code itself, not its subcodes)</span>{' '}
          <button
            type="button"
            class="link"
            onClick={() => {
              const next = new URLSearchParams(p);
              next.delete('with');
              next.delete('scope');
              location.hash = `#/retrieval?${next.toString()}`;
            }}
          >
            clear
          </button>
        </p>
      )}
      {error && <p role="alert">{error}</p>}
      {codes.length === 0 && themes.length === 0 ? (
        <p class="hint">Choose one or more codes (or click a code in the codebook or a matrix cell).</p>
      ) : (
        <>
          <p class="muted" role="status">
            {hits ? `${hits.length} segment${hits.length === 1 ? '' : 's'}` : 'Loading…'}
          </p>
          <ol class="hits">
            {(hits ?? []).map((h) => (
              <li key={h.segmentId} class="hit">
                <div class="hit-head">
                  <span class="swatch" style={{ background: codeColour(byId.get(h.codeId)?.color, h.codeId) }} />
                  <strong>{h.code}</strong> <span class="muted">{h.documentName} · {h.participantId ?? ''} · {h.site ?? ''} · {h.coder}</span>
                  <a href={href('document', h.documentId, { seg: h.segmentId })}>Open in transcript</a>
                  <KeyQuoteToggle segmentId={h.segmentId} flagged={h.keyQuote} />
                </div>
                <blockquote>{h.text}</blockquote>
              </li>
            ))}
          </ol>
        </>
      )}
    </main>
  );
}

/** Keyword in context over all transcripts: a word, a phrase, or a prefix ending in `*`. */
export function SearchView({ route }: { route: Route }) {
  const q = route.params.get('q') ?? '';
  const [text, setText] = useState(q);
  const { data: hits, error } = useLoad(() => (q ? api.kwic({ q, context: 50 }) : Promise.resolve([])), [q]);
  return (
    <main class="page">
      <h1>Search</h1>
      <form class="row-form" role="search" onSubmit={(e) => (e.preventDefault(), go('search', undefined, { q: text.trim() }))}>
        <label>
          Word, phrase or prefix* <input value={text} onInput={(e) => setText(e.currentTarget.value)} size={30} />
        </label>
        <button type="submit">Search</button>
      </form>
      {error && <p role="alert">{error}</p>}
      {q && hits && (
        <p class="muted" role="status">
          {hits.length} hit{hits.length === 1 ? '' : 's'} for “{q}”
        </p>
      )}
      <table class="grid kwic">
        <tbody>
          {(hits ?? []).map((h) => (
            <tr key={`${h.documentId}:${h.start}`}>
              <td class="muted">
                {h.documentName} {h.speaker ?? ''}
              </td>
              <td class="left">{h.left}</td>
              <td class="kw">
                <a href={href('document', h.documentId, { at: h.start, end: h.end })}>{h.keyword}</a>
              </td>
              <td class="right">{h.right}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
