import type { ComponentChildren } from 'preact';
import { mixedApi, type CaseComparison, type JointDisplay, type MixedStatus, type SideBySide, type StatisticsByThemes } from '../api.ts';
import { href, type Route } from '../router.ts';
import { useLoad } from '../store.ts';
import { LinkLine } from './participant-profile.tsx';

const DISPLAYS = [
  { id: 'statistics-by-themes', label: 'Statistics by themes' },
  { id: 'case-comparison', label: 'Case comparison' },
  { id: 'side-by-side', label: 'Side by side' },
] as const;

/**
 * Joint displays (`#/joint/<display>?by=&score=`): statistics by themes, case comparison and the side-by-side
 * display, as the tables `staffwell mixed joint` prints (the server sends the CLI's rows), with each theme opening
 * retrieval filtered by it and each participant their profile. Read-only; side-by-side rows are edited with
 * `staffwell mixed row`. Figures about fewer participants than the study's threshold arrive suppressed.
 */
export function JointDisplaysView({ route }: { route: Route }) {
  const { data: status, error } = useLoad(() => mixedApi.status(), []);
  const current = DISPLAYS.find((d) => d.id === route.arg) ?? DISPLAYS[0];
  return (
    <main class="page joint-page">
      <h1>Joint displays</h1>
      {error ? (
        <p role="alert">{error}</p>
      ) : !status ? (
        <p aria-busy="true">Loading the link…</p>
      ) : !status.linked ? (
        <LinkLine status={status} />
      ) : (
        <>
          <nav class="display-nav" aria-label="Joint displays">
            {DISPLAYS.map((d) => (
              <a key={d.id} href={href('joint', d.id, d.id === 'case-comparison' ? paramsOf(route) : undefined)} aria-current={d.id === current.id ? 'page' : undefined}>
                {d.label}
              </a>
            ))}
          </nav>
          <p class="hint">
            From {status.study} and the coded interviews. Figures about fewer than {status.minGroup} participants are suppressed (the study’s threshold).
          </p>
          {current.id === 'statistics-by-themes' && <StatisticsByThemesTable />}
          {current.id === 'case-comparison' && <CaseComparisonTable route={route} status={status} />}
          {current.id === 'side-by-side' && <SideBySideTable />}
        </>
      )}
    </main>
  );
}

function paramsOf(route: Route): Record<string, string | undefined> {
  return { by: route.params.get('by') || undefined, score: route.params.get('score') || undefined };
}

function Loaded<D>({ load, children }: { load: { data: JointDisplay<D> | undefined; error: string }; children: (d: JointDisplay<D>) => ComponentChildren }) {
  if (load.error) return <p role="alert">{load.error}</p>;
  if (!load.data) return <p aria-busy="true">Computing the display…</p>;
  return <>{children(load.data)}</>;
}

