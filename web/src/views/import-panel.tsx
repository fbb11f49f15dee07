import { useState } from 'preact/hooks';
import { api, RequestFailed, type TranscriptPreview } from '../api.ts';
import { base64 } from '../base64.ts';
import { state } from '../store.ts';
import { DropZone } from './drop-zone.tsx';

const ACCEPT = '.txt,.md,.docx,.vtt,.srt';

interface Picked {
  name: string;
  data: string;
}

/**
 * Transcript import by drag-and-drop (or a file chooser): the files are read here and sent in the request body,
 * previewed (format, turns, speakers), then imported once each speaker has a participant id (or is the
 * interviewer): one command for all files, which pseudonymises speakers' names and the known list on the way in.
 */
export function ImportPanel() {
  const [files, setFiles] = useState<Picked[]>([]);
  const [preview, setPreview] = useState<TranscriptPreview[] | null>(null);
  const [ids, setIds] = useState<Record<string, string>>({});
  const [site, setSite] = useState('');
  const [date, setDate] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');

  const take = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    setProblem('');
    setBusy(true);
    try {
      const picked = await Promise.all([...list].map(async (f) => ({ name: f.name, data: base64(new Uint8Array(await f.arrayBuffer())) })));
      const p = await api.previewImport(picked);
      setFiles(picked);
      setPreview(p);
      const next: Record<string, string> = {};
      for (const f of p) for (const s of f.speakers) next[s] = ids[s] ?? (/^interviewer$/i.test(s.trim()) ? 'interviewer' : '');
      setIds(next);
    } catch (e) {
      setProblem(e instanceof RequestFailed ? e.error.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const speakers = [...new Set((preview ?? []).flatMap((f) => f.speakers))];
  const missing = speakers.filter((s) => !ids[s]?.trim());
  const run = async (e: Event) => {
    e.preventDefault();
    if (!preview || missing.length > 0) return;
    setBusy(true);
    setProblem('');
    try {
      const r = await api.importTranscripts({
        files,
        speakers: speakers.map((s) => ({ displayName: s, participantId: ids[s].trim() })),
        site: site.trim() || undefined,
        interviewDate: date || undefined,
        actor: state.coder,
      });
      setFiles([]);
      setPreview(null);
      const names = r.reports.map((x) => x.name).join(', ');
      const toReview = r.reports.reduce((a, x) => a + x.suggestions, 0);
      state.say(`Imported ${names}${toReview ? `; ${toReview} possible name(s) to review under Pseudonymise` : ''}`);
      state.bump();
    } catch (e) {
      setProblem(e instanceof RequestFailed ? e.error.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="import" aria-labelledby="import-h">
      <h2 id="import-h">Import transcripts</h2>
      <DropZone accept={ACCEPT} multiple busy={busy} inputLabel="Transcript files" onFiles={(list) => void take(list)}>
        Drop transcripts here (Word .docx, Teams or Zoom .vtt, .srt, .txt, .md), or
      </DropZone>
      {problem && (
        <p role="alert" class="error-bar">
          {problem}
        </p>
      )}
      {preview && (
        <form class="import-form" onSubmit={run} aria-label="Map speakers and import">
          <table class="grid">
            <caption>Files to import</caption>
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Format</th>
                <th scope="col" class="num">
                  Turns
                </th>
                <th scope="col">Speakers</th>
                <th scope="col">Notes</th>
              </tr>
            </thead>
            <tbody>
              {preview.map((f) => (
                <tr key={f.name}>
                  <td>{f.name}</td>
                  <td>
                    {f.format} {f.dialect !== 'plain' && f.dialect !== f.format ? <span class="muted">({f.dialect})</span> : null}
                  </td>
                  <td class="num">{f.turns}</td>
                  <td>{f.speakers.join(', ')}</td>
                  <td>
                    {f.exists && <strong>already in the project</strong>}
                    {f.warnings.slice(0, 3).map((w, i) => (
                      <div key={i} class="muted">
                        {w.line !== null ? `line ${w.line}: ` : ''}
                        {w.message}
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <fieldset>
            <legend>Who is speaking: a participant id for each speaker (never a name), or “interviewer”</legend>
            {speakers.map((s) => (
              <label key={s} class="speaker-map">
                <span class="speaker-name">{s}</span>
                <input value={ids[s] ?? ''} onInput={(e) => setIds({ ...ids, [s]: e.currentTarget.value })} placeholder="P01 or interviewer" aria-label={`Participant id for ${s}`} size={14} />
              </label>
            ))}
            {speakers.length === 0 && <p class="hint">No speaker labels found: the text is imported as one participant's account.</p>}
          </fieldset>
          <div class="row-form">
            <label>
              Site <input value={site} onInput={(e) => setSite(e.currentTarget.value)} placeholder="optional" />
            </label>
            <label>
              Interview date <input type="date" value={date} onInput={(e) => setDate(e.currentTarget.value)} />
            </label>
            <button type="submit" disabled={busy || missing.length > 0}>
              Import {preview.length} file{preview.length === 1 ? '' : 's'}
            </button>
            <button type="button" onClick={() => (setPreview(null), setFiles([]))}>
              Cancel
            </button>
            {missing.length > 0 && <span class="muted">{missing.length} speaker(s) still need an id</span>}
          </div>
          <p class="hint">Speakers’ names, and the project’s replacement list, are replaced in the text as it is imported; the originals go to the key file.</p>
        </form>
      )}
    </section>
  );
}
