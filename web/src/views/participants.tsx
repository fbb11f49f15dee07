import { api, mixedApi } from '../api.ts';
import { href, type Route } from '../router.ts';
import { useLoad } from '../store.ts';
import { LinkLine, ParticipantProfilePanel } from './participant-profile.tsx';

/**
 * Participants: each with their site, their attributes (one column per participant variable) and their
 * documents, each opening its transcript. Participants are pseudonymous ids; display names stay in the key file.
 * When the project is linked to a study, a participant's id opens their profile (`#/participants/<id>`): survey
 * scores beside their interviews.
 */
export function ParticipantsView({ route }: { route: Route }) {
  const { data: people, error } = useLoad(() => api.participants(), []);
  const { data: docs } = useLoad(() => api.documents(), []);
  const { data: link, error: linkError } = useLoad(() => mixedApi.status(), []);
  const linked = link?.linked === true;
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
      {linkError ? <p role="alert">{linkError}</p> : link ? <LinkLine status={link} /> : null}
      {linked && route.arg && <ParticipantProfilePanel participantId={route.arg} documents={docsOf.get(route.arg) ?? []} />}
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
              <tr key={p.id} data-participant={p.id} class={p.id === route.arg ? 'current' : undefined}>
                <th scope="row">
                  {linked ? (
                    <a href={href('participants', p.id)} aria-current={p.id === route.arg ? 'page' : undefined} title={`profile of ${p.id}: survey scores beside the interviews`}>
                      {p.id}
                    </a>
                  ) : (
                    p.id
                  )}
                </th>
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
