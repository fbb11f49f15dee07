/** Copenhagen Burnout Inventory (Kristensen et al. 2005), PUMA-study English version. */
const ids = (p: string, k: number) => Array.from({ length: k }, (_, i) => `${p}${i + 1}`);
export default {
  id: 'cbi',
  name: 'Copenhagen Burnout Inventory (CBI)',
  version: 'PUMA English version, 19 items',
  citation: {
    authors: ['Kristensen, T. S.', 'Borritz, M.', 'Villadsen, E.', 'Christensen, K. B.'],
    year: 2005,
    title: 'The Copenhagen Burnout Inventory: A new tool for the assessment of burnout',
    source: 'Work & Stress 19(3):192-207',
    doi: '10.1080/02678370500297720',
  },
  licence: {
    name: 'Free to use (NFA, Danish National Research Centre for the Working Environment)',
    wordingIncluded: false,
    notes: 'Offered for free download by NFA; the wording is not shipped (licence terms for redistribution not read).',
  },
  verification: {
    verified: true,
    sources: [
      '"Copenhagen Burnout Inventory (English version) used in the PUMA study" (studylib.net/doc/26308800/burnout): scoring Always/To a very high degree 100, 75, 50, 25, Never-almost never/To a very low degree 0; scale score = average of the items; personal burnout non-responder if fewer than 3 items answered, work-related if fewer than 4; last work item (energy for family and friends) reverse scored.',
    ],
    notes: [
      'Item ids follow the PUMA document order: cbi_p1..p6 personal, cbi_w1..w7 work-related (w7 reversed), cbi_c1..c6 client-related. Map by content: published orders differ.',
      'Response code 1 = Always / To a very high degree ... 5 = Never/almost never / To a very low degree (give other data codes with the codes option).',
      'The client-related minimum (3 of 6 items) was NOT seen in the source (text cut off); it is assumed by analogy with the personal scale.',
      'No cut-off is shipped (>= 50 "high" was not verified).',
    ],
  },
  responseOptions: [1, 2, 3, 4, 5].map((code) => ({ code })),
  items: [
    ...ids('cbi_p', 6).map((id) => ({ id })),
    ...ids('cbi_w', 7).map((id) => (id === 'cbi_w7' ? { id, reversed: true } : { id })),
    ...ids('cbi_c', 6).map((id) => ({ id })),
  ],
  scoring: [{ id: 'cbi', label: '100-75-50-25-0', values: { '1': 100, '2': 75, '3': 50, '4': 25, '5': 0 } }],
  defaultScoring: 'cbi',
  subscales: [
    { id: 'personal', label: 'Personal burnout', items: ids('cbi_p', 6), rule: { type: 'prorated-mean', minAnswered: 3 } },
    { id: 'work', label: 'Work-related burnout', items: ids('cbi_w', 7), rule: { type: 'prorated-mean', minAnswered: 4 } },
    {
      id: 'client',
      label: 'Client-related burnout',
      items: ids('cbi_c', 6),
      rule: { type: 'prorated-mean', minAnswered: 3 },
      notes: 'minimum of 3 answered items assumed by analogy with the personal scale (not verified)',
    },
  ],
};