function StatisticsByThemesTable() {
  const load = useLoad(() => mixedApi.statisticsByThemes(), []);
  return (
    <Loaded load={load}>
      {({ display: d, table: [head, ...body] }) => (
        <Table caption="Statistics by themes" head={head}>
          {d.rows.map((r, i) => (
            <tr key={r.id} data-row={r.id}>
              <RowHead unit={d.unit} id={r.id} label={r.label} depth={r.depth} />
              <td>
                <Participants ids={r.participants} />
              </td>
              {body[i].slice(2).map((cell, k) => (
                <td key={k} class={k === 0 ? 'num' : 'cell-text'}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </Table>
      )}
    </Loaded>
  );
}

function CaseComparisonTable({ route, status }: { route: Route; status: Extract<MixedStatus, { linked: true }> }) {
  const { by, score } = paramsOf(route);
  const load = useLoad(() => mixedApi.caseComparison({ by, score }), [by, score]);
  const groups = status.variables.filter((v) => v.type === 'categorical');
  const scores = status.variables.filter((v) => v.type === 'numeric');
  const set = (k: 'by' | 'score', v: string) => (location.hash = href('joint', 'case-comparison', { ...paramsOf(route), [k]: v || undefined }));
  return (
    <>
      <form class="row-form" aria-label="Case comparison" onSubmit={(e) => e.preventDefault()}>
        <label>
          Compare by{' '}
          <select onChange={(e) => set('by', e.currentTarget.value)}>
            {groups.map((v) => (
              <option key={v.ref} value={v.ref} selected={v.ref === (load.data?.display.by.ref ?? by)}>
                {v.ref}
              </option>
            ))}
          </select>
        </label>
        <label>
          Score{' '}
          <select onChange={(e) => set('score', e.currentTarget.value)}>
            <option value="">none</option>
            {scores.map((v) => (
              <option key={v.ref} value={v.ref} selected={v.ref === score}>
                {v.ref}
              </option>
            ))}
          </select>
        </label>
      </form>
      <Loaded load={load}>
        {({ display: d, table: [head, ...body] }) => (
          <Table caption={`Case comparison by ${d.by.ref}`} head={head}>
            {d.rows.map((r, i) => (
              <tr key={r.id} data-row={r.id}>
                <RowHead unit={d.unit} id={r.id} label={r.label} depth={r.depth} />
                {r.cells.map((c, k) => (
                  <td key={k} class="cell-text">
                    <CaseCell cell={c} text={body[i][k + 1]} />
                  </td>
                ))}
              </tr>
            ))}
          </Table>
        )}
      </Loaded>
    </>
  );
}

/** The CLI's cell text, its first line (who and how many segments) with each participant a link. */
function CaseCell({ cell, text }: { cell: CaseComparison['rows'][number]['cells'][number]; text: string }) {
  if (cell.participants.length === 0) return null;
  const rest = text.includes('\n') ? text.slice(text.indexOf('\n') + 1) : '';
  return (
    <>
      {cell.participants.length} (<Participants ids={cell.participants} />
      ); {cell.segments} segment(s)
      {rest && <div>{rest}</div>}
    </>
  );
}

function SideBySideTable() {
  const load = useLoad(() => mixedApi.sideBySide(), []);
  return (
    <Loaded load={load}>
      {({ display: d, table: [head, ...body] }) => (
        <>
          <Table caption={`Side by side: ${d.name}`} head={head}>
            {d.rows.map((r, i) => (
              <tr key={r.id} data-row={r.id}>
                {body[i].map((cell, k) =>
                  k === 0 ? (
                    <th key={k} scope="row">
                      {cell}
                    </th>
                  ) : k === 3 ? (
                    <td key={k}>
                      <Themes themes={r.themes} />
                    </td>
                  ) : (
                    <td key={k} class="cell-text">
                      {cell}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </Table>
          <p class="hint">
            {fitsText(d)}. Rows are added and edited with <code>staffwell mixed row</code> (audited and undoable).
          </p>
        </>
      )}
    </Loaded>
  );
}

function fitsText(d: SideBySide): string {
  return `${d.rows.length} row${d.rows.length === 1 ? '' : 's'}: ${Object.entries(d.fits)
    .filter(([, n]) => n > 0)
    .map(([fit, n]) => `${n} ${fit}`)
    .join(', ')}`;
}

function Themes({ themes }: { themes: SideBySide['rows'][number]['themes'] }) {
  return (
    <>
      {themes.map((t) => (
        <div key={t.id}>
          {t.name === null ? `(deleted theme ${t.id})` : <a href={href('retrieval', undefined, { theme: t.id })}>{t.name}</a>} ({t.participants} participant(s))
        </div>
      ))}
    </>
  );
}

function Table({ caption, head, children }: { caption: string; head: string[]; children: ComponentChildren }) {
  return (
    <div class="table-scroll">
      <table class="grid joint">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {head.map((h, k) => (
              <th key={k} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** A theme opens retrieval filtered by it; a code, retrieval of the code. */
function RowHead({ unit, id, label, depth }: { unit: StatisticsByThemes['unit']; id: string; label: string; depth: number }) {
  return (
    <th scope="row" style={{ paddingLeft: `${0.6 + depth * 1.2}rem` }}>
      <a href={href('retrieval', undefined, unit === 'themes' ? { theme: id } : { code: id })}>{label}</a>
    </th>
  );
}

function Participants({ ids }: { ids: readonly string[] }) {
  return (
    <>
      {ids.map((id, i) => (
        <span key={id}>
          {i > 0 && ', '}
          <a href={href('participants', id)}>{id}</a>
        </span>
      ))}
    </>
  );
}
