/** ProQOL 5 (Stamm): scoring key only. */
const n = (xs: number[]) => xs.map((i) => `proqol_${i}`);
export default {
  id: 'proqol5',
  name: 'Professional Quality of Life Scale, version 5 (ProQOL 5)',
  version: '5',
  citation: {
    authors: ['Stamm, B. H.'],
    year: 2010,
    title: 'The Concise ProQOL Manual, 2nd edition',
    source: 'ProQOL.org, Pocatello, ID',
    url: 'https://proqol.org',
  },
  licence: {
    name: 'ProQOL terms: may be freely copied if the author is credited, no changes are made, and it is not sold',
    wordingIncluded: false,
    notes: 'Embedding in a sold product may count as selling; ask proqol.org. No wording is shipped.',
  },
  verification: {
    verified: true,
    sources: [
      'ProQOL 5 form (docobook.com/queue/professional-quality-of-life-scale-proqol.html): 30 items, 1 = Never ... 5 = Very Often, numbered item order.',
      'counselorburnout.org ProQOL page: items grouped by subscale with the reverse-scored burnout items marked; matched to the numbered form this gives CS 3,6,12,16,18,20,22,24,27,30; Burnout 1,4,8,10,15,17,19,21,26,29 (reversed 1,4,15,17,29); STS 2,5,7,9,11,13,14,23,25,28.',
    ],
    notes: [
      'Subscale score = sum of its 10 items (10-50). The manual t-score conversion and cut scores are NOT shipped (not verified).',
    ],
  },
  responseOptions: [1, 2, 3, 4, 5].map((code) => ({ code })),
  items: Array.from({ length: 30 }, (_, i) => ({ id: `proqol_${i + 1}` })),
  subscales: [
    { id: 'compassion_satisfaction', label: 'Compassion satisfaction', items: n([3, 6, 12, 16, 18, 20, 22, 24, 27, 30]), rule: { type: 'sum' } },
    {
      id: 'burnout',
      label: 'Burnout',
      items: n([1, 4, 8, 10, 15, 17, 19, 21, 26, 29]),
      reversed: n([1, 4, 15, 17, 29]),
      rule: { type: 'sum' },
    },
    { id: 'secondary_traumatic_stress', label: 'Secondary traumatic stress', items: n([2, 5, 7, 9, 11, 13, 14, 23, 25, 28]), rule: { type: 'sum' } },
  ],
};
