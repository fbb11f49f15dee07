/** The cut-off or bands behind each classification of a study, as a profile shows them. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classificationRules } from '../../src/mixed/classification-rules.ts';
import { parseStudy } from '../../src/study/study-file.ts';

test('classification rules: the study’s cut-off (else the default) and band ranges, each on its score', () => {
  const study = parseStudy(
    [
      'name: Rules',
      'data: { file: examples/mixed/survey.csv }',
      'instruments:',
      '  - { name: ghq, instrument: ghq12, items: "ghq_{n}", codes: [0, 1, 2, 3], cutoffs: { caseness: 3 } }',
      '  - { name: phq, instrument: phq9, items: "phq_{n}" }',
      'analyses:',
      '  - { id: d, type: describe, scores: [ghq.total] }',
      '',
    ].join('\n'),
    'rules.yaml',
  );
  const rules = classificationRules(study);
  const ghq = rules.find((r) => r.ref === 'ghq.caseness')!;
  assert.deepEqual([ghq.of, ghq.scoring, ghq.cutoff, ghq.levels.map((l) => l.range)], ['ghq.total', 'ghq', 3, ['< 3', '≥ 3']]);
  const phq = rules.find((r) => r.ref.startsWith('phq.'))!;
  assert.equal(phq.cutoff, null);
  assert.deepEqual(phq.levels, [
    { label: 'none-minimal', range: '≤ 4' },
    { label: 'mild', range: '5–9' },
    { label: 'moderate', range: '10–14' },
    { label: 'moderately severe', range: '15–19' },
    { label: 'severe', range: '≥ 20' },
  ]);
});
