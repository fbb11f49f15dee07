import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StaffwellError } from '../../src/errors.ts';
import { caseComparison } from '../../src/mixed/case-comparison.ts';
import { caseComparisonRows } from '../../src/mixed/display-tables.ts';
import { loadCodedParticipants } from '../../src/mixed/coded-participants.ts';
import { linkParticipants, normaliseId } from '../../src/mixed/participant-link.ts';
import { participantProfile } from '../../src/mixed/participant-profile.ts';
import { quantitize, quantitizedTable } from '../../src/mixed/quantitize.ts';
import { qualitize } from '../../src/mixed/qualitize.ts';
import { loadRespondents, valueAt } from '../../src/mixed/respondents.ts';
import { selectInterviewees } from '../../src/mixed/select-interviewees.ts';
import { statisticsByThemes } from '../../src/mixed/statistics-by-themes.ts';
import { runStudy } from '../../src/study/run-study.ts';
import { loadStudy } from '../../src/study/study-file.ts';
import { mixedFixture } from './mixed-fixture.ts';

async function linked(minGroup?: number) {
  const f = await mixedFixture();
  const study = loadStudy(f.study);
  const respondents = await loadRespondents(study);
  const coded = await f.s.store.read(loadCodedParticipants);
  return { ...f, study, respondents, coded, l: linkParticipants(respondents, coded, { minGroup }) };
}

test('respondents: one row per survey row, scored as staffwell run scores them', async () => {
  const { t, study, respondents } = await linked();
  try {
    assert.equal(respondents.ids.length, 30);
    assert.deepEqual(respondents.variables.map((v) => `${v.ref}:${v.type}:${v.kind}`), [
      'ghq.total:numeric:score',
      'ghq.caseness:categorical:classification',
      'ghq.likert_distress:categorical:classification',
      'site:categorical:column',
    ]);
    // the mean of ghq.total over respondents equals the study's own describe
    const results = await runStudy(study, { inMemory: true });
    const d = results.analyses.find((a) => a.id === 'describe-ghq') as unknown as { table: { rows: { mean: number; n: number }[] } };
    const v = respondents.variables.find((x) => x.ref === 'ghq.total')!;
    assert.equal(v.type, 'numeric');
    const xs = Array.from(v.type === 'numeric' ? v.values : []).filter((x) => !Number.isNaN(x));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const row = JSON.stringify(d).match(/"mean":([-\d.e]+)/);
    assert.ok(row, 'describe has a mean');
    const expected = Number(row![1]);
    assert.ok(Math.abs(mean - expected) < 1e-12, `mean actual ${mean} expected ${expected} difference ${mean - expected}`);
  } finally {
    t.cleanup();
  }
});

test('link check: matched and unmatched on both sides, never dropped; near matches suggested', async () => {
  const { t, l } = await linked();
  try {
    assert.deepEqual(l.check.matched.map((m) => m.participantId), ['P01', 'P02', 'P03']);
    assert.deepEqual(l.check.unmatchedParticipants, [{ participantId: 'P04', nearMatch: null }]);
    assert.equal(l.check.unmatchedRespondents.length, 27);
    assert.equal(l.check.respondents, 30);
    assert.equal(normaliseId(' p-001 '), 'P1');
    assert.equal(normaliseId('P01'), normaliseId('p1'));
  } finally {
    t.cleanup();
  }
});

test('profile: one person across survey and interview', async () => {
  const { t, l, respondents } = await linked();
  try {
    const p = participantProfile(l, 'P01');
    assert.equal(p.survey?.line, 2);
    const total = p.survey!.values.find((v) => v.ref === 'ghq.total')!;
    assert.equal(total.value, valueAt(respondents.variables[0], 0));
    assert.deepEqual(p.codes.map((c) => [c.code, c.segments]), [['Workload/Staffing', 3], ['Workload/Rota', 1], ['Support/Peer support', 2]].sort((x, y) => p.codes.findIndex((c) => c.code === x[0]) - p.codes.findIndex((c) => c.code === y[0])));
    assert.deepEqual(p.themes.map((x) => [x.theme, x.segments]), [['Worn down', 4], ['Held together', 2]]);
    assert.equal(participantProfile(l, 'P04').survey, null);
    assert.throws(() => participantProfile(l, 'P99'), (e: StaffwellError) => e.code === 'not-found');
  } finally {
    t.cleanup();
  }
});

