import { useEffect, useState } from 'preact/hooks';
import { api, RequestFailed, type SurveyView } from '../api.ts';
import { base64 } from '../base64.ts';
import { href, go, type Route } from '../router.ts';
import { state, useLoad } from '../store.ts';
import { columnRun, formatCodes, missingText, parseCodes, rangeText } from '../survey-format.ts';
import { thousands } from '../format.ts';
import { DropZone } from './drop-zone.tsx';

const ACCEPT = '.csv,.tsv,.tab,.xlsx,.sav,.zsav';

/**
 * Survey data: a file of the workspace folder (`#/survey/<path>?na=-99,999&sheet=...`, so a reading can be linked
 * and the back button works) or a file dropped on the page (read from a temporary copy, not saved). Shows each
 * column's type, missing cells, labels and range, the first rows, and which built-in instruments runs of columns
 * look like. Only summaries come from the server, whatever the size of the file.
 */
export function SurveyDataView({ route }: { route: Route }) {
  const { data: folder } = useLoad(() => api.folder(), []);
  const path = route.arg;
  const routeCodes = parseCodes(route.params.get('na') ?? '');
  const routeSheet = route.params.get('sheet') ?? '';
  const [dropped, setDropped] = useState<{ name: string; data: string; na: string[]; sheet: string } | null>(null);
  const codes = path ? routeCodes : (dropped?.na ?? []);
  const sheet = path ? routeSheet : (dropped?.sheet ?? '');
  const [field, setField] = useState(formatCodes(codes));
  const [sheetField, setSheetField] = useState(sheet);
  const [view, setView] = useState<SurveyView | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  /** A workbook's sheets, from /api/survey/sheets: there even when a sheet cannot be read. */
  const [sheets, setSheets] = useState<string[] | null>(null);
  const isWorkbook = /\.xlsx$/i.test(path || dropped?.name || '');
  const droppedFile = dropped && { name: dropped.name, data: dropped.data };

  useEffect(() => {
    setSheets(null);
    if (!isWorkbook || (!path && !droppedFile)) return;
    let live = true;
    (path ? api.surveySheets({ path }) : api.droppedSheets(droppedFile!)).then(
      (r) => live && setSheets(r.sheets),
      () => undefined, // the view's own error says what is wrong with the file
    );
    return () => {
      live = false;
    };
  }, [path, isWorkbook, dropped?.data, dropped?.name]);

  const codesKey = codes.join('\u0000');
  useEffect(() => {
    setField(formatCodes(codes));
    setSheetField(sheet);
    if (!path && !dropped) {
      setView(null);
      return;
    }
    let live = true;
    setBusy(true);
    setProblem('');
    const read = { na: codes.length ? codes : undefined, sheet: sheet || undefined };
    (path ? api.survey({ path, ...read }) : api.previewSurvey({ name: dropped!.name, data: dropped!.data, ...read })).then(
      (v) => {
        if (!live) return;
        setView(v);
        setBusy(false);
        state.say(`${v.path}: ${v.rows} rows, ${v.columns.length} columns`);
      },
      (e: unknown) => {
        if (!live) return;
        setView(null);
        setBusy(false);
        setProblem(e instanceof RequestFailed ? e.error.message : String(e));
      },
    );
    return () => {
      live = false;
    };
  }, [path, codesKey, sheet, dropped]);

  /** Reads the file again with these codes and sheet (a folder file through its address). */
  const reread = (na: string[], sh: string) => {
    if (path) go('survey', path, { na: na.length ? formatCodes(na) : undefined, sheet: sh.trim() || undefined });
    else if (dropped) setDropped({ ...dropped, na, sheet: sh.trim() });
  };
  const take = async (list: FileList | null) => {
    const f = list?.[0];
    if (!f) return;
    const data = base64(new Uint8Array(await f.arrayBuffer()));
    setDropped({ name: f.name, data, na: [], sheet: '' });
    if (path) go('survey');
  };
  const surveys = (folder?.files ?? []).filter((f) => f.kind === 'survey');

  return (
    <main class="page survey-page">
      <h1>Survey data</h1>
      <div class="survey-layout">
        <section class="survey-files" aria-labelledby="survey-files-h">
          <h2 id="survey-files-h">Files in the folder</h2>
          {folder && surveys.length === 0 && <p class="hint">No CSV, Excel or SPSS files in {folder.folder}.</p>}
          <ul>
            {surveys.map((f) => (
              <li key={f.path}>
                <a href={href('survey', f.path)} aria-current={f.path === path ? 'true' : undefined}>
                  {f.path}
                </a>{' '}
                <span class="muted">{size(f.bytes)}</span>
              </li>
            ))}
          </ul>
          <DropZone accept={ACCEPT} busy={busy} inputLabel="Survey file" buttonLabel="choose a file…" onFiles={(list) => void take(list)}>
            Drop a survey file here (CSV, TSV, Excel .xlsx, SPSS .sav), or
          </DropZone>
          {folder && <p class="hint">A dropped file is read, not saved: to keep it beside the project, copy it into {folder.folder}.</p>}
        </section>
        <section class="survey-main" aria-labelledby={path || dropped ? 'survey-file-h' : undefined}>
          {(path || dropped) && <h2 id="survey-file-h">{path || dropped!.name}</h2>}
          {view && <SurveySummary view={view} />}
          {(path || dropped) && (
            <form
              class="row-form survey-read"
              aria-label="How the file is read"
              onSubmit={(e) => {
                e.preventDefault();
                reread(parseCodes(field), sheetField);
              }}
            >
              <label>
                Missing-value codes{' '}
                <input value={field} onInput={(e) => setField(e.currentTarget.value)} placeholder="e.g. -99, 999, N/A" size={24} aria-describedby="survey-na-hint" />
              </label>
              {isWorkbook && sheets && sheets.length > 0 && (
                <label>
                  Sheet{' '}
                  <select
                    value={sheet && sheets.includes(sheet) ? sheet : /^\d+$/.test(sheet) && sheets[Number(sheet) - 1] !== undefined ? sheets[Number(sheet) - 1] : sheets[0]}
                    onChange={(e) => {
                      setSheetField(e.currentTarget.value);
                      reread(parseCodes(field), e.currentTarget.value);
                    }}
                  >
                    {sheets.map((name, i) => (
                      <option key={name} value={name}>
                        {name}
                        {i === 0 && sheets.length > 1 ? ' (first)' : ''}
                      </option>
                    ))}
                  </select>
                </label>
              )}
              {isWorkbook && !sheets?.length && (
                <label>
                  Sheet <input value={sheetField} onInput={(e) => setSheetField(e.currentTarget.value)} placeholder="first" size={12} />
                </label>
              )}
              <button type="submit" disabled={busy}>
                Read again
              </button>
              <span id="survey-na-hint" class="hint">
                Separated by commas; empty cells and NA are always missing.
              </span>
            </form>
          )}
          {problem && (
            <p role="alert" class="error-bar">
              {problem}
            </p>
          )}
          {busy && !view && <p aria-busy="true">Reading {path || dropped?.name}…</p>}
          {!path && !dropped && !problem && <p class="hint">Choose a file from the list, or drop one, to see its columns and first rows.</p>}
          {view && <SurveyFile view={view} busy={busy} onAddCodes={(more) => reread(parseCodes(formatCodes([...codes, ...more])), sheet)} />}
        </section>
      </div>
    </main>
  );
}

