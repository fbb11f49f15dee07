import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { STAFFWELL } from '../helpers/cli.ts';
import { runRegistered } from '../helpers/run-registered.ts';
import { register } from '../../src/cli/commands/run.ts';

const cli = (args: string[]) => runRegistered(register, args);
import { readTable } from '../../src/data/read-table.ts';
import { readSavBytes } from '../../src/data/sav.ts';
import { savBytes } from '../../src/data/sav-write.ts';
import { loadStudy } from '../../src/study/study-file.ts';
import { readStudyData, runStudy } from '../../src/study/run-study.ts';
import { scoredData, scoredSavVariables } from '../../src/study/scored-data.ts';
import { expectClose } from '../helpers/expect-close.ts';
import type { DescribeResult } from '../../src/study/study-results.ts';

const GOLDEN = 'test/golden/study/pals-scored.sav';
const HAVEN = JSON.parse(readFileSync('test/fixtures/r/sav-write-check.json', 'utf8'));

test('staffwell run writes scored.csv (default) and scored.sav (--scored csv,sav); --scored none writes neither; a bad format is exit 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-scored-'));
  const out = await cli(['run', 'examples/pwp/study.yaml', '--out', dir]);
  assert.match(out, /scored\.csv/);
  assert.ok(existsSync(join(dir, 'scored.csv')) && !existsSync(join(dir, 'scored.sav')));
  const dir2 = mkdtempSync(join(tmpdir(), 'sw-scored-'));
  await cli(['run', 'examples/pwp/study.yaml', '--out', dir2, '--scored', 'csv,sav']);
  assert.ok(existsSync(join(dir2, 'scored.csv')) && existsSync(join(dir2, 'scored.sav')));
  const dir3 = mkdtempSync(join(tmpdir(), 'sw-scored-'));
  await cli(['run', 'examples/pwp/study.yaml', '--out', dir3, '--scored', 'none']);
  assert.ok(!existsSync(join(dir3, 'scored.csv')));
  const bad = spawnSync(process.execPath, [...STAFFWELL, 'run', 'examples/pwp/study.yaml', '--out', dir3, '--scored', 'xls'], { encoding: 'utf8' });
  assert.equal(bad.status, 2, bad.stderr);
  assert.match(bad.stderr, /"xls" is not a format of the scored data/);
});

test('the scored CSV reads back to the scores the analyses used (one row per respondent, categories as labels)', async () => {
  const study = loadStudy('examples/pals/study.yaml');
  const dir = mkdtempSync(join(tmpdir(), 'sw-scored-'));
  await cli(['run', 'examples/pals/study.yaml', '--out', dir]);
  const t = await readTable(join(dir, 'scored.csv'));
  const data = await readStudyData(study);
  assert.equal(t.nrows, data.nrows);
  const names = t.columns.map((c) => c.name);
  assert.deepEqual(names.slice(0, 3), ['staff_id', 'site', 'role']);
  const results = await runStudy(study);
  const d = results.analyses.find((a) => a.type === 'describe') as DescribeResult;
  for (const [ref, s] of Object.entries(d.overall!.scales)) {
    const col = t.columns.find((c) => c.name === ref.replace('.', '_'))!;
    assert.ok(col && col.kind === 'number', ref);
    const v = Array.from(col.values).filter((x) => !Number.isNaN(x));
    assert.equal(v.length, s.n, `${ref} n`);
    expectClose(v.reduce((a, b) => a + b, 0) / v.length, s.mean, { rel: 1e-12 }, `${ref} mean`);
  }
  const cas = t.columns.find((c) => c.name === 'ghq_caseness')!;
  assert.equal(cas.kind, 'text');
  assert.deepEqual([...(cas.kind === 'text' ? cas.dictionary : [])].sort(), ['case', 'non-case']);
});

test('the scored .sav: byte-identical to the golden file, read back by our reader with labels, value labels and values', async () => {
  const study = loadStudy('examples/pals/study.yaml');
  const data = scoredData(study, await readStudyData(study));
  const bytes = savBytes(scoredSavVariables(data), { fileLabel: study.name, nrows: data.nrows });
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, bytes);
  assert.ok(Buffer.from(bytes).equals(readFileSync(GOLDEN)), `${GOLDEN} differs; run with UPDATE_GOLDEN=1 after checking it with test/fixtures/r/sav-write-check.R`);
  const { table, metadata } = readSavBytes(bytes, 'scored.sav');
  assert.equal(table.nrows, data.nrows);
  assert.deepEqual(metadata.variables.map((v) => v.name), data.columns.map((c) => c.name));
  assert.equal(metadata.encoding, 'utf-8');
  data.columns.forEach((c, j) => {
    const v = metadata.variables[j];
    assert.equal(v.label, c.label, `${c.name} label`);
    const col = table.columns[j];
    if (c.kind === 'category') {
      assert.deepEqual(v.valueLabels.map((l) => l.label), [...c.levels], `${c.name} value labels`);
      assert.equal(col.kind, 'number');
      if (col.kind === 'number') for (let i = 0; i < data.nrows; i++) assert.equal(Number.isNaN(col.values[i]) ? -1 : col.values[i] - 1, c.codes[i], `${c.name} row ${i + 1}`);
    } else if (c.kind === 'number' && col.kind === 'number') {
      for (let i = 0; i < data.nrows; i++) assert.ok(Object.is(col.values[i], c.values[i]) || (Number.isNaN(col.values[i]) && Number.isNaN(c.values[i])), `${c.name} row ${i + 1}`);
    }
  });
});

test('R haven reads the golden .sav as written: names, variable labels, value labels, values (test/fixtures/r/sav-write-check.R)', async () => {
  const study = loadStudy('examples/pals/study.yaml');
  const data = scoredData(study, await readStudyData(study));
  assert.deepEqual(HAVEN.names, data.columns.map((c) => c.name));
  assert.equal(HAVEN.nrow, data.nrows);
  data.columns.forEach((c) => {
    const h = HAVEN.columns[c.name];
    assert.equal(h.label, c.label, `${c.name} label`);
    if (c.kind === 'category') {
      assert.deepEqual(h.value_labels.names, [...c.levels], `${c.name} value label names`);
      assert.deepEqual(h.value_labels.values, c.levels.map((_, k) => k + 1), `${c.name} value label codes`);
    }
    if (c.kind === 'text') {
      assert.equal(h.class, 'character');
      assert.deepEqual(h.first, c.values.slice(0, 5).map((v) => v ?? ''), `${c.name} first values`);
    } else {
      const vals = c.kind === 'number' ? Array.from(c.values) : Array.from(c.codes, (k) => (k < 0 ? NaN : k + 1));
      const ok = vals.filter((x) => !Number.isNaN(x));
      assert.equal(h.n, ok.length, `${c.name} n`);
      expectClose(h.sum, ok.reduce((a, b) => a + b, 0), { rel: 1e-12 }, `${c.name} sum`);
    }
  });
});
