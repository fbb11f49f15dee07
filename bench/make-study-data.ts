/**
 * Writes the study benchmark's survey (seeded, synthetic; the row model of scripts/generate-demo-survey.ts):
 * N staff × 50 columns — staff_id, site (8), role (4), the 35 HSE Indicator Tool items (1–5, demands and
 * relationships negatively worded) and the 12 GHQ-12 items (0–3) — with ~2% of answers missing (empty fields),
 * and the study file and the keys file (the scales of the study's reliability analyses) beside it.
 *
 *   node --import tsx bench/make-study-data.ts [rows=1000000] [out=bench/data/pals-1m.csv]
 */
import { closeSync, existsSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { createRng } from '../scripts/random.ts';
import { findInstrument } from '../src/instruments/builtin-instruments.ts';

const sites = [-0.25, 0.15, 0.05, -0.1, 0.2, -0.3, 0.1, 0];
// one-word labels: the coded lane takes group fields of printable ASCII without spaces (native/coded-lane.c)
const roles = ['PALS', 'ISW', 'PWP', 'Admin'];

/** HSE domain of each item (1-based) and whether it is negatively worded, from the built-in definition. */
function hseItems(): { domain: number[]; negative: boolean[] } {
  const def = findInstrument('hse-indicator-tool');
  const domain: number[] = [];
  const negative: boolean[] = [];
  def.subscales.forEach((s, d) => {
    for (const it of s.items) {
      const i = def.items.findIndex((x) => x.id === it);
      domain[i] = d;
      negative[i] = def.items[i].reversed === true || (s.reversed ?? []).includes(it);
    }
  });
  return { domain, negative };
}

export function makeStudyData(rows: number, out: string): void {
  mkdirSync(dirname(out), { recursive: true });
  const rng = createRng(20261202);
  const { domain, negative } = hseItems();
  const fd = openSync(out, 'w');
  let buf = 'staff_id,site,role';
  for (let i = 1; i <= 35; i++) buf += `,hse_${i}`;
  for (let i = 1; i <= 12; i++) buf += `,ghq_${i}`;
  buf += '\n';
  const dz = new Float64Array(7);
  const likert = (z: number) => Math.min(5, Math.max(1, Math.round(3 + 1.1 * z)));
  for (let r = 0; r < rows; r++) {
    const s = Math.floor(rng.uniform() * 8);
    const general = rng.normal() + sites[s];
    for (let d = 0; d < 7; d++) dz[d] = 0.6 * general + 0.8 * rng.normal();
    const distress = -0.5 * general + 0.85 * rng.normal();
    let line = `S${String(r + 1).padStart(8, '0')},site${s + 1},${roles[Math.floor(rng.uniform() * 4)]}`;
    for (let i = 0; i < 35; i++) {
      const good = likert(0.9 * dz[domain[i]] + 0.6 * rng.normal());
      line += rng.uniform() < 0.02 ? ',' : `,${negative[i] ? 6 - good : good}`;
    }
    for (let i = 0; i < 12; i++) {
      const v = Math.min(3, Math.max(0, Math.round(0.9 + 0.8 * (distress + 0.7 * rng.normal()))));
      line += rng.uniform() < 0.02 ? ',' : `,${v}`;
    }
    buf += line + '\n';
    if (buf.length > 1 << 20) {
      writeSync(fd, buf);
      buf = '';
    }
  }
  writeSync(fd, buf);
  closeSync(fd);
  writeStudy(out);
}

/** The PALS-shaped study over the file, and the keys of its reliability analyses (for `staffwell reliability`). */
export function writeStudy(out: string): { study: string; keys: string } {
  const file = basename(out);
  const domains = ['demands', 'control', 'managers_support', 'peer_support', 'relationships', 'role', 'change'].map((d) => `hse.${d}`);
  const study = out.replace(/\.csv$/, '.study.yaml');
  writeFileSync(
    study,
    `# The study benchmark (bench/study.bench.ts): a PALS-shaped study on ${file}
name: PALS-shaped study benchmark
data: { file: ${file}, id: staff_id, groups: [site, role] }
instruments:
  - { name: ghq, instrument: ghq12, items: "ghq_{n}", codes: [0, 1, 2, 3], cutoffs: { caseness: 4 } }
  - { name: hse, instrument: hse-indicator-tool, items: "hse_{n}" }
analyses:
  - { id: describe-by-site, type: describe, scores: [hse.*, ghq.total], by: [site] }
  - { id: reliability-hse, type: reliability, instrument: hse }
  - { id: reliability-ghq, type: reliability, instrument: ghq }
  - { id: caseness, type: prevalence, classification: ghq.caseness, level: case, norms: [ghq12-nhs-trust-staff-wall-1997] }
  - { id: ghq-by-site, type: compare-groups, score: ghq.total, by: site }
  - { id: demands-by-caseness, type: compare-groups, score: hse.demands, by: ghq.caseness }
  - { id: correlations, type: correlation, scores: [hse.*, ghq.total] }
  - { id: ghq-on-hse, type: regression, outcome: ghq.total, predictors: [${domains.join(', ')}, role] }
  - { id: caseness-on-hse, type: logistic, outcome: ghq.caseness, event: case, predictors: [${domains.join(', ')}] }
`,
  );
  const keys: Record<string, string[]> = {};
  const hse = findInstrument('hse-indicator-tool');
  for (const s of hse.subscales)
    keys[s.id] = s.items.map((it) => {
      const i = hse.items.findIndex((x) => x.id === it);
      const rev = hse.items[i].reversed === true || (s.reversed ?? []).includes(it);
      return `${rev ? '-' : ''}hse_${i + 1}`;
    });
  keys.ghq_total = Array.from({ length: 12 }, (_, i) => `ghq_${i + 1}`);
  const keysPath = out.replace(/\.csv$/, '.keys.json');
  writeFileSync(keysPath, JSON.stringify(keys, null, 2) + '\n');
  return { study, keys: keysPath };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = Number(process.argv[2] ?? 1_000_000);
  const out = process.argv[3] ?? `bench/data/pals-${rows >= 1e6 ? `${rows / 1e6}m` : `${rows / 1e3}k`}.csv`;
  if (!existsSync(out)) makeStudyData(rows, out);
  else writeStudy(out);
  console.log(out);
}