/** The file as read: format, size and the codes it was read with. */
function SurveySummary({ view }: { view: SurveyView }) {
  return (
    <p class="muted survey-summary">
      {view.format.toUpperCase()}
      {view.sheet ? `, sheet ${view.sheet}` : ''} · {thousands(view.rows)} rows · {view.columns.length} columns
      {view.na.length ? ` · missing codes ${formatCodes(view.na)}` : ''}
      {view.dropped ? ' · dropped file (not saved)' : ''}
    </p>
  );
}

function SurveyFile({ view, busy, onAddCodes }: { view: SurveyView; busy: boolean; onAddCodes: (codes: string[]) => void }) {
  return (
    <div class="survey-file" aria-busy={busy}>
      {view.suggestions.length > 0 && (
        <section aria-labelledby="survey-suggest-h" class="survey-suggestions">
          <h3 id="survey-suggest-h">Instruments these columns look like</h3>
          <ul>
            {view.suggestions.map((s) => (
              <li key={`${s.instrument} ${s.columns[0]}`}>
                <strong>{s.name}</strong> <span class="muted">({s.citation})</span>: {columnRun(s.columns)} —{' '}
                {s.match === 'ids'
                  ? 'named by its item ids'
                  : s.match === 'count'
                    ? `${s.columns.length} numbered columns, as many as its items (check the order)`
                    : `${s.columns.length} of its ${s.items} items; no column for ${s.missing?.join(', ')}`}
                {s.pattern && s.match !== 'partial' && (
                  <>
                    {'; in a study file '}
                    <code>items: {s.pattern}</code>
                  </>
                )}
              </li>
            ))}
          </ul>
          <p class="hint">From the column names only: check them against the questionnaire you used.</p>
        </section>
      )}
      <div class="survey-scroll survey-columns" role="region" aria-label="Columns" tabIndex={0}>
        <table class="grid">
          <caption>Columns</caption>
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Type</th>
              <th scope="col" class="num">
                Missing
              </th>
              <th scope="col">Label</th>
              <th scope="col">Value labels</th>
              <th scope="col">Range</th>
            </tr>
          </thead>
          <tbody>
            {view.columns.map((c) => (
              <tr key={c.name}>
                <th scope="row">{c.name}</th>
                <td>
                  {c.kind}
                  {c.notNumbers && (
                    <div class="not-numbers">
                      mostly numbers; not: {c.notNumbers.values.map((v) => `“${v}”`).join(', ')} ({c.notNumbers.rows} row{c.notNumbers.rows === 1 ? '' : 's'}){' '}
                      <button type="button" class="link" disabled={busy} onClick={() => onAddCodes(c.notNumbers!.values)}>
                        treat as missing
                        <span class="sr-only"> in {c.name}</span>
                      </button>
                    </div>
                  )}
                </td>
                <td class="num">
                  {missingText(c.missing, view.rows)}
                  {c.userMissing && <div class="muted">SPSS: {c.userMissing.join(', ')}</div>}
                </td>
                <td>{c.label ?? ''}</td>
                <td class="value-labels">{(c.valueLabels ?? []).map((l) => `${l.value} = ${l.label}`).join('; ')}</td>
                <td>{rangeText(c)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="survey-scroll survey-head" role="region" aria-label="First rows" tabIndex={0}>
        <table class="grid">
          <caption>
            First {view.head.length} of {thousands(view.rows)} rows
          </caption>
          <thead>
            <tr>
              {view.columns.map((c) => (
                <th key={c.name} scope="col" class={c.kind === 'number' ? 'num' : undefined}>
                  {c.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.head.map((row, i) => (
              <tr key={i}>
                {row.map((v, j) =>
                  v === null ? (
                    <td key={j} class="na">
                      <span aria-hidden="true">·</span>
                      <span class="sr-only">missing</span>
                    </td>
                  ) : (
                    <td key={j} class={view.columns[j].kind === 'number' ? 'num' : undefined} title={v.length > 30 ? v : undefined}>
                      {v}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 2 ** 20 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 2 ** 20).toFixed(1)} MB`;
}
