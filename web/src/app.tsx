import { useEffect, useState } from 'preact/hooks';
import { href, parseRoute, useRoute } from './router.ts';
import { state, useWorkspace } from './store.ts';
import { VIEWS, type ViewEntry } from './views.ts';
import { StartPage } from './views/start-page.tsx';

/** The app shell: a header with the project, the view tabs and who is coding; the routed view; a live region. */
export function App() {
  const ws = useWorkspace();
  const route = useRoute();
  const [failed, setFailed] = useState('');
  useEffect(() => {
    state.start().catch((e: unknown) => setFailed(String((e as Error).message ?? e)));
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // undo anywhere but in the transcript, which has its own (it draws the change at once)
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && (e.key === 'z' || e.key === 'Z') && parseRoute(location.hash).view !== 'document') {
        const t = e.target as HTMLElement | null;
        if (t?.closest('input, textarea, select, [contenteditable]')) return;
        e.preventDefault();
        void state.undo();
        return;
      }
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const v = VIEWS.find((x) => x.key === e.key);
      if (v) {
        e.preventDefault();
        location.hash = href(v.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  if (failed) {
    return (
      <main class="fatal">
        <h1>Staffwell workspace</h1>
        <p>The workspace could not start: {failed}</p>
        <p>Open the URL that <code>staffwell serve</code> printed (it carries the session token).</p>
      </main>
    );
  }
  if (ws.startPage) return <StartPage start={ws.startPage} />;
  if (!ws.session) return <main class="loading" aria-busy="true">Opening the project…</main>;
  const view = VIEWS.find((v) => v.id === route.view) ?? VIEWS[0];
  const View = view.component;
  const tabView = view.label ? view.id : (view.tab ?? 'documents');
  return (
    <div class="shell">
      <header class="top">
        <span class="brand">Staffwell</span>
        <span class="project" title={ws.session.projectPath}>
          {ws.session.projectName || ws.session.projectPath}
        </span>
        <CoderBox />
        <span class={`live ${ws.live}`} title="Changes from other tabs and the CLI appear as they happen">
          {ws.live === 'live' ? '● live' : ws.live === 'offline' ? '○ reconnecting' : '○ connecting'}
        </span>
        <nav aria-label="Views" class="views-nav">
          {TAB_GROUPS.map((g) => {
            const tabs = VIEWS.filter((v) => v.label && (v.group ?? 'interviews') === g.id);
            if (tabs.length === 0) return null;
            return (
              <div class="tab-group" key={g.id}>
                <span class="group-label" id={`tabs-${g.id}`}>
                  {g.label}
                </span>
                <ul class="tabs" aria-labelledby={`tabs-${g.id}`}>
                  {tabs.map((v) => (
                    <li key={v.id}>
                      <a href={href(v.id)} class={v.id === tabView ? 'tab active' : 'tab'} aria-current={v.id === tabView ? 'page' : undefined} title={v.key ? `Alt+${v.key}` : undefined}>
                        {v.label}
                      </a>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </nav>
      </header>
      {ws.error && (
        <div class="error-bar" role="alert">
          {ws.error}
          <button type="button" class="link" onClick={() => ((state.error = ''), state.emit())}>
            dismiss
          </button>
        </div>
      )}
      {ws.undoNotice && (
        <div class="notice-bar" role="status">
          {ws.undoNotice}
          <button type="button" onClick={() => void state.undo()} title="Ctrl+Z">
            Undo
          </button>
          <button type="button" class="link" onClick={() => ((state.undoNotice = ''), state.emit())}>
            dismiss
          </button>
        </div>
      )}
      {/* keyed: the notice bars above come and go, and the view (its selection, focus, scroll) must not remount */}
      <div class="view" key="view">
        <View route={route} />
      </div>
      <div class="sr-only" aria-live="polite" role="status" id="announce" key="announce">
        {ws.message}
      </div>
    </div>
  );
}

/** The header's tabs, in a row of their own under the project line: the interviews' (qualitative) tabs, then the survey's. */
const TAB_GROUPS: { id: NonNullable<ViewEntry['group']>; label: string }[] = [
  { id: 'interviews', label: 'Interviews' },
  { id: 'survey', label: 'Survey' },
];

function CoderBox() {
  const ws = useWorkspace();
  const [value, setValue] = useState(ws.coder);
  useEffect(() => setValue(ws.coder), [ws.coder]);
  return (
    <form
      class="coder"
      onSubmit={(e) => {
        e.preventDefault();
        state.setCoder(value);
      }}
    >
      <label>
        Coding as{' '}
        <input value={value} size={12} onInput={(e) => setValue(e.currentTarget.value)} onBlur={() => state.setCoder(value)} aria-label="Coder name" />
      </label>
    </form>
  );
}
