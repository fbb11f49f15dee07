/** The Model view's geometry without a browser: columns from phases, and arrows routed between measured boxes. */
import test from 'node:test';
import assert from 'node:assert/strict';
import type { GtModel } from '../../src/qual/grounded-theory.ts';
import { modelColumns, routeArrows, type Box } from '../../web/src/model-layout.ts';

const cat = (id: string) => ({ id, name: id.toUpperCase(), description: '', properties: [], codes: [] });
const model: GtModel = {
  name: 'm',
  categories: ['a', 'b', 'c', 'd', 'e'].map(cat),
  phases: [
    { id: 'p2', name: 'Second', position: 1, categoryIds: ['c', 'a'] },
    { id: 'p1', name: 'First', position: 0, categoryIds: ['a', 'b'] },
  ],
  relationships: [],
};

test('columns: phases by position, a category in two phases drawn in the first, the rest Unplaced', () => {
  const cols = modelColumns(model);
  assert.deepEqual(
    cols.map((c) => [c.name, c.categories.map((x) => x.id)]),
    [
      ['First', ['a', 'b']],
      ['Second', ['c']],
      ['Unplaced', ['d', 'e']],
    ],
  );
  assert.equal(cols[2].phaseId, null);
});

test('arrows: straight between neighbouring columns, vertical within one, a lane under the boxes beyond', () => {
  const box = (col: number, row: number): Box => ({ x: col * 300, y: row * 100, w: 200, h: 60, col, row });
  const boxes = new Map([
    ['a', box(0, 0)],
    ['b', box(0, 1)],
    ['c', box(1, 0)],
    ['d', box(2, 0)],
  ]);
  const cols = [0, 1, 2].map((i) => ({ left: i * 300, right: i * 300 + 200 }));
  const rel = (id: string, from: string, to: string, type = 'leads to') => ({ id, from, to, type, note: '' });
  const { arrows, lanes } = routeArrows(
    [rel('ac', 'a', 'c'), rel('ab', 'a', 'b', 'shapes'), rel('ad', 'a', 'd', 'a very long relationship type indeed'), rel('aa', 'a', 'a'), rel('zz', 'a', 'gone')],
    boxes,
    cols,
    160,
  );
  assert.deepEqual(arrows.map((a) => a.id), ['ac', 'ab', 'ad', 'aa'], 'an arrow to a box not drawn is left out');
  assert.equal(arrows[0].d, 'M200,30 L300,30');
  assert.match(arrows[1].d, /^M\d+,60 L\d+,100$/);
  assert.equal(lanes, 1);
  assert.ok(arrows[2].d.includes(',188 '), 'the lane runs under the lowest box');
  assert.equal(arrows[2].title, 'a very long relationship type indeed');
  assert.ok(arrows[0].label.length <= 15 && arrows[0].label === 'leads to');
  assert.notEqual(arrows[3].d.split(' ')[0], `M200,${arrows[3].d.split(',').at(-1)}`, 'a loop leaves and re-enters at different heights');
  // labels do not overlap
  for (const p of arrows) for (const q of arrows) if (p !== q) assert.ok(!(p.lx < q.lx + q.lw && q.lx < p.lx + p.lw && Math.abs(p.ly - q.ly) < 15), `${p.id} and ${q.id} labels apart`);
});
