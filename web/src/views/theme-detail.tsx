import { useEffect, useRef, useState } from 'preact/hooks';
import type { ThemeBoard, ThemeTable } from '../api.ts';
import { href } from '../router.ts';
import { state } from '../store.ts';

/**
 * Rules offered for marking a theme as recurrent across cases. The rule is the researcher's to choose and to report
 * (IPA sets no single one); the table shows the counts whatever the rule, and the CSV export carries no rule at all.
 */
const THRESHOLDS = [
  { id: 'half', label: 'at least half', share: 1 / 2 },
  { id: 'third', label: 'at least a third', share: 1 / 3 },
  { id: 'all', label: 'all', share: 1 },
] as const;

/** The IPA recurrence table, built live: which participants contribute to each theme (via its codes and theirs). */
export function RecurrenceTable({ board }: { board: ThemeBoard }) {
  const [threshold, setThreshold] = useState<(typeof THRESHOLDS)[number]['id']>('half');
  const { participants, rows } = board.recurrence;
  const share = THRESHOLDS.find((x) => x.id === threshold)!.share;
  const n = participants.length;
  if (rows.length === 0) return null;
  return (
    <section class="recurrence" aria-labelledby="recurrence-h">
      <h2 id="recurrence-h">Recurrence across participants</h2>
      <p class="row-form">
        <label>
          Recurrent when present in{' '}
          <select value={threshold} onChange={(e) => setThreshold(e.currentTarget.value as typeof threshold)}>
            {THRESHOLDS.map((x) => (
              <option key={x.id} value={x.id}>
                {x.label}
              </option>
            ))}
          </select>{' '}
          of the {n} participants
        </label>
        <a href="/api/export/recurrence.csv" download>
          Export (CSV)
        </a>
      </p>
      <div class="scroll-x">
        <table class="grid recurrence-table">
          <caption class="sr-only">Participants contributing to each theme; a tick opens that participant's segments of the theme</caption>
          <thead>
            <tr>
              <th scope="col">Theme</th>
              {participants.map((p) => (
                <th scope="col" key={p} class="num">
                  {p}
                </th>
              ))}
              <th scope="col" class="num">
                Participants
              </th>
              <th scope="col">Recurrent</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const recurrent = n > 0 && r.count >= Math.ceil(share * n - 1e-9);
              return (
                <tr key={r.themeId} class={recurrent ? 'recurrent' : undefined}>
                  <th scope="row" style={{ paddingLeft: `${0.5 + r.depth * 1.2}rem` }}>
                    <a href={href('themes', r.themeId)}>{r.name}</a>
                  </th>
                  {r.present.map((yes, i) => (
                    <td key={participants[i]} class="num tick">
                      {yes ? (
                        <a href={href('retrieval', undefined, { theme: r.themeId, participant: participants[i] })} aria-label={`${r.name}: ${participants[i]} contributes; open the segments`}>
                          ✓
                        </a>
                      ) : (
                        <span class="sr-only">no</span>
                      )}
                    </td>
                  ))}
                  <td class="num">
                    {r.count} of {n}
                  </td>
                  <td>{recurrent ? 'yes' : <span class="muted">no</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** One theme as a table: its subthemes, codes with segment counts, the participants who contribute, key quotes. */
export function ThemeDetail({ table: t }: { table: ThemeTable }) {
  const themeId = t.theme.id;
  const box = useRef<HTMLElement>(null);
  // opened from a card above: bring the table into view (not on every refresh of the same theme)
  useEffect(() => box.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }), [themeId]);
  return (
    <section class="theme-detail" aria-labelledby="theme-detail-h" ref={box}>
      <h2 id="theme-detail-h">
        {t.theme.name} <span class="tag">{t.theme.kind}</span>
      </h2>
      {t.theme.description && <p class="desc">{t.theme.description}</p>}
      <div class="detail-cols">
        <div>
          <h3>Codes</h3>
          {t.codes.length === 0 ? (
            <p class="hint">No codes in this theme or its subthemes.</p>
          ) : (
            <table class="grid">
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  <th scope="col" class="num">
                    Segments
                  </th>
                </tr>
              </thead>
              <tbody>
                {t.codes.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <a href={href('retrieval', undefined, { code: c.id })}>{c.code}</a>
                    </td>
                    <td class="num">{c.segments}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {t.subthemes.length > 0 && (
            <p class="muted">
              Subthemes: {t.subthemes.map((s) => s.name).join(', ')}
            </p>
          )}
        </div>
        <div>
          <h3>
            Participants: {t.recurrence.count} of {t.recurrence.total}
          </h3>
          <ul class="inline-list">
            {t.participants.map((p) => (
              <li key={p.id}>
                <a href={href('retrieval', undefined, { theme: themeId, participant: p.id })}>{p.id}</a> <span class="count">({p.segments})</span>
              </li>
            ))}
          </ul>
          <p>
            <a href={href('retrieval', undefined, { theme: themeId })}>All segments of this theme</a>
          </p>
        </div>
      </div>
      <h3>Key quotes</h3>
      {t.keyQuotes.length === 0 ? (
        <p class="hint">No coded segments yet.</p>
      ) : (
        <>
          {!t.keyQuotes.some((q) => q.flagged) && <p class="hint">None flagged yet: the first segments in document order. Flag the ones that speak for the theme.</p>}
          <ol class="hits">
            {t.keyQuotes.map((q) => (
              <li key={q.segmentId} class="hit">
                <div class="hit-head">
                  <strong>{q.code}</strong>
                  <span class="muted">
                    {q.documentName} · {q.participantId ?? ''}
                  </span>
                  <a href={href('document', q.documentId, { seg: q.segmentId })}>Open in transcript</a>
                  <KeyQuoteToggle segmentId={q.segmentId} flagged={q.flagged} />
                </div>
                <blockquote>{q.text}</blockquote>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

/** Flags or unflags a segment as a key quote (one command, undoable). */
export function KeyQuoteToggle({ segmentId, flagged }: { segmentId: string; flagged: boolean }) {
  return (
    <button
      type="button"
      class="link"
      aria-pressed={flagged}
      onClick={() => void state.run({ type: 'segment.setKeyQuote', id: segmentId, keyQuote: !flagged }, flagged ? 'Unflagged the key quote' : 'Flagged as a key quote')}
    >
      {flagged ? '★ key quote' : '☆ flag as key quote'}
    </button>
  );
}
