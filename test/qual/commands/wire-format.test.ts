/** Commands as the wire format: schema validation, the actor, the permission hook, subscribers and sequence numbers. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StaffwellError } from '../../../src/errors.ts';
import { parseCommand, type Command } from '../../../src/qual/commands/index.ts';
import type { CommandRecord } from '../../../src/qual/store/qual-store.ts';
import { tempProject } from '../qual-helpers.ts';

const fails = (code: string, message: RegExp) => (e: StaffwellError) => {
  assert.equal(e.code, code, e.message);
  assert.match(e.message, message);
  return true;
};

test('a command arriving as JSON is validated exactly as one built in TypeScript', async () => {
  const t = await tempProject();
  try {
    const json = JSON.parse(JSON.stringify({ type: 'code.create', name: 'Burnout', color: '#aa0000' }));
    const { id } = (await t.project.apply(json as Command, { actor: 'web' })) as { id: string };
    assert.equal((await t.project.store.getCode(id))?.name, 'Burnout');
    const bad = JSON.parse('{"type":"code.create","name":3}');
    await assert.rejects(t.project.apply(bad, { actor: 'web' }), fails('invalid-command', /^command "code\.create", field "name": expected a string \(value "3"\)\.$/));
    assert.equal((await t.project.store.listCodes()).length, 1, 'nothing written');
  } finally {
    t.cleanup();
  }
});

test('schema errors name the command, the field path and the value', () => {
  const cases: [unknown, string, RegExp][] = [
    [{ type: 'code.create' }, 'invalid-command', /command "code\.create", field "name": the field is missing \(expected a string\)/],
    [{ type: 'code.create', name: 'A', colour: 'red' }, 'invalid-command', /^command "code\.create": unknown field colour\. Remove "colour"\.$/],
    [{ type: 'segment.create', documentId: 'd', codeId: 'c', start: -1, end: 2, coder: 'A' }, 'invalid-command', /field "start": must be at least 0 \(value "-1"\)/],
    [{ type: 'segment.create', documentId: 'd', codeId: 'c', start: 1.5, end: 2, coder: 'A' }, 'invalid-command', /field "start": expected an int/],
    [{ type: 'memo.create', target: { kind: 'ward', id: 'x' }, text: 'x' }, 'invalid-command', /field "target\.kind"/],
    [{ type: 'theme.create', name: 'T', kind: 'major' }, 'invalid-command', /field "kind": expected one of "superordinate", "theme", "subtheme" \(value "major"\)/],
    [{ type: 'code.delete', id: 'c', segments: 'keep' }, 'invalid-command', /field "segments": expected one of "delete", "parent"/],
    [{ type: 'batch', commands: [{ type: 'code.create', name: 'A' }, { type: 'memo.create', target: { kind: 'project' } }] }, 'invalid-command', /command "batch › commands\[1\] "memo\.create"", field "text"/],
    [{ type: 'batch', commands: [{ type: 'batch', commands: [] }] }, 'invalid-command', /commands\[0\] "batch"", field "type": unknown command type/],
    [{ type: 'batch', commands: [{ type: 'undo' }] }, 'invalid-command', /unknown command type/],
    [{ type: 'code.explode' }, 'unsupported', /field "type": unknown command type \(value "code\.explode"\)\. Use one of: project\.rename, /],
    [null, 'invalid-command', /a command is an object with a "type"/],
    [[{ type: 'undo' }], 'invalid-command', /a command is an object/],
    [{ type: 'participant.upsert', id: 'P01', attributes: { band: { x: 1 } } }, 'invalid-command', /field "attributes\.band"/],
  ];
  for (const [input, code, message] of cases) assert.throws(() => parseCommand(input), fails(code, message), JSON.stringify(input));
  assert.deepEqual(parseCommand({ type: 'undo' }), { type: 'undo' });
});

test('the actor is part of every apply: none, or an empty one, is refused before anything runs', async () => {
  const t = await tempProject();
  try {
    const apply = t.project.apply.bind(t.project) as (c: unknown, o?: unknown) => Promise<unknown>;
    await assert.rejects(apply({ type: 'code.create', name: 'X' }), fails('invalid-option', /every command needs an actor/));
    await assert.rejects(apply({ type: 'code.create', name: 'X' }, { actor: ' ' }), fails('invalid-option', /actor/));
    await t.project.apply({ type: 'code.create', name: 'X' }, { actor: 'Zoë' });
    const [last] = await t.project.history({ descending: true, limit: 1 });
    assert.equal(last.actor, 'Zoë');
  } finally {
    t.cleanup();
  }
});

test('the permission hook runs before every command, inside batches and for undo and redo; a denial is its own error', async () => {
  const asked: string[] = [];
  const t = await tempProject({
    authorize: ({ actor, command, target }) => {
      asked.push(`${actor}:${command.type}${target ? `>${target.type}` : ''}`);
      if (actor === 'viewer') return { allow: false, reason: 'viewers can read only' };
      if (actor === 'coder' && command.type === 'code.delete') return { allow: false };
      if (actor === 'coder' && command.type === 'undo' && target?.type === 'code.create') return { allow: false, reason: 'coders cannot undo codebook changes' };
      return { allow: true };
    },
  });
  try {
    const coder = t.project.as('coder');
    const { id } = await coder.apply({ type: 'code.create', name: 'A' });
    await assert.rejects(t.project.as('viewer').apply({ type: 'code.create', name: 'B' }), fails('forbidden', /^command "code\.create": viewer may not run code\.create \(value "viewer"\)\. Viewers can read only\.$/));
    await assert.rejects(coder.apply({ type: 'batch', commands: [{ type: 'code.update', id, description: 'ok' }, { type: 'code.delete', id }] }), fails('forbidden', /coder may not run code\.delete/));
    assert.equal((await t.project.store.getCode(id))?.description, '', 'nothing of the batch ran');
    await assert.rejects(coder.undo(), fails('forbidden', /coder may not undo code\.create/));
    assert.ok(await t.project.store.getCode(id));
    assert.deepEqual(asked.slice(-6), ['coder:code.create', 'viewer:code.create', 'coder:batch', 'coder:code.update', 'coder:code.delete', 'coder:undo>code.create']);
  } finally {
    t.cleanup();
  }
});

test('subscribers hear every commit once, in order, with gap-free sequence numbers; commandsAfter gives what a client missed', async () => {
  const t = await tempProject();
  try {
    const heard: CommandRecord[] = [];
    const off = t.project.subscribe((r) => heard.push(r));
    const s = t.session;
    await Promise.all([
      s.apply({ type: 'code.create', name: 'A' }),
      s.apply({ type: 'code.create', name: 'B' }),
      s.apply({ type: 'code.create', name: 'A' }).catch(() => 'refused'),
      s.apply({ type: 'memo.create', target: { kind: 'project' }, text: 'm' }),
    ]);
    await s.undo();
    const seqs = heard.map((r) => r.seq);
    assert.deepEqual(seqs, [2, 3, 4, 5], 'the refused duplicate took no number');
    assert.deepEqual(heard.map((r) => r.type), ['code.create', 'code.create', 'memo.create', 'undo']);
    assert.equal(heard[3].targetSeq, 4);
    assert.deepEqual((await t.project.commandsAfter(3)).map((r) => r.seq), [4, 5]);
    assert.deepEqual((await t.project.commandsAfter(0, { limit: 2 })).map((r) => r.seq), [1, 2]);
    // a listener that throws does not break apply or the other listeners
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    const second: number[] = [];
    t.project.subscribe(() => {
      throw new Error('listener broke');
    });
    t.project.subscribe((r) => second.push(r.seq));
    await s.apply({ type: 'code.create', name: 'C' });
    off();
    await s.apply({ type: 'code.create', name: 'D' });
    await new Promise((r) => setImmediate(r));
    process.off('warning', onWarning);
    assert.deepEqual(second, [6, 7]);
    assert.deepEqual(heard.map((r) => r.seq), [2, 3, 4, 5, 6], 'unsubscribed');
    assert.ok(warnings.some((w) => /listener broke/.test(w)));
  } finally {
    t.cleanup();
  }
});

test('poll() delivers commits made by another process on the same file', async () => {
  const t = await tempProject();
  const { openProject } = await import('../../../src/qual/open-project.ts');
  const other = openProject(t.path, { keyPath: t.keyPath, newId: () => `other-${Math.random()}` });
  try {
    const heard: string[] = [];
    t.project.subscribe((r) => heard.push(`${r.actor}:${r.type}`));
    await other.apply({ type: 'code.create', name: 'From the CLI' }, { actor: 'cli' });
    assert.deepEqual(heard, []);
    await t.project.poll();
    assert.deepEqual(heard, ['cli:code.create']);
    assert.ok(await t.project.store.getCodeByName(null, 'From the CLI'), 'the store reads the other process’s commit');
  } finally {
    other.close();
    t.cleanup();
  }
});
