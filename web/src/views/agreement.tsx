import { useEffect, useRef } from 'preact/hooks';
import { api, type AgreementReport, type SegmentHit } from '../api.ts';
import { codeColour, thousands } from '../format.ts';
import { href, type Route } from '../router.ts';
import { state, useLoad, useWorkspace } from '../store.ts';

/** Below these, a code's agreement is flagged (κ: Landis & Koch "substantial" from 0.61; α: Krippendorff's 0.667). */
export const LOW_KAPPA = 0.6;
export const LOW_ALPHA = 0.667;

type Unit = 'character' | 'turn';
type Pooled = AgreementReport['comparison']['byCode'][number];

/**
 * Inter-coder agreement between two coders: per code, the units each coded, percent agreement, Cohen's κ (and
 * Krippendorff's α on speaker turns), low values flagged; a code's review puts the two coders' segments side by
 * side, marks those only one coder has, and offers to accept one for the other coder (a `segment.create`).
 * Choices live in the address (#/agreement?a=…&b=…&unit=turn&review=CODE-PATH).
 */
export function AgreementView({ route }: { route: Route }) {
  const p = route.params;
  const { data: coders, error: codersError } = useLoad(() => api.coders(), []);
  const names = (coders ?? []).map((c) => c.name);
  const a = p.get('a') || names[0] || '';
  const b = p.get('b') || names.find((n) => n !== a) || '';
  const unit: Unit = p.get('unit') === 'turn' ? 'turn' : 'character';
  const review = p.get('review') ?? '';
  const ready = a !== '' && b !== '' && a !== b;
  const { data: report, error } = useLoad(() => (ready ? api.agreement({ coder: [a, b], unit }) : Promise.resolve(undefined)), [a, b, unit, ready]);
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(p);
    if (v) next.set(k, v);
    else next.delete(k);
    location.hash = `#/agreement?${next.toString()}`;
  };
  if (codersError) return <p role="alert" class="page">{codersError}</p>;
  return (
    <main class="page">
      <h1>Agreement</h1>
      <form class="row-form" aria-label="Comparison" onSubmit={(e) => e.preventDefault()}>
        <CoderSelect label="Coder 1" value={a} names={names} onChange={(v) => set('a', v)} />
        <CoderSelect label="Coder 2" value={b} names={names} onChange={(v) => set('b', v)} />
        <fieldset class="unit-choice">
          <legend>Unit</legend>
          <label>
            <input type="radio" name="unit" value="character" checked={unit === 'character'} onChange={() => set('unit', '')} /> characters
          </label>
          <label>
            <input type="radio" name="unit" value="turn" checked={unit === 'turn'} onChange={() => set('unit', 'turn')} /> speaker turns
          </label>
        </fieldset>
      </form>
      {coders && names.length < 2 && <p class="hint">Agreement needs two coders; this project has {names.length}.</p>}
      {coders && names.length >= 2 && a === b && <p role="alert">Choose two different coders.</p>}
      {error && <p role="alert">{error}</p>}
      {ready && report && <AgreementTable report={report} review={review} onReview={(code) => set('review', code)} />}
      {ready && report && review && <Review report={report} code={review} onClose={() => set('review', '')} />}
    </main>
  );
}

