/**
 * Seeded synthetic survey for the factor benchmark: N respondents × P items coded 1–5 from an oblique K-factor
 * model (items in contiguous blocks, one per factor; loadings 0.5–0.8; factor correlations 0.3 through a common
 * general factor; thresholds −1.5, −0.5, 0.5, 1.5 shifted per item), optionally with a share of empty fields.
 *
 *   node --import tsx bench/make-factor-data.ts rows items factors out.csv [missing=0]
 */
import { createRng } from '../scripts/random.ts';
import { openLineWriter } from './line-writer.ts';

export function makeFactorData(rows: number, items: number, factors: number, out: string, missing = 0, seed = 12): void {
  const rng = createRng(seed);
  const per = Math.ceil(items / factors);
  const factorOf = Int32Array.from({ length: items }, (_, j) => Math.min(factors - 1, Math.floor(j / per)));
  const loading = Float64Array.from({ length: items }, () => 0.5 + 0.3 * rng.uniform());
  const shift = Float64Array.from({ length: items }, () => 0.6 * (rng.uniform() - 0.5));
  const cuts = [-1.5, -0.5, 0.5, 1.5];
  const w = openLineWriter(out);
  w.line(Array.from({ length: items }, (_, j) => `i${j + 1}`).join(','));
  const f = new Float64Array(factors);
  for (let r = 0; r < rows; r++) {
    const g = rng.normal();
    for (let k = 0; k < factors; k++) f[k] = Math.sqrt(0.3) * g + Math.sqrt(0.7) * rng.normal();
    let line = '';
    for (let j = 0; j < items; j++) {
      const l = loading[j];
      const y = l * f[factorOf[j]] + Math.sqrt(1 - l * l) * rng.normal() + shift[j];
      let code = 1;
      while (code <= 4 && y > cuts[code - 1]) code++;
      const empty = missing > 0 && rng.uniform() < missing;
      line += (j ? ',' : '') + (empty ? '' : String(code));
    }
    w.line(line);
  }
  w.close();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [rows, items, factors, out, missing] = process.argv.slice(2);
  makeFactorData(Number(rows), Number(items), Number(factors), out, Number(missing ?? 0));
}
