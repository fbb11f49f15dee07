import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The workspace front end: Preact + TypeScript, built into dist/web (shipped in the package, served by `staffwell serve`). */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // no inline scripts: the server's Content-Security-Policy allows only 'self'
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    target: 'es2022',
    sourcemap: false,
  },
});
