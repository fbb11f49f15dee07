import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteQualStore } from '../../../src/qual/store/sqlite-qual-store.ts';
import { qualStoreContract } from './contract.ts';

qualStoreContract('SqliteQualStore', {
  async create({ key }) {
    const dir = mkdtempSync(join(tmpdir(), 'staffwell-contract-'));
    const store = SqliteQualStore.open(join(dir, 'p.qual.sqlite'), { create: true, keyPath: key ? join(dir, 'p.qual.key.sqlite') : undefined });
    return {
      store,
      close() {
        store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
});
