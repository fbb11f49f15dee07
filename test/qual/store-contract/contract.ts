/**
 * The conformance suite every `QualStore` implementation must pass (SQLite now; PostgreSQL later). It uses only
 * the store interfaces: nothing here may depend on a backend.
 *
 *     qualStoreContract('SqliteQualStore', factory)
 *
 * `factory.create({ key })` returns a new, empty store (with a key file, or its backend's equivalent, when `key`).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { StaffwellError } from '../../../src/errors.ts';
import type {
  CodeRow,
  DocumentRow,
  MemoRow,
  QualReader,
  QualStore,
  QualTransaction,
  RowChanges,
  SegmentRow,
  TextQuery,
} from '../../../src/qual/store/qual-store.ts';

export interface StoreFactory {
  create(options: { key: boolean }): Promise<{ store: QualStore; close(): void | Promise<void> }>;
}

const isError = (code: string) => (e: unknown) => (e as StaffwellError).code === code;
/** Any error: how a backend reports a broken constraint is its own. */
const anyError = (e: unknown) => e instanceof Error;

/** Astral characters, combining marks and right-to-left scripts, as they occur in real transcripts. */
export const UNICODE = {
  astral: 'Honestly 😩 exhausting, 𝒜-grade chaos',
  combining: 'Zoe\u0308 and Jose\u0301 covered', // decomposed: e + combining diaeresis / acute
  composed: 'Zoë and José covered',
  rtl: 'قال الممرض: نحن متعبون — אנחנו עייפים',
};

function code(id: string, name: string, parentId: string | null = null, position = 0): CodeRow {
  return { id, name, parentId, description: '', color: null, codable: true, position, createdAt: '2026-01-01T00:00:00.000Z' };
}

function doc(id: string, name: string, text: string, position: number, extra: Partial<DocumentRow> = {}): DocumentRow & { text: string } {
  return {
    id,
    name,
    text,
    participantId: null,
    siteId: null,
    format: 'text',
    interviewDate: null,
    position,
    description: '',
    createdAt: '2026-01-01T00:00:00.000Z',
    createdBy: 'tester',
    length: text.length,
    attributes: {},
    ...extra,
  };
}

function seg(id: string, documentId: string, codeId: string, start: number, end: number, text: string, extra: Partial<SegmentRow> = {}): SegmentRow {
  return { id, documentId, codeId, coderId: 'coder-a', start, end, text, participantId: null, turnIdx: null, keyQuote: false, anchored: true, createdAt: '2026-01-01T00:00:00.000Z', ...extra };
}

function memo(id: string, target: MemoRow['target'], text: string, createdAt = '2026-01-01T00:00:00.000Z'): MemoRow {
  return { id, target, title: '', text, author: 'tester', createdAt, updatedAt: createdAt };
}

function record(id: string, actor = 'tester', type = 'code.create') {
  return { id, at: '2026-01-01T00:00:00.000Z', actor, type, payload: { type, id }, affected: [id], state: null, targetSeq: null, changes: null };
}

async function mixedInfo(r: QualReader): Promise<Record<string, string | null>> {
  const displays = await r.getInfo('mixed.displays');
  const out: Record<string, string | null> = { link: await r.getInfo('mixed.link'), displays };
  for (const name of displays ? (JSON.parse(displays) as string[]) : []) out[name] = await r.getInfo(`mixed.display.${name}`);
  return out;
}

/** Everything a reader can see, as plain data (what undo must restore exactly). */
export async function dumpStore(r: QualReader): Promise<unknown> {
  const docs = await r.listDocuments();
  const out: Record<string, unknown> = {
    name: await r.getInfo('name'),
    // mixed-methods link and side-by-side displays (src/qual/commands/mixed.ts keeps them in the project info)
    mixed: await mixedInfo(r),
    coders: await r.listCoders(),
    sites: await r.listSites(),
    variables: await r.listVariables(),
    participants: await r.listParticipants(),
    cases: await r.listCases(),
    documents: await Promise.all(docs.map((d) => r.getDocument(d.id))),
    turns: await r.listTurns(),
    redactions: await r.listRedactions(),
    codes: await r.listCodes(),
    segments: await r.listSegments({ anchoredOnly: false }),
    memos: await r.listMemos(),
    themes: await r.listThemes(),
    themeCodes: await r.listThemeCodes(),
    categories: await r.listCategories(),
    categoryCodes: await r.listCategoryCodes(),
    properties: await r.listProperties(),
    relationships: await r.listRelationships(),
    phases: await r.listPhases(),
  };
  if (r.hasKey) {
    out.replacements = await r.listReplacements();
    out.originals = await Promise.all((await r.listOriginalDocumentIds()).map((id) => r.getOriginal(id)));
    out.speakerKey = await r.listSpeakerKey();
    out.participantNames = await r.listParticipantNames();
  }
  return out;
}

/** A small project: two documents, a code tree, segments, memos, a theme and a category with links. */
async function seed(tx: QualTransaction): Promise<void> {
  await tx.setInfo('name', 'contract');
  await tx.insertCoder({ id: 'coder-a', name: 'Asha' });
  await tx.insertSite({ id: 'site-n', name: 'North', description: '' });
  await tx.insertVariable({ id: 'v-band', name: 'band', type: 'integer', scope: 'participant', description: '' });
  await tx.insertParticipant({ id: 'P01', siteId: 'site-n', description: '' });
  await tx.setParticipantValue('P01', 'v-band', 4);
  await tx.insertDocument(doc('d1', 'int-P01.txt', 'P01: The rota changes every week and the team supports me.', 0, { participantId: 'P01' }));
  await tx.insertDocument(doc('d2', 'int-P02.txt', UNICODE.astral, 1));
  await tx.replaceTurns('d1', [{ documentId: 'd1', idx: 0, speaker: 'P01', participantId: 'P01', start: 5, end: 58, startMs: 0, endMs: 4000 }]);
  await tx.insertCode(code('c-work', 'Workload'));
  await tx.insertCode(code('c-rota', 'Rota', 'c-work', 0));
  await tx.insertCode(code('c-team', 'Team'));
  await tx.insertSegments([seg('s1', 'd1', 'c-rota', 5, 26, 'The rota changes every', { participantId: 'P01', turnIdx: 0 }), seg('s2', 'd1', 'c-team', 40, 57, 'team supports me', { participantId: 'P01', turnIdx: 0 })]);
  await tx.insertMemo(memo('m1', { kind: 'code', id: 'c-rota' }, 'rota memo'));
  await tx.insertMemo(memo('m2', { kind: 'project' }, 'project memo'));
  await tx.insertTheme({ id: 't1', name: 'Pressure', kind: 'theme', parentId: null, description: '', position: 0 });
  await tx.linkThemeCode('t1', 'c-work');
  await tx.insertCategory({ id: 'cat1', name: 'Coping', description: '' });
  await tx.linkCategoryCode('cat1', 'c-team');
}

