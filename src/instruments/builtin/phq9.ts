/** PHQ-9 (Kroenke, Spitzer & Williams 2001). */
export default {
  id: 'phq9',
  name: 'Patient Health Questionnaire depression scale (PHQ-9)',
  version: '9-item',
  citation: {
    authors: ['Kroenke, K.', 'Spitzer, R. L.', 'Williams, J. B. W.'],
    year: 2001,
    title: 'The PHQ-9: validity of a brief depression severity measure',
    source: 'Journal of General Internal Medicine 16(9):606-613',
  },
  licence: {
    name: 'Free of charge (Pfizer)',
    wordingIncluded: false,
    notes: 'Pfizer made the PHQ screeners available without charge; the exact reproduction terms were not read here, so no wording is shipped.',
  },
  verification: {
    verified: true,
    sources: [
      'PHQ/GAD-7 instruction manual (Pfizer), and Kroenke et al. 2001 as quoted by several clinical pages (e.g. timeofcare.com, mindsanctuary.net): items scored 0 (not at all) to 3 (nearly every day), total 0-27; scores of 5, 10, 15 and 20 represent cut points for mild, moderate, moderately severe and severe depression; >= 10 sensitivity 88% and specificity 88% for major depression.',
    ],
    notes: ['Citation details of Kroenke et al. (2001) J Gen Intern Med 16(9):606-613 are bibliographic background, not re-read for this release.'],
  },
  responseOptions: [0, 1, 2, 3].map((code) => ({ code })),
  items: Array.from({ length: 9 }, (_, i) => ({ id: `phq_${i + 1}` })),
  subscales: [{ id: 'total', label: 'PHQ-9 total', items: Array.from({ length: 9 }, (_, i) => `phq_${i + 1}`), rule: { type: 'sum' } }],
  classifications: [
    {
      id: 'severity',
      label: 'Depression severity',
      of: 'total',
      bands: [
        { code: 0, label: 'none-minimal', max: 4 },
        { code: 1, label: 'mild', min: 5, max: 9 },
        { code: 2, label: 'moderate', min: 10, max: 14 },
        { code: 3, label: 'moderately severe', min: 15, max: 19 },
        { code: 4, label: 'severe', min: 20 },
      ],
      source: 'Kroenke et al. 2001',
    },
    {
      id: 'probable_depression',
      label: 'PHQ-9 >= 10',
      of: 'total',
      cutoff: { default: 10, allowed: [10], labels: { below: 'below 10', atOrAbove: '10 or more' } },
      source: 'Kroenke et al. 2001',
    },
  ],
};
