import assert from 'node:assert/strict';
import type { Command } from '../../../src/qual/commands/index.ts';
import { exportSnapshot } from '../../../src/qual/project-snapshot.ts';
import type { QualSession } from '../../../src/qual/project.ts';
import type { QualReader } from '../../../src/qual/store/qual-store.ts';
import { dumpStore } from '../store-contract/contract.ts';

/** The whole visible state of a project: the snapshot module's export plus every row a reader can list. */
export async function projectState(r: QualReader): Promise<unknown> {
  return { snapshot: await exportSnapshot(r), rows: await dumpStore(r) };
}

/**
 * Applies `command`, then checks undo, redo and undo again each give back the state before or after it exactly.
 * Returns the command's result.
 */
export async function roundTrip<C extends Command>(session: QualSession, command: C): Promise<unknown> {
  const store = session.store;
  const before = await store.read(projectState);
  const result = await session.apply(command);
  const after = await store.read(projectState);
  assert.notDeepEqual(after, before, `${command.type} changed nothing`);
  const undone = await session.undo();
  assert.equal(undone.type, command.type);
  assert.deepEqual(await store.read(projectState), before, `undo of ${command.type}`);
  await session.redo();
  assert.deepEqual(await store.read(projectState), after, `redo of ${command.type}`);
  await session.undo();
  assert.deepEqual(await store.read(projectState), before, `undo of the redo of ${command.type}`);
  await session.redo();
  return result;
}
