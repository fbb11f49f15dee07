import { Fragment } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { buildStudyReport } from '../../../src/report/study-report.ts';
import { isSuppressedCell, numberBlocks, type ReportBlock, type ReportTable } from '../../../src/report/report-model.ts';
import { api, RequestFailed, type ApiError, type StudyRun } from '../api.ts';
import { href, type Route } from '../router.ts';
import { useLoad } from '../store.ts';
import { ChartFigure } from './chart-figure.tsx';

/**
 * The survey results pane (jamovi-like): a study file of the workspace folder, run on the server, shown as the
 * report shows it. The tables and charts are built here by the report's own pure builders (buildStudyReport) from
 * the results, so the pane and the downloaded HTML report agree cell for cell; suppressed groups arrive without
 * their numbers and show as "suppressed" ("suppressed (n < 10)" where the group itself is small), and so does a score that too few of a shown group have. The study file stays the one source of truth: edit it, then come back
 * (the tab asks again on focus, the server runs it again if it or its data changed) or choose Run again.
 */
export function ResultsView({ route }: { route: Route }) {
  const focused = useFocusCount();
  const folder = useLoad(() => api.folder(), [focused]);
  const path = route.arg;
  const study = useStudyRun(path, focused);
  const report = useMemo(() => (study.run ? buildStudyReport(study.run.results, { date: study.run.ranAt.slice(0, 10) }) : null), [study.run]);
  const parts = useMemo(() => (report ? sections(report.blocks) : []), [report]);
  const studies = folder.data?.files.filter((f) => f.kind === 'study') ?? [];
  return (
    <main class="page results-page">
      <h1>{study.run?.name ?? (path ? `Results: ${path}` : 'Survey results')}</h1>
      <div class="results-layout">
        <nav class="results-side" aria-label="Study files and analyses">
          <h2>Study files</h2>
          {folder.error ? (
            <p role="alert">{folder.error}</p>
          ) : !folder.data ? (
            <p class="hint" aria-busy="true">
              Listing the folder…
            </p>
          ) : studies.length === 0 ? (
            <p class="hint">
              No study files in <code>{folder.data.folder}</code> (YAML files with <code>instruments:</code> or <code>analyses:</code>).
            </p>
          ) : (
            <ul class="study-list">
              {studies.map((f) => (
                <li key={f.path}>
                  <a href={href('results', f.path)} aria-current={f.path === path ? 'page' : undefined}>
                    {f.path}
                  </a>
                </li>
              ))}
            </ul>
          )}
          {parts.some((s) => s.heading?.level === 2) && <Contents parts={parts} />}
        </nav>
        <section class="results-pane" aria-label="Results" aria-busy={study.busy}>
          {!path ? (
            <p class="hint">Choose a study file: its analyses run (nothing is written) and their tables and charts appear here, as in the report.</p>
          ) : (
            <>
              <div class="results-bar">
                {/* not disabled while it runs, so that the focus stays on it */}
                <button type="button" onClick={() => !study.busy && study.again()} aria-disabled={study.busy}>
                  {study.busy ? 'Running…' : 'Run again'}
                </button>
                {study.run && (
                  <a class="button" href={api.studyReportUrl(path)} download>
                    Download the HTML report
                  </a>
                )}
                <span class="hint" role="status">
                  {study.busy ? `Running ${path}…` : study.run ? runLine(study.run) : ''}
                </span>
              </div>
              {study.error ? <StudyError error={study.error} /> : report && <ReportBlocks parts={parts} numbers={numberBlocks(report.blocks)} run={study.run!} />}
            </>
          )}
        </section>
      </div>
    </main>
  );
}

/** Counts the times the window gets the focus back: the study file, its data or the folder may have changed meanwhile. */
function useFocusCount(): number {
  const [n, setN] = useState(0);
  useEffect(() => {
    const on = () => setN((x) => x + 1);
    window.addEventListener('focus', on);
    return () => window.removeEventListener('focus', on);
  }, []);
  return n;
}

