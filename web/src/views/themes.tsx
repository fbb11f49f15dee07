import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { api, newId, type CodebookEntry, type FamilyCommand, type ThemeBoard, type ThemeRow } from '../api.ts';
import { codeColour } from '../format.ts';
import { go, href, type Route } from '../router.ts';
import { state, useLoad, useWorkspace } from '../store.ts';
import { segmentsWithSubcodes } from './codebook-view.tsx';
import { RecurrenceTable, ThemeDetail } from './theme-detail.tsx';

/**
 * The themes board (reflexive TA, IPA): codes grouped into superordinate themes, themes and subthemes. Drag a
 * code from the list (or from another theme) onto a theme to group it there, drag a theme onto another to move it
 * under it, or onto the top or bottom edge of another to put it before or after that one; every move has a keyboard
 * path too (a theme's "Add code" list, its editor's parent; on a focused card Alt+ArrowUp/Down moves it among its
 * siblings, Alt+ArrowLeft/Right out of its parent or into the theme above, announced in the shell's live region).
 * Below, the IPA recurrence table, built live; a theme's name opens its table of codes, participants and key quotes.
 */
export function ThemesView({ route }: { route: Route }) {
  const ws = useWorkspace();
  // the board first, then the chosen theme's table if the theme still exists (a deleted theme is not asked for)
  const { data, error } = useLoad(async () => {
    const board = await api.themes();
    const table = route.arg && board.themes.some((t) => t.theme.id === route.arg) ? await api.theme(route.arg, 3) : undefined;
    return { board, table };
  }, [route.arg]);
  const [dragging, setDragging] = useState<Drag | null>(null);
  if (error) return <p role="alert" class="page">{error}</p>;
  if (!data) return <main class="page" aria-busy="true">Loading themes…</main>;
  const { board, table } = data;
  const model = boardModel(board, ws.codebook.codes);
  const selected = table?.theme.id ?? '';
  const drop = (target: ThemeRow | null, e: DragEvent, zone: Zone = 'into') => {
    e.preventDefault();
    const d = dragging ?? readDrag(e);
    setDragging(null);
    if (d) void dropOn(model, d, target, zone);
  };
  return (
    <main class="page themes-page">
      <h1>Themes</h1>
      <NewTheme model={model} />
      <div class="themes-layout">
        <CodeList model={model} onDrag={setDragging} />
        <section aria-label="Theme board" class="board-area">
          <div class={dragging?.kind === 'theme' ? 'drop-top active' : 'drop-top'} onDragOver={(e) => e.preventDefault()} onDrop={(e) => drop(null, e)}>
            {dragging?.kind === 'theme'
              ? 'Drop here to make it a top-level theme; on the top or bottom edge of a theme to put it before or after that one'
              : 'Drag codes onto a theme to group them; drag a theme onto another to nest it, or onto its top or bottom edge to reorder (keyboard: Alt+arrow keys on a theme)'}
          </div>
          {model.roots.length === 0 ? (
            <p class="hint">No themes yet: create one above, then add codes to it.</p>
          ) : (
            <ul class="board">
              {model.roots.map((t) => (
                <li key={t.id}>
                  <ThemeCard theme={t} model={model} selected={selected} themeDrag={dragging?.kind === 'theme'} onDrag={setDragging} onDrop={drop} />
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      {table && <ThemeDetail table={table} />}
      <RecurrenceTable board={board} />
    </main>
  );
}

/** What is being dragged: a code (from the list, or from a theme, `from`) or a theme. */
type Drag = { kind: 'code'; id: string; from?: string } | { kind: 'theme'; id: string };
const DRAG_TYPE = 'application/x-staffwell-theme-board';

function startDrag(e: DragEvent, d: Drag, onDrag: (d: Drag | null) => void): void {
  e.stopPropagation();
  e.dataTransfer?.setData(DRAG_TYPE, JSON.stringify(d));
  e.dataTransfer?.setData('text/plain', d.id);
  onDrag(d);
}

function readDrag(e: DragEvent): Drag | null {
  try {
    const d = JSON.parse(e.dataTransfer?.getData(DRAG_TYPE) || 'null') as Drag | null;
    return d && (d.kind === 'code' || d.kind === 'theme') && typeof d.id === 'string' ? d : null;
  } catch {
    return null;
  }
}

interface BoardModel {
  byId: Map<string, ThemeRow>;
  roots: ThemeRow[];
  children: Map<string, ThemeRow[]>;
  /** Hierarchy order with depth, for the parent lists. */
  order: { theme: ThemeRow; depth: number }[];
  codesOf: Map<string, string[]>;
  themesOf: Map<string, string[]>;
  codes: CodebookEntry[];
  codeById: Map<string, CodebookEntry>;
  /** Segments of each code with its subcodes (what a theme gathers through the code). */
  withSubcodes: Map<string, number>;
}

function boardModel(board: ThemeBoard, codes: CodebookEntry[]): BoardModel {
  const byId = new Map(board.themes.map((t) => [t.theme.id, t.theme]));
  const children = new Map<string, ThemeRow[]>();
  const roots: ThemeRow[] = [];
  for (const { theme } of board.themes) {
    if (theme.parentId === null || !byId.has(theme.parentId)) roots.push(theme);
    else children.set(theme.parentId, [...(children.get(theme.parentId) ?? []), theme]);
  }
  const codesOf = new Map<string, string[]>();
  const themesOf = new Map<string, string[]>();
  for (const l of board.links) {
    codesOf.set(l.themeId, [...(codesOf.get(l.themeId) ?? []), l.codeId]);
    themesOf.set(l.codeId, [...(themesOf.get(l.codeId) ?? []), l.themeId]);
  }
  const withSubcodes = segmentsWithSubcodes(codes);
  return { byId, roots, children, order: board.themes, codesOf, themesOf, codes, codeById: new Map(codes.map((c) => [c.id, c])), withSubcodes };
}

/** Where a theme dropped on a card goes: under it, or just before or after it among its siblings. */
type Zone = 'into' | 'before' | 'after';
/** How close (px) to a card's top or bottom edge a theme must be dropped to go before or after it. */
const EDGE = 14;

/**
 * A drop: a code links to the theme (moving from the theme it was dragged out of); a theme moves under it, or
 * before or after it (`zone`).
 */
async function dropOn(model: BoardModel, d: Drag, target: ThemeRow | null, zone: Zone = 'into'): Promise<void> {
  if (d.kind === 'code') {
    const code = model.codeById.get(d.id);
    if (!target || !code || d.from === target.id) return;
    if ((model.codesOf.get(target.id) ?? []).includes(d.id)) return state.say(`${code.path} is already in ${target.name}`);
    const link: FamilyCommand = { type: 'theme.linkCodes', themeId: target.id, codeIds: [d.id] };
    if (d.from) {
      const from = model.byId.get(d.from)?.name ?? '';
      await state.run({ type: 'batch', commands: [{ type: 'theme.unlinkCodes', themeId: d.from, codeIds: [d.id] }, link] }, `Moved ${code.path} from ${from} to ${target.name}`);
    } else await state.run(link, `Added ${code.path} to ${target.name}`);
    return;
  }
  const theme = model.byId.get(d.id);
  if (!theme || theme.id === target?.id) return;
  if (target && zone !== 'into') {
    if (isBelow(model, target.id, theme.id)) return; // not beside one of its own subthemes
    const others = siblingsOf(model, target.parentId).filter((x) => x.id !== theme.id);
    return moveTheme(model, theme, target.parentId, others.indexOf(target) + (zone === 'after' ? 1 : 0));
  }
  if (theme.parentId === (target?.id ?? null)) return;
  await state.run({ type: 'theme.update', id: theme.id, parentId: target?.id ?? null }, `Moved ${theme.name} ${target ? `under ${target.name}` : 'to the top level'}`);
}

/** The themes directly under `parentId` (null: the top level), in board order. */
function siblingsOf(model: BoardModel, parentId: string | null): ThemeRow[] {
  return parentId === null ? model.roots : (model.children.get(parentId) ?? []);
}

/** Whether `id` is `ancestor` or one of its subthemes (at any depth). */
function isBelow(model: BoardModel, id: string, ancestor: string): boolean {
  for (let t = model.byId.get(id); t; t = t.parentId ? model.byId.get(t.parentId) : undefined) if (t.id === ancestor) return true;
  return false;
}

/** The card to focus once the board shows a theme where a keyboard move put it (the card is redrawn there). */
let focusAfterMove: { id: string; parentId: string | null; position: number; at: number } | null = null;
/** How long (ms) a keyboard move waits for the board to show the last one before it counts from what is drawn. */
const MOVE_SETTLE_MS = 2000;

/** Moves a theme to `position` among the children of `parentId`, saying where it went (the live region reads it). */
async function moveTheme(model: BoardModel, theme: ThemeRow, parentId: string | null, position: number, focus = false): Promise<void> {
  const others = siblingsOf(model, parentId).filter((x) => x.id !== theme.id);
  if (parentId === theme.parentId && siblingsOf(model, parentId).indexOf(theme) === position) return;
  const where = parentId === null ? 'the top level' : (model.byId.get(parentId)?.name ?? '');
  if (focus) focusAfterMove = { id: theme.id, parentId, position, at: Date.now() };
  const ok = await state.run({ type: 'theme.move', id: theme.id, parentId, position }, `Moved ${theme.name} to position ${position + 1} of ${others.length + 1} in ${where}`);
  if (ok === undefined) focusAfterMove = null;
}

/**
 * Keyboard moves of a focused card: Alt+ArrowUp/Down among its siblings, Alt+ArrowLeft out of its parent (just after
 * it), Alt+ArrowRight into the theme above it (as its last subtheme).
 */
function moveByKey(model: BoardModel, theme: ThemeRow, key: string): boolean {
  if (!['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'].includes(key)) return false;
  // a key pressed again before the board shows the last move would count from the old order: wait for it
  if (focusAfterMove && Date.now() - focusAfterMove.at < MOVE_SETTLE_MS) return true;
  const siblings = siblingsOf(model, theme.parentId);
  const i = siblings.indexOf(theme);
  if (key === 'ArrowUp' || key === 'ArrowDown') {
    const to = i + (key === 'ArrowUp' ? -1 : 1);
    if (to < 0 || to >= siblings.length) state.say(`${theme.name} is already ${to < 0 ? 'first' : 'last'} in ${theme.parentId ? model.byId.get(theme.parentId)?.name : 'the top level'}`);
    else void moveTheme(model, theme, theme.parentId, to, true);
    return true;
  }
  if (key === 'ArrowLeft') {
    const parent = theme.parentId ? model.byId.get(theme.parentId) : undefined;
    if (!parent) state.say(`${theme.name} is already at the top level`);
    else void moveTheme(model, theme, parent.parentId, siblingsOf(model, parent.parentId).indexOf(parent) + 1, true);
    return true;
  }
  if (key === 'ArrowRight') {
    const above = siblings[i - 1];
    if (!above) state.say(`No theme above ${theme.name} to move it into`);
    else void moveTheme(model, theme, above.id, siblingsOf(model, above.id).length, true);
    return true;
  }
  return false;
}

const KINDS: ThemeRow['kind'][] = ['superordinate', 'theme', 'subtheme'];
const KIND_LABEL: Record<ThemeRow['kind'], string> = { superordinate: 'superordinate theme', theme: 'theme', subtheme: 'subtheme' };

function KindOptions() {
  return (
    <>
      {KINDS.map((k) => (
        <option key={k} value={k}>
          {KIND_LABEL[k]}
        </option>
      ))}
    </>
  );
}

function ParentOptions(props: { model: BoardModel; exclude?: string }) {
  // a theme cannot move under itself or under one of its own subthemes
  const below = new Set<string>();
  if (props.exclude) {
    const walk = (id: string) => {
      below.add(id);
      for (const c of props.model.children.get(id) ?? []) walk(c.id);
    };
    walk(props.exclude);
  }
  return (
    <>
      <option value="">(top level)</option>
      {props.model.order
        .filter((t) => !below.has(t.theme.id))
        .map((t) => (
          <option key={t.theme.id} value={t.theme.id}>
            {'\u00a0\u00a0'.repeat(t.depth)}
            {t.theme.name}
          </option>
        ))}
    </>
  );
}

function NewTheme({ model }: { model: BoardModel }) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState('');
  const [parent, setParent] = useState('');
  const create = async (e: Event) => {
    e.preventDefault();
    const n = name.trim();
    if (!n) return;
    const ok = await state.run(
      { type: 'theme.create', id: newId(), name: n, parentId: parent || null, ...(kind ? { kind: kind as ThemeRow['kind'] } : {}) },
      `Created theme ${n}`,
    );
    if (ok !== undefined) setName('');
  };
  return (
    <form class="row-form" onSubmit={create} aria-label="New theme">
      <label>
        New theme <input value={name} onInput={(e) => setName(e.currentTarget.value)} placeholder="name" />
      </label>
      <label>
        kind{' '}
        <select value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
          <option value="">(from its level)</option>
          <KindOptions />
        </select>
      </label>
      <label>
        under{' '}
        <select value={parent} onChange={(e) => setParent(e.currentTarget.value)}>
          <ParentOptions model={model} />
        </select>
      </label>
      <button type="submit">Create</button>
    </form>
  );
}

/** Every codable code, with the themes it is in; the ones in no theme yet first. */
function CodeList({ model, onDrag }: { model: BoardModel; onDrag: (d: Drag | null) => void }) {
  const [filter, setFilter] = useState<'all' | 'unthemed'>('all');
  const codes = model.codes.filter((c) => c.codable && (filter === 'all' || !model.themesOf.has(c.id)));
  const unthemed = model.codes.filter((c) => c.codable && !model.themesOf.has(c.id)).length;
  return (
    <section class="board-codes" aria-label="Codes">
      <h2>Codes</h2>
      <label class="hint">
        <input type="checkbox" checked={filter === 'unthemed'} onChange={(e) => setFilter(e.currentTarget.checked ? 'unthemed' : 'all')} /> only the {unthemed} in no theme
      </label>
      <ul class="chip-list">
        {codes.map((c) => {
          const themes = model.themesOf.get(c.id) ?? [];
          return (
            <li key={c.id} class="code-chip" draggable onDragStart={(e) => startDrag(e, { kind: 'code', id: c.id }, onDrag)} onDragEnd={() => onDrag(null)} data-code={c.name}>
              <span class="swatch" style={{ background: codeColour(c.color, c.id) }} />
              <span class="chip-name">{c.path}</span>
              <span class="count" title={themes.length ? `In ${themes.map((t) => model.byId.get(t)?.name).join(', ')}` : 'In no theme yet'}>
                {themes.length ? `${themes.length} theme${themes.length === 1 ? '' : 's'}` : 'no theme'}
              </span>
            </li>
          );
        })}
      </ul>
      {codes.length === 0 && <p class="hint">{filter === 'unthemed' ? 'Every code is in a theme.' : 'No codes yet.'}</p>}
    </section>
  );
}

function ThemeCard(props: { theme: ThemeRow; model: BoardModel; selected: string; themeDrag: boolean; onDrag: (d: Drag | null) => void; onDrop: (target: ThemeRow, e: DragEvent, zone: Zone) => void }) {
  const { theme: t, model } = props;
  const [editing, setEditing] = useState(false);
  const [over, setOver] = useState<Zone | null>(null);
  const card = useRef<HTMLElement>(null);
  // after a keyboard move the card is drawn at its new place: keep the focus on it until the board shows it there
  useLayoutEffect(() => {
    const f = focusAfterMove;
    if (!f || f.id !== t.id || !card.current) return;
    if (document.activeElement !== card.current) card.current.focus();
    if (t.parentId === f.parentId && siblingsOf(model, t.parentId).indexOf(t) === f.position) focusAfterMove = null;
  });
  const zoneOf = (e: DragEvent): Zone => {
    if (!props.themeDrag) return 'into';
    const box = (e.currentTarget as HTMLElement).getBoundingClientRect();
    return e.clientY - box.top < EDGE ? 'before' : box.bottom - e.clientY < EDGE ? 'after' : 'into';
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || editing) return;
    const el = e.target as HTMLElement;
    // the card itself or its heading (name link, Edit); not the add-code list or a subtheme's card
    if (el !== card.current && el.closest('.theme-head') !== card.current?.querySelector(':scope > .theme-head')) return;
    if (moveByKey(model, t, e.key)) {
      e.preventDefault();
      e.stopPropagation();
    }
  };
  const [adding, setAdding] = useState('');
  const linked = model.codesOf.get(t.id) ?? [];
  const addable = model.codes.filter((c) => c.codable && !linked.includes(c.id));
  const add = async (e: Event) => {
    e.preventDefault();
    const code = model.codeById.get(adding);
    if (!code) return;
    const ok = await state.run({ type: 'theme.linkCodes', themeId: t.id, codeIds: [code.id] }, `Added ${code.path} to ${t.name}`);
    if (ok !== undefined) setAdding('');
  };
  const sub = model.children.get(t.id) ?? [];
  return (
    <article
      ref={card}
      tabIndex={0}
      class={`theme-card kind-${t.kind}${over ? ` over over-${over}` : ''}${props.selected === t.id ? ' selected' : ''}`}
      aria-label={`${KIND_LABEL[t.kind]} ${t.name}, ${siblingsOf(model, t.parentId).indexOf(t) + 1} of ${siblingsOf(model, t.parentId).length}`}
      aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown Alt+ArrowLeft Alt+ArrowRight"
      title="Drag onto a theme to nest it, onto its top or bottom edge to reorder; Alt+arrow keys move it"
      draggable={!editing}
      onKeyDown={onKeyDown}
      onDragStart={(e) => startDrag(e, { kind: 'theme', id: t.id }, props.onDrag)}
      onDragEnd={() => props.onDrag(null)}
      onDragOver={(e) => (e.preventDefault(), e.stopPropagation(), setOver(zoneOf(e)))}
      onDragLeave={() => setOver(null)}
      onDrop={(e) => (e.stopPropagation(), setOver(null), props.onDrop(t, e, zoneOf(e)))}
      data-theme={t.name}
      data-theme-id={t.id}
    >
      {editing ? (
        <ThemeEditor theme={t} model={model} onDone={() => setEditing(false)} />
      ) : (
        <header class="theme-head">
          <a href={props.selected === t.id ? href('themes') : href('themes', t.id)} class="theme-name" aria-expanded={props.selected === t.id} title="Show its codes, participants and key quotes">
            {t.name}
          </a>
          <span class="tag">{KIND_LABEL[t.kind]}</span>
          <button type="button" class="link" onClick={() => setEditing(true)} aria-label={`Edit theme ${t.name}`}>
            Edit
          </button>
        </header>
      )}
      {!editing && t.description && <p class="desc">{t.description}</p>}
      <ul class="chip-list" aria-label={`Codes in ${t.name}`}>
        {linked.map((id) => {
          const c = model.codeById.get(id);
          if (!c) return null;
          return (
            <li key={id} class="code-chip" draggable onDragStart={(e) => startDrag(e, { kind: 'code', id, from: t.id }, props.onDrag)} onDragEnd={() => props.onDrag(null)} data-code={c.name}>
              <span class="swatch" style={{ background: codeColour(c.color, c.id) }} />
              <a class="chip-name" href={href('retrieval', undefined, { code: c.id })} draggable={false}>
                {c.path}
              </a>
              <span class="count" title="segments, with its subcodes'">
                {model.withSubcodes.get(c.id) ?? 0}
              </span>
              <button
                type="button"
                class="chip-x"
                aria-label={`Remove ${c.path} from ${t.name}`}
                title="Remove from this theme (the code stays)"
                onClick={() => void state.run({ type: 'theme.unlinkCodes', themeId: t.id, codeIds: [id] }, `Removed ${c.path} from ${t.name}`)}
              >
                ×
              </button>
            </li>
          );
        })}
      </ul>
      {linked.length === 0 && sub.length === 0 && <p class="hint">Drop codes here.</p>}
      {addable.length > 0 && (
        <form class="add-code" onSubmit={add} aria-label={`Add a code to ${t.name}`}>
          <select value={adding} onChange={(e) => setAdding(e.currentTarget.value)} aria-label={`Code to add to ${t.name}`}>
            <option value="">add a code…</option>
            {addable.map((c) => (
              <option key={c.id} value={c.id}>
                {c.path}
              </option>
            ))}
          </select>
          <button type="submit" disabled={!adding}>
            Add
          </button>
        </form>
      )}
      {sub.length > 0 && (
        <ul class="subthemes">
          {sub.map((s) => (
            <li key={s.id}>
              <ThemeCard {...props} theme={s} />
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

function ThemeEditor(props: { theme: ThemeRow; model: BoardModel; onDone: () => void }) {
  const t = props.theme;
  const [name, setName] = useState(t.name);
  const [kind, setKind] = useState(t.kind);
  const [parentId, setParentId] = useState(t.parentId ?? '');
  const [description, setDescription] = useState(t.description);
  const [children, setChildren] = useState<'delete' | 'parent'>('parent');
  const box = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => box.current?.select(), []);
  const hasChildren = (props.model.children.get(t.id) ?? []).length > 0;
  const save = async (e: Event) => {
    e.preventDefault();
    const change = {
      ...(name.trim() !== t.name ? { name: name.trim() } : {}),
      ...(kind !== t.kind ? { kind } : {}),
      ...((parentId || null) !== t.parentId ? { parentId: parentId || null } : {}),
      ...(description !== t.description ? { description } : {}),
    };
    if (Object.keys(change).length > 0 && (await state.run({ type: 'theme.update', id: t.id, ...change }, `Saved theme ${name.trim()}`)) === undefined) return;
    props.onDone();
  };
  const remove = async () => {
    const what = hasChildren ? (children === 'parent' ? ' (its subthemes move up a level)' : ' with its subthemes') : '';
    const ok = await state.remove(`Delete the theme ${t.name}${what}? Its codes stay in the codebook.`, { type: 'theme.delete', id: t.id, children }, `Deleted the theme ${t.name}`);
    if (ok !== undefined) {
      if (location.hash.includes(encodeURIComponent(t.id))) go('themes');
      props.onDone();
    }
  };
  return (
    <form class="theme-editor" onSubmit={save} onKeyDown={(e) => e.key === 'Escape' && props.onDone()} aria-label={`Edit theme ${t.name}`}>
      <label>
        Name <input ref={box} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <label>
        Kind{' '}
        <select value={kind} onChange={(e) => setKind(e.currentTarget.value as ThemeRow['kind'])}>
          <KindOptions />
        </select>
      </label>
      <label>
        Under{' '}
        <select value={parentId} onChange={(e) => setParentId(e.currentTarget.value)}>
          <ParentOptions model={props.model} exclude={t.id} />
        </select>
      </label>
      <label class="wide">
        Description <textarea rows={2} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
      </label>
      <span class="actions">
        <button type="submit">Save</button>
        <button type="button" onClick={props.onDone}>
          Cancel
        </button>
        {hasChildren && (
          <label>
            subthemes{' '}
            <select value={children} onChange={(e) => setChildren(e.currentTarget.value as 'delete' | 'parent')}>
              <option value="parent">move up a level</option>
              <option value="delete">are deleted too</option>
            </select>
          </label>
        )}
        <button type="button" class="danger" onClick={() => void remove()}>
          Delete theme
        </button>
      </span>
    </form>
  );
}
