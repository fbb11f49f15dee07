/** UWES-9 (Schaufeli & Bakker): UNVERIFIED key, hidden from default listings. */
const n = (xs: number[]) => xs.map((i) => `uwes_${i}`);
export default {
  id: 'uwes9',
  name: 'Utrecht Work Engagement Scale, 9-item (UWES-9)',
  version: '9-item',
  citation: {
    authors: ['Schaufeli, W.', 'Bakker, A.'],
    year: 2004,
    title: 'UWES Utrecht Work Engagement Scale: Preliminary Manual, version 1.1',
    source: 'Occupational Health Psychology Unit, Utrecht University',
  },
  licence: {
    name: 'Free for non-commercial research (per the authors; not verified)',
    wordingIncluded: false,
    notes: 'Commercial use is believed to need written permission; no wording is shipped.',
  },
  verification: {
    verified: false,
    sources: ['UWES preliminary manual located (docslib.org/doc/1038551) but its scoring section (6.1) was not readable through the search tool.'],
    reason:
      'The item-to-subscale key (vigour 1,2,5; dedication 3,4,7; absorption 6,8,9) and the 0-6 response range are from memory and were not verified against the manual.',
    notes: ['Citation details of the UWES preliminary manual (2004) are bibliographic background, not re-read for this release.'],
  },
  responseOptions: [0, 1, 2, 3, 4, 5, 6].map((code) => ({ code })),
  items: Array.from({ length: 9 }, (_, i) => ({ id: `uwes_${i + 1}` })),
  subscales: [
    { id: 'vigour', label: 'Vigour', items: n([1, 2, 5]), rule: { type: 'mean' } },
    { id: 'dedication', label: 'Dedication', items: n([3, 4, 7]), rule: { type: 'mean' } },
    { id: 'absorption', label: 'Absorption', items: n([6, 8, 9]), rule: { type: 'mean' } },
    { id: 'total', label: 'Work engagement', items: n([1, 2, 3, 4, 5, 6, 7, 8, 9]), rule: { type: 'mean' } },
  ],
};
