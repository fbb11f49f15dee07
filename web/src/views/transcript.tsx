import { Component } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, newId, type CodebookEntry, type DocumentView } from '../api.ts';
import { clock, codeColour } from '../format.ts';
import { HighlightPainter, type PaintItem } from '../highlights.ts';
import type { Route } from '../router.ts';
import { state, useLoad, useWorkspace } from '../store.ts';
import { blockAt, blocksOf, nudge, packLanes, stripesByBlock, trimRange, type Block, type Stripe, type ViewSegment } from '../transcript-model.ts';
import { CodePalette } from './code-palette.tsx';
import { MemoDock } from './memos.tsx';

interface Sel {
  start: number;
  end: number;
}

/**
 * The transcript reader and coding surface. Turns are blocks the browser lays out only near the viewport
 * (`content-visibility: auto`, with an intrinsic size estimated from each turn's length); coded segments are
 * painted over the text with the CSS Custom Highlight API and drawn as coding stripes in a gutter (lane-packed,
 * one colour per code). Keyboard: J/K turn, Enter select the turn, [ ] choose an edge, ←/→ nudge it by word
 * (Alt: by character), / or F the code palette, 1–9 favourite codes, Q the last code again, V in-vivo, Del or U
 * remove the selected coding, Ctrl+Z / Ctrl+Shift+Z undo and redo.
 */