export function qualStoreContract(name: string, factory: StoreFactory): void {
  const withStore = async (options: { key?: boolean; seed?: boolean }, fn: (store: QualStore) => Promise<void>) => {
    const s = await factory.create({ key: options.key ?? true });
    try {
      if (options.seed !== false) await s.store.transaction((tx) => seed(tx));
      await fn(s.store);
    } finally {
      await s.close();
    }
  };

  describe(`QualStore contract: ${name}`, () => {
    describe('transactions', () => {
      test('a reader outside an open transaction never sees its uncommitted rows', async () => {
        await withStore({}, async (store) => {
          let release!: () => void;
          const gate = new Promise<void>((r) => (release = r));
          let written!: () => void;
          const ready = new Promise<void>((r) => (written = r));
          const batch = store.transaction(async (tx) => {
            await tx.insertCode(code('ghost', 'Ghost'));
            await tx.upsertReplacement({ original: 'Sarah', replacement: '[colleague]', category: 'colleague', addedAt: '2026' });
            written();
            await gate;
            throw new Error('rolled back');
          });
          await ready;
          const codes = (await store.listCodes()).map((c) => c.id);
          const reps = await store.listReplacements();
          const snap = await store.read(async (r) => (await r.listCodes()).map((c) => c.id));
          release();
          await assert.rejects(batch, /rolled back/);
          assert.ok(!codes.includes('ghost'), 'the store saw an uncommitted code');
          assert.ok(!snap.includes('ghost'), 'a snapshot saw an uncommitted code');
          assert.deepEqual(reps, []);
        });
      });

      test('a transaction sees its own writes; they are visible to readers once it commits', async () => {
        await withStore({}, async (store) => {
          const r = await store.transaction(async (tx) => {
            await tx.insertCode(code('c-new', 'New'));
            assert.equal((await tx.getCode('c-new'))?.name, 'New');
            return 42;
          });
          assert.equal(r, 42);
          assert.equal((await store.getCode('c-new'))?.name, 'New');
        });
      });

      test('a failure rolls back every write of the transaction, in the project and the key file', async () => {
        await withStore({}, async (store) => {
          const before = await dumpStore(store);
          await assert.rejects(
            store.transaction(async (tx) => {
              await tx.insertCode(code('c-x', 'X'));
              await tx.deleteDocument('d1');
              await tx.upsertReplacement({ original: 'Priya', replacement: '[P01]', category: 'person', addedAt: '2026' });
              await tx.insertOriginal({ documentId: 'd2', sourceFile: 'x', originalText: 'y', importedAt: '2026', spans: [] });
              throw new Error('boom');
            }),
            /boom/,
          );
          assert.deepEqual(await dumpStore(store), before);
        });
      });

      test('a handle cannot be used once its transaction committed or rolled back', async () => {
        await withStore({ seed: false }, async (store) => {
          let kept!: QualTransaction;
          await store.transaction(async (tx) => {
            kept = tx;
          });
          await assert.rejects(async () => kept.insertCode(code('late', 'Late')));
          await assert.rejects(async () => kept.listCodes());
          await assert.rejects(store.transaction(async (tx) => {
            kept = tx;
            throw new Error('x');
          }));
          await assert.rejects(async () => kept.insertCode(code('late', 'Late')));
          assert.deepEqual(await store.listCodes(), []);
        });
      });

      test('transactions run one at a time in call order; the second sees what the first committed', async () => {
        await withStore({ seed: false }, async (store) => {
          const order: string[] = [];
          const a = store.transaction(async (tx) => {
            order.push('a:start');
            await tx.insertCode(code('a', 'A'));
            await new Promise((r) => setTimeout(r, 20));
            order.push('a:end');
          });
          const b = store.transaction(async (tx) => {
            order.push('b:start');
            assert.ok(await tx.getCode('a'), 'b runs after a committed');
            await tx.insertCode(code('b', 'B'));
            order.push('b:end');
          });
          const c = store.transaction(async () => {
            order.push('c');
            throw new Error('c fails');
          });
          const d = store.transaction(async () => void order.push('d'));
          await Promise.all([a, b, assert.rejects(c, /c fails/), d]);
          assert.deepEqual(order, ['a:start', 'a:end', 'b:start', 'b:end', 'c', 'd']);
          assert.deepEqual((await store.listCodes()).map((x) => x.id), ['a', 'b']);
        });
      });

      test('starting a transaction inside a transaction is refused (use the handle)', async () => {
        await withStore({ seed: false }, async (store) => {
          await assert.rejects(store.transaction(async () => store.transaction(async () => undefined)));
          await store.transaction(async (tx) => tx.insertCode(code('ok', 'Ok')));
          assert.equal((await store.listCodes()).length, 1);
        });
      });
    });

    describe('read snapshots and concurrent readers', () => {
      test('a snapshot does not see commits made while it runs', async () => {
        await withStore({}, async (store) => {
          let committed!: () => void;
          const done = new Promise<void>((r) => (committed = r));
          const view = store.read(async (r) => {
            const first = (await r.listCodes()).length;
            const firstReps = (await r.listReplacements()).length;
            await done;
            return { first, again: (await r.listCodes()).length, reps: (await r.listReplacements()).length, firstReps };
          });
          await store.transaction(async (tx) => {
            await tx.insertCode(code('late', 'Late'));
            await tx.upsertReplacement({ original: 'Priya', replacement: '[P01]', category: 'person', addedAt: '2026' });
          });
          committed();
          const v = await view;
          assert.equal(v.again, v.first);
          assert.equal(v.reps, v.firstReps);
          assert.equal((await store.listCodes()).length, v.first + 1);
        });
      });

      test('many concurrent readers and snapshots alongside writers all see committed states only', async () => {
        await withStore({}, async (store) => {
          const writes = Array.from({ length: 5 }, (_, i) => store.transaction((tx) => tx.insertCode(code(`w${i}`, `W${i}`))));
          const reads = Array.from({ length: 12 }, (_, i) =>
            i % 2 === 0
              ? store.read(async (r) => {
                  const a = await r.listCodes();
                  await new Promise((res) => setTimeout(res, 2));
                  const b = await r.listCodes();
                  assert.deepEqual(b, a, 'a snapshot changed under a reader');
                  return a.length;
                })
              : store.listCodes().then((c) => c.length),
          );
          const counts = await Promise.all(reads);
          await Promise.all(writes);
          for (const n of counts) assert.ok(n >= 3 && n <= 8, `saw ${n} codes`);
          assert.equal((await store.listCodes()).length, 8);
        });
      });
    });

    describe('audit log', () => {
      test('sequence numbers are gap-free and strictly increasing in commit order, even after a rollback', async () => {
        await withStore({ seed: false }, async (store) => {
          const seqs: number[] = [];
          seqs.push(await store.transaction((tx) => tx.recordCommand(record('r1'))));
          await assert.rejects(
            store.transaction(async (tx) => {
              await tx.recordCommand(record('r-lost'));
              throw new Error('x');
            }),
          );
          seqs.push(await store.transaction((tx) => tx.recordCommand(record('r2'))));
          const [a, b] = await Promise.all([
            store.transaction((tx) => tx.recordCommand(record('r3', 'ben'))),
            store.transaction((tx) => tx.recordCommand(record('r4', 'asha', 'memo.create'))),
          ]);
          seqs.push(a, b);
          assert.deepEqual(seqs, [1, 2, 3, 4]);
          assert.deepEqual((await store.listCommands()).map((c) => [c.seq, c.id]), [
            [1, 'r1'],
            [2, 'r2'],
            [3, 'r3'],
            [4, 'r4'],
          ]);
        });
      });

      test('listing: after a seq, by type or actor, newest first, limited; one by seq', async () => {
        await withStore({ seed: false }, async (store) => {
          await store.transaction(async (tx) => {
            await tx.recordCommand(record('a', 'asha'));
            await tx.recordCommand(record('b', 'ben', 'memo.create'));
            await tx.recordCommand(record('c', 'asha', 'memo.create'));
          });
          assert.deepEqual((await store.listCommands({ afterSeq: 1 })).map((c) => c.id), ['b', 'c']);
          assert.deepEqual((await store.listCommands({ type: 'memo.create' })).map((c) => c.id), ['b', 'c']);
          assert.deepEqual((await store.listCommands({ actor: 'asha' })).map((c) => c.id), ['a', 'c']);
          assert.deepEqual((await store.listCommands({ descending: true, limit: 2 })).map((c) => c.id), ['c', 'b']);
          const one = (await store.getCommand(2))!;
          assert.deepEqual({ ...one }, { seq: 2, id: 'b', at: '2026-01-01T00:00:00.000Z', actor: 'ben', type: 'memo.create', payload: { type: 'memo.create', id: 'b' }, affected: ['b'], state: null, targetSeq: null });
          assert.equal(await store.getCommand(99), null);
        });
      });

      test('undo bookkeeping: states, the actor’s last applied and last undone, discarding redo, undo/redo records', async () => {
        await withStore({ seed: false }, async (store) => {
          await store.transaction(async (tx) => {
            await tx.recordCommand({ ...record('a', 'asha'), state: 'applied' });
            await tx.recordCommand({ ...record('b', 'asha'), state: 'applied' });
            await tx.recordCommand({ ...record('c', 'ben'), state: 'applied' });
          });
          assert.equal((await store.lastApplied('asha'))?.id, 'b');
          assert.equal(await store.lastUndone('asha'), null);
          await store.transaction(async (tx) => {
            await tx.recordCommand({ ...record('u1', 'asha', 'undo'), targetSeq: 2 });
            await tx.setCommandState(2, 'undone');
            await tx.recordCommand({ ...record('u2', 'asha', 'undo'), targetSeq: 1 });
            await tx.setCommandState(1, 'undone');
          });
          assert.equal(await store.lastApplied('asha'), null);
          assert.equal((await store.lastUndone('asha'))?.id, 'a', 'the most recently undone');
          assert.equal((await store.lastApplied('ben'))?.id, 'c');
          assert.deepEqual((await store.listCommands({ targetSeq: 2 })).map((c) => c.id), ['u1']);
          await store.transaction((tx) => tx.discardUndone('asha'));
          assert.equal(await store.lastUndone('asha'), null);
          assert.deepEqual((await store.listCommands()).map((c) => c.state), ['discarded', 'discarded', 'applied', null, null]);
        });
      });

      test('a command’s row changes come back as recorded; key-file parts only with the key file', async () => {
        await withStore({}, async (store) => {
          const changes = await store.transaction(async (tx) => {
            await tx.insertCode(code('c-new', 'New'));
            await tx.upsertReplacement({ original: 'Priya', replacement: '[P01]', category: 'person', addedAt: '2026' });
            const c = await tx.rowChanges();
            await tx.recordCommand({ ...record('x'), state: 'applied', changes: c });
            const sensitive = { ...c, keyFileOnly: true };
            await tx.recordCommand({ ...record('y'), state: 'applied', changes: sensitive });
            return c;
          });
          await store.transaction(async (tx) => {
            assert.deepEqual(await tx.getCommandChanges(1), changes);
            assert.deepEqual(await tx.getCommandChanges(2), { ...changes, keyFileOnly: true });
            assert.equal(await tx.getCommandChanges(99), null);
          });
        });
      });

      test('payload, affected ids and actor keep every character', async () => {
        await withStore({ seed: false }, async (store) => {
          const payload = { type: 'memo.create', text: `${UNICODE.astral} ${UNICODE.combining} ${UNICODE.rtl}`, n: 1.5, nested: [null, true] };
          await store.transaction((tx) => tx.recordCommand({ ...record('u'), actor: 'Zoë 👩‍⚕️', payload, affected: ['𝒜', 'é'] }));
          const [r] = await store.listCommands();
          assert.deepEqual([r.actor, r.payload, r.affected], ['Zoë 👩‍⚕️', payload, ['𝒜', 'é']]);
        });
      });
    });

    describe('project rows', () => {
      test('info', async () => {
        await withStore({ seed: false }, async (store) => {
          assert.equal(await store.getInfo('name'), null);
          await store.transaction(async (tx) => {
            await tx.setInfo('name', 'A');
            await tx.setInfo('name', UNICODE.rtl);
          });
          assert.equal(await store.getInfo('name'), UNICODE.rtl);
        });
      });

      test('coders and sites: by id, by name, listed by name in code-point order', async () => {
        await withStore({ seed: false }, async (store) => {
          const names = ['😀 smile', 'Zed', '\uFFFD mark', 'é', 'Ábel', 'zed'];
          await store.transaction(async (tx) => {
            for (const [i, n] of names.entries()) {
              await tx.insertCoder({ id: `c${i}`, name: n });
              await tx.insertSite({ id: `s${i}`, name: n, description: UNICODE.rtl });
            }
          });
          const byCodePoint = [...names].sort((a, b) => (Array.from(a)[0].codePointAt(0)! - Array.from(b)[0].codePointAt(0)!) || (a < b ? -1 : 1));
          assert.deepEqual((await store.listCoders()).map((c) => c.name), byCodePoint);
          assert.deepEqual((await store.listSites()).map((c) => c.name), byCodePoint);
          assert.deepEqual(await store.getCoderByName('😀 smile'), { id: 'c0', name: '😀 smile' });
          assert.equal(await store.getCoderByName('zeD'), null, 'names are compared exactly');
          assert.deepEqual(await store.getSite('s3'), { id: 's3', name: 'é', description: UNICODE.rtl });
          assert.equal((await store.getSiteByName('Ábel'))?.id, 's4');
          assert.equal(await store.getSite('nope'), null);
          await assert.rejects(store.transaction((tx) => tx.insertSite({ id: 'dup', name: 'Zed', description: '' })));
        });
      });

      test('variables, participants and their typed attribute values', async () => {
        await withStore({ seed: false }, async (store) => {
          await store.transaction(async (tx) => {
            await tx.insertSite({ id: 'n', name: 'North', description: '' });
            await tx.insertVariable({ id: 'v1', name: 'role', type: 'text', scope: 'participant', description: '' });
            await tx.insertVariable({ id: 'v2', name: 'band', type: 'integer', scope: 'participant', description: '' });
            await tx.insertVariable({ id: 'v3', name: 'ee', type: 'float', scope: 'participant', description: '' });
            await tx.insertVariable({ id: 'v4', name: 'nights', type: 'boolean', scope: 'participant', description: '' });
            await tx.insertVariable({ id: 'v5', name: 'role', type: 'text', scope: 'document', description: '' });
            await tx.insertParticipant({ id: 'P02', siteId: null, description: '' });
            await tx.insertParticipant({ id: 'P01', siteId: 'n', description: 'first' });
            await tx.setParticipantValue('P01', 'v1', 'support worker');
            await tx.setParticipantValue('P01', 'v2', 3);
            await tx.setParticipantValue('P01', 'v3', 2.5);
            await tx.setParticipantValue('P01', 'v4', true);
            await tx.setParticipantValue('P02', 'v4', false);
            await tx.setParticipantValue('P02', 'v1', null);
            await tx.setParticipantValue('P01', 'v2', 4);
            await tx.updateParticipant('P02', { siteId: 'n' });
            await tx.updateParticipant('P01', { description: UNICODE.combining });
          });
          assert.deepEqual((await store.listVariables()).map((v) => v.id), ['v1', 'v2', 'v3', 'v4', 'v5']);
          assert.deepEqual((await store.listVariables('document')).map((v) => v.id), ['v5']);
          assert.equal((await store.getVariableByName('document', 'role'))?.id, 'v5');
          assert.equal((await store.getVariable('v3'))?.type, 'float');
          assert.equal(await store.getVariableByName('participant', 'nope'), null);
          const ps = await store.listParticipants();
          assert.deepEqual(ps.map((p) => p.id), ['P01', 'P02']);
          assert.deepEqual(ps[0], { id: 'P01', siteId: 'n', description: UNICODE.combining, attributes: { v1: 'support worker', v2: 4, v3: 2.5, v4: true } });
          assert.deepEqual(await store.getParticipant('P02'), { id: 'P02', siteId: 'n', description: '', attributes: { v4: false, v1: null } });
          assert.equal(await store.getParticipant('P09'), null);
          await assert.rejects(store.transaction((tx) => tx.insertParticipant({ id: 'P01', siteId: null, description: '' })));
        });
      });

      test('cases list their participants', async () => {
        await withStore({}, async (store) => {
          await store.transaction(async (tx) => {
            await tx.insertParticipant({ id: 'P00', siteId: null, description: '' });
            await tx.insertCase({ id: 'k2', name: 'Zeta', description: '', participantIds: ['P01'] });
            await tx.insertCase({ id: 'k1', name: 'Alpha', description: 'd', participantIds: ['P01', 'P00'] });
            await tx.addCaseParticipant('k2', 'P00');
            await tx.addCaseParticipant('k2', 'P00');
          });
          assert.deepEqual(await store.listCases(), [
            { id: 'k1', name: 'Alpha', description: 'd', participantIds: ['P00', 'P01'] },
            { id: 'k2', name: 'Zeta', description: '', participantIds: ['P00', 'P01'] },
          ]);
          assert.deepEqual(await store.getCase('k1'), { id: 'k1', name: 'Alpha', description: 'd', participantIds: ['P00', 'P01'] });
          assert.equal(await store.getCase('nope'), null);
        });
      });

      test('documents: by id with text, by name, by position; text edits; values; delete takes turns, spans and segments', async () => {
        await withStore({}, async (store) => {
          assert.equal(await store.nextDocumentPosition(), 2);
          await store.transaction(async (tx) => {
            await tx.insertVariable({ id: 'vd', name: 'mode', type: 'text', scope: 'document', description: '' });
            await tx.insertDocument(doc('d0', 'first.txt', UNICODE.rtl, -1, { attributes: { vd: 'video' } }));
            await tx.setDocumentValue('d1', 'vd', 'in person');
            await tx.updateDocumentText('d2', UNICODE.combining);
            await tx.replaceRedactions('d1', [
              { id: 'r2', documentId: 'd1', start: 30, end: 34, replacement: '[x]', category: 'other' },
              { id: 'r1', documentId: 'd1', start: 0, end: 3, replacement: 'P01', category: 'person' },
            ]);
          });
          assert.deepEqual((await store.listDocuments()).map((d) => [d.id, d.position]), [
            ['d0', -1],
            ['d1', 0],
            ['d2', 1],
          ]);
          const d2 = (await store.getDocument('d2'))!;
          assert.equal(d2.text, UNICODE.combining);
          assert.equal(d2.length, UNICODE.combining.length, 'length in UTF-16 code units');
          assert.equal((await store.getDocument('d0'))!.length, UNICODE.rtl.length);
          assert.deepEqual((await store.getDocumentByName('first.txt'))?.attributes, { vd: 'video' });
          assert.equal((await store.getDocumentByName('int-P01.txt'))?.participantId, 'P01');
          assert.equal(await store.getDocumentByName('nope'), null);
          assert.equal(await store.getDocument('nope'), null);
          assert.deepEqual((await store.listRedactions('d1')).map((r) => r.id), ['r1', 'r2']);
          assert.deepEqual((await store.listTurns()).map((t) => [t.documentId, t.idx]), [['d1', 0]]);
          await store.transaction((tx) => tx.deleteDocument('d1'));
          assert.deepEqual(await store.listTurns('d1'), []);
          assert.deepEqual(await store.listRedactions('d1'), []);
          assert.deepEqual(await store.listSegments({ documentIds: ['d1'], anchoredOnly: false }), []);
          assert.equal(await store.nextDocumentPosition(), 2);
          await assert.rejects(store.transaction((tx) => tx.insertDocument(doc('dx', 'first.txt', 'x', 5))), anyError, 'document names are unique');
        });
      });

      test('turns: replaced as a whole, listed by document and index', async () => {
        await withStore({}, async (store) => {
          await store.transaction(async (tx) => {
            await tx.replaceTurns('d2', [
              { documentId: 'd2', idx: 1, speaker: 'P02', participantId: null, start: 10, end: 20, startMs: null, endMs: null },
              { documentId: 'd2', idx: 0, speaker: 'Interviewer', participantId: null, start: 0, end: 9, startMs: 0, endMs: 900 },
            ]);
            await tx.replaceTurns('d1', []);
          });
          assert.deepEqual((await store.listTurns()).map((t) => [t.documentId, t.idx, t.speaker]), [
            ['d2', 0, 'Interviewer'],
            ['d2', 1, 'P02'],
          ]);
          assert.deepEqual((await store.listTurns('d2'))[0], { documentId: 'd2', idx: 0, speaker: 'Interviewer', participantId: null, start: 0, end: 9, startMs: 0, endMs: 900 });
        });
      });

      test('full-text search: terms, phrases, prefixes, all parts; case and diacritics ignored; follows edits', async () => {
        await withStore({}, async (store) => {
          await store.transaction(async (tx) => {
            await tx.insertDocument(doc('d3', 'fg.txt', `${UNICODE.composed}. The ROTA is kind. ${UNICODE.rtl}`, 2));
          });
          const q = (...parts: TextQuery['parts']) => store.searchDocuments({ parts });
          assert.deepEqual(await q({ kind: 'term', text: 'rota' }), ['d1', 'd3']);
          assert.deepEqual(await q({ kind: 'phrase', words: ['team', 'supports'] }), ['d1']);
          assert.deepEqual(await q({ kind: 'phrase', words: ['supports', 'team'] }), [], 'a phrase keeps its order');
          assert.deepEqual(await q({ kind: 'prefix', text: 'exhaust' }), ['d2']);
          assert.deepEqual(await q({ kind: 'phrase', words: ['team', 'supp'], prefix: true }), ['d1']);
          assert.deepEqual(await q({ kind: 'term', text: 'rota' }, { kind: 'term', text: 'kind' }), ['d3']);
          assert.deepEqual(await q({ kind: 'term', text: 'ZOE' }), ['d3'], 'diacritics and case are ignored');
          assert.deepEqual(await q({ kind: 'term', text: 'josé' }), ['d3']);
          assert.deepEqual(await q({ kind: 'term', text: 'متعبون' }), ['d3'], 'right-to-left words');
          assert.deepEqual(await q({ kind: 'term', text: '"rota" OR team' }), [], 'query text is never syntax');
          assert.deepEqual(await q({ kind: 'term', text: 'teamwork' }), []);
          await assert.rejects(q({ kind: 'term', text: '—' }), isError('invalid-option'));
          await assert.rejects(store.searchDocuments({ parts: [] }), isError('invalid-option'));
          await store.transaction(async (tx) => {
            await tx.updateDocumentText('d1', 'Nothing about shifts here.');
            await tx.deleteDocument('d3');
          });
          assert.deepEqual(await q({ kind: 'term', text: 'rota' }), []);
          assert.deepEqual(await q({ kind: 'term', text: 'shifts' }), ['d1']);
        });
      });

      test('codes: by id, by name at a level, in creation order, children by position; delete takes the subtree with it', async () => {
        await withStore({}, async (store) => {
          await store.transaction(async (tx) => {
            await tx.insertCode(code('c-staff', 'Staffing', 'c-work', 1));
            await tx.insertCode(code('c-rota2', 'Rota'));
            await tx.insertCode(code('c-first', 'Night shifts', 'c-work', 0));
            await tx.updateCode('c-team', { name: `Team ${UNICODE.astral}`, color: '#aa0000', codable: false, description: UNICODE.rtl });
          });
          assert.deepEqual((await store.listCodes()).map((c) => c.id), ['c-work', 'c-rota', 'c-team', 'c-staff', 'c-rota2', 'c-first']);
          assert.deepEqual((await store.listChildCodes('c-work')).map((c) => c.id), ['c-rota', 'c-first', 'c-staff']);
          assert.deepEqual((await store.listChildCodes(null)).map((c) => c.id), ['c-work', 'c-team', 'c-rota2']);
          assert.equal((await store.getCodeByName('c-work', 'Rota'))?.id, 'c-rota');
          assert.equal((await store.getCodeByName(null, 'Rota'))?.id, 'c-rota2');
          assert.equal(await store.getCodeByName(null, 'Staffing'), null);
          assert.deepEqual(await store.getCode('c-team'), { ...code('c-team', `Team ${UNICODE.astral}`), color: '#aa0000', codable: false, description: UNICODE.rtl });
          await assert.rejects(store.transaction((tx) => tx.insertCode(code('dup', 'Staffing', 'c-work'))), anyError, 'names are unique among siblings');
          await store.transaction((tx) => tx.deleteCode('c-work'));
          assert.deepEqual((await store.listCodes()).map((c) => c.id), ['c-team', 'c-rota2']);
          assert.deepEqual((await store.listSegments({ anchoredOnly: false })).map((s) => s.id), ['s2']);
          assert.deepEqual(await store.listThemeCodes(), []);
          assert.deepEqual(await store.listCategoryCodes(), [{ categoryId: 'cat1', codeId: 'c-team' }]);
        });
      });

      test('segments: stored as given, filtered, ordered by document, offset and creation; updated; deleted', async () => {
        await withStore({}, async (store) => {
          await store.transaction(async (tx) => {
            await tx.insertCoder({ id: 'coder-b', name: 'Ben' });
            await tx.insertSegments([
              seg('s3', 'd2', 'c-team', 0, 2, UNICODE.astral.slice(0, 2), { coderId: 'coder-b', keyQuote: true }),
              seg('s4', 'd1', 'c-team', 5, 26, 'The rota changes every', { coderId: 'coder-b' }),
              seg('s5', 'd1', 'c-rota', 5, 26, 'The rota changes every', { anchored: false }),
              seg('s6', 'd2', 'c-team', 9, 11, '😩', { participantId: 'P01', turnIdx: 3 }),
            ]);
            await tx.updateSegment('s6', { start: 9, end: 11, keyQuote: true, text: '😩' });
          });
          assert.deepEqual((await store.listSegments()).map((s) => s.id), ['s1', 's4', 's2', 's3', 's6']);
          assert.deepEqual((await store.listSegments({ anchoredOnly: false })).map((s) => s.id), ['s1', 's4', 's5', 's2', 's3', 's6']);
          assert.deepEqual((await store.listSegments({ coderIds: ['coder-b'] })).map((s) => s.id), ['s4', 's3']);
          assert.deepEqual((await store.listSegments({ codeIds: ['c-rota'], anchoredOnly: false })).map((s) => s.id), ['s1', 's5']);
          assert.deepEqual((await store.listSegments({ documentIds: ['d2'], ids: ['s6', 's1'] })).map((s) => s.id), ['s6']);
          assert.deepEqual((await store.listSegments({ ids: [] })), []);
          assert.deepEqual((await store.listSegments({ withText: false, ids: ['s1'] }))[0].text, '');
          assert.deepEqual(await store.getSegment('s6'), seg('s6', 'd2', 'c-team', 9, 11, '😩', { participantId: 'P01', turnIdx: 3, keyQuote: true }));
          assert.equal(UNICODE.astral.slice(9, 11), '😩', 'offsets are UTF-16 code units');
          assert.equal((await store.getSegment('s5'))?.anchored, false, 'getSegment finds unanchored segments');
          await store.transaction(async (tx) => {
            await tx.updateSegment('s4', { codeId: 'c-rota', anchored: false });
            await tx.deleteSegments(['s1', 's3', 'missing']);
          });
          assert.deepEqual((await store.listSegments({ codeIds: ['c-rota'], anchoredOnly: false })).map((s) => s.id), ['s4', 's5']);
          assert.equal(await store.getSegment('s1'), null);
          await assert.rejects(store.transaction((tx) => tx.insertSegments([seg('bad', 'nope', 'c-team', 0, 1, 'x')])), anyError, 'a segment needs its document');
        });
      });

      test('memos: by id, by target, in time order; text, title and target updated; deleted', async () => {
        await withStore({}, async (store) => {
          await store.transaction(async (tx) => {
            await tx.insertMemo(memo('m0', { kind: 'document', id: 'd1' }, UNICODE.rtl, '2025-12-31T00:00:00.000Z'));
            await tx.insertMemo(memo('m3', { kind: 'code', id: 'c-rota' }, 'second on rota'));
            await tx.updateMemo('m2', { title: 'T', text: UNICODE.combining, updatedAt: '2026-02-01T00:00:00.000Z' });
            await tx.updateMemo('m3', { target: { kind: 'theme', id: 't1' }, updatedAt: '2026-02-01T00:00:00.000Z' });
          });
          assert.deepEqual((await store.listMemos()).map((m) => m.id), ['m0', 'm1', 'm2', 'm3']);
          assert.deepEqual((await store.listMemos({ targetKind: 'code', targetId: 'c-rota' })).map((m) => m.id), ['m1']);
          assert.deepEqual((await store.listMemos({ targetKind: 'theme' })).map((m) => m.id), ['m3']);
          assert.deepEqual(await store.getMemo('m2'), { ...memo('m2', { kind: 'project' }, UNICODE.combining), title: 'T', updatedAt: '2026-02-01T00:00:00.000Z' });
          await store.transaction((tx) => tx.deleteMemo('m0'));
          assert.equal(await store.getMemo('m0'), null);
        });
      });

      test('themes: hierarchy, names unique at a level, links to codes, delete takes subthemes and links', async () => {
        await withStore({}, async (store) => {
          await store.transaction(async (tx) => {
            await tx.insertTheme({ id: 't2', name: 'Shifts', kind: 'subtheme', parentId: 't1', description: '', position: 1 });
            await tx.insertTheme({ id: 't3', name: UNICODE.rtl, kind: 'subtheme', parentId: 't1', description: '', position: 0 });
            await tx.insertTheme({ id: 't0', name: 'Support', kind: 'superordinate', parentId: null, description: '', position: 0 });
            await tx.linkThemeCode('t2', 'c-rota');
            await tx.linkThemeCode('t2', 'c-rota');
            await tx.linkThemeCode('t0', 'c-team');
            await tx.updateTheme('t0', { description: 'd', kind: 'theme' });
          });
          assert.deepEqual((await store.listThemes()).map((t) => t.id), ['t1', 't3', 't0', 't2']);
          assert.deepEqual((await store.listChildThemes('t1')).map((t) => t.id), ['t3', 't2']);
          assert.deepEqual((await store.listChildThemes(null)).map((t) => t.id), ['t1', 't0']);
          assert.equal((await store.getThemeByName('t1', UNICODE.rtl))?.id, 't3');
          assert.equal(await store.getThemeByName(null, 'Shifts'), null);
          assert.deepEqual(await store.getTheme('t0'), { id: 't0', name: 'Support', kind: 'theme', parentId: null, description: 'd', position: 0 });
          assert.deepEqual(await store.listThemeCodes({ themeId: 't2' }), [{ themeId: 't2', codeId: 'c-rota' }]);
          assert.deepEqual(await store.listThemeCodes({ codeId: 'c-team' }), [{ themeId: 't0', codeId: 'c-team' }]);
          await assert.rejects(store.transaction((tx) => tx.insertTheme({ id: 'x', name: 'Shifts', kind: 'theme', parentId: 't1', description: '', position: 2 })));
          await store.transaction(async (tx) => {
            await tx.unlinkThemeCode('t0', 'c-team');
            await tx.deleteTheme('t1');
          });
          assert.deepEqual((await store.listThemes()).map((t) => t.id), ['t0']);
          assert.deepEqual(await store.listThemeCodes(), []);
        });
      });

      test('grounded theory: categories, code links, properties, relationships, phases in order', async () => {
        await withStore({}, async (store) => {
          await store.transaction(async (tx) => {
            await tx.insertCategory({ id: 'cat2', name: 'Burnout', description: UNICODE.astral });
            await tx.linkCategoryCode('cat2', 'c-rota');
            await tx.insertProperty({ id: 'pr1', categoryId: 'cat2', name: 'frequency', dimensionLow: 'occasional', dimensionHigh: 'constant', description: '' });
            await tx.insertProperty({ id: 'pr2', categoryId: 'cat1', name: 'source', dimensionLow: 'peers', dimensionHigh: 'managers', description: '' });
            await tx.insertRelationship({ id: 'rel1', fromId: 'cat2', toId: 'cat1', type: 'leads to', note: UNICODE.rtl });
            await tx.insertRelationship({ id: 'rel2', fromId: 'cat1', toId: 'cat2', type: 'eases', note: '' });
            await tx.insertPhase({ id: 'ph2', name: 'Later', position: 1 });
            await tx.insertPhase({ id: 'ph1', name: 'Early', position: 0 });
            await tx.setPhaseCategory('ph1', 'cat2', 1);
            await tx.setPhaseCategory('ph1', 'cat1', 0);
            await tx.setPhaseCategory('ph2', 'cat1', 0);
            await tx.setPhaseCategory('ph1', 'cat2', -1);
          });
          assert.deepEqual((await store.listCategories()).map((c) => c.id), ['cat1', 'cat2']);
          assert.equal((await store.getCategoryByName('Burnout'))?.description, UNICODE.astral);
          assert.equal(await store.getCategory('nope'), null);
          assert.deepEqual(await store.listCategoryCodes({ categoryId: 'cat2' }), [{ categoryId: 'cat2', codeId: 'c-rota' }]);
          assert.deepEqual((await store.listProperties()).map((p) => p.id), ['pr1', 'pr2']);
          assert.deepEqual((await store.listProperties('cat1')).map((p) => p.id), ['pr2']);
          assert.deepEqual(await store.getRelationship('rel1'), { id: 'rel1', fromId: 'cat2', toId: 'cat1', type: 'leads to', note: UNICODE.rtl });
          assert.deepEqual(await store.listPhases(), [
            { id: 'ph1', name: 'Early', position: 0, categoryIds: ['cat2', 'cat1'] },
            { id: 'ph2', name: 'Later', position: 1, categoryIds: ['cat1'] },
          ]);
          assert.deepEqual(await store.getPhase('ph2'), { id: 'ph2', name: 'Later', position: 1, categoryIds: ['cat1'] });
          assert.equal((await store.getPhaseByName('Early'))?.id, 'ph1');
          await store.transaction(async (tx) => {
            await tx.unlinkCategoryCode('cat2', 'c-rota');
            await tx.clearPhaseCategories('ph2');
            await tx.deleteRelationship('rel2');
            await tx.deletePhase('ph1');
          });
          assert.deepEqual(await store.listCategoryCodes({ categoryId: 'cat2' }), []);
          assert.deepEqual(await store.listPhases(), [{ id: 'ph2', name: 'Later', position: 1, categoryIds: [] }]);
          assert.deepEqual((await store.listRelationships()).map((r) => r.id), ['rel1']);
          await store.transaction((tx) => tx.deleteCategory('cat2'));
          assert.deepEqual(await store.listRelationships(), []);
          assert.deepEqual((await store.listProperties()).map((p) => p.id), ['pr2']);
        });
      });
    });

    describe('key file', () => {
      test('without the key file, every key operation is refused with not-found', async () => {
        await withStore({ key: false }, async (store) => {
          assert.equal(store.hasKey, false);
          await assert.rejects(store.listReplacements(), isError('not-found'));
          await assert.rejects(store.getOriginal('d1'), isError('not-found'));
          await assert.rejects(store.listOriginalDocumentIds(), isError('not-found'));
          await assert.rejects(store.listSpeakerKey(), isError('not-found'));
          await assert.rejects(store.listParticipantNames(), isError('not-found'));
          await assert.rejects(store.transaction((tx) => tx.upsertReplacement({ original: 'A', replacement: 'B', category: '', addedAt: '' })), isError('not-found'));
          await assert.rejects(store.transaction((tx) => tx.setParticipantName('P01', 'Priya')), isError('not-found'));
          assert.ok((await store.listCodes()).length > 0, 'the project is usable without its key file');
        });
      });

      test('replacement list: longest original first (in characters), upserted, removed', async () => {
        await withStore({}, async (store) => {
          assert.equal(store.hasKey, true);
          await store.transaction(async (tx) => {
            for (const original of ['Sarah', 'Sarah Jones', '😩😩😩😩', 'Zoë', 'Ann']) await tx.upsertReplacement({ original, replacement: '[x]', category: 'person', addedAt: '2026' });
            await tx.upsertReplacement({ original: 'Ann', replacement: '[colleague]', category: 'colleague', addedAt: '2027' });
            await tx.deleteReplacement('Zoë');
          });
          const reps = await store.listReplacements();
          assert.deepEqual(reps.map((r) => r.original), ['Sarah Jones', 'Sarah', '😩😩😩😩', 'Ann']);
          assert.deepEqual(reps[3], { original: 'Ann', replacement: '[colleague]', category: 'colleague', addedAt: '2026' });
        });
      });

      test('originals with their spans, speaker key and participant names', async () => {
        await withStore({}, async (store) => {
          await store.transaction(async (tx) => {
            await tx.insertOriginal({
              documentId: 'd1',
              sourceFile: 'int-01.vtt',
              originalText: `Priya: ${UNICODE.combining}`,
              importedAt: '2026',
              spans: [{ redactionId: 'r2', originalStart: 7, originalEnd: 11, original: 'Zoe\u0308' }],
            });
            await tx.insertOriginalSpans('d1', [{ redactionId: 'r1', originalStart: 0, originalEnd: 5, original: 'Priya' }]);
            await tx.insertOriginal({ documentId: 'd2', sourceFile: 'b.srt', originalText: UNICODE.rtl, importedAt: '2026', spans: [] });
            await tx.insertSpeakerKey([
              { documentId: 'd1', displayName: 'Priya Raman', participantId: 'P01' },
              { documentId: 'd1', displayName: 'Helen Marsh', participantId: null },
              { documentId: 'd2', displayName: 'مريم', participantId: null },
            ]);
            await tx.setParticipantName('P01', 'Priya Raman');
            await tx.setParticipantName('P01', 'Priya R.');
          });
          const o = (await store.getOriginal('d1'))!;
          assert.equal(o.originalText, `Priya: ${UNICODE.combining}`);
          assert.deepEqual(o.spans.map((s) => s.redactionId), ['r1', 'r2']);
          assert.equal(o.originalText.slice(o.spans[1].originalStart, o.spans[1].originalEnd), 'Zoe\u0308');
          assert.deepEqual(await store.listOriginalDocumentIds(), ['d1', 'd2']);
          assert.deepEqual((await store.listSpeakerKey()).map((k) => k.displayName), ['Helen Marsh', 'Priya Raman', 'مريم']);
          assert.deepEqual(await store.listParticipantNames(), [{ participantId: 'P01', displayName: 'Priya R.' }]);
          await store.transaction((tx) => tx.deleteOriginal('d1'));
          assert.equal(await store.getOriginal('d1'), null);
          assert.deepEqual((await store.listSpeakerKey()).map((k) => k.documentId), ['d2']);
        });
      });
    });

    describe('row changes and revert (undo)', () => {
      const change = async (store: QualStore, fn: (tx: QualTransaction) => Promise<void>): Promise<RowChanges> =>
        store.transaction(async (tx) => {
          await fn(tx);
          return tx.rowChanges();
        });
      const revert = (store: QualStore, c: RowChanges) => store.transaction((tx) => tx.revertChanges(c));

      test('a transaction reports one change per row, cascades included; none for a no-op', async () => {
        await withStore({}, async (store) => {
          const none = await change(store, async (tx) => {
            await tx.updateCode('c-team', { name: 'Team' });
            await tx.insertCode(code('tmp', 'Tmp'));
            await tx.deleteCode('tmp');
          });
          assert.deepEqual(none, { project: [], key: [] });
          const c = await change(store, async (tx) => {
            await tx.deleteCode('c-work');
            await tx.upsertReplacement({ original: 'Priya', replacement: '[P01]', category: 'person', addedAt: '2026' });
          });
          assert.equal(c.project.length, 4, 'the code, its subcode, the subcode’s segment and the theme link');
          assert.equal(c.key.length, 1);
          assert.ok(c.project.every((r) => r.after === null && r.before !== null), 'all deletions');
        });
      });

      test('revert puts back inserted, updated and deleted rows exactly, in their old order, project and key file', async () => {
        await withStore({}, async (store) => {
          const before = await dumpStore(store);
          const c = await change(store, async (tx) => {
            await tx.deleteCode('c-work');
            await tx.updateDocumentText('d2', UNICODE.rtl);
            await tx.updateMemo('m2', { text: 'edited', updatedAt: '2027' });
            await tx.insertCode(code('c-new', `New ${UNICODE.astral}`));
            await tx.insertSegments([seg('s9', 'd2', 'c-new', 0, 2, 'ق')]);
            await tx.upsertReplacement({ original: 'Priya', replacement: '[P01]', category: 'person', addedAt: '2026' });
            await tx.insertOriginal({ documentId: 'd1', sourceFile: 'x', originalText: 'Priya', importedAt: '2026', spans: [] });
            await tx.setParticipantValue('P01', 'v-band', 5);
          });
          const after = await dumpStore(store);
          const back = await change(store, (tx) => tx.revertChanges(c));
          assert.deepEqual(await dumpStore(store), before);
          assert.deepEqual(await store.searchDocuments({ parts: [{ kind: 'term', text: 'exhausting' }] }), ['d2'], 'the search index follows');
          // the changes of a revert revert it in turn (redo)
          await revert(store, back);
          assert.deepEqual(await dumpStore(store), after);
        });
      });

      test('revert is refused, changing nothing, when a row was changed since', async () => {
        await withStore({}, async (store) => {
          const c = await change(store, (tx) => tx.updateCode('c-team', { name: 'Team A' }));
          await store.transaction((tx) => tx.updateCode('c-team', { name: 'Team B' }));
          const now = await dumpStore(store);
          await assert.rejects(revert(store, c), isError('conflict'));
          assert.deepEqual(await dumpStore(store), now);
        });
      });

      test('revert is refused when it would remove rows added later (a cascade) or break a reference', async () => {
        await withStore({}, async (store) => {
          const created = await change(store, (tx) => tx.insertCode(code('c-late', 'Late')));
          await store.transaction((tx) => tx.insertSegments([seg('s-late', 'd1', 'c-late', 0, 3, 'P01')]));
          const now = await dumpStore(store);
          await assert.rejects(revert(store, created), isError('conflict'));
          assert.deepEqual(await dumpStore(store), now);
          const coder = await change(store, (tx) => tx.insertCoder({ id: 'coder-z', name: 'Zed' }));
          await store.transaction((tx) => tx.insertSegments([seg('s-z', 'd1', 'c-team', 0, 3, 'P01', { coderId: 'coder-z' })]));
          await assert.rejects(revert(store, coder), isError('conflict'));
          const deleted = await change(store, (tx) => tx.deleteSegments(['s2']));
          await store.transaction((tx) => tx.deleteCode('c-team'));
          await assert.rejects(revert(store, deleted), isError('conflict'));
        });
      });
    });
  });
}
