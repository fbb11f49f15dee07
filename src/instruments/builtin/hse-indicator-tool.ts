/** HSE Management Standards Indicator Tool: 35 items, 7 domains. Scoring key only (see licence notes). */
const n = (xs: number[]) => xs.map((i) => `hse_${i}`);
const demands = [3, 6, 9, 12, 16, 18, 20, 22];
const relationships = [5, 14, 21, 34];
const reversed = new Set([...demands, ...relationships]);

export default {
  id: 'hse-indicator-tool',
  name: 'HSE Management Standards Indicator Tool',
  version: '35-item',
  citation: {
    authors: ['Health and Safety Executive'],
    year: 2004,
    title: 'Management Standards Indicator Tool and Analysis Tool User Manual',
    source: 'Health and Safety Executive, UK',
    url: 'https://www.hse.gov.uk/stress/standards/',
  },
  licence: {
    name: 'Crown copyright (HSE)',
    wordingIncluded: false,
    notes:
      'HSE states the tool can be used free of charge; whether the item wording is published under the Open Government Licence was not verified, so no wording is shipped.',
  },
  verification: {
    verified: true,
    sources: [
      'HSE Management Standards Analysis Tool User Manual (question-by-question benchmark table, OCR text at mwitty.com/content.php?id=5843607): lists items 3, 6, 9, 12, 16, 18, 20, 22 under Demands and 2, 10, 15, 19 under Control; colour bands red < 20th, yellow 20th-50th, aqua 50th-80th, green > 80th percentile.',
      'Domain-to-item key and the reversed (negatively worded) items 3,5,6,9,12,14,16,18,20,21,22,34: an independent public implementation of the HSE-IT (Portuguese adaptation, found by code search) agrees item for item with the key in /work/shared/reference/psych-and-instruments.md section 3 (checked there against the HSE Analysis Tool manual excerpt and several repositories).',
    ],
    notes: [
      'Citation details of the HSE user manual (2004) are bibliographic background, not re-read for this release.',
      'Domain score = mean of its items on 1-5, with the Demands and Relationships items reversed so that a higher score is better on every domain.',
      'Staffwell requires every item of a domain to be answered (rule "mean"); the HSE Analysis Tool handling of missing answers was not verified.',
      'Benchmark bands (20th/50th/80th percentiles of the 2004 national survey: "urgent action needed" ... "doing very well") are NOT shipped: the numbers could not be verified.',
    ],
  },
  responseOptions: [1, 2, 3, 4, 5].map((code) => ({ code })),
  items: Array.from({ length: 35 }, (_, i) => ({ id: `hse_${i + 1}`, ...(reversed.has(i + 1) ? { reversed: true } : {}) })),
  subscales: [
    { id: 'demands', label: 'Demands', items: n(demands), rule: { type: 'mean' } },
    { id: 'control', label: 'Control', items: n([2, 10, 15, 19, 25, 30]), rule: { type: 'mean' } },
    { id: 'managers_support', label: "Managers' support", items: n([8, 23, 29, 33, 35]), rule: { type: 'mean' } },
    { id: 'peer_support', label: 'Peer support', items: n([7, 24, 27, 31]), rule: { type: 'mean' } },
    { id: 'relationships', label: 'Relationships', items: n(relationships), rule: { type: 'mean' } },
    { id: 'role', label: 'Role', items: n([1, 4, 11, 13, 17]), rule: { type: 'mean' } },
    { id: 'change', label: 'Change', items: n([26, 28, 32]), rule: { type: 'mean' } },
  ],
};
