import { api } from '../api.ts';
import { href } from '../router.ts';
import { useLoad } from '../store.ts';

/**
 * Participants: each with their site, their attributes (one column per participant variable) and their
 * documents, each opening its transcript. Participants are pseudonymous ids; display names stay in the key file.
 */
export function ParticipantsView() {
  const { data: people, error } = useLoad(() => api.participants(), []);
  const { data: docs } = useLoad(() => api.documents(), []);
  if (error) return <p role="alert">{error}</p>;
  if (!people) return <p aria-busy="true">Loading participants…</p>;
  const site = new Map(people.sites.map((s) => [s.id, s.name]));
  const docsOf = new Map<string, { id: string; name: string }[]>();
  // a participant's documents: their interviews and the focus groups they speak in
  for (const d of docs ?? []) for (const pid of d.participants) (docsOf.get(pid) ?? docsOf.set(pid, []).get(pid)!).push(d);
  const shown = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  return (
    <main class="page">
      <h1>Participants</h1>
      {people.participants.length === 0 ? (
        <p>No participants yet: they come with imported transcripts (the speaker mapping) or `staffwell qual participants`.</p>
      ) : (
        <table class="grid participants">
          <thead>
            <tr>
              <th scope="col">Participant</th>
              <th scope="col">Site</th>
              {people.variables.map((v) => (
                <th key={v.id} scope="col" title={v.description || undefined}>
                  {v.name}
                </th>
              ))}
              <th scope="col">Documents</th>
            </tr>
          </thead>
          <tbody>
            {people.participants.map((p) => (
              <tr key={p.id} data-participant={p.id}>
                <th scope="row">{p.id}</th>
                <td>{p.siteId ? (site.get(p.siteId) ?? p.siteId) : ''}</td>
                {people.variables.map((v) => (
                  <td key={v.id}>{shown(p.attributes[v.id])}</td>
                ))}
                <td>
                  {(docsOf.get(p.id) ?? []).map((d, i) => (
                    <span key={d.id}>
                      {i > 0 && ', '}
                      <a href={href('document', d.id)}>{d.name}</a>
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="hint">
        {people.participants.length} participant{people.participants.length === 1 ? '' : 's'} at {people.sites.length} site{people.sites.length === 1 ? '' : 's'}. Keys: Alt+7.
      </p>
    </main>
  );
}