test('statistics by themes: contributors, their scores, suppression below the threshold', async () => {
  const { t, l, respondents } = await linked(2);
  try {
    const d = statisticsByThemes(l);
    const worn = d.rows.find((r) => r.label === 'Worn down')!;
    assert.deepEqual(worn.participants, ['P01', 'P02', 'P04']);
    assert.deepEqual(worn.notLinked, ['P04']);
    const total = worn.scores.find((s) => s.ref === 'ghq.total')!;
    const v = respondents.variables.find((x) => x.ref === 'ghq.total')!;
    const want = [0, 1].map((r) => (v.type === 'numeric' ? v.values[r] : NaN));
    assert.equal(total.n, 2);
    assert.equal(total.mean, (want[0] + want[1]) / 2);
    assert.ok(!('min' in total) && !('max' in total), 'no range: its ends are single participants’ scores');
    // P04 speaks to "Held together" but is not in the survey
    const held = d.rows.find((r) => r.label === 'Held together')!;
    assert.deepEqual(held.notLinked, ['P04']);
    // threshold 3: two participants are too few, no numbers
    const s3 = statisticsByThemes({ ...l, minGroup: 3 });
    const w3 = s3.rows.find((r) => r.label === 'Worn down')!;
    assert.deepEqual([w3.scores[0].mean, w3.scores[0].suppressed], [null, true]);
    assert.ok(w3.classifications.every((c) => c.counts.every((k) => k === null)));
  } finally {
    t.cleanup();
  }
});

test('case comparison: groups by caseness, a column for those not in the survey', async () => {
  const { t, l } = await linked(2);
  try {
    const d = caseComparison(l, { by: 'ghq.caseness', score: 'ghq.total' });
    assert.deepEqual(d.groups.map((g) => g.label).slice(-1), ['not in survey']);
    const all = d.groups.flatMap((g) => g.participants).sort();
    assert.deepEqual(all, ['P01', 'P02', 'P03', 'P04']);
    for (const r of d.rows) for (const c of r.cells) if (c.score && c.participants.length < 2) assert.equal(c.score.mean, null);
    assert.throws(() => caseComparison(l, { by: 'ghq.caseness', score: 'site' }), (e: StaffwellError) => e.code === 'invalid-option');
    assert.throws(() => caseComparison(l, { by: 'ghq.casenes' }), (e: StaffwellError) => e.code === 'not-found' && /ghq\.caseness/.test(e.message));
  } finally {
    t.cleanup();
  }
});

test('case comparison rows: a cell of participants not in the survey says so instead of an empty score', async () => {
  const { t, l } = await linked(1);
  try {
    const d = caseComparison(l, { by: 'ghq.caseness', score: 'ghq.total' });
    const rows = caseComparisonRows(d);
    const col = d.groups.findIndex((g) => g.kind === 'not-linked');
    assert.ok(col >= 0, 'someone is not in the survey');
    const cells = d.rows.map((r, i) => ({ cell: r.cells[col], text: rows[i + 1][col + 1] })).filter((x) => x.cell.participants.length > 0);
    assert.ok(cells.length > 0, 'they have coded segments');
    for (const { text } of cells) {
      assert.match(text, /\nghq\.total: \(not in the survey\)(\n|$)/);
      assert.doesNotMatch(text, /ghq\.total: *(\n|$)/, 'never a label with nothing after it');
    }
    // in a survey column the score is there as before
    const linkedCol = d.groups.findIndex((g) => g.kind === 'level');
    const withScore = d.rows.map((r, i) => ({ cell: r.cells[linkedCol], text: rows[i + 1][linkedCol + 1] })).find((x) => x.cell.participants.length > 0)!;
    assert.match(withScore.text, /ghq\.total: -?\d/);
  } finally {
    t.cleanup();
  }
});

test('case comparison rows: a survey group whose participants have no score reads "(no score)", not an empty label', () => {
  const none = { ref: 'ghq.total', label: 'GHQ total', n: 0, mean: null, sd: null, suppressed: false };
  const rows = caseComparisonRows({
    display: 'case-comparison',
    unit: 'codes',
    by: { ref: 'ghq.caseness', label: 'caseness' },
    minGroup: 5,
    score: { ref: 'ghq.total', label: 'GHQ total' },
    groups: [
      { label: 'missing', kind: 'missing', participants: ['P09'] },
      { label: 'not in survey', kind: 'not-linked', participants: ['P10'] },
    ],
    rows: [{ id: 'c1', label: 'Rota', depth: 0, cells: [{ participants: ['P09'], segments: 1, score: none, quotes: [] }, { participants: ['P10'], segments: 2, score: none, quotes: [] }] }],
  });
  assert.deepEqual(rows[1], ['Rota', '1 (P09); 1 segment(s)\nghq.total: (no score)', '1 (P10); 2 segment(s)\nghq.total: (not in the survey)']);
});

