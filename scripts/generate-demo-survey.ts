/**
 * Generates the bundled demo survey: synthetic, seeded, no real person in it.
 *
 *   node --import tsx scripts/generate-demo-survey.ts        # writes examples/demo-survey.csv and the keys files
 *
 * 300 staff of a fictional trust in 6 sites (one deliberately small, to show suppression), with roles and bands;
 * items shaped like the HSE Management Standards Indicator Tool (35 items, 1–5, 7 domains, demands and
 * relationships negatively worded), GHQ-12 (codes 0–3, healthy to unhealthy), Warr–Cook–Wall job satisfaction
 * (15 items, 1–7) and SWEMWBS (7 items, 1–5). About 2.5% of item responses are missing, and a few respondents
 * typed the code -99 for "prefer not to say" (declared as a missing code in the demo commands).
 */
import { writeFileSync } from 'node:fs';
import { createRng } from './random.ts';

const rng = createRng(20261122);
const N = 300;

const sites = [
  { name: 'Northgate General', weight: 0.3, effect: -0.25 },
  { name: 'Riverside Community', weight: 0.2, effect: 0.15 },
  { name: 'Hillcrest Imaging', weight: 0.18, effect: 0.05 },
  { name: 'Eastfield Mental Health', weight: 0.16, effect: -0.1 },
  { name: 'Westbrook Clinic', weight: 0.13, effect: 0.2 },
  { name: 'Lakeside Unit', weight: 0.03, effect: -0.3 },
];
const roles = ['PALS officer', 'Imaging support worker', 'Psychological wellbeing practitioner', 'Administrator'];
const bands = ['Band 3', 'Band 4', 'Band 5', 'Band 6'];

/** HSE Indicator Tool domain -> item numbers; negatively worded domains are reversed when scored. */
export const hseDomains: Record<string, { items: number[]; negative: boolean }> = {
  demands: { items: [3, 6, 9, 12, 16, 18, 20, 22], negative: true },
  control: { items: [2, 10, 15, 19, 25, 30], negative: false },
  managers_support: { items: [8, 23, 29, 33, 35], negative: false },
  peer_support: { items: [7, 24, 27, 31], negative: false },
  relationships: { items: [5, 14, 21, 34], negative: true },
  role: { items: [1, 4, 11, 13, 17], negative: false },
  change: { items: [26, 28, 32], negative: false },
};

function pickWeighted<T extends { weight: number }>(xs: T[]): T {
  let u = rng.uniform();
  for (const x of xs) {
    if ((u -= x.weight) <= 0) return x;
  }
  return xs[xs.length - 1];
}

const likert = (z: number, k: number, spread: number): number => {
  const v = Math.round((k + 1) / 2 + spread * z);
  return Math.min(k, Math.max(1, v));
};

const header: string[] = ['staff_id', 'site', 'role', 'band', 'years_in_post'];
for (let i = 1; i <= 35; i++) header.push(`hse_${i}`);
for (let i = 1; i <= 12; i++) header.push(`ghq_${i}`);
for (let i = 1; i <= 15; i++) header.push(`jss_${i}`);
for (let i = 1; i <= 7; i++) header.push(`swemwbs_${i}`);

const itemDomain = new Map<number, string>();
for (const [d, spec] of Object.entries(hseDomains)) for (const i of spec.items) itemDomain.set(i, d);

const lines = [header.join(',')];
for (let r = 0; r < N; r++) {
  const site = pickWeighted(sites);
  const role = rng.pick(roles);
  const general = rng.normal() + site.effect; // good working conditions
  const domainZ: Record<string, number> = {};
  for (const d of Object.keys(hseDomains)) domainZ[d] = 0.6 * general + 0.8 * rng.normal();
  const distress = -0.5 * general + 0.85 * rng.normal(); // GHQ strain
  const satisfaction = 0.55 * general - 0.2 * distress + 0.8 * rng.normal();
  const wellbeing = -0.6 * distress + 0.3 * satisfaction + 0.7 * rng.normal();

  const row: (string | number)[] = [
    `S${String(r + 1).padStart(4, '0')}`,
    site.name,
    role,
    rng.pick(bands),
    Math.max(0, Math.round(6 + 5 * rng.normal())),
  ];
  for (let i = 1; i <= 35; i++) {
    const d = itemDomain.get(i)!;
    const good = likert(0.9 * domainZ[d] + 0.6 * rng.normal(), 5, 1.1);
    row.push(hseDomains[d].negative ? 6 - good : good);
  }
  for (let i = 1; i <= 12; i++) {
    // GHQ codes 0..3 ordered healthy -> unhealthy for every item.
    const v = Math.round(0.9 + 0.8 * (distress + 0.7 * rng.normal()));
    row.push(Math.min(3, Math.max(0, v)));
  }
  for (let i = 1; i <= 15; i++) row.push(likert(satisfaction + 0.7 * rng.normal(), 7, 1.3));
  for (let i = 1; i <= 7; i++) row.push(likert(wellbeing + 0.6 * rng.normal(), 5, 0.9));

  // ~2% missing item responses, and ~0.5% "-99" codes.
  for (let j = 5; j < row.length; j++) {
    const u = rng.uniform();
    if (u < 0.02) row[j] = '';
    else if (u < 0.025) row[j] = -99;
  }
  lines.push(row.join(','));
}
writeFileSync(new URL('../examples/demo-survey.csv', import.meta.url), lines.join('\n') + '\n');

// psych-style keys: "-item" = reversed.
const hseKeys: Record<string, string[]> = {};
for (const [d, spec] of Object.entries(hseDomains)) {
  hseKeys[d] = spec.items.map((i) => `${spec.negative ? '-' : ''}hse_${i}`);
}
writeFileSync(new URL('../examples/hse-keys.json', import.meta.url), JSON.stringify(hseKeys, null, 2) + '\n');
const allKeys = {
  ...hseKeys,
  job_satisfaction: Array.from({ length: 15 }, (_, i) => `jss_${i + 1}`),
  swemwbs: Array.from({ length: 7 }, (_, i) => `swemwbs_${i + 1}`),
};
writeFileSync(new URL('../examples/demo-keys.json', import.meta.url), JSON.stringify(allKeys, null, 2) + '\n');
console.log(`wrote examples/demo-survey.csv (${N} rows, ${header.length} columns) and keys files`);
