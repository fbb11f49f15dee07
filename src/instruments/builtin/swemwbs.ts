/** SWEMWBS: the 7 WEMWBS items 1,2,3,6,7,9,11. Raw total only: the metric conversion table was not verified. */
const nums = [1, 2, 3, 6, 7, 9, 11];
export default {
  id: 'swemwbs',
  name: 'Short Warwick-Edinburgh Mental Wellbeing Scale (SWEMWBS)',
  version: '7-item',
  citation: {
    authors: ['Stewart-Brown, S.', 'Tennant, A.', 'Tennant, R.', 'Platt, S.', 'Parkinson, J.', 'Weich, S.'],
    year: 2009,
    title: 'Internal construct validity of the Warwick-Edinburgh Mental Well-being Scale (WEMWBS): a Rasch analysis using data from the Scottish Health Education Population Survey',
    source: 'Health and Quality of Life Outcomes 7:15',
    doi: '10.1186/1477-7525-7-15',
  },
  licence: {
    name: '(c) NHS Health Scotland, University of Warwick and University of Edinburgh, 2008; registration required',
    wordingIncluded: false,
    notes: 'Free to use after registration on the WEMWBS site; the copyright statement must be shown. No wording is shipped.',
  },
  verification: {
    verified: true,
    sources: [
      'SWEMWBS item list (measure.whatworkswellbeing.org/measures-bank/swemwbs/) matched to the numbered 14-item WEMWBS list: WEMWBS items 1, 2, 3, 6, 7, 9, 11; responses 1-5.',
      'warwick.ac.uk WEMWBS guidance: SWEMWBS is scored by summing the seven items and then transforming the total with a conversion table.',
    ],
    notes: [
      'Staffwell gives the RAW total (7-35) only. The official raw-to-metric conversion table could not be obtained and verified, so it is not shipped: do not compare raw totals with published SWEMWBS norms, which use metric scores.',
      'Item ids reuse the WEMWBS numbering (wemwbs_1 ...) so one data set can be scored as both.',
    ],
  },
  responseOptions: [1, 2, 3, 4, 5].map((code) => ({ code })),
  items: nums.map((i) => ({ id: `wemwbs_${i}` })),
  subscales: [{ id: 'raw_total', label: 'SWEMWBS raw total (not metric)', items: nums.map((i) => `wemwbs_${i}`), rule: { type: 'sum' } }],
};
