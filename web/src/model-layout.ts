import type { GtModel } from './api.ts';

/**
 * The grounded-theory diagram's geometry, apart from drawing: which categories stand in which column (phases in
 * order, then "Unplaced"), and how an arrow runs between two measured boxes so it stays in the gaps between
 * boxes and its label clears the other labels.
 */
export type Category = GtModel['categories'][number];
export type Relationship = GtModel['relationships'][number];

export interface Column {
  /** The phase's id; null for the categories in no phase. */
  phaseId: string | null;
  name: string;
  categories: Category[];
}

/** Phases left to right by position; a category in several phases is drawn in the first; the rest: Unplaced. */
export function modelColumns(model: GtModel): Column[] {
  const byId = new Map(model.categories.map((c) => [c.id, c]));
  const placed = new Set<string>();
  const cols: Column[] = [...model.phases]
    .sort((a, b) => a.position - b.position)
    .map((p) => ({
      phaseId: p.id,
      name: p.name,
      categories: p.categoryIds.flatMap((id) => {
        const c = byId.get(id);
        if (!c || placed.has(id)) return [];
        placed.add(id);
        return [c];
      }),
    }));
  cols.push({ phaseId: null, name: 'Unplaced', categories: model.categories.filter((c) => !placed.has(c.id)) });
  return cols;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
  col: number;
  row: number;
}

export interface ColumnSpan {
  left: number;
  right: number;
}

export interface Arrow {
  id: string;
  d: string;
  label: string;
  /** The label's full text (the drawn one may be shortened). */
  title: string;
  /** Where the label's text starts (it is drawn with text-anchor start). */
  lx: number;
  ly: number;
  lw: number;
}

const CHAR = 6.6;
const LABEL_H = 15;

function shorten(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/**
 * Routes every relationship between measured boxes: neighbouring columns by a straight line between the facing
 * edges; neighbours in one column by a short vertical line; farther boxes in a column by a curve out to the
 * right; columns further apart by a lane under all the boxes (down and up in the gaps between columns). Labels
 * that would overlap move down until they clear. `bottom` is the lowest box edge; lanes go below it.
 */
export function routeArrows(rels: readonly Relationship[], boxes: ReadonlyMap<string, Box>, cols: readonly ColumnSpan[], bottom: number): { arrows: Arrow[]; lanes: number } {
  const arrows: Arrow[] = [];
  const taken: { x: number; y: number; w: number }[] = [];
  let lanes = 0;
  const gapWidth = cols.length > 1 ? cols[1].left - cols[0].right : 120;
  const place = (a: Omit<Arrow, 'lw' | 'label'> & { label: string }, centre: boolean) => {
    const lw = a.label.length * CHAR + 6;
    let lx = centre ? a.lx - lw / 2 : a.lx;
    let ly = a.ly;
    for (let i = 0; i < 12 && taken.some((t) => lx < t.x + t.w && t.x < lx + lw && Math.abs(t.y - ly) < LABEL_H); i++) ly += LABEL_H;
    taken.push({ x: lx, y: ly, w: lw });
    lx = Math.round(lx);
    arrows.push({ ...a, lx, ly, lw });
  };
  const seen = new Map<string, number>();
  for (const r of rels) {
    const a = boxes.get(r.from);
    const b = boxes.get(r.to);
    if (!a || !b) continue;
    // a second arrow between the same two boxes (either way) runs a little apart from the first
    const pair = [r.from, r.to].sort().join(' ');
    const nth = seen.get(pair) ?? 0;
    seen.set(pair, nth + 1);
    const off = nth * 12;
    const gapLabel = shorten(r.type, Math.max(6, Math.floor((gapWidth - 10) / CHAR)));
    if (a.col === b.col && Math.abs(a.row - b.row) === 1) {
      const x = a.x + a.w / 2 - 30 + off;
      const [y1, y2] = a.row < b.row ? [a.y + a.h, b.y] : [a.y, b.y + b.h];
      place({ id: r.id, d: `M${x},${y1} L${x},${y2}`, label: shorten(r.type, Math.floor((a.w / 2 + 20) / CHAR)), title: r.type, lx: x + 6, ly: (y1 + y2) / 2 + 4 }, false);
    } else if (a.col === b.col) {
      // a loop on one box leaves and re-enters its right side; farther boxes in a column join on the right
      const self = a === b;
      const x = a.x + a.w;
      const y1 = self ? a.y + a.h / 4 + off : a.y + a.h / 2 + off;
      const y2 = self ? a.y + (3 * a.h) / 4 + off : b.y + b.h / 2 + off;
      const bulge = Math.min(gapWidth / 2 - 4, 50);
      place({ id: r.id, d: `M${x},${y1} C${x + bulge * 1.4},${y1} ${x + bulge * 1.4},${y2} ${x},${y2}`, label: gapLabel, title: r.type, lx: x + bulge + 4, ly: (y1 + y2) / 2 + 4 }, false);
    } else if (Math.abs(a.col - b.col) === 1) {
      const forward = a.col < b.col;
      const x1 = forward ? a.x + a.w : a.x;
      const x2 = forward ? b.x : b.x + b.w;
      const y1 = a.y + a.h / 2 + off;
      const y2 = b.y + b.h / 2 + off;
      place({ id: r.id, d: `M${x1},${y1} L${x2},${y2}`, label: gapLabel, title: r.type, lx: (x1 + x2) / 2, ly: (y1 + y2) / 2 - 5 }, true);
    } else {
      // down from the source's side (near its bottom, clear of straight arrows at mid-height), along a lane under
      // every box, up beside the target: the vertical runs keep close to the boxes, clear of the gap's labels
      const forward = a.col < b.col;
      const lane = bottom + 28 + lanes * 22;
      const step = 8 + (lanes % 3) * 5;
      lanes++;
      const x1 = forward ? a.x + a.w : a.x;
      const gx1 = forward ? x1 + step : x1 - step;
      const x2 = forward ? b.x : b.x + b.w;
      const gx2 = forward ? x2 - step - 4 : x2 + step + 4;
      const y1 = a.y + a.h - 10 - off;
      const y2 = b.y + b.h - 10 - off;
      place({ id: r.id, d: `M${x1},${y1} L${gx1},${y1} L${gx1},${lane} L${gx2},${lane} L${gx2},${y2} L${x2},${y2}`, label: shorten(r.type, 40), title: r.type, lx: (gx1 + gx2) / 2, ly: lane - 5 }, true);
    }
  }
  return { arrows, lanes };
}
