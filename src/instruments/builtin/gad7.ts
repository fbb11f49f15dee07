/** GAD-7 (Spitzer et al. 2006). */
export default {
  id: 'gad7',
  name: 'Generalized Anxiety Disorder 7-item scale (GAD-7)',
  version: '7-item',
  citation: {
    authors: ['Spitzer, R. L.', 'Kroenke, K.', 'Williams, J. B. W.', 'Löwe, B.'],
    year: 2006,
    title: 'A brief measure for assessing generalized anxiety disorder: the GAD-7',
    source: 'Archives of Internal Medicine 166(10):1092-1097',
  },
  licence: {
    name: 'Free of charge (Pfizer)',
    wordingIncluded: false,
    notes: 'Pfizer made the PHQ screeners available without charge; the exact reproduction terms were not read here, so no wording is shipped.',
  },
  verification: {
    verified: true,
    sources: [
      'PHQ/GAD-7 scoring text citing Spitzer et al. 2006 (e.g. ravansanji.ir GAD-7 page, form.jotform.com GAD-7 scoring): scores 0-3 per item, total 0-21; 5, 10 and 15 are cut points for mild, moderate and severe anxiety; 10 or greater recommended for further evaluation.',
    ],
  },
  responseOptions: [0, 1, 2, 3].map((code) => ({ code })),
  items: Array.from({ length: 7 }, (_, i) => ({ id: `gad_${i + 1}` })),
  subscales: [{ id: 'total', label: 'GAD-7 total', items: Array.from({ length: 7 }, (_, i) => `gad_${i + 1}`), rule: { type: 'sum' } }],
  classifications: [
    {
      id: 'severity',
      label: 'Anxiety severity',
      of: 'total',
      bands: [
        { code: 0, label: 'minimal', max: 4 },
        { code: 1, label: 'mild', min: 5, max: 9 },
        { code: 2, label: 'moderate', min: 10, max: 14 },
        { code: 3, label: 'severe', min: 15 },
      ],
      source: 'Spitzer et al. 2006',
    },
    {
      id: 'further_evaluation',
      label: 'GAD-7 >= 10',
      of: 'total',
      cutoff: { default: 10, allowed: [10], labels: { below: 'below 10', atOrAbove: '10 or more' } },
      source: 'Spitzer et al. 2006',
    },
  ],
};
