/** Warr-Cook-Wall (1979) job satisfaction: total only (the intrinsic/extrinsic item split could not be verified). */
export default {
  id: 'warr-cook-wall',
  name: 'Warr-Cook-Wall Job Satisfaction Scale',
  version: '15-item',
  citation: {
    authors: ['Warr, P.', 'Cook, J.', 'Wall, T.'],
    year: 1979,
    title: 'Scales for the measurement of some work attitudes and aspects of psychological well-being',
    source: 'Journal of Occupational Psychology 52:129-148',
  },
  licence: {
    name: 'Journal copyright (BPS/Wiley)',
    wordingIncluded: false,
    notes: 'No open licence seen; Staffwell ships the scoring key and response codes only.',
  },
  verification: {
    verified: true,
    sources: [
      'Cook, Hepworth, Wall & Warr (1981) The Experience of Work, pp. 33-34, as reproduced on scales.arabpsychology.com/s/global-job-satisfaction-scale/: 15 items, 7-point scale 1 = extremely dissatisfied ... 4 = not sure ... 7 = extremely satisfied; 8 extrinsic and 7 intrinsic items.',
    ],
    notes: [
      'Total = sum of the 15 items (15-105).',
      'The intrinsic (7) / extrinsic (8) subscales are NOT shipped: the reproduction seen labels item 1 (physical work conditions) intrinsic, contradicting the usual odd/even split; the original paper was not readable. Define them yourself if you have the key.',
      'The optional 16th overall-satisfaction item is not part of the total.',
    ],
  },
  responseOptions: [1, 2, 3, 4, 5, 6, 7].map((code) => ({ code })),
  items: Array.from({ length: 15 }, (_, i) => ({ id: `wcw_${i + 1}` })),
  subscales: [
    { id: 'total', label: 'Overall job satisfaction', items: Array.from({ length: 15 }, (_, i) => `wcw_${i + 1}`), rule: { type: 'sum' } },
  ],
};
