/** WEMWBS (Tennant et al. 2007): scoring key only. */
export default {
  id: 'wemwbs',
  name: 'Warwick-Edinburgh Mental Wellbeing Scale (WEMWBS)',
  version: '14-item',
  citation: {
    authors: ['Tennant, R.', 'Hiller, L.', 'Fishwick, R.', 'Platt, S.', 'Joseph, S.', 'Weich, S.', 'Parkinson, J.', 'Secker, J.', 'Stewart-Brown, S.'],
    year: 2007,
    title: 'The Warwick-Edinburgh Mental Well-being Scale (WEMWBS): development and UK validation',
    source: 'Health and Quality of Life Outcomes 5:63',
    doi: '10.1186/1477-7525-5-63',
  },
  licence: {
    name: '(c) NHS Health Scotland, University of Warwick and University of Edinburgh; registration/licence required',
    wordingIncluded: false,
    notes:
      'Free non-commercial licence for public-sector, charity and university users; a commercial licence is needed to provide it to others. Wording must not be altered; none is shipped.',
  },
  verification: {
    verified: true,
    sources: ['warwick.ac.uk/fac/sci/med/research/platform/wemwbs/using/howto: total = sum of the 14 items, each 1-5, range 14-70.'],
    notes: ['No bands are shipped (no official cut-off).'],
  },
  responseOptions: [1, 2, 3, 4, 5].map((code) => ({ code })),
  items: Array.from({ length: 14 }, (_, i) => ({ id: `wemwbs_${i + 1}` })),
  subscales: [{ id: 'total', label: 'WEMWBS total', items: Array.from({ length: 14 }, (_, i) => `wemwbs_${i + 1}`), rule: { type: 'sum' } }],
};
