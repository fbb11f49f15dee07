/**
 * Bundles the @stdlib packages of src/stats/stdlib-modules.ts into dist/stats/stdlib.cjs (one CommonJS file;
 * esbuild, a dev dependency through tsx). Run by `npm run build` after tsc; distributions.js requires the bundle
 * when it is beside it, the packages otherwise. The code is the packages' own, unchanged (their licence comments
 * kept), so results are the same to the bit.
 */
import { build } from 'esbuild';
import { STDLIB_MODULES } from '../src/stats/stdlib-modules.ts';

const root = new URL('..', import.meta.url).pathname;
const entry = `module.exports = {\n${Object.entries(STDLIB_MODULES)
  .map(([name, id]) => `  ${name}: require(${JSON.stringify(id)}),`)
  .join('\n')}\n};\n`;
await build({
  stdin: { contents: entry, resolveDir: root, loader: 'js', sourcefile: 'stdlib-entry.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: `${root}dist/stats/stdlib.cjs`,
  legalComments: 'eof',
  logLevel: 'warning',
});
