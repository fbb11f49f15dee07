/**
 * Generates synthetic survey data for the example studies of the two other seed designs (seeded; no real
 * person in them). The PALS-style demo survey is made by generate-demo-survey.ts.
 *
 *   node --import tsx scripts/generate-seed-surveys.ts
 *
 * - examples/imaging/imaging-survey.csv: imaging support workers and colleagues in 9 radiology departments
 *   (sizes from 4 to 40, so some departments fall under the suppression threshold), HSE-shaped role and control
 *   items, Warr–Cook–Wall-shaped job satisfaction (1–7), Brief-Resilience-Scale-shaped items (1–5, items 2, 4, 6
 *   negatively worded), and an intention-to-leave item.
 * - examples/pwp/pwp-survey.csv: psychological wellbeing practitioners and high-intensity therapists in two
 *   services, Copenhagen-Burnout-Inventory-shaped items (19 items, 1–5 = never/almost never … always, or to a
 *   very low … very high degree; one work item negatively worded), Brief-Resilience-Scale-shaped items, PHQ-9-
 *   and GAD-7-shaped items (0–3).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRng } from './random.ts';

const rng = createRng(7);
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(v)));
const maybeMissing = (v: number | string): number | string => (rng.uniform() < 0.025 ? '' : v);

function write(path: string, header: string[], rows: (number | string)[][]): void {
  mkdirSync(new URL('.', new URL(path, import.meta.url)), { recursive: true });
  writeFileSync(new URL(path, import.meta.url), [header.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n');
}

// Imaging: 9 departments.
{
  const depts = [
    ['Dept A', 40], ['Dept B', 34], ['Dept C', 28], ['Dept D', 22], ['Dept E', 18],
    ['Dept F', 14], ['Dept G', 11], ['Dept H', 7], ['Dept I', 4],
  ] as const;
  const roles = ['Imaging support worker', 'Assistant practitioner', 'Radiographer'];
  const header = ['respondent', 'department', 'role', 'years_in_role'];
  for (let i = 1; i <= 35; i++) header.push(`hse_${i}`);
  for (let i = 1; i <= 15; i++) header.push(`jss_${i}`);
  for (let i = 1; i <= 6; i++) header.push(`brs_${i}`);
  header.push('intend_to_leave');
  const negativeHse = new Set([3, 6, 9, 12, 16, 18, 20, 22, 5, 14, 21, 34]);
  const rows: (number | string)[][] = [];
  let id = 1;
  depts.forEach(([dept, n], d) => {
    const deptEffect = (d % 3) * 0.25 - 0.25;
    for (let k = 0; k < n; k++) {
      const role = roles[k % 5 === 0 ? 2 : k % 3 === 0 ? 1 : 0];
      const clarity = deptEffect + (role === 'Radiographer' ? 0.4 : 0) + rng.normal();
      const sat = 0.5 * clarity + 0.8 * rng.normal();
      const res = 0.3 * sat + 0.9 * rng.normal();
      const row: (number | string)[] = [`R${String(id++).padStart(3, '0')}`, dept, role, clamp(4 + 4 * rng.normal(), 0, 30)];
      for (let i = 1; i <= 35; i++) {
        const good = clamp(3 + 0.9 * (0.7 * clarity + 0.7 * rng.normal()), 1, 5);
        row.push(maybeMissing(negativeHse.has(i) ? 6 - good : good));
      }
      for (let i = 1; i <= 15; i++) row.push(maybeMissing(clamp(4 + 1.2 * (sat + 0.6 * rng.normal()), 1, 7)));
      for (let i = 1; i <= 6; i++) {
        const v = clamp(3.4 + 0.8 * (res + 0.6 * rng.normal()), 1, 5);
        row.push(maybeMissing(i % 2 === 0 ? 6 - v : v));
      }
      row.push(rng.uniform() < 1 / (1 + Math.exp(1 + 1.2 * sat)) ? 1 : 0);
      rows.push(row);
    }
  });
  write('../examples/imaging/imaging-survey.csv', header, rows);
}

// PWP: two IAPT services.
{
  const header = ['respondent', 'service', 'role', 'caseload'];
  for (let i = 1; i <= 19; i++) header.push(`cbi_${i}`);
  for (let i = 1; i <= 6; i++) header.push(`brs_${i}`);
  for (let i = 1; i <= 9; i++) header.push(`phq_${i}`);
  for (let i = 1; i <= 7; i++) header.push(`gad_${i}`);
  const rows: (number | string)[][] = [];
  for (let r = 0; r < 120; r++) {
    const service = r % 2 === 0 ? 'Service North' : 'Service South';
    const role = rng.uniform() < 0.6 ? 'PWP' : 'High-intensity therapist';
    const caseload = clamp((role === 'PWP' ? 45 : 22) + 8 * rng.normal(), 5, 80);
    const burnout = (role === 'PWP' ? 0.4 : 0) + 0.02 * (caseload - 35) + rng.normal();
    const res = -0.4 * burnout + 0.9 * rng.normal();
    const row: (number | string)[] = [`W${String(r + 1).padStart(3, '0')}`, service, role, caseload];
    for (let i = 1; i <= 19; i++) {
      const v = clamp(3 + 0.9 * (burnout + 0.6 * rng.normal()), 1, 5);
      // Item 13 (the work-related "energy for family and friends" item in the CBI's published order) is
      // positively worded: high energy = low burnout.
      row.push(maybeMissing(i === 13 ? 6 - v : v));
    }
    for (let i = 1; i <= 6; i++) {
      const v = clamp(3.4 + 0.8 * (res + 0.6 * rng.normal()), 1, 5);
      row.push(maybeMissing(i % 2 === 0 ? 6 - v : v));
    }
    for (let i = 1; i <= 9; i++) row.push(maybeMissing(clamp(0.8 + 0.8 * (0.7 * burnout + 0.7 * rng.normal()), 0, 3)));
    for (let i = 1; i <= 7; i++) row.push(maybeMissing(clamp(0.9 + 0.8 * (0.7 * burnout + 0.7 * rng.normal()), 0, 3)));
    rows.push(row);
  }
  write('../examples/pwp/pwp-survey.csv', header, rows);
}
console.log('wrote examples/imaging/imaging-survey.csv and examples/pwp/pwp-survey.csv');
