import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api, type CodeComparison, type SegmentHit } from '../api.ts';
import { codeColour } from '../format.ts';
import { href, type Route } from '../router.ts';
import { useLoad, useWorkspace } from '../store.ts';
import { KeyQuoteToggle } from './theme-detail.tsx';
import { CoderFilter } from './coder-filter.tsx';

/**
 * Compare two codes (`#/compare?a=CODE&b=CODE&coder=`): the documents and participants with segments of each (the
 * ones with both marked), then the two codes' segments side by side, each with its jump to the transcript; "only
 * where both are" keeps the segments in shared documents. The codes live in the address, so a comparison can be
 * linked and reloaded; the numbers come from `GET /api/compare` (the service `qualCompareCodes`).
 */
export function CompareCodesView({ route }: { route: Route }) {
  const ws = useWorkspace();
  const p = route.params;
  const a = p.get('a') ?? '';
  const b = p.get('b') ?? '';
  const coder = p.get('coder') ?? '';
  const [sharedOnly, setSharedOnly] = useState(false);
  const { data, error } = useLoad(() => (a && b ? api.compare({ a, b, coder: coder ? [coder] : undefined }) : Promise.resolve(undefined)), [a, b, coder]);
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(p);
    if (v) next.set(k, v);
    else next.delete(k);
    location.hash = `#/compare?${next.toString()}`;
  };
  const byId = new Map(ws.codebook.codes.map((c) => [c.id, c]));
  const codeSelect = (k: 'a' | 'b', value: string, label: string) => (
    <label>
      {label}{' '}
      <select value={value} onChange={(e) => set(k, e.currentTarget.value)}>
        <option value="">(choose a code)</option>
        {ws.codebook.tree.map((t) => (
          <option key={t.id} value={t.id}>
            {byId.get(t.id)?.path}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <main class="page compare-page">
      <h1>Compare two codes</h1>
      <form class="row-form" aria-label="Codes to compare" onSubmit={(e) => e.preventDefault()}>
        {codeSelect('a', a, 'First code')}
        {codeSelect('b', b, 'Second code')}
        <CoderFilter value={coder} onChange={(v) => set('coder', v)} />
        <label>
          <input type="checkbox" checked={sharedOnly} onChange={(e) => setSharedOnly(e.currentTarget.checked)} /> only in documents with both
        </label>
      </form>
      {error && <p role="alert">{error}</p>}
      {!a || !b ? (
        <p class="hint">Choose two codes: their segments (with their subcodes') side by side, and where they meet.</p>
      ) : !data ? (
        <p aria-busy="true">Loading…</p>
      ) : (
        <Comparison data={data} sharedOnly={sharedOnly} colour={(id) => codeColour(byId.get(id)?.color, id)} />
      )}
    </main>
  );
}

function Comparison({ data, sharedOnly, colour }: { data: CodeComparison; sharedOnly: boolean; colour: (codeId: string) => string }) {
  const both = new Set(data.documents.filter((d) => d.a > 0 && d.b > 0).map((d) => d.documentId));
  const keep = (hits: SegmentHit[]) => (sharedOnly ? hits.filter((h) => both.has(h.documentId)) : hits);
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  return (
    <>
      <p class="muted" role="status">
        {data.a.code}: {plural(data.a.segments.length, 'segment')}; {data.b.code}: {plural(data.b.segments.length, 'segment')}. Both in {data.shared.documents} of {plural(data.documents.length, 'document')} and{' '}
        {data.shared.participants} of {plural(data.participants.length, 'participant')}.
      </p>
      <div class="compare-overlap">
        <CountTable
          caption="Documents"
          what="document"
          codes={[data.a.code, data.b.code]}
          rows={data.documents.map((d) => ({ key: d.documentId, label: <a href={href('document', d.documentId)}>{d.documentName}</a>, a: d.a, b: d.b }))}
        />
        <CountTable caption="Participants" what="participant" codes={[data.a.code, data.b.code]} rows={data.participants.map((x) => ({ key: x.participantId, label: x.participantId, a: x.a, b: x.b }))} />
      </div>
      <div class="compare-columns">
        {[data.a, data.b].map((side, k) => {
          const hits = keep(side.segments);
          return (
            <section key={k} aria-labelledby={`compare-${k}`} class="compare-column">
              <h2 id={`compare-${k}`}>
                <span class="swatch" style={{ background: colour(side.codeId) }} /> {side.code} <span class="muted">({plural(hits.length, 'segment')})</span>
              </h2>
              {hits.length === 0 && <p class="hint">{sharedOnly ? 'None in a document with both codes.' : 'No segments.'}</p>}
              <ol class="hits">
                {hits.map((h) => (
                  <li key={h.segmentId} class="hit" data-document={h.documentId}>
                    <div class="hit-head">
                      <strong>{h.code}</strong> <span class="muted">{h.documentName} · {h.participantId ?? ''} · {h.coder}</span>
                      {both.has(h.documentId) && <span class="tag">both codes here</span>}
                      <a href={href('document', h.documentId, { seg: h.segmentId })}>Open in transcript</a>
                      <KeyQuoteToggle segmentId={h.segmentId} flagged={h.keyQuote} />
                    </div>
                    <blockquote>{h.text}</blockquote>
                  </li>
                ))}
              </ol>
            </section>
          );
        })}
      </div>
    </>
  );
}

/** Segments of each code per document (or participant); a row with both is marked. */
function CountTable({ caption, what, codes, rows }: { caption: string; what: string; codes: [string, string]; rows: { key: string; label: ComponentChildren; a: number; b: number }[] }) {
  return (
    <table class="grid compare-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{what}</th>
          <th scope="col">{codes[0]}</th>
          <th scope="col">{codes[1]}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} class={r.a > 0 && r.b > 0 ? 'both' : undefined}>
            <th scope="row">
              {r.label}
              {r.a > 0 && r.b > 0 && <span class="tag">both</span>}
            </th>
            <td class="num">{r.a || ''}</td>
            <td class="num">{r.b || ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
