/**
 * docs/library.md is a program: its TypeScript blocks, in order, run against the package's sources must print
 * exactly its text blocks. A change to the library that breaks the documented example fails here.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The fenced blocks of a Markdown text with the given info string, in order. */
function blocks(markdown: string, lang: string): string[] {
  return [...markdown.matchAll(/^```(\S*)\n([\s\S]*?)^```$/gm)].filter((m) => m[1] === lang).map((m) => m[2]);
}

test('the worked example of docs/library.md prints what the document shows', () => {
  const doc = readFileSync(join(ROOT, 'docs/library.md'), 'utf8');
  const code = blocks(doc, 'ts');
  const expected = blocks(doc, 'text').join('');
  assert.ok(code.length >= 5 && code[0].includes("from 'staffwell'"));
  const index = pathToFileURL(join(ROOT, 'src/index.ts')).href;
  const program = code.join('\n').replace(/from 'staffwell'/g, `from '${index}'`);
  const file = join(mkdtempSync(join(tmpdir(), 'sw-library-doc-')), 'example.mts');
  writeFileSync(file, program);
  const printed = execFileSync(process.execPath, ['--import', 'tsx', file], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(printed, expected);
});
