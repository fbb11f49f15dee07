/**
 * XSD validation for the REFI tests with npm `xmllint-wasm` (libxml2 compiled to WebAssembly: no apt package
 * needed in CI). The schemas are the committed copies in test/fixtures/refi/ (MIT, REFI), so the tests never depend
 * on the shared folder.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateXML } from 'xmllint-wasm';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../..');
export const fixturesDir = path.join(repoRoot, 'test/fixtures/refi');

export async function validateAgainst(xml: string, schema: 'Project.xsd' | 'Codebook.xsd'): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'instance.xml', contents: xml }],
    schema: [{ fileName: schema, contents: readFileSync(path.join(fixturesDir, schema), 'utf8') }],
  });
  return result.valid ? [] : result.errors.map((e) => e.message);
}
