import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tempProject } from './qual-helpers.ts';

// Issue 10's first bug: with one shared connection, a listCodes() running while a write batch was open saw a code
// the batch later rolled back. Reads outside a transaction now go to their own read-only connection (WAL).
test('a reader outside an open write batch never sees its uncommitted rows', async () => {
  const t = await tempProject();
  try {
    const store = t.project.store;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let inserted!: () => void;
    const ready = new Promise<void>((r) => (inserted = r));
    const batch = store.transaction(async (tx) => {
      await tx.insertCode({ id: 'ghost', name: 'Ghost', parentId: null, description: '', color: null, codable: true, position: 0, createdAt: '' });
      assert.deepEqual((await tx.listCodes()).map((c) => c.name), ['Ghost'], 'the batch sees its own row');
      inserted();
      await gate;
      throw new Error('the batch fails and rolls back');
    });
    await ready;
    const seen = (await store.listCodes()).map((c) => c.name);
    release();
    await assert.rejects(batch, /rolls back/);
    assert.deepEqual(seen, [], 'listCodes() during the open batch saw a code the batch later rolled back');
    assert.deepEqual((await store.listCodes()).map((c) => c.name), []);
  } finally {
    t.cleanup();
  }
});
