import { api } from '../api.ts';
import { clock, percent, thousands } from '../format.ts';
import { href } from '../router.ts';
import { state, useLoad } from '../store.ts';
import { ImportPanel } from './import-panel.tsx';

/** Project home: the documents with participant, site, type, length and coding progress. */
export function DocumentsView() {
  const { data: docs, error } = useLoad(() => api.documents(), []);
  const { data: people } = useLoad(() => api.participants(), []);
  const site = new Map((people?.sites ?? []).map((s) => [s.id, s.name]));
  const siteOf = new Map((people?.participants ?? []).map((p) => [p.id, p.siteId]));
  if (error) return <p role="alert">{error}</p>;
  if (!docs) return <p aria-busy="true">Loading documents…</p>;
  return (
    <main class="page">
      <h1>Documents</h1>
      {docs.length === 0 ? (
        <p>No documents yet: import transcripts below (or with <code>staffwell qual import</code>).</p>
      ) : (
        <table class="grid">
          <thead>
            <tr>
              <th scope="col">Document</th>
              <th scope="col">Participant</th>
              <th scope="col">Site</th>
              <th scope="col">Type</th>
              <th scope="col">Date</th>
              <th scope="col" class="num">Characters</th>
              <th scope="col" class="num">Turns</th>
              <th scope="col" class="num">Segments</th>
              <th scope="col">Coded</th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {docs.map((d) => (
              <tr key={d.id}>
                <td>
                  <a href={href('document', d.id)}>{d.name}</a>
                </td>
                <td>{d.participantId ?? 'several'}</td>
                <td>{site.get(d.siteId ?? siteOf.get(d.participantId ?? '') ?? '') ?? ''}</td>
                <td>{d.format}</td>
                <td class="nowrap">{d.interviewDate ?? ''}</td>
                <td class="num">{thousands(d.length)}</td>
                <td class="num">{d.turns}</td>
                <td class="num">{d.segments}</td>
                <td>
                  <span class="bar" aria-hidden="true">
                    <span class="fill" style={{ width: percent(d.coded) }} />
                  </span>{' '}
                  {percent(d.coded)}
                </td>
                <td>
                  <button
                    type="button"
                    class="link danger"
                    aria-label={`Delete ${d.name}`}
                    onClick={() =>
                      void state.remove(
                        `Delete the document ${d.name} with its ${d.segments} coding(s) and its memos?`,
                        { type: 'document.delete', documentId: d.id },
                        `Deleted the document ${d.name}`,
                      )
                    }
                  >
                    delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="hint">Open a document to read and code it. Keys: Alt+1 documents, Alt+2 codebook.</p>
      <ImportPanel />
    </main>
  );
}
