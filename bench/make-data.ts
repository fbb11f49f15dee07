/**
 * Writes the benchmark survey (seeded, synthetic): N respondents × 50 items coded 1–5, ~2% missing as empty
 * fields, 8 sites, plus an id column, and the psych-style keys of 7 scales over the 50 items (some reversed).
 *
 *   node --import tsx bench/make-data.ts [rows=1000000] [out=bench/data/survey-1m.csv]
 */
import { closeSync, existsSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRng } from '../scripts/random.ts';

export const benchKeys: Record<string, string[]> = {
  demands: ['-q1', '-q2', '-q3', '-q4', 'q5', 'q6', 'q7', 'q8'],
  control: ['q9', 'q10', 'q11', 'q12', 'q13', 'q14', 'q15'],
  support: ['q16', 'q17', '-q18', 'q19', 'q20', 'q21', 'q22'],
  peers: ['q23', 'q24', 'q25', 'q26', '-q27', 'q28', 'q29'],
  relationships: ['-q30', '-q31', 'q32', 'q33', 'q34', 'q35', 'q36'],
  role: ['q37', 'q38', 'q39', 'q40', 'q41', 'q42', 'q43'],
  change: ['q44', 'q45', 'q46', '-q47', 'q48', 'q49', 'q50'],
};

export function makeBenchData(rows: number, out: string): void {
  mkdirSync(dirname(out), { recursive: true });
  const rng = createRng(42);
  const scaleOf = new Int32Array(50);
  const reversed = new Uint8Array(50);
  Object.values(benchKeys).forEach((items, s) => {
    for (const it of items) {
      const j = Number(it.replace('-', '').slice(1)) - 1;
      scaleOf[j] = s;
      reversed[j] = it.startsWith('-') ? 1 : 0;
    }
  });
  const fd = openSync(out, 'w');
  let buf = 'id,site';
  for (let j = 1; j <= 50; j++) buf += `,q${j}`;
  buf += '\n';
  const z = new Float64Array(7);
  for (let r = 0; r < rows; r++) {
    for (let s = 0; s < 7; s++) z[s] = rng.normal();
    let line = `${r + 1},site${1 + Math.floor(rng.uniform() * 8)}`;
    for (let j = 0; j < 50; j++) {
      if (rng.uniform() < 0.02) {
        line += ',';
        continue;
      }
      let v = Math.round(3 + 0.9 * z[scaleOf[j]] + 0.8 * rng.normal());
      v = v < 1 ? 1 : v > 5 ? 5 : v;
      line += ',' + (reversed[j] ? 6 - v : v);
    }
    buf += line + '\n';
    if (buf.length > 1 << 20) {
      writeSync(fd, buf);
      buf = '';
    }
  }
  writeSync(fd, buf);
  closeSync(fd);
  writeFileSync(out.replace(/\.csv$/, '.keys.json'), JSON.stringify(benchKeys, null, 2) + '\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = Number(process.argv[2] ?? 1_000_000);
  const out = process.argv[3] ?? 'bench/data/survey-1m.csv';
  if (!existsSync(out)) makeBenchData(rows, out);
  console.log(out);
}
