/** MBI-HSS: bring your own key. Proprietary (Mind Garden); no subscale mapping is shipped. */
export default {
  id: 'mbi-hss',
  name: 'Maslach Burnout Inventory - Human Services Survey (bring your own key)',
  version: '22-item',
  citation: {
    authors: ['Maslach, C.', 'Jackson, S. E.', 'Leiter, M. P.'],
    year: 1996,
    title: 'Maslach Burnout Inventory Manual, 3rd edition',
    source: 'Consulting Psychologists Press / Mind Garden',
  },
  licence: {
    name: 'Proprietary (Mind Garden)',
    wordingIncluded: false,
    notes: 'Must be bought per use from Mind Garden. Staffwell ships neither wording nor the scoring key.',
  },
  verification: {
    verified: false,
    sources: [],
    reason:
      'The item-to-subscale key (emotional exhaustion, depersonalisation, personal accomplishment) is in the licensed manual only and could not be verified from a public source. Copy this definition, add your licensed subscales, and load it as your own definition.',
    notes: ['Citation details of the MBI manual (1996, 3rd edition) are bibliographic background, not re-read for this release.'],
  },
  responseOptions: [0, 1, 2, 3, 4, 5, 6].map((code) => ({ code })),
  items: Array.from({ length: 22 }, (_, i) => ({ id: `mbi_${i + 1}` })),
  subscales: [],
};
