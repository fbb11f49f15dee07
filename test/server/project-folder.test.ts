/**
 * The workspace folder: what the survey views may list (study files, survey data, two levels down, no hidden
 * folders) and what a name from the browser may resolve to (nothing outside the folder, by `..`, an absolute path
 * or a symbolic link).
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isStaffwellError } from '../../src/errors.ts';
import { folderFile, listFolderFiles } from '../../src/server/project-folder.ts';

function folder(t: test.TestContext): { root: string; outside: string } {
  const base = mkdtempSync(join(tmpdir(), 'staffwell-folder-'));
  t.after(() => rmSync(base, { recursive: true, force: true }));
  const root = join(base, 'work');
  mkdirSync(join(root, 'pals', 'deeper', 'too-deep'), { recursive: true });
  mkdirSync(join(root, '.hidden'));
  writeFileSync(join(root, 'survey.csv'), 'id,a\n1,2\n');
  writeFileSync(join(root, 'pals', 'study.yaml'), '# a study\ndata:\n  file: ../survey.csv\ninstruments: []\nanalyses: []\n');
  writeFileSync(join(root, 'pals', 'notes.yaml'), 'not: a study\n');
  writeFileSync(join(root, 'pals', 'deeper', 'wave2.sav'), 'x');
  writeFileSync(join(root, 'pals', 'deeper', 'too-deep', 'hidden.csv'), 'x');
  writeFileSync(join(root, '.hidden', 'secret.csv'), 'x');
  writeFileSync(join(root, 'project.qual.sqlite'), 'x');
  const outside = join(base, 'outside.csv');
  writeFileSync(outside, 'id\n1\n');
  symlinkSync(outside, join(root, 'link.csv'));
  return { root, outside };
}

test('the folder lists study files and survey data, two levels down, by path (no links, no hidden folders)', (t) => {
  const { root } = folder(t);
  const files = listFolderFiles(root).map((f) => `${f.kind} ${f.path}`);
  assert.deepEqual(files, ['survey pals/deeper/wave2.sav', 'study pals/study.yaml', 'survey survey.csv']);
});

test('a name resolves inside the folder only', (t) => {
  const { root } = folder(t);
  assert.match(folderFile(root, 'pals/study.yaml', 'study'), /pals[/\\]study\.yaml$/);
  const refused = (name: string | undefined, kind: 'study' | 'survey', code: string) => {
    assert.throws(
      () => folderFile(root, name, kind),
      (e: unknown) => isStaffwellError(e) && e.code === code,
      `${name} as ${kind}: ${code}`,
    );
  };
  refused('../outside.csv', 'survey', 'forbidden');
  refused('link.csv', 'survey', 'forbidden');
  refused(join(root, '..', 'outside.csv'), 'survey', 'forbidden');
  refused('project.qual.sqlite', 'survey', 'unsupported');
  refused('survey.csv', 'study', 'unsupported');
  refused('nope.csv', 'survey', 'not-found');
  refused(undefined, 'survey', 'invalid-option');
});