export function TranscriptView({ route }: { route: Route }) {
  const id = route.arg;
  const ws = useWorkspace();
  const { data: loaded, error } = useLoad(() => api.document(id), [id]);
  // changes this tab made, drawn as soon as the server answers (the refetch that follows replaces them)
  const [local, setLocal] = useState<{ base: DocumentView; added: ViewSegment[]; removed: ReadonlySet<string> } | null>(null);
  const view = useMemo(() => {
    if (!loaded || !local || local.base !== loaded) return loaded;
    return { ...loaded, segments: [...loaded.segments.filter((s) => !local.removed.has(s.id)), ...local.added] };
  }, [loaded, local]);
  const patch = (added: ViewSegment[], removed: string[]) =>
    loaded && setLocal((cur) => {
      const base = cur && cur.base === loaded ? cur : { base: loaded, added: [], removed: new Set<string>() };
      const gone = new Set([...base.removed, ...removed]);
      return { base: loaded, added: [...base.added.filter((s) => !gone.has(s.id)), ...added], removed: gone };
    });
  const [sel, setSel] = useState<Sel | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [focus, setFocus] = useState(0);
  const [edge, setEdge] = useState<'start' | 'end'>('end');
  const [palette, setPalette] = useState<{ query: string } | null>(null);
  const [panel, setPanel] = useState<'codes' | 'segments' | 'memos'>('codes');
  const [lastCode, setLastCode] = useState<string | null>(null);
  const reader = useRef<HTMLDivElement>(null);
  const jumped = useRef('');
  const onKeyRef = useRef<(e: KeyboardEvent) => void>(() => undefined);

  const codes = ws.codebook.codes;
  // the same map while no code's name, path or colour changes, so the turns are not redrawn after every coding
  const codeSig = codes.map((c) => `${c.id}|${c.path}|${c.color}|${c.codable}|${c.description}`).join('\n');
  const codeById = useMemo(() => new Map(codes.map((c) => [c.id, c])), [codeSig]);
  // a local change keeps the text and turns, so the blocks stay the same objects
  const blocks = useMemo(() => (view ? blocksOf(view) : []), [view?.text, view?.turns]);
  const segments = view?.segments ?? [];
  const { lane, lanes } = useMemo(() => packLanes(segments), [segments]);
  const stripes = useMemo(() => stripesByBlock(blocks, segments, lane), [blocks, segments, lane]);
  const coderName = useMemo(() => new Map((view?.coders ?? []).map((c) => [c.id, c.name])), [view]);
  const favourites = useMemo(() => favouriteCodes(ws.codebook.tree.map((t) => codeById.get(t.id)!).filter((c) => c && c.codable)), [ws.codebook, codeById]);

  // a jump from elsewhere (retrieval, search): #/document/ID?at=OFFSET&end=OFFSET&seg=SEGMENT
  useEffect(() => {
    if (!view) return;
    const key = `${id}|${route.params.toString()}`;
    if (jumped.current === key) return;
    jumped.current = key;
    const at = Number(route.params.get('at') ?? NaN);
    const seg = route.params.get('seg');
    const s = seg ? view.segments.find((x) => x.id === seg) : undefined;
    const offset = s ? s.start : at;
    if (!Number.isFinite(offset)) return;
    const b = blockAt(blocks, offset);
    setFocus(b);
    if (s) setSelected(s.id);
    else if (route.params.get('end')) setSel({ start: at, end: Number(route.params.get('end')) });
    requestAnimationFrame(() => blockElement(reader.current, b)?.scrollIntoView({ block: 'center' }));
  }, [view, route]);

  // paint codes, the pending selection and the selected segment over the text (only what changed)
  const painter = useRef<HighlightPainter | null>(null);
  const codeNames = useRef(new Map<string, string>());
  useLayoutEffect(() => {
    if (!view || !reader.current) return;
    painter.current ??= new HighlightPainter();
    const root = reader.current;
    const els = new Map<number, Text | null>();
    // text nodes are looked up only for new ranges (usually one)
    const textOf = (i: number) => {
      if (!els.has(i)) {
        const t = root.querySelector<HTMLElement>(`[data-block="${i}"]`)?.firstChild;
        els.set(i, t && t.nodeType === 3 ? (t as Text) : null);
      }
      return els.get(i);
    };
    const ranges = (from: number, to: number) => {
      const out: Range[] = [];
      for (let i = blockAt(blocks, from); i < blocks.length && blocks[i].start < to; i++) {
        const b = blocks[i];
        const node = textOf(i);
        const a = Math.max(from, b.start);
        const z = Math.min(to, b.end);
        if (!node || z <= a) continue;
        const r = new Range();
        r.setStart(node, a - b.start);
        r.setEnd(node, z - b.start);
        out.push(r);
      }
      return out;
    };
    const items = new Map<string, PaintItem>();
    // the selection's rules are always in the sheet: a sheet that changes restyles all of the transcript's text
    const styles = new Map<string, string>(SELECTION_STYLES);
    const names = codeNames.current;
    for (const s of view.segments) {
      let name = names.get(s.codeId);
      if (name === undefined) names.set(s.codeId, (name = `sw-c${names.size}`));
      if (!styles.has(name)) styles.set(name, `background-color: ${codeColour(codeById.get(s.codeId)?.color, s.codeId)}38;`);
      items.set(`${s.id}:${s.start}:${s.end}`, { name, from: s.start, to: s.end });
    }
    const seg = selected ? view.segments.find((s) => s.id === selected) : undefined;
    if (seg) {
      items.set(`sel-seg:${seg.start}:${seg.end}`, { name: 'sw-sel-seg', from: seg.start, to: seg.end });
    }
    if (sel) {
      items.set(`sel:${sel.start}:${sel.end}`, { name: 'sw-sel-pending', from: sel.start, to: sel.end });
    }
    painter.current.update(items, styles, ranges);
  }, [view, blocks, sel, selected, codeById]);
  useEffect(() => () => painter.current?.clear(), []);

  // the text selected by mouse becomes the pending selection
  const readSelection = () => {
    if (!view) return;
    const s = window.getSelection();
    if (!s || s.rangeCount === 0 || s.isCollapsed) return;
    const r = s.getRangeAt(0);
    const a = offsetAt(r.startContainer, r.startOffset);
    const b = offsetAt(r.endContainer, r.endOffset);
    if (a === null || b === null) return;
    const t = trimRange(view.text, Math.min(a, b), Math.max(a, b));
    if (!t) return;
    setSel(t);
    setSelected(null);
    setFocus(blockAt(blocks, t.start));
    s.removeAllRanges();
  };

  const apply = async (code: CodebookEntry) => {
    if (!view) return;
    if (!sel) return state.say('Select some text first (drag with the mouse, or Enter on a turn).');
    if (!code.codable) return state.say(`${code.path} groups codes and cannot be applied`);
    const used = sel;
    const segId = newId();
    // drawn at once (the id is this tab's), taken back if the server refuses the command
    patch([localSegment(view, segId, code.id, used)], []);
    setSel(null);
    const ok = await state.run(
      { type: 'segment.create', id: segId, documentId: view.document.id, codeId: code.id, start: used.start, end: used.end, coder: state.coder },
      `Coded ${used.end - used.start} characters with ${code.path}`,
    );
    if (ok !== undefined) {
      state.noteRecent(code.id);
      setLastCode(code.id);
    } else {
      patch([], [segId]);
      // the selection comes back unless another was made meanwhile
      setSel((cur) => cur ?? used);
    }
  };
  const createAndApply = async (name: string) => {
    if (!view || !sel) return state.say('Select some text first.');
    const codeId = newId();
    const used = sel;
    const ok = await state.run(
      {
        type: 'batch',
        commands: [
          { type: 'code.create', id: codeId, name },
          { type: 'segment.create', documentId: view.document.id, codeId, start: used.start, end: used.end, coder: state.coder },
        ],
      },
      `Created code ${name} and coded the selection`,
    );
    if (ok !== undefined) {
      state.noteRecent(codeId);
      setLastCode(codeId);
      setSel((cur) => (cur === used ? null : cur));
    }
  };
  const removeSelected = async () => {
    if (!selected) return;
    const seg = segments.find((s) => s.id === selected);
    const path = codeById.get(seg?.codeId ?? '')?.path ?? '';
    const ok = await state.remove(`Remove the coding ${path} (“${view?.text.slice(seg?.start ?? 0, Math.min(seg?.end ?? 0, (seg?.start ?? 0) + 60)) ?? ''}”)?`, { type: 'segment.delete', id: selected }, `Removed the coding ${path}`, () => patch([], [selected]));
    if (ok !== undefined) setSelected(null);
  };
  // undoing a coding (or redoing its removal) takes its segment away at once; anything else waits for the refetch
  const undoRedo = (type: 'undo' | 'redo') =>
    state.run<{ type: string }>({ type }, type === 'undo' ? 'Undone' : 'Redone', ({ result, affected }) => {
      if ((type === 'undo' && result.type === 'segment.create') || (type === 'redo' && result.type === 'segment.delete')) patch([], affected);
    });
  const selectBlock = (i: number) => {
    const b = blocks[i];
    if (!b || !view) return;
    const t = trimRange(view.text, b.start, b.end);
    if (t) setSel(t);
    setSelected(null);
  };
  const moveFocus = (i: number) => {
    const n = Math.max(0, Math.min(blocks.length - 1, i));
    setFocus(n);
    blockElement(reader.current, n)?.scrollIntoView({ block: 'nearest' });
  };

  // the key handler sees this render's state (assigned while rendering; the listener is added once)
  onKeyRef.current = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement | null;
    if (target && (target.closest('input, textarea, select, [contenteditable], .palette') || palette)) return;
    if (!view) return;
    // Enter and Space on a button or link (a segment in the list, a code) press it, as everywhere else
    if ((e.key === 'Enter' || e.key === ' ') && target?.closest('button, a')) return;
    const mod = e.ctrlKey || e.metaKey;
    if (mod && (e.key === 'z' || e.key === 'Z')) {
      e.preventDefault();
      void undoRedo(e.shiftKey ? 'redo' : 'undo');
      return;
    }
    if (mod && e.key === 'y') {
      e.preventDefault();
      void undoRedo('redo');
      return;
    }
    if (mod || e.altKey && !['ArrowLeft', 'ArrowRight'].includes(e.key)) return;
    const key = e.key;
    if (key === 'j' || key === 'k') {
      e.preventDefault();
      moveFocus(focus + (key === 'j' ? 1 : -1));
    } else if (key === 'Enter' || key === 's') {
      e.preventDefault();
      selectBlock(focus);
    } else if (key === '[' || key === ']') {
      setEdge(key === '[' ? 'start' : 'end');
      state.say(`Arrow keys now move the ${key === '[' ? 'start' : 'end'} of the selection`);
    } else if ((key === 'ArrowLeft' || key === 'ArrowRight') && sel) {
      e.preventDefault();
      const dir = key === 'ArrowLeft' ? -1 : 1;
      const moved = { ...sel, [edge]: nudge(view.text, sel[edge], dir, e.altKey) };
      if (moved.end > moved.start) setSel(moved);
    } else if (key === '/' || key === 'f') {
      e.preventDefault();
      setPalette({ query: '' });
    } else if (/^[1-9]$/.test(key)) {
      const c = favourites[Number(key) - 1];
      if (c) void apply(c);
    } else if (key === 'q' && lastCode) {
      const c = codeById.get(lastCode);
      if (c) void apply(c);
    } else if (key === 'v' && sel) {
      void createAndApply(view.text.slice(sel.start, sel.end).replace(/\s+/g, ' ').slice(0, 60));
    } else if ((key === 'Delete' || key === 'u' || key === 'Backspace') && selected) {
      e.preventDefault();
      void removeSelected();
    } else if (key === 'Escape') {
      setSel(null);
      setSelected(null);
    }
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => onKeyRef.current(e);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (error) return <p role="alert" class="page">{error}</p>;
  if (!view) return <p class="page" aria-busy="true">Opening the document…</p>;
  const gutter = Math.max(1, lanes) * 7 + 6;
  const selectedSeg = selected ? segments.find((s) => s.id === selected) : undefined;
  return (
    <div class="reader-layout">
      <main class="reader-main">
        <div class="reader-head">
          <h1>{view.document.name}</h1>
          <span class="muted">
            {view.document.participantId ? `participant ${view.document.participantId} · ` : ''}
            {blocks.length} {view.turns.length ? 'turns' : 'paragraphs'} · {view.text.length.toLocaleString('en-GB')} characters · {segments.length} codings
          </span>
          <span class="toolbar">
            <button type="button" onClick={() => void undoRedo('undo')} title="Ctrl+Z">
              Undo
            </button>
            <button type="button" onClick={() => void undoRedo('redo')} title="Ctrl+Shift+Z">
              Redo
            </button>
          </span>
        </div>
        <SelectionBar
          text={view.text}
          sel={sel}
          selected={selectedSeg}
          code={selectedSeg ? codeById.get(selectedSeg.codeId) : undefined}
          coder={selectedSeg ? coderName.get(selectedSeg.coderId) : undefined}
          onPalette={() => setPalette({ query: '' })}
          onRemove={() => void removeSelected()}
          onClear={() => (setSel(null), setSelected(null))}
        />
        <div class="reader" ref={reader} tabIndex={0} aria-label="Transcript" onMouseUp={readSelection} onKeyUp={(e) => e.shiftKey && readSelection()}>
          {blocks.map((b, i) => (
            <Turn
              key={`${view.document.id}:${b.idx}`}
              block={b}
              index={i}
              text={view.text.slice(b.start, b.end)}
              stripes={stripes.get(i)}
              gutter={gutter}
              focused={i === focus}
              codes={codeById}
              coders={coderName}
              onStripe={(segId) => {
                setSelected(segId);
                setSel(null);
                setFocus(i);
              }}
            />
          ))}
        </div>
      </main>
      <aside class="side" aria-label="Codes and segments">
        <div class="side-tabs" role="tablist">
          <button type="button" role="tab" aria-selected={panel === 'codes'} onClick={() => setPanel('codes')}>
            Codes
          </button>
          <button type="button" role="tab" aria-selected={panel === 'segments'} onClick={() => setPanel('segments')}>
            Segments ({segments.length})
          </button>
          <button type="button" role="tab" aria-selected={panel === 'memos'} onClick={() => setPanel('memos')}>
            Memos
          </button>
        </div>
        {panel === 'memos' ? (
          <MemoDock documentId={view.document.id} documentName={view.document.name} segmentId={selected} />
        ) : panel === 'codes' ? (
          <QuickCodes codes={ws.codebook.tree.map((t) => ({ code: codeById.get(t.id)!, depth: t.depth })).filter((x) => x.code)} favourites={favourites} onApply={(c) => void apply(c)} />
        ) : (
          <SegmentList
            view={view}
            codes={codeById}
            coders={coderName}
            selected={selected}
            onSelect={(s) => {
              setSelected(s.id);
              setSel(null);
              const b = blockAt(blocks, s.start);
              setFocus(b);
              blockElement(reader.current, b)?.scrollIntoView({ block: 'center' });
            }}
          />
        )}
        <p class="hint keys">
          Keys: <kbd>J</kbd>/<kbd>K</kbd> turn · <kbd>Enter</kbd> select turn · <kbd>[</kbd> <kbd>]</kbd> edge, <kbd>←</kbd>/<kbd>→</kbd> nudge · <kbd>/</kbd> code palette · <kbd>1</kbd>–<kbd>9</kbd> favourites ·{' '}
          <kbd>Q</kbd> last code · <kbd>V</kbd> in-vivo · <kbd>Del</kbd> uncode · <kbd>Ctrl+Z</kbd> undo
        </p>
      </aside>
      {palette && (
        <CodePalette
          codes={ws.codebook.tree.map((t) => codeById.get(t.id)!).filter((c) => c && c.codable)}
          recent={ws.recentCodes}
          selection={sel ? view.text.slice(sel.start, sel.end) : ''}
          onApply={(c) => (setPalette(null), void apply(c))}
          onCreate={(name) => (setPalette(null), void createAndApply(name))}
          onClose={() => {
            setPalette(null);
            reader.current?.focus();
          }}
        />
      )}
    </div>
  );
}