/**
 * Runs the study when it is chosen, asks again when the tab gets the focus back (quietly: the server answers from
 * its cache unless the study or its data changed), and runs it afresh on request (`again`).
 */
function useStudyRun(path: string, focused: number): { run?: StudyRun; error?: ApiError; busy: boolean; again: () => void } {
  const [state, setState] = useState<{ run?: StudyRun; error?: ApiError; busy: boolean }>({ busy: false });
  const [asked, setAsked] = useState(0);
  const seen = useRef({ focused, asked });
  useEffect(() => {
    const fresh = asked !== seen.current.asked;
    const quiet = !fresh && focused !== seen.current.focused;
    seen.current = { focused, asked };
    if (!path) return setState({ busy: false });
    let live = true;
    // the same study's results stay on screen while it runs again
    if (!quiet) setState((s) => ({ run: s.run?.path === path ? s.run : undefined, error: s.run?.path === path ? undefined : s.error, busy: true }));
    api.study(path, fresh).then(
      // an unchanged answer keeps the same object, so nothing is drawn again
      (run) => live && setState((s) => ({ run: s.run && s.run.path === run.path && s.run.ranAt === run.ranAt ? s.run : run, busy: false })),
      (e: unknown) => live && setState({ error: e instanceof RequestFailed ? e.error : { code: 'http', message: String(e) }, busy: false }),
    );
    return () => {
      live = false;
    };
  }, [path, focused, asked]);
  return { ...state, again: () => setAsked((n) => n + 1) };
}

