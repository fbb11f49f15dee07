import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { importQdpx } from '../../src/refi/index.ts';
import { runQualDemo } from '../../src/demo/qual-demo.ts';
import { runQualCli } from './run-qual-cli.ts';

const EX = join(import.meta.dirname, '../../examples/qual');
const SECRETS = ['Priya', 'Helen Marsh', 'Tom Whitfield', 'Grace Adeyemi', 'Kieran', 'Dan Mercer', 'Leanne', 'Northgate', 'Sarah Jones', 'Marcus', 'Bex'];

test('demo end to end: import, pseudonymise, two coders, themes, agreement, matrices, .qdpx', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'staffwell-qual-demo-test-'));
  try {
    let log = '';
    const r = await runQualDemo({ outDir: dir, log: (s) => void (log += s) });
    assert.equal(r.documents, 5);
    assert.equal(r.segments, 72);
    for (const f of r.files) assert.ok(existsSync(f), f);
    assert.ok(r.kappa.length >= 10 && r.kappa.some((k) => k.kappa > 0.8) && r.kappa.some((k) => k.kappa < 0.5), 'agreement varies across codes');
    assert.match(log, /confirmed \d+: \d+ more replacement/);
    // the shared outputs carry only the pseudonymised layer
    for (const f of [r.project, ...r.files.filter((x) => !x.endsWith('.xlsx') && !x.endsWith('.qdpx'))]) {
      const text = readFileSync(f).toString('latin1');
      for (const s of SECRETS) assert.ok(!text.includes(s), `${s} in ${f}`);
    }
    const { snapshot } = importQdpx(readFileSync(join(dir, 'radiology-support.qdpx')));
    assert.equal(snapshot.documents.length, 5);
    assert.equal(snapshot.segments.length, 72);
    for (const d of snapshot.documents) for (const s of SECRETS) assert.ok(!d.text.includes(s), `${s} in exported ${d.name}`);
    assert.ok(readFileSync(r.keyFile).toString('latin1').includes('Priya Raman'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('CLI: the same flow through `staffwell qual …`', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'staffwell-qual-cli-test-'));
  const P = join(dir, 'study.qual.sqlite');
  const run = async (...args: string[]) => {
    const r = await runQualCli(args);
    assert.equal(r.code, 0, `qual ${args.join(' ')}\n${r.stderr}`);
    return r.stdout;
  };
  try {
    assert.match(await run('init', P), /key file .*study\.qual\.key\.sqlite/);
    assert.match(await run('participants', 'import', P, join(EX, 'participants.csv'), '--id', 'participant_id'), /8 participant\(s\) added/);
    const files = ['int-01-teams.vtt', 'int-02-teams.vtt', 'int-03-zoom.vtt', 'int-04-teams.docx', 'fg-01.srt'].map((f) => join(EX, f));
    const imp = await run('import', P, ...files, '--speakers', join(EX, 'speakers.csv'), '--replacements', join(EX, 'replacements.csv'));
    assert.match(imp, /imported fg-01\.srt/);
    assert.match(await run('pseudonymise', P, '--suggest'), /Marcus/);
    assert.match(await run('pseudonymise', P, '--add', 'Marcus=[CT lead]', '--category', 'colleague'), /1 occurrence\(s\) replaced/);
    assert.doesNotMatch(await run('pseudonymise', P, '--suggest'), /Marcus/);
    assert.match(await run('apply', P, join(EX, 'codings.json')), /72 segments/);
    const agreement = JSON.parse(await run('agreement', P, '--coders', 'Coder A,Coder B', '--json'));
    assert.equal(agreement.coders[0], 'Coder A');
    assert.match(await run('agreement', P, '--coders', 'Coder A,Coder B', '--unit', 'turn'), /Krippendorff/);
    await run('matrix', P, '--cols', 'sites', '--csv', join(dir, 'm.csv'), '--xlsx', join(dir, 'm.xlsx'));
    assert.match(readFileSync(join(dir, 'm.csv'), 'utf8'), /^code,Site A,Site B,Site C\n/);
    assert.match(await run('matrix', P, '--cols', 'participants', '--text'), /Role clarity\/Unclear boundaries × P01:/);
    assert.match(await run('cooccurrence', P, '--scope', 'turn'), /same speaker turn/);
    assert.match(await run('query', P, '--code', 'Career progression', '--site', 'Site C'), /segment\(s\)/);
    assert.match(await run('query', P, '--kwic', 'WhatsApp'), /\[WhatsApp\]/);
    await run('code', P, 'int-02-teams.vtt', '--code', 'Meaning in work', '--text', 'Fairness.', '--coder', 'Coder A', '--key-quote');
    await run('codes', P, 'add', 'Shift patterns', '--parent', 'Workload pressure');
    await run('codes', P, 'move', 'Shift patterns', '--root');
    await run('codes', P, 'merge', 'Luck', '--into', 'Limited places');
    assert.doesNotMatch(await run('codes', P, 'list'), /Luck/);
    await run('memo', P, '--on', 'code:Limited places', '--text', 'Luck merged in: participants frame scarcity as chance.');
    assert.match(await run('memo', P), /Luck merged in/);
    assert.match(await run('themes', P, 'table', 'Stuck in place'), /participants: \d of 8/);
    assert.match(await run('themes', P, 'recurrence'), /Why I stay/);
    assert.match(await run('model', P, '--dot'), /^digraph/);
    assert.match(await run('saturation', P, '--order', 'interview-date'), /cumulative/);
    await run('export', P, '--qdpx', join(dir, 'x.qdpx'), '--qdc', join(dir, 'x.qdc'), '--csv', join(dir, 'x.csv'));
    await run('import-qdpx', join(dir, 'x.qdpx'), join(dir, 'copy.sqlite'));
    assert.match(await run('codes', join(dir, 'copy.sqlite'), 'list'), /Limited places/);
    const history = JSON.parse(await run('history', P, '--json'));
    assert.ok(history.some((h: { type: string }) => h.type === 'code.merge'));
    assert.ok(!JSON.stringify(history).includes('Marcus'), 'the audit log never holds an original');
    // user errors: exit 1 with a message that says what to do
    const bad = await runQualCli(['code', P, 'int-02-teams.vtt', '--code', 'Nope', '--start', '0', '--end', '5', '--coder', 'A']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /no code with this name \(value "Nope"\)/);
    const unmapped = await runQualCli(['import', P, join(EX, 'fg-01.srt'), '--speakers', join(EX, 'participants.csv')]);
    assert.equal(unmapped.code, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
