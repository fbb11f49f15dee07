/** `staffwell qual`: deleting, undo, redo, history, actors; imports that fail leave nothing behind. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runQualCli } from './run-qual-cli.ts';

const EX = join(import.meta.dirname, '../../examples/qual');

async function cli() {
  const dir = mkdtempSync(join(tmpdir(), 'staffwell-qual-cli-edit-'));
  const P = join(dir, 'study.qual.sqlite');
  const run = async (...args: string[]) => {
    const r = await runQualCli(args);
    assert.equal(r.code, 0, `qual ${args.join(' ')}\n${r.stderr}`);
    return r.stdout;
  };
  const fail = async (...args: string[]) => {
    const r = await runQualCli(args);
    assert.equal(r.code, 1, `qual ${args.join(' ')} should fail\n${r.stdout}`);
    return r.stderr;
  };
  return { dir, P, run, fail, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

test('CLI: importing several files is all or nothing', async () => {
  const c = await cli();
  try {
    await c.run('init', c.P, '--actor', 'ann');
    const files = ['int-01-teams.vtt', 'fg-01.srt'].map((f) => join(EX, f));
    const speakers = join(c.dir, 'speakers.csv');
    writeFileSync(speakers, readFileSync(join(EX, 'speakers.csv'), 'utf8').split('\n').filter((l) => !l.includes('Leanne')).join('\n'));
    assert.match(await c.fail('import', c.P, ...files, '--speakers', speakers, '--actor', 'ann'), /Leanne Price/);
    assert.match(await c.run('documents', c.P), /^document/);
    assert.doesNotMatch(await c.run('documents', c.P), /int-01/, 'the good file was not imported either');
    assert.match(await c.run('import', c.P, ...files, '--speakers', join(EX, 'speakers.csv'), '--actor', 'ann'), /imported int-01-teams\.vtt[\s\S]*imported fg-01\.srt/);
    const h = JSON.parse(await c.run('history', c.P, '--json'));
    assert.deepEqual(h.map((r: { type: string; actor: string }) => [r.type, r.actor]), [['project.rename', 'ann'], ['batch', 'ann']]);
    assert.match(await c.run('undo', c.P, '--actor', 'ann'), /undid #2 batch/);
    assert.doesNotMatch(await c.run('documents', c.P), /int-01|fg-01/, 'one undo takes back the whole import');
    await c.run('redo', c.P, '--actor', 'ann');
    assert.match(await c.run('documents', c.P), /int-01-teams\.vtt[\s\S]*fg-01\.srt/);
  } finally {
    c.cleanup();
  }
});

test('CLI: a failed import-qdpx leaves no project file behind', async () => {
  const c = await cli();
  try {
    const bad = join(c.dir, 'broken.qdpx');
    writeFileSync(bad, 'PK\u0003\u0004 not really a zip');
    await c.fail('import-qdpx', bad, join(c.dir, 'copy.sqlite'));
    assert.deepEqual(readdirSync(c.dir), ['broken.qdpx']);
    // a valid archive whose codings point at a missing document fails inside the import: still nothing left
    await c.run('init', c.P);
    await c.run('import', c.P, join(EX, 'int-01-teams.vtt'), '--speakers', join(EX, 'speakers.csv'));
    await c.run('codes', c.P, 'add', 'Support');
    await c.run('code', c.P, 'int-01-teams.vtt', '--code', 'Support', '--text', 'is good too.', '--coder', 'A');
    await c.run('export', c.P, '--qdpx', join(c.dir, 'ok.qdpx'));
    await c.fail('import-qdpx', join(c.dir, 'ok.qdpx'), c.P);
    assert.ok(existsSync(c.P), 'an existing project is never overwritten');
    assert.match(await c.run('import-qdpx', join(c.dir, 'ok.qdpx'), join(c.dir, 'copy.sqlite')), /1 documents, 1 codes, 1 segments/);
    assert.deepEqual(readdirSync(c.dir).filter((f) => f.startsWith('.') || f.includes('import-')), [], 'no temporary files');
  } finally {
    c.cleanup();
  }
});

test('CLI: delete documents, codes, segments, memos, themes and model parts; undo brings each back; history shows it', async () => {
  const c = await cli();
  const { run, fail, P } = c;
  try {
    await run('init', P);
    await run('participants', 'import', P, join(EX, 'participants.csv'), '--id', 'participant_id');
    await run('import', P, ...['int-01-teams.vtt', 'int-02-teams.vtt', 'int-03-zoom.vtt', 'int-04-teams.docx', 'fg-01.srt'].map((f) => join(EX, f)), '--speakers', join(EX, 'speakers.csv'), '--replacements', join(EX, 'replacements.csv'));
    await run('apply', P, join(EX, 'codings.json'), '--actor', 'ann');
    const codes = () => run('codes', P);
    assert.match(await codes(), /Career progression \(0\)\n {2}Limited places/);

    await run('codes', P, 'delete', 'Limited places', '--actor', 'ann');
    assert.doesNotMatch(await codes(), /Limited places/);
    assert.match(await fail('undo', P, '--actor', 'bob'), /bob has nothing to undo/);
    assert.match(await run('undo', P, '--actor', 'ann'), /undid #\d+ code\.delete/);
    assert.match(await codes(), /Limited places \(\d+\)/);
    await run('redo', P, '--actor', 'ann');
    await run('undo', P, '--actor', 'ann');

    const before = await codes();
    await run('codes', P, 'delete', 'Role clarity', '--keep-subcodes', '--actor', 'ann');
    assert.match(await codes(), /^Unclear boundaries/m, 'subcodes moved to the top level');
    await run('undo', P, '--actor', 'ann');
    assert.equal(await codes(), before);
    await run('codes', P, 'rename', 'Luck', 'Chance', '--actor', 'ann');
    assert.match(await codes(), /Chance/);
    await run('undo', P, '--actor', 'ann');

    const luck = async () => JSON.parse(await run('query', P, '--code', 'Luck', '--json')) as { segmentId: string; keyQuote: boolean }[];
    const segs = await luck();
    await run('segments', P, 'delete', segs[0].segmentId, segs[1].segmentId, '--actor', 'ann');
    assert.equal((await luck()).length, segs.length - 2);
    await run('undo', P, '--actor', 'ann');
    assert.deepEqual(await luck(), segs, 'both back, as they were');
    await run('segments', P, 'key-quote', segs[0].segmentId, '--actor', 'ann');
    assert.equal((await luck())[0].keyQuote, true);

    await run('memo', P, '--on', 'code:Luck', '--text', 'chance, not merit', '--actor', 'ann');
    const memoId = /\[([^\]]+)\]\n {2}chance, not merit/.exec(await run('memo', P))![1];
    await run('memo', P, '--edit', memoId, '--text', 'luck, not merit', '--actor', 'ann');
    assert.match(await run('memo', P), /luck, not merit/);
    await run('memo', P, '--delete', memoId, '--actor', 'ann');
    assert.doesNotMatch(await run('memo', P), /not merit/);
    await run('undo', P, '--actor', 'ann');
    assert.match(await run('memo', P), /luck, not merit/);

    await run('themes', P, 'unlink', 'Stuck in place', '--codes', 'Limited places', '--actor', 'ann');
    await run('themes', P, 'delete', 'Working in the gaps', '--actor', 'ann');
    assert.doesNotMatch(await run('themes', P), /Working in the gaps|Stuck in place/, 'subthemes deleted with it');
    await run('undo', P, '--actor', 'ann');
    assert.match(await run('themes', P), /Working in the gaps[\s\S]*Stuck in place/);

    const model = () => run('model', P, '--json');
    const m = JSON.parse(await model());
    const [first] = m.relationships;
    const name = (id: string) => m.categories.find((x: { id: string }) => x.id === id).name;
    await run('model', P, 'unrelate', name(first.from), name(first.to), '--actor', 'ann');
    assert.equal(JSON.parse(await model()).relationships.length, m.relationships.length - 1);
    await run('model', P, 'delete-phase', m.phases[0].name, '--actor', 'ann');
    await run('model', P, 'unlink', m.categories[0].name, '--codes', m.categories[0].codes[0], '--actor', 'ann');
    await run('model', P, 'delete-category', m.categories[0].name, '--actor', 'ann');
    for (let i = 0; i < 4; i++) await run('undo', P, '--actor', 'ann');
    assert.deepEqual(JSON.parse(await model()), m);

    await run('documents', P, 'delete', 'int-02-teams.vtt', '--actor', 'ann');
    assert.doesNotMatch(await run('documents', P), /int-02/);
    await run('undo', P, '--actor', 'ann');
    assert.match(await run('documents', P), /int-02-teams\.vtt/);

    const history = await run('history', P, '--limit', '3');
    assert.match(history, /#\s+when\s+who\s+command\s+affected\s+state/);
    assert.match(history, /ann\s+undo #\d+/);
    assert.match(await run('history', P), /code\.delete\s+\d+\s+undone \(redo possible\)|code\.delete\s+\d+\s+undone/);
    assert.ok(!(await run('history', P, '--json')).includes('Priya'), 'no original in the audit log');
  } finally {
    c.cleanup();
  }
});

test('CLI: qual themes move THEME [--parent P|--root] [--position N] reorders and nests; errors name the flags; undo', async () => {
  const c = await cli();
  const { run, fail, P } = c;
  try {
    await run('init', P);
    for (const n of ['Workload', 'Support', 'Meaning']) await run('themes', P, 'add', n);
    await run('themes', P, 'add', 'Peers', '--parent', 'Support');
    assert.equal(await run('themes', P, 'move', 'Meaning', '--position', '0'), 'moved Meaning to position 0 of the top level\n');
    assert.equal(await run('themes', P), 'Meaning (theme)\nWorkload (theme)\nSupport (theme)\n  Peers (subtheme)\n');
    assert.equal(await run('themes', P, 'move', 'Workload', '--parent', 'Support', '--position', '1'), 'moved Workload to position 1 of Support\n');
    assert.equal(await run('themes', P), 'Meaning (theme)\nSupport (theme)\n  Peers (subtheme)\n  Workload (theme)\n');
    await run('themes', P, 'move', 'Peers', '--root');
    assert.equal(await run('themes', P), 'Meaning (theme)\nSupport (theme)\n  Workload (theme)\nPeers (subtheme)\n');
    assert.match(await fail('themes', P, 'move', 'Peers', '--position', '9'), /field "--position": .*\(value "9"\)\. Give a position from 0 \(first\) to 2 \(last\)/);
    assert.match(await fail('themes', P, 'move', 'Support', '--parent', 'Workload'), /field "--parent": a theme cannot move under itself/);
    await run('undo', P);
    await run('undo', P);
    assert.equal(await run('themes', P), 'Meaning (theme)\nWorkload (theme)\nSupport (theme)\n  Peers (subtheme)\n');
  } finally {
    c.cleanup();
  }
});