function CoderSelect({ label, value, names, onChange }: { label: string; value: string; names: string[]; onChange: (v: string) => void }) {
  return (
    <label>
      {label}{' '}
      <select value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {names.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );
}

/** κ, α and percentages arrive as null when undefined (NaN does not survive JSON). */
function defined(x: number | null | undefined): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

export function fixed(x: number | null | undefined, digits = 3): string {
  return defined(x) ? x.toFixed(digits) : '—';
}

function mean(xs: (number | null | undefined)[]): number {
  const ok = xs.filter(defined);
  return ok.length ? ok.reduce((s, x) => s + x, 0) / ok.length : NaN;
}

function unitWord(unit: Unit, n: number): string {
  return unit === 'turn' ? (n === 1 ? 'turn' : 'turns') : n === 1 ? 'char.' : 'chars';
}

/** Why κ is undefined for these cells (NVivo's formula: TU = ΣEF). */
function kappaWhy(row: Pooled): string {
  const { both, onlyA, onlyB, neither, total } = row.cells;
  if (total === 0) return 'undefined: no units to compare (no document both coders coded)';
  if (both + onlyA + onlyB === 0) return 'undefined: neither coder used this code';
  if (neither === 0 && onlyA === 0 && onlyB === 0) return 'undefined: both coders coded every unit';
  return 'undefined: one coder coded every unit or none (no chance-corrected agreement)';
}

function Stat({ value, why, low, label, cls }: { value: number | null | undefined; why: string; low: boolean; label: string; cls: string }) {
  if (!defined(value)) {
    return (
      <td class={`num ${cls} undefined`} title={why}>
        <span aria-hidden="true">—</span>
        <span class="sr-only">{why}</span>
      </td>
    );
  }
  return (
    <td class={low ? `num ${cls} low` : `num ${cls}`} title={low ? `${label} below the flag threshold` : undefined}>
      {low && (
        <span class="flag" aria-hidden="true">
          ▼{' '}
        </span>
      )}
      <span class="value">{fixed(value)}</span>
      {low && <span class="flag-text"> low</span>}
    </td>
  );
}

function AgreementTable({ report, review, onReview }: { report: AgreementReport; review: string; onReview: (code: string) => void }) {
  const [a, b] = report.coders;
  const unit = report.unit;
  const alphaOf = new Map((report.alpha?.byCode ?? []).map((x) => [x.code, x.alpha]));
  const rows = report.comparison.byCode;
  const hasAlpha = report.alpha !== undefined;
  const coded = (r: Pooled, who: 'A' | 'B') => r.cells.both + (who === 'A' ? r.cells.onlyA : r.cells.onlyB);
  const total = (who: 'A' | 'B') => rows.reduce((s, r) => s + coded(r, who), 0);
  const meanKappa = mean(rows.map((r) => r.kappa));
  const meanPercent = mean(rows.map((r) => r.percentAgreement));
  const meanAlpha = report.alpha?.meanAlpha;
  const cols = hasAlpha ? 8 : 7;
  return (
    <table class="grid agreement">
      <caption>
        Agreement between {a} and {b} per code, in {unit === 'turn' ? 'speaker turns (a turn counts as coded when any of it is)' : 'characters'}, over the documents both coded. Values flagged{' '}
        <span class="flag-text">low</span> are κ below {LOW_KAPPA}
        {hasAlpha ? ` or α below ${LOW_ALPHA}` : ''}.{!hasAlpha && ' Krippendorff’s α is reported for speaker turns.'}
      </caption>
      <thead>
        <tr>
          <th scope="col">Code</th>
          <th scope="col" class="num">
            Documents
          </th>
          <th scope="col" class="num">
            {a} ({unit === 'turn' ? 'turns' : 'chars'})
          </th>
          <th scope="col" class="num">
            {b} ({unit === 'turn' ? 'turns' : 'chars'})
          </th>
          <th scope="col" class="num">
            Agreement %
          </th>
          <th scope="col" class="num">
            <abbr title="Cohen's kappa (NVivo's formula), pooled over documents">κ</abbr>
          </th>
          {hasAlpha && (
            <th scope="col" class="num">
              <abbr title="Krippendorff's alpha (nominal) on speaker turns">α</abbr>
            </th>
          )}
          <th scope="col">
            <span class="sr-only">Review</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={cols} class="muted">
              Neither coder has coded a document the other coded.
            </td>
          </tr>
        )}
        {rows.map((r) => {
          const alpha = alphaOf.get(r.code);
          const lowK = defined(r.kappa) && r.kappa < LOW_KAPPA;
          const lowA = defined(alpha) && alpha < LOW_ALPHA;
          const cls = [lowK || lowA ? 'low-row' : '', review === r.code ? 'reviewing' : ''].filter(Boolean).join(' ');
          return (
            <tr
              key={r.code}
              class={cls || undefined}
              data-code={r.code}
              onClick={(e) => {
                // the whole row opens the review by mouse; its Review button is the keyboard's way (and handles itself)
                if (!(e.target as HTMLElement).closest('button, a')) onReview(r.code);
              }}
            >
              <th scope="row">{r.code}</th>
              <td class="num">{r.documents}</td>
              <td class="num">{thousands(coded(r, 'A'))}</td>
              <td class="num">{thousands(coded(r, 'B'))}</td>
              <td class="num" title={defined(r.percentAgreement) ? undefined : 'undefined: no units to compare'}>
                {defined(r.percentAgreement) ? `${fixed(r.percentAgreement, 1)}%` : '—'}
              </td>
              <Stat value={r.kappa} why={kappaWhy(r)} low={lowK} label="κ" cls="kappa" />
              {hasAlpha && <Stat value={alpha} why="undefined: no variation to compare (both coders coded every turn alike, or no turns)" low={lowA} label="α" cls="alpha" />}
              <td>
                <button type="button" aria-pressed={review === r.code} aria-label={`Review ${r.code}`} onClick={() => onReview(r.code)}>
                  Review
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
      {rows.length > 0 && (
        <tfoot>
          <tr class="overall">
            <th scope="row">All codes (mean of codes)</th>
            <td class="num">{report.comparison.rows.length > 0 ? new Set(report.comparison.rows.map((r) => r.documentId)).size : 0}</td>
            <td class="num">
              {thousands(total('A'))} <span class="sr-only">{unitWord(unit, total('A'))}</span>
            </td>
            <td class="num">
              {thousands(total('B'))} <span class="sr-only">{unitWord(unit, total('B'))}</span>
            </td>
            <td class="num">{defined(meanPercent) ? `${fixed(meanPercent, 1)}%` : '—'}</td>
            <Stat value={meanKappa} why="undefined: no code has a defined κ" low={defined(meanKappa) && meanKappa < LOW_KAPPA} label="Mean κ" cls="kappa" />
            {hasAlpha && <Stat value={meanAlpha} why="undefined: no code has a defined α" low={defined(meanAlpha) && meanAlpha < LOW_ALPHA} label="Mean α" cls="alpha" />}
            <td />
          </tr>
        </tfoot>
      )}
    </table>
  );
}

/** Whether two half-open spans overlap. */
function overlaps(x: SegmentHit, y: SegmentHit): boolean {
  return x.documentId === y.documentId && x.start < y.end && y.start < x.end;
}

/** One code's segments by each coder side by side; a segment the other coder has nothing overlapping is marked. */
function Review({ report, code, onClose }: { report: AgreementReport; code: string; onClose: () => void }) {
  const ws = useWorkspace();
  const [a, b] = report.coders;
  const entry = ws.codebook.codes.find((c) => c.path === code);
  const { data: hits, error } = useLoad(() => (entry ? api.segments({ code: [entry.id], coder: [a, b] }) : Promise.resolve([])), [entry?.id, a, b]);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus({ preventScroll: true }), [code]);
  // once the segments are drawn, bring the review to the top (before, the page may be too short to scroll)
  useEffect(() => void (hits && heading.current?.scrollIntoView({ block: 'start' })), [code, hits !== undefined]);
  const own = (hits ?? []).filter((h) => h.codeId === entry?.id);
  const byCoder = (name: string) => own.filter((h) => h.coder === name).sort((x, y) => x.documentName.localeCompare(y.documentName) || x.start - y.start);
  const segsA = byCoder(a);
  const segsB = byCoder(b);
  // the documents both coders coded (each has a row for some code): the others are outside the comparison
  const compared = new Set(report.comparison.rows.map((r) => r.documentId));
  return (
    <section class="review" aria-labelledby="review-heading">
      <div class="review-head">
        <h2 id="review-heading" tabIndex={-1} ref={heading}>
          Review: {code}
        </h2>
        <button type="button" class="link" onClick={onClose}>
          Close review
        </button>
      </div>
      {!entry && <p role="alert">No code {code} in the codebook.</p>}
      {error && <p role="alert">{error}</p>}
      <p class="muted" role="status">
        {hits ? `${segsA.length} segment${segsA.length === 1 ? '' : 's'} by ${a}, ${segsB.length} by ${b}` : 'Loading…'}
      </p>
      <div class="review-columns">
        <ReviewColumn coder={a} other={b} mine={segsA} theirs={segsB} compared={compared} />
        <ReviewColumn coder={b} other={a} mine={segsB} theirs={segsA} compared={compared} />
      </div>
    </section>
  );
}

function ReviewColumn({ coder, other, mine, theirs, compared }: { coder: string; other: string; mine: SegmentHit[]; theirs: SegmentHit[]; compared: ReadonlySet<string> }) {
  const ws = useWorkspace();
  const colour = (h: SegmentHit) => codeColour(ws.codebook.codes.find((c) => c.id === h.codeId)?.color, h.codeId);
  const accept = (h: SegmentHit) =>
    void state.run(
      { type: 'segment.create', documentId: h.documentId, codeId: h.codeId, start: h.start, end: h.end, coder: other },
      `Accepted ${h.code} on “${h.text.slice(0, 40)}” for ${other}`,
    );
  return (
    <div class="review-column">
      <h3>{coder}</h3>
      {mine.length === 0 && <p class="hint">{coder} did not apply this code.</p>}
      <ol class="hits">
        {mine.map((h) => {
          const alone = !theirs.some((t) => overlaps(h, t));
          return (
            <li key={h.segmentId} class={alone ? 'hit only' : 'hit'}>
              <div class="hit-head">
                <span class="swatch" style={{ background: colour(h) }} />
                <strong>{h.documentName}</strong>
                {alone && <span class="only-tag">only {coder}</span>}
                {!compared.has(h.documentId) && (
                  <span class="tag" title={`${other} coded nothing in this document, so it is left out of the agreement figures`}>
                    not compared
                  </span>
                )}
                <a href={href('document', h.documentId, { seg: h.segmentId })}>Open in transcript</a>
              </div>
              <blockquote>{h.text}</blockquote>
              {alone && (
                <button type="button" onClick={() => accept(h)} aria-label={`Accept for ${other}: “${h.text.slice(0, 60)}”`}>
                  Accept for {other}
                </button>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
