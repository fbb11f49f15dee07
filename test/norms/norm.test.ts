import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StaffwellError } from '../../src/errors.ts';
import { builtinNorms, findNorm, loadNorms, parseNorms } from '../../src/norms/index.ts';
import { builtinInstruments } from '../../src/instruments/index.ts';

function entry(): any {
  return {
    id: 'my-team-2024',
    label: 'GHQ-12 caseness, our trust 2024',
    kind: 'prevalence',
    instrument: 'ghq12',
    scale: 'caseness',
    percent: 30,
    cases: 30,
    n: 100,
    scoring: 'GHQ method',
    threshold: '>= 4',
    population: { description: 'All staff', country: 'England', n: 100 },
    citation: { authors: ['Our team'], year: 2024, title: 'Staff survey', source: 'Internal report' },
    verification: { how: 'our own data', sources: ['internal'] },
  };
}

function expectField(doc: unknown, field: string, value?: string) {
  try {
    parseNorms(doc, 'norms.yaml');
    assert.fail('expected an error');
  } catch (e) {
    assert.ok(e instanceof StaffwellError, String(e));
    assert.equal(e.code, 'invalid-definition');
    assert.equal(e.location.file, 'norms.yaml');
    assert.equal(e.location.field, field, e.message);
    if (value !== undefined) assert.equal(e.value, value);
  }
}

test('built-in norms validate, have unique ids, cite a source and say how they were verified', () => {
  const norms = builtinNorms();
  assert.ok(norms.length >= 10);
  assert.equal(new Set(norms.map((n) => n.id)).size, norms.length);
  const instruments = new Set(builtinInstruments({ includeUnverified: true }).map((d) => d.id));
  for (const n of norms) {
    assert.ok(instruments.has(n.instrument), `${n.id}: instrument ${n.instrument}`);
    assert.ok(n.citation.authors.length && n.citation.year && n.citation.source);
    assert.ok(n.verification.sources.length > 0 && n.verification.how.length > 10, n.id);
  }
  // No HSE benchmark numbers are shipped: they could not be verified.
  assert.ok(!norms.some((n) => n.instrument === 'hse-indicator-tool'));
});

test('key published figures are as the sources state', () => {
  const wall = findNorm('ghq12-nhs-trust-staff-wall-1997');
  assert.equal(wall.kind, 'prevalence');
  if (wall.kind === 'prevalence') assert.equal(wall.percent, 26.8);
  const evans = findNorm('ghq-mh-social-workers-evans-2006');
  if (evans.kind === 'prevalence') assert.deepEqual([evans.cases, evans.n, evans.percent], [111, 237, 47]);
  const ch = findNorm('ghq12-call-centre-charbotel-2009');
  assert.equal(ch.threshold, 'Likert total > 12');
  const ng = findNorm('swemwbs-england-men-ng-fat-2017');
  if (ng.kind === 'mean') assert.equal(ng.mean, 23.7);
  assert.throws(() => findNorm('ghq12-nhs-trust-staff-wall-1998'), (e: unknown) => e instanceof StaffwellError && e.code === 'not-found' && /wall-1997/.test(e.message));
});

test('user norms: a bare list or {norms: [...]}, JSON or YAML; bad fields named with path and value', () => {
  assert.equal(parseNorms([entry()], 'n.json').length, 1);
  assert.equal(parseNorms({ norms: [entry()] }, 'n.json')[0].id, 'my-team-2024');
  const yaml = `norms:\n  - ${JSON.stringify(entry())}\n`;
  assert.equal(parseNorms(yaml, 'n.yaml').length, 1);
  let e = entry(); e.percent = 130; expectField([e], 'norms[1].percent', '130');
  e = entry(); e.cases = 200; expectField([e], 'norms[1].cases', '200');
  e = entry(); e.kind = 'median'; expectField([e], 'norms[1].kind', 'median');
  e = entry(); delete e.citation.title; expectField([e], 'norms[1].citation.title', 'missing');
  e = entry(); e.population.n = -5; expectField([e], 'norms[1].population.n', '-5');
  e = entry(); delete e.threshold; expectField([e], 'norms[1].threshold', 'missing');
  expectField([entry(), entry()], 'norms[2].id', 'my-team-2024');
  const m = { ...entry(), kind: 'mean', mean: 3.2, sd: null, n: 50 };
  delete (m as any).percent; delete (m as any).cases;
  assert.equal(parseNorms([m], 'n.json')[0].kind, 'mean');
  const b = { ...entry(), kind: 'percentile-bands', bands: [{ label: 'red', below: 3 }, { label: 'green' }] };
  delete (b as any).percent; delete (b as any).cases; delete (b as any).n;
  expectField([b], 'norms[1].bands[2]');
});

test('loadNorms reads a file and reports io errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-norms-'));
  const p = join(dir, 'norms.json');
  writeFileSync(p, JSON.stringify({ norms: [entry()] }));
  assert.equal(loadNorms(p)[0].id, 'my-team-2024');
  assert.throws(() => loadNorms(join(dir, 'missing.yaml')), (e: unknown) => e instanceof StaffwellError && e.code === 'io');
});
