/** GHQ-12 (Goldberg): scoring key and response codes only. The wording is copyright GL Assessment. */
export default {
  id: 'ghq12',
  name: 'General Health Questionnaire, 12-item (GHQ-12)',
  version: 'GHQ-12',
  citation: {
    authors: ['Goldberg, D.', 'Williams, P.'],
    year: 1988,
    title: "A User's Guide to the General Health Questionnaire",
    source: 'NFER-Nelson, Windsor',
  },
  licence: {
    name: 'Proprietary (GL Assessment)',
    wordingIncluded: false,
    notes:
      'Item wording is copyright and licensed by GL Assessment; Staffwell ships the scoring key and response codes only. Obtain the questionnaire under licence.',
  },
  verification: {
    verified: true,
    sources: [
      'Donath S. (2001) The validity of the 12-item General Health Questionnaire in Australia: a comparison between three scoring methods. Aust N Z J Psychiatry 35:231-235, doi:10.1046/j.1440-1614.2001.00869.x (GHQ 0-0-1-1 method, range 0-12; Likert 0-1-2-3, range 0-36; higher = more distress)',
      'Charbotel B. et al. (2009) Int Arch Occup Environ Health 82:747-756, doi:10.1007/s00420-008-0351-z (Likert > 12 criterion)',
      'ARK Young Life and Times 2007 (ark.ac.uk/ylt/2007/Health/GHQ12CASE.html): 0,0,1,1 scoring, 4 or more = possible mental health problem',
    ],
    notes: [
      'Citation details of Goldberg & Williams (1988) are bibliographic background, not re-read for this release.',
      'Response options are ordered from least to most symptomatic on every item, so no item is reversed.',
      'Caseness threshold: >= 4 (the "3/4" split) is common in UK occupational studies; >= 3 ("2/3") is also published. Select with the cut-off option.',
    ],
  },
  responseOptions: [
    { code: 1, label: 'first option (least symptomatic)' },
    { code: 2, label: 'second option' },
    { code: 3, label: 'third option' },
    { code: 4, label: 'fourth option (most symptomatic)' },
  ],
  items: Array.from({ length: 12 }, (_, i) => ({ id: `ghq_${i + 1}` })),
  scoring: [
    { id: 'ghq', label: 'GHQ method (0-0-1-1)', values: { '1': 0, '2': 0, '3': 1, '4': 1 } },
    { id: 'likert', label: 'Likert method (0-1-2-3)', values: { '1': 0, '2': 1, '3': 2, '4': 3 } },
  ],
  defaultScoring: 'ghq',
  subscales: [
    {
      id: 'total',
      label: 'GHQ-12 total',
      items: Array.from({ length: 12 }, (_, i) => `ghq_${i + 1}`),
      rule: { type: 'sum' },
    },
  ],
  classifications: [
    {
      id: 'caseness',
      label: 'GHQ caseness (GHQ method)',
      of: 'total',
      scoring: 'ghq',
      cutoff: { default: 4, allowed: [3, 4], labels: { below: 'non-case', atOrAbove: 'case' } },
      source: 'GHQ method total >= 4 (or >= 3); see verification sources',
    },
    {
      id: 'likert_distress',
      label: 'Psychological distress, Likert total > 12',
      of: 'total',
      scoring: 'likert',
      cutoff: { default: 13, allowed: [13], labels: { below: 'Likert total <= 12', atOrAbove: 'Likert total > 12' } },
      source: 'Charbotel et al. 2009, doi:10.1007/s00420-008-0351-z',
    },
  ],
};