/** A segment this tab has just created, as the server will list it. */
const SELECTION_STYLES: [string, string][] = [
  ['sw-sel-seg', 'text-decoration: underline 3px #1d3557; text-underline-offset: 3px;'],
  ['sw-sel-pending', 'background-color: #1d4ed8; color: #fff;'],
];

function localSegment(view: DocumentView, id: string, codeId: string, at: Sel): ViewSegment {
  const coder = view.coders.find((c) => c.name === state.coder);
  const turn = view.turns.find((t) => t.start <= at.start && at.start < t.end);
  return {
    id,
    documentId: view.document.id,
    codeId,
    coderId: coder?.id ?? `coder:${state.coder}`,
    start: at.start,
    end: at.end,
    participantId: turn ? turn.participantId : view.document.participantId,
    turnIdx: turn ? turn.idx : null,
    keyQuote: false,
    anchored: true,
    createdAt: new Date().toISOString(),
  };
}

function favouriteCodes(codable: CodebookEntry[]): CodebookEntry[] {
  const pinned = JSON.parse(localStorage.getItem('staffwell.favourites') ?? '[]') as string[];
  const fav = pinned.map((id) => codable.find((c) => c.id === id)).filter((c): c is CodebookEntry => !!c);
  for (const c of codable) if (fav.length < 9 && !fav.includes(c)) fav.push(c);
  return fav.slice(0, 9);
}

