import { useState } from 'preact/hooks';
import { api, RequestFailed, type StartSession } from '../api.ts';
import { thousands } from '../format.ts';

/**
 * `staffwell serve` without a project: the projects in the folder it was started in, newest first, and a new
 * project by name. Opening one reloads the page into its workspace (same address, same session).
 */
export function StartPage({ start }: { start: StartSession }) {
  const [name, setName] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const go = async (body: Parameters<typeof api.start>[0]) => {
    setBusy(true);
    setError('');
    try {
      await api.start(body);
      location.reload();
    } catch (e) {
      setError(e instanceof RequestFailed ? e.error.message : String(e));
      setBusy(false);
    }
  };
  return (
    <main class="page start-page" aria-busy={busy}>
      <h1>Staffwell</h1>
      <p class="muted">
        Projects in <code>{start.folder}</code>
      </p>
      {error && (
        <p class="error-bar" role="alert">
          {error}
        </p>
      )}
      <section aria-labelledby="open-h">
        <h2 id="open-h">Open a project</h2>
        {start.projects.length === 0 ? (
          <p class="hint">
            No projects here yet (<code>*.qual.sqlite</code> files). Create one below, or stop the server and start it in another folder, or with a project:{' '}
            <code>staffwell serve study.qual.sqlite</code>.
          </p>
        ) : (
          <table class="grid">
            <thead>
              <tr>
                <th scope="col">Project file</th>
                <th scope="col">Last changed</th>
                <th scope="col" class="num">
                  Size
                </th>
                <th scope="col">Key file</th>
                <th scope="col">
                  <span class="sr-only">Open</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {start.projects.map((p) => (
                <tr key={p.file}>
                  <td>{p.file}</td>
                  <td>{new Date(p.modified).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}</td>
                  <td class="num">{thousands(Math.ceil(p.bytes / 1024))} KB</td>
                  <td>{p.hasKey ? 'beside it' : <span class="muted">none</span>}</td>
                  <td>
                    <button type="button" disabled={busy} onClick={() => void go({ action: 'open', file: p.file })} aria-label={`Open ${p.file}`}>
                      Open
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="new-h">
        <h2 id="new-h">New project</h2>
        <form
          class="row-form"
          aria-label="New project"
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) void go({ action: 'create', name: name.trim() });
          }}
        >
          <label>
            Name <input value={name} onInput={(e) => setName(e.currentTarget.value)} placeholder="e.g. Radiology support workers 2026" size={36} />
          </label>
          <button type="submit" disabled={busy || name.trim() === ''}>
            Create
          </button>
        </form>
        <p class="hint">The project is one file in this folder, with its key file (original names, the speaker key) beside it; keep the key file apart when you share the project.</p>
      </section>
    </main>
  );
}
