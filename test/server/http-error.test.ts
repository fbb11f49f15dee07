/**
 * Errors over HTTP name the workspace folder's files relative to it: an absolute path inside the folder (as given or
 * through a symlink) in the file, problem, value or hint becomes relative, the folder itself "the workspace folder";
 * a sibling folder whose name starts like it, and paths outside, are left alone.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StaffwellError } from '../../src/errors.ts';
import { httpError, inFolderTerms } from '../../src/server/http-error.ts';

test('paths inside the workspace folder are made relative to it in every part of an error', (t) => {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'staffwell-http-error-')));
  t.after(() => rmSync(base, { recursive: true, force: true }));
  const folder = join(base, 'ws');
  mkdirSync(join(folder, 'waves'), { recursive: true });
  const link = join(base, 'link');
  symlinkSync(folder, link);
  const e = new StaffwellError('invalid-study', `the data file ${folder}/waves/w1.csv is not in ${folder}2/other.csv`, {
    file: join(folder, 'waves', 'study.yaml'),
    field: 'data.file',
    value: `${folder}/waves/w1.csv`,
    hint: `give the path relative to the study file's folder (${folder}); or see "${folder}/waves"`,
  });
  for (const given of [folder, link]) {
    const r = inFolderTerms(e, given);
    assert.equal(r.location.file, 'waves/study.yaml');
    assert.equal(r.problem, `the data file waves/w1.csv is not in ${folder}2/other.csv`, 'a sibling folder is not the folder');
    assert.equal(r.value, 'waves/w1.csv');
    assert.equal(r.hint, `give the path relative to the study file's folder (the workspace folder); or see "waves"`);
    assert.equal(r.code, e.code);
    assert.equal(r.location.field, 'data.file');
  }
  const { body } = httpError(e, link);
  assert.ok(!JSON.stringify(body).includes(`${folder}/`) && !JSON.stringify(body).includes(link), JSON.stringify(body));
  assert.match(body.error.message, /^waves\/study\.yaml, field "data\.file": the data file waves\/w1\.csv/);
  // outside the folder: left as it is; without a folder: the error unchanged
  const outside = new StaffwellError('io', 'cannot read the file', { file: join(base, 'elsewhere.csv') });
  assert.equal(inFolderTerms(outside, folder), outside);
  assert.equal(inFolderTerms(e, undefined), e);
});
