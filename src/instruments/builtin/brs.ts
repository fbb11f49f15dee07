/** Brief Resilience Scale (Smith et al. 2008). */
export default {
  id: 'brs',
  name: 'Brief Resilience Scale (BRS)',
  version: '6-item',
  citation: {
    authors: ['Smith, B. W.', 'Dalen, J.', 'Wiggins, K.', 'Tooley, E.', 'Christopher, P.', 'Bernard, J.'],
    year: 2008,
    title: 'The brief resilience scale: assessing the ability to bounce back',
    source: 'International Journal of Behavioral Medicine 15(3):194-200',
    doi: '10.1080/10705500802222972',
  },
  licence: {
    name: 'Free for research and education with citation',
    wordingIncluded: false,
    notes: 'PsyToolkit states it can be used for research and education if cited; no statement from the authors was seen, so no wording is shipped.',
  },
  verification: {
    verified: true,
    sources: [
      'Royal College of Physicians journal, Box 1 reprinted with permission from Smith et al. 2008: reverse code items 2, 4 and 6 and take the mean of the six items; 1 = strongly disagree ... 5 = strongly agree.',
      'UCSC Canvas BRS page: divide the total by the number of questions answered.',
      'PsyToolkit (psytoolkit.org/survey-library/resilience-brs.html), citing Smith et al. 2013 p.177: 1.00-2.99 low, 3.00-4.30 normal, 4.31-5.00 high resilience (secondary source).',
    ],
    notes: ['Score = mean of the answered items after reversal (1-5).'],
  },
  responseOptions: [1, 2, 3, 4, 5].map((code) => ({ code })),
  items: Array.from({ length: 6 }, (_, i) => ({ id: `brs_${i + 1}`, ...([2, 4, 6].includes(i + 1) ? { reversed: true } : {}) })),
  subscales: [
    { id: 'total', label: 'Resilience (mean)', items: Array.from({ length: 6 }, (_, i) => `brs_${i + 1}`), rule: { type: 'prorated-mean', minAnswered: 1 } },
  ],
  classifications: [
    {
      id: 'resilience',
      label: 'Resilience band',
      of: 'total',
      bands: [
        { code: 0, label: 'low', below: 3 },
        { code: 1, label: 'normal', min: 3, max: 4.3 },
        { code: 2, label: 'high', above: 4.3 },
      ],
      source: 'Smith et al. 2013 p.177 as cited by PsyToolkit (secondary)',
    },
  ],
};