function runLine(run: StudyRun): string {
  const when = new Date(run.ranAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return `${run.n} respondents in ${run.results.data.file} · run at ${when} in ${run.ms} ms${run.cached ? ' (unchanged since)' : ''}`;
}

type Heading = Extract<ReportBlock, { kind: 'heading' }>;

/** The report's blocks cut at its headings: one part per heading (and the blocks before the first). */
interface Part {
  heading: Heading | null;
  blocks: ReportBlock[];
}

function sections(blocks: readonly ReportBlock[]): Part[] {
  const out: Part[] = [{ heading: null, blocks: [] }];
  for (const b of blocks) {
    if (b.kind === 'heading') out.push({ heading: b, blocks: [] });
    else out[out.length - 1].blocks.push(b);
  }
  return out.filter((p) => p.heading || p.blocks.length);
}

const anchor = (h: Heading) => `results-${h.id}`;

/** The analyses (the report's second-level headings): a button moves the focus to the analysis. */
function Contents({ parts }: { parts: Part[] }) {
  return (
    <>
      <h2>Analyses</h2>
      <ol class="results-toc">
        {parts
          .filter((p) => p.heading?.level === 2)
          .map(({ heading: h }) => (
            <li key={h!.id}>
              <button
                type="button"
                class="link"
                onClick={() => {
                  const el = document.getElementById(anchor(h!));
                  el?.scrollIntoView({ block: 'start' });
                  el?.focus({ preventScroll: true });
                }}
              >
                {h!.text}
              </button>
            </li>
          ))}
      </ol>
    </>
  );
}

function ReportBlocks({ parts, numbers, run }: { parts: Part[]; numbers: Map<ReportBlock, number>; run: StudyRun }) {
  return (
    <>
      {parts.map((p, i) => {
        if (!p.heading) return <Blocks key={i} blocks={p.blocks} numbers={numbers} />;
        const h = p.heading;
        // the method (sample, instruments, tests) is there to read, but the results come first
        if (h.level === 1 && h.text === 'Method')
          return (
            <Fragment key={h.id}>
              <p class="results-rules hint">Disclosure control: {run.results.suppression.rules.join(' ')}</p>
              <details class="results-method">
                <summary>Method: sample, scoring, tests and disclosure control</summary>
                <Blocks blocks={p.blocks} numbers={numbers} />
              </details>
            </Fragment>
          );
        const Tag = h.level === 1 ? 'h2' : 'h3';
        return (
          <section key={h.id} class={h.level === 2 ? 'analysis' : undefined} aria-labelledby={anchor(h)}>
            <Tag id={anchor(h)} tabIndex={-1}>
              {h.text}
            </Tag>
            {p.blocks.length > 0 && (
              <div class="analysis-body">
                <div class="analysis-tables">
                  <Blocks blocks={p.blocks.filter((b) => b.kind !== 'figure')} numbers={numbers} />
                </div>
                {p.blocks.some((b) => b.kind === 'figure') && (
                  <div class="analysis-charts">
                    <Blocks blocks={p.blocks.filter((b) => b.kind === 'figure')} numbers={numbers} />
                  </div>
                )}
              </div>
            )}
          </section>
        );
      })}
    </>
  );
}

function Blocks({ blocks, numbers }: { blocks: ReportBlock[]; numbers: Map<ReportBlock, number> }) {
  return (
    <>
      {blocks.map((b, i) => {
        switch (b.kind) {
          case 'paragraph':
            return <p key={i}>{b.text}</p>;
          case 'list':
            return (
              <ul key={i}>
                {b.items.map((x) => (
                  <li key={x}>{x}</li>
                ))}
              </ul>
            );
          case 'quote':
            return (
              <blockquote key={i}>
                <p>{b.text}</p>
                <footer>{b.source}</footer>
              </blockquote>
            );
          case 'table':
            return <ApaTable key={i} table={b} n={numbers.get(b)!} />;
          case 'figure':
            return (
              <ChartFigure
                key={b.chart.id}
                chart={b.chart}
                caption={
                  <>
                    <span class="label">Figure {numbers.get(b)}</span> <span class="title">{b.chart.title}</span>
                  </>
                }
              />
            );
          default:
            return null;
        }
      })}
    </>
  );
}

/** An APA-style table as the report prints it: "Table n", the title in italics, rules above and below, notes. */
function ApaTable({ table, n }: { table: ReportTable; n: number }) {
  const group = new Set(table.groupRows ?? []);
  return (
    <div class="apa-table">
      <table>
        <caption>
          <span class="label">Table {n}</span> <span class="title">{table.title}</span>
        </caption>
        <thead>
          <tr>
            {table.columns.map((c, j) => (
              <th key={j} scope="col" class={c.align === 'right' ? 'r' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r, i) => (
            <tr key={i} class={group.has(i) ? 'group' : undefined}>
              {r.map((v, j) => (
                <td key={j} class={[table.columns[j]?.align === 'right' ? 'r' : '', isSuppressedCell(v) ? 'suppressed' : ''].filter(Boolean).join(' ') || undefined}>
                  {v}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {table.notes.length > 0 && (
        <p class="note">
          <em>Note.</em> {table.notes.join(' ')}
        </p>
      )}
    </div>
  );
}

/** A study that does not run: where (file, line, field), what, and what to do; the pane stays usable. */
function StudyError({ error }: { error: ApiError }) {
  const where = (
    [
      ['File', error.file],
      ['Line', error.line],
      ['Column', error.column],
      ['Field', error.field],
    ] as const
  ).filter((w) => w[1] !== undefined);
  return (
    <div class="study-error" role="alert">
      <h2>The study did not run</h2>
      {where.length > 0 && (
        <dl>
          {where.map(([label, value]) => (
            <Fragment key={label}>
              <dt>{label}</dt>
              <dd>
                <code>{value}</code>
              </dd>
            </Fragment>
          ))}
        </dl>
      )}
      <p>
        {error.problem ?? error.message}
        {error.value !== undefined && ` (value "${error.value}")`}
      </p>
      {error.hint && <p class="hint">{error.hint.charAt(0).toUpperCase() + error.hint.slice(1)}</p>}
      <p class="hint">Fix the study file, then choose Run again.</p>
    </div>
  );
}