test('quantitizing: presence, segments, coded characters (overlaps once); empty for those not interviewed', async () => {
  const { t, l, coded } = await linked();
  try {
    const q = quantitize(coded, { units: ['themes'], measures: ['present', 'segments', 'characters'] });
    assert.deepEqual(q.variables.map((v) => v.name), [
      'theme_worn_down_present',
      'theme_worn_down_segments',
      'theme_worn_down_characters',
      'theme_held_together_present',
      'theme_held_together_segments',
      'theme_held_together_characters',
    ]);
    assert.deepEqual(q.participants, ['P01', 'P02', 'P03', 'P04']);
    // P01 "Worn down": Rota + Staffing x3 (one overlapping the other two) = 4 segments
    assert.deepEqual(q.values[0].slice(0, 2), [1, 4]);
    const quoteLen = 'The rota changes every week and the staffing is thin'.length + 'I cover reception when we are short'.length;
    assert.equal(q.values[0][2], quoteLen);
    const table = quantitizedTable(l, q);
    const col = table.columns.find((c) => c.name === 'theme_worn_down_present')!;
    assert.equal(col.kind, 'number');
    if (col.kind === 'number') {
      assert.deepEqual(Array.from(col.values.slice(0, 4)), [1, 1, 0, NaN]);
    }
  } finally {
    t.cleanup();
  }
});

test('qualitizing: one participant.import command; undo removes the attributes', async () => {
  const { t, s, l } = await linked();
  try {
    const q = qualitize(l);
    assert.deepEqual(q.updated, ['P01', 'P02', 'P03']);
    assert.deepEqual(q.notLinked, ['P04']);
    await s.apply(q.command);
    const vars = await s.store.listVariables('participant');
    const cas = vars.find((v) => v.name === 'ghq.caseness')!;
    const p1 = await s.store.getParticipant('P01');
    assert.ok(['case', 'non-case'].includes(String(p1!.attributes[cas.id])));
    await s.undo();
    assert.equal((await s.store.listVariables('participant')).some((v) => v.name === 'ghq.caseness'), false);
  } finally {
    t.cleanup();
  }
});

test('selecting interviewees: reproducible, consent respected, a reason per person', async () => {
  const { t, respondents } = await linked();
  try {
    const a = selectInterviewees(respondents, { strategy: 'extreme', scores: ['ghq.total'], n: 2, consent: 'consent', seed: 3 });
    const b = selectInterviewees(respondents, { strategy: 'extreme', scores: ['ghq.total'], n: 2, consent: 'consent', seed: 3 });
    assert.deepEqual(a, b);
    assert.equal(a.selected.length, 4);
    assert.ok(a.excluded.noConsent > 0);
    for (const x of a.selected) assert.ok(x.reason.length > 0);
    const noConsent = new Set(respondents.ids.filter((_, i) => i % 4 === 0));
    for (const strategy of ['typical', 'per-group', 'stratified', 'max-variation'] as const) {
      const sel = selectInterviewees(respondents, { strategy, scores: strategy === 'typical' || strategy === 'max-variation' ? ['ghq.total'] : undefined, by: strategy === 'per-group' ? ['site'] : strategy === 'stratified' ? ['site', 'ghq.caseness'] : undefined, n: 3, consent: 'consent', seed: 9 });
      assert.ok(sel.selected.length > 0, strategy);
      for (const x of sel.selected) assert.ok(!noConsent.has(x.id), `${strategy}: ${x.id} did not consent`);
      assert.equal(new Set(sel.selected.map((x) => x.id)).size, sel.selected.length, `${strategy}: no one twice`);
    }
    const ps = selectInterviewees(respondents, { strategy: 'per-group', by: ['site'], n: 1 });
    assert.deepEqual(ps.selected.map((x) => x.values.site), ['North', 'South']);
    assert.throws(() => selectInterviewees(respondents, { strategy: 'extreme' }), (e: StaffwellError) => e.code === 'invalid-option');
    assert.throws(() => selectInterviewees(respondents, { strategy: 'extreme', scores: ['ghq.total'], consent: 'agree' }), (e: StaffwellError) => e.code === 'invalid-option');
  } finally {
    t.cleanup();
  }
});