function blockElement(root: HTMLElement | null, i: number): HTMLElement | null {
  return root?.querySelector<HTMLElement>(`[data-turn="${i}"]`) ?? null;
}

/** A DOM point (from a selection) as an offset in the document text; null outside the transcript. */
function offsetAt(node: Node, off: number): number | null {
  const el = node.nodeType === 3 ? node.parentElement : (node as Element);
  const text = el?.closest<HTMLElement>('[data-start]');
  if (text) {
    const start = Number(text.dataset.start);
    if (node.nodeType === 3) return start + off;
    return off === 0 ? start : start + (text.textContent?.length ?? 0);
  }
  const turn = el?.closest<HTMLElement>('.turn');
  const t = turn?.querySelector<HTMLElement>('[data-start]');
  return t ? Number(t.dataset.start) : null;
}

interface TurnProps {
  block: Block;
  index: number;
  text: string;
  stripes: Stripe[] | undefined;
  gutter: number;
  focused: boolean;
  codes: Map<string, CodebookEntry>;
  coders: Map<string, string>;
  onStripe: (segmentId: string) => void;
}

/** Stripes are rebuilt for every block when any segment changes; a turn redraws only when its own differ. */
function sameStripes(a: Stripe[] | undefined, b: Stripe[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.segmentId !== y.segmentId || x.lane !== y.lane || x.top !== y.top || x.height !== y.height || x.codeId !== y.codeId || x.coderId !== y.coderId) return false;
  }
  return true;
}

