import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { CodebookEntry, GtModel } from '../api.ts';
import { modelColumns, routeArrows, type Box, type Category, type ColumnSpan } from '../model-layout.ts';
import { href } from '../router.ts';
import { state, useWorkspace } from '../store.ts';

/**
 * The model as a diagram: phases as columns left to right (then "Unplaced"), each category a box with its
 * properties and dimensions; relationships as labelled arrows in an SVG drawn over the boxes once they are laid
 * out (positions measured from the page, so long names wrap as they like). The SVG is decorative for assistive
 * technology: the relationships table beside it says the same in words.
 */
export function ModelDiagram({ model }: { model: GtModel }) {
  const cols = modelColumns(model);
  const host = useRef<HTMLDivElement>(null);
  const [geo, setGeo] = useState<{ boxes: Map<string, Box>; spans: ColumnSpan[]; bottom: number; key: string } | null>(null);
  const measure = () => {
    const el = host.current;
    if (!el) return;
    const origin = el.getBoundingClientRect();
    const boxes = new Map<string, Box>();
    let bottom = 0;
    el.querySelectorAll<HTMLElement>('[data-category]').forEach((b) => {
      const r = b.getBoundingClientRect();
      const box = { x: r.left - origin.left, y: r.top - origin.top, w: r.width, h: r.height, col: Number(b.dataset.col), row: Number(b.dataset.row) };
      boxes.set(b.dataset.category!, box);
      bottom = Math.max(bottom, box.y + box.h);
    });
    const spans = [...el.querySelectorAll<HTMLElement>('.model-column')].map((c) => {
      const r = c.getBoundingClientRect();
      return { left: r.left - origin.left, right: r.right - origin.left };
    });
    const key = JSON.stringify([[...boxes], spans]);
    setGeo((g) => (g?.key === key ? g : { boxes, spans, bottom, key }));
  };
  useLayoutEffect(measure);
  useLayoutEffect(() => {
    const el = host.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => measure());
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const routed = geo ? routeArrows(model.relationships, geo.boxes, geo.spans, geo.bottom) : { arrows: [], lanes: 0 };
  return (
    <div class="model-scroll">
      <div class="model-diagram" ref={host} style={{ paddingBottom: `${routed.lanes * 22 + 16}px` }}>
        <div class="model-columns">
          {cols.map((col, i) => (
            <section key={col.phaseId ?? 'unplaced'} class={col.phaseId ? 'model-column' : 'model-column unplaced'} aria-label={col.phaseId ? `Phase: ${col.name}` : 'Unplaced categories'}>
              <div class="column-head">
                <h2>
                  {col.phaseId && <span class="muted">Phase {i + 1} ·</span>}
                  <span>{col.name}</span>
                </h2>
                {col.phaseId && (
                  <button
                    type="button"
                    class="link danger"
                    aria-label={`Delete the phase ${col.name}`}
                    onClick={() =>
                      void state.remove(`Delete the phase ${col.name}? Its categories stay, unplaced.`, { type: 'phase.delete', id: col.phaseId! }, `Deleted the phase ${col.name}`)
                    }
                  >
                    delete
                  </button>
                )}
              </div>
              {col.categories.map((c, row) => (
                <CategoryBox key={c.id} category={c} col={i} row={row} />
              ))}
              {col.categories.length === 0 && <p class="hint">{col.phaseId ? 'No categories in this phase.' : model.categories.length ? 'Every category is in a phase.' : 'No categories yet.'}</p>}
            </section>
          ))}
        </div>
        {geo && (
          <svg class="model-arrows" aria-hidden="true">
            <defs>
              <marker id="model-arrowhead" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                <path d="M0,0 L10,5 L0,10 z" fill="#475569" />
              </marker>
            </defs>
            {routed.arrows.map((a) => (
              <g key={a.id} class="model-arrow" data-relationship={a.id}>
                <title>{a.title}</title>
                <path d={a.d} fill="none" stroke="#475569" stroke-width="1.5" marker-end="url(#model-arrowhead)" />
                <text x={a.lx} y={a.ly} font-size="12" stroke="#f6f7f9" stroke-width="4" paint-order="stroke" fill="#1e293b">
                  {a.label}
                </text>
              </g>
            ))}
          </svg>
        )}
      </div>
    </div>
  );
}

/**
 * A category: its properties and dimensions, and its codes, each a link to their segments in retrieval with a
 * button that unlinks it; a list that links one more; and a delete button (what goes with it is said first).
 */
function CategoryBox({ category: c, col, row }: { category: Category; col: number; row: number }) {
  const ws = useWorkspace();
  const [adding, setAdding] = useState('');
  const byPath = new Map(ws.codebook.codes.map((x) => [x.path, x]));
  const linked = c.codes.map((path) => ({ path, code: byPath.get(path) }));
  const linkedIds = new Set(linked.flatMap((l) => (l.code ? [l.code.id] : [])));
  const others = ws.codebook.codes.filter((x: CodebookEntry) => !linkedIds.has(x.id));
  const link = async () => {
    const code = ws.codebook.codes.find((x) => x.id === adding);
    if (!code) return;
    const ok = await state.run({ type: 'category.linkCodes', categoryId: c.id, codeIds: [code.id] }, `Linked ${code.path} to ${c.name}`);
    if (ok !== undefined) setAdding('');
  };
  return (
    <article class="category-box" data-category={c.id} data-col={col} data-row={row} aria-label={`Category ${c.name}`}>
      <div class="category-head">
        <h3>{c.name}</h3>
        <button
          type="button"
          class="link danger"
          aria-label={`Delete the category ${c.name}`}
          onClick={() =>
            void state.remove(
              `Delete the category ${c.name}, with its properties, its relationships and its links to codes (the codes and their segments stay)?`,
              { type: 'category.delete', id: c.id },
              `Deleted the category ${c.name}`,
            )
          }
        >
          delete
        </button>
      </div>
      {c.properties.length > 0 && (
        <ul class="properties">
          {c.properties.map((p) => (
            <li key={p.name}>
              <span class="prop-name">{p.name}</span>{' '}
              <span class="dimension">
                {p.dimension[0] || '?'} – {p.dimension[1] || '?'}
              </span>
            </li>
          ))}
        </ul>
      )}
      <ul class="category-codes" aria-label={`Codes of ${c.name}`}>
        {linked.map(({ path, code }) => (
          <li key={path}>
            {code ? <a href={href('retrieval', undefined, { code: code.id })}>{path}</a> : <span>{path}</span>}
            {code && (
              <button
                type="button"
                class="link"
                aria-label={`Unlink ${path} from ${c.name}`}
                onClick={() => void state.run({ type: 'category.unlinkCodes', categoryId: c.id, codeIds: [code.id] }, `Unlinked ${path} from ${c.name}`)}
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      <form
        class="add-code"
        onSubmit={(e) => {
          e.preventDefault();
          void link();
        }}
      >
        <select value={adding} onChange={(e) => setAdding(e.currentTarget.value)} aria-label={`Link a code to ${c.name}`}>
          <option value="">link a code…</option>
          {others.map((x) => (
            <option key={x.id} value={x.id}>
              {x.path}
            </option>
          ))}
        </select>
        <button type="submit" disabled={!adding}>
          Link
        </button>
      </form>
    </article>
  );
}
