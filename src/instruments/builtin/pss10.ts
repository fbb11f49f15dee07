/** Perceived Stress Scale, 10-item (Cohen). */
export default {
  id: 'pss10',
  name: 'Perceived Stress Scale, 10-item (PSS-10)',
  version: '10-item',
  citation: {
    authors: ['Cohen, S.', 'Williamson, G.'],
    year: 1988,
    title: 'Perceived stress in a probability sample of the United States',
    source: 'In Spacapan & Oskamp (eds), The Social Psychology of Health, Sage, pp. 31-67',
  },
  licence: {
    name: 'Free for research use (no permission required, per secondary sources)',
    wordingIncluded: false,
    notes: 'The licence statement was seen only on secondary pages; no wording is shipped.',
  },
  verification: {
    verified: true,
    sources: [
      'Medical Education Online 2015, doi:10.3402/meo.v20.27706, Table 2 (pmc.ncbi.nlm.nih.gov/articles/PMC4481047/table/T0006): 0 = never ... 4 = very often; items 4, 5, 7 and 8 reverse coded.',
      'Several PSS-10 scoring pages agree: reverse the four positively stated items 4, 5, 7, 8 and sum all 10 items (0-40).',
    ],
    notes: [
      'Citation details of Cohen & Williamson (1988) are bibliographic background, not re-read for this release.','No bands are shipped: the 0-13 / 14-26 / 27-40 bands circulate without an authoritative source.'],
  },
  responseOptions: [0, 1, 2, 3, 4].map((code) => ({ code })),
  items: Array.from({ length: 10 }, (_, i) => ({ id: `pss_${i + 1}`, ...([4, 5, 7, 8].includes(i + 1) ? { reversed: true } : {}) })),
  subscales: [{ id: 'total', label: 'PSS-10 total', items: Array.from({ length: 10 }, (_, i) => `pss_${i + 1}`), rule: { type: 'sum' } }],
};