/** One speaker turn; redrawn only when its own props change (the reader may hold thousands). */
class Turn extends Component<TurnProps> {
  override shouldComponentUpdate(next: TurnProps): boolean {
    const p = this.props;
    return p.text !== next.text || !sameStripes(p.stripes, next.stripes) || p.focused !== next.focused || p.gutter !== next.gutter || p.codes !== next.codes;
  }

  override render() {
    const { block: b, index, text, stripes, gutter, focused, codes, coders, onStripe } = this.props;
    const lines = Math.ceil(text.length / 95) + 1;
    return (
      <div class={focused ? 'turn focused' : 'turn'} data-turn={index} style={{ containIntrinsicBlockSize: `auto ${lines * 24 + 8}px` }}>
        <div class="turn-meta">
          {b.speaker !== null && <span class="speaker">{b.speaker}</span>}
          {b.startMs !== null && <span class="time">{clock(b.startMs)}</span>}
        </div>
        <div class="gutter" style={{ width: `${gutter}px` }}>
          {stripes?.map((s) => {
            const c = codes.get(s.codeId);
            return (
              <span
                key={s.segmentId}
                class="stripe"
                title={`${c?.path ?? 'code'} — ${coders.get(s.coderId) ?? ''}`}
                style={{ left: `${s.lane * 7 + 3}px`, top: `${s.top * 100}%`, height: `max(6px, ${s.height * 100}%)`, background: codeColour(c?.color, s.codeId) }}
                onClick={() => onStripe(s.segmentId)}
              />
            );
          })}
        </div>
        <p class="turn-text" data-start={b.start} data-block={index}>
          {text}
        </p>
      </div>
    );
  }
}

