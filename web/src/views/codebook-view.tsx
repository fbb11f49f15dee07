import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { newId, type CodebookEntry } from '../api.ts';
import { codeColour } from '../format.ts';
import { href } from '../router.ts';
import { state, useWorkspace } from '../store.ts';

/**
 * The codebook: the code tree with counts (own and with subcodes), create, rename, describe, colour, move (drag a
 * code onto another, or choose its parent), merge and delete. Every change is one command (undoable).
 */
export function CodebookView() {
  const ws = useWorkspace();
  const { codes, tree } = ws.codebook;
  const byId = new Map(codes.map((c) => [c.id, c]));
  const total = segmentsWithSubcodes(codes);
  const [editing, setEditing] = useState<string | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [parent, setParent] = useState('');
  const create = async (e: Event) => {
    e.preventDefault();
    const n = name.trim();
    if (!n) return;
    const ok = await state.run({ type: 'code.create', id: newId(), name: n, parentId: parent || null }, `Created code ${n}`);
    if (ok !== undefined) setName('');
  };
  const drop = (target: string | null) => {
    if (!dragging || dragging === target) return;
    const c = byId.get(dragging);
    setDragging(null);
    if (c && c.parentId !== target) void state.run({ type: 'code.move', id: c.id, parentId: target }, `Moved ${c.name} under ${target ? byId.get(target)?.path : 'the top level'}`);
  };
  return (
    <main class="page codebook">
      <h1>Codebook</h1>
      <form class="row-form" onSubmit={create} aria-label="New code">
        <label>
          New code <input value={name} onInput={(e) => setName(e.currentTarget.value)} placeholder="name" />
        </label>
        <label>
          under{' '}
          <select value={parent} onChange={(e) => setParent(e.currentTarget.value)}>
            <option value="">(top level)</option>
            {tree.map((t) => (
              <option key={t.id} value={t.id}>
                {'  '.repeat(t.depth)}
                {byId.get(t.id)?.path}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Create</button>
      </form>
      <div class={dragging ? 'drop-top active' : 'drop-top'} onDragOver={(e) => e.preventDefault()} onDrop={() => drop(null)}>
        {dragging ? 'Drop here to move to the top level' : 'Drag a code onto another to move it under it'}
      </div>
      <table class="grid code-tree">
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col" class="num">Segments</th>
            <th scope="col" class="num">With subcodes</th>
            <th scope="col">Description</th>
            <th scope="col">
              <span class="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tree.map((t) => {
            const c = byId.get(t.id);
            if (!c) return null;
            return editing === c.id ? (
              <CodeEditor key={c.id} code={c} codes={codes} onDone={() => setEditing(null)} />
            ) : (
              <tr key={c.id} draggable onDragStart={() => setDragging(c.id)} onDragEnd={() => setDragging(null)} onDragOver={(e) => e.preventDefault()} onDrop={() => drop(c.id)} data-code={c.name}>
                <td style={{ paddingLeft: `${0.5 + t.depth * 1.4}rem` }}>
                  <span class="swatch" style={{ background: codeColour(c.color, c.id) }} />
                  <a href={href('retrieval', undefined, { code: c.id })}>{c.name}</a>
                  {!c.codable && <span class="muted"> (group)</span>}
                </td>
                <td class="num">{c.segments}</td>
                <td class="num">{total.get(c.id)}</td>
                <td class="desc">{c.description}</td>
                <td>
                  <button type="button" onClick={() => setEditing(c.id)} aria-label={`Edit ${c.path}`}>
                    Edit
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {codes.length === 0 && <p class="hint">No codes yet.</p>}
    </main>
  );
}

/** Each code's segments with those of all its subcodes. */
export function segmentsWithSubcodes(codes: readonly CodebookEntry[]): Map<string, number> {
  const out = new Map<string, number>();
  const parent = new Map(codes.map((c) => [c.id, c.parentId]));
  for (const c of codes) {
    for (let p: string | null | undefined = c.id; p; p = parent.get(p)) out.set(p, (out.get(p) ?? 0) + c.segments);
  }
  return out;
}

function CodeEditor(props: { code: CodebookEntry; codes: CodebookEntry[]; onDone: () => void }) {
  const c = props.code;
  const [name, setName] = useState(c.name);
  const [description, setDescription] = useState(c.description);
  const [color, setColor] = useState(codeColour(c.color, c.id));
  const [parentId, setParentId] = useState(c.parentId ?? '');
  const [mergeInto, setMergeInto] = useState('');
  // `autofocus` counts only when a page loads: the editor opened by keyboard puts the caret in the name itself
  const nameBox = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => nameBox.current?.select(), []);
  const others = props.codes.filter((x) => x.id !== c.id);
  const save = async (e: Event) => {
    e.preventDefault();
    const commands = [];
    if (name.trim() !== c.name || description !== c.description || color !== codeColour(c.color, c.id)) {
      commands.push({ type: 'code.update' as const, id: c.id, name: name.trim(), description, color });
    }
    if ((parentId || null) !== c.parentId) commands.push({ type: 'code.move' as const, id: c.id, parentId: parentId || null });
    if (commands.length > 0) {
      const ok = await state.run(commands.length === 1 ? commands[0] : { type: 'batch', commands }, `Saved ${name}`);
      if (ok === undefined) return;
    }
    props.onDone();
  };
  const merge = async () => {
    const target = props.codes.find((x) => x.id === mergeInto);
    if (!target) return;
    const ok = await state.run({ type: 'code.merge', sourceIds: [c.id], targetId: target.id }, `Merged ${c.path} into ${target.path}`);
    if (ok !== undefined) props.onDone();
  };
  // a subcode's segments can stay, recoded to its parent (when the parent can hold segments)
  const parent = props.codes.find((x) => x.id === c.parentId);
  const [keep, setKeep] = useState(false);
  const canKeep = !!parent?.codable && c.segments > 0;
  const remove = async () => {
    const kept = keep && canKeep;
    const what = kept ? `its ${c.segments} segment(s) recoded to ${parent!.path}` : `its ${c.segments} segment(s)`;
    const ok = await state.remove(`Delete the code ${c.path} with its subcodes and ${what}?`, { type: 'code.delete', id: c.id, ...(kept ? { segments: 'parent' as const } : {}) }, `Deleted the code ${c.path}`);
    if (ok !== undefined) props.onDone();
  };
  return (
    <tr class="editing">
      <td colSpan={5}>
        <form class="code-editor" onSubmit={save} onKeyDown={(e) => e.key === 'Escape' && props.onDone()} aria-label={`Edit code ${c.path}`}>
          <label>
            Name <input ref={nameBox} value={name} onInput={(e) => setName(e.currentTarget.value)} />
          </label>
          <label>
            Colour <input type="color" value={color} onInput={(e) => setColor(e.currentTarget.value)} />
          </label>
          <label>
            Parent{' '}
            <select value={parentId} onChange={(e) => setParentId(e.currentTarget.value)}>
              <option value="">(top level)</option>
              {others.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.path}
                </option>
              ))}
            </select>
          </label>
          <label class="wide">
            Description <textarea value={description} rows={2} onInput={(e) => setDescription(e.currentTarget.value)} />
          </label>
          <span class="actions">
            <button type="submit">Save</button>
            <button type="button" onClick={props.onDone}>
              Cancel
            </button>
          </span>
          <span class="actions">
            <label>
              Merge into{' '}
              <select value={mergeInto} onChange={(e) => setMergeInto(e.currentTarget.value)}>
                <option value="">(choose a code)</option>
                {others.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.path}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" disabled={!mergeInto} onClick={() => void merge()}>
              Merge
            </button>
            {canKeep && (
              <label>
                <input type="checkbox" checked={keep} onChange={(e) => setKeep(e.currentTarget.checked)} /> keep its segments (on {parent!.name})
              </label>
            )}
            <button type="button" class="danger" onClick={() => void remove()}>
              Delete code
            </button>
          </span>
        </form>
      </td>
    </tr>
  );
}