function SelectionBar(props: {
  text: string;
  sel: Sel | null;
  selected: ViewSegment | undefined;
  code: CodebookEntry | undefined;
  coder: string | undefined;
  onPalette: () => void;
  onRemove: () => void;
  onClear: () => void;
}) {
  const { sel, selected } = props;
  if (!sel && !selected) return <div class="selbar muted">Select text to code it (mouse, or J/K and Enter), then press / or pick a code on the right.</div>;
  if (sel) {
    const t = props.text.slice(sel.start, sel.end);
    return (
      <div class="selbar" aria-label="Selection">
        <span class="quote">“{t.length > 120 ? `${t.slice(0, 120)}…` : t}”</span>
        <span class="muted">
          {sel.start}–{sel.end}
        </span>
        <button type="button" onClick={props.onPalette}>
          Code… <kbd>/</kbd>
        </button>
        <button type="button" class="link" onClick={props.onClear}>
          clear
        </button>
      </div>
    );
  }
  return (
    <div class="selbar" aria-label="Selected coding">
      <span class="swatch" style={{ background: codeColour(props.code?.color, selected!.codeId) }} />
      <strong>{props.code?.path ?? 'code'}</strong>
      <span class="muted">by {props.coder ?? '?'}</span>
      <span class="quote">“{props.text.slice(selected!.start, Math.min(selected!.end, selected!.start + 120))}”</span>
      <button type="button" onClick={props.onRemove}>
        Remove coding <kbd>Del</kbd>
      </button>
      <button type="button" class="link" onClick={props.onClear}>
        clear
      </button>
    </div>
  );
}

function QuickCodes(props: { codes: { code: CodebookEntry; depth: number }[]; favourites: CodebookEntry[]; onApply: (c: CodebookEntry) => void }) {
  if (props.codes.length === 0) return <p class="hint">No codes yet: select text and press / to create one, or V for an in-vivo code.</p>;
  return (
    <ul class="quick-codes">
      {props.codes.map(({ code, depth }) => {
        const n = props.favourites.indexOf(code);
        return (
          <li key={code.id} style={{ paddingLeft: `${depth * 14}px` }}>
            <button type="button" class="code-button" disabled={!code.codable} onClick={() => props.onApply(code)} title={code.description || code.path}>
              <span class="swatch" style={{ background: codeColour(code.color, code.id) }} />
              <span class="name">{code.name}</span>
              <span class="count">{code.segments}</span>
              {n >= 0 && <kbd>{n + 1}</kbd>}
            </button>
          </li>
        );
      })}
    </ul>
  );
}

function SegmentList(props: {
  view: DocumentView;
  codes: Map<string, CodebookEntry>;
  coders: Map<string, string>;
  selected: string | null;
  onSelect: (s: ViewSegment) => void;
}) {
  const segs = [...props.view.segments].sort((a, b) => a.start - b.start);
  if (segs.length === 0) return <p class="hint">Nothing coded in this document yet.</p>;
  return (
    <ul class="segment-list">
      {segs.map((s) => {
        const c = props.codes.get(s.codeId);
        return (
          <li key={s.id}>
            <button type="button" class={s.id === props.selected ? 'seg selected' : 'seg'} onClick={() => props.onSelect(s)}>
              <span class="swatch" style={{ background: codeColour(c?.color, s.codeId) }} />
              <strong>{c?.path ?? s.codeId}</strong> <span class="muted">{props.coders.get(s.coderId)}</span>
              <span class="quote">{props.view.text.slice(s.start, Math.min(s.end, s.start + 90))}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
