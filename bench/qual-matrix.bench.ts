/**
 * Interactive speed of the qualitative queries (a script, not a test):
 *
 *   node --import tsx bench/qual-matrix.bench.ts
 *
 * Generates a project of 200 documents × 50,000 characters with 20,000 coded segments in a temporary folder and
 * prints the time of each query (second of two runs); the target is under 200 ms each, for interactive use.
 */
import assert from 'node:assert/strict';
import { codeMatrix, cooccurrence } from '../src/qual/matrices.ts';
import { kwic, querySegments } from '../src/qual/queries.ts';
import type { SegmentRow, TurnRow } from '../src/qual/store/qual-store.ts';
import { placeInTurn } from '../src/qual/turns.ts';
import { tempProject } from '../test/qual/qual-helpers.ts';

const t = { diagnostic: (line: string) => console.log(line) };
{
  const tp = await tempProject({ key: false });
  try {
    const store = tp.project.store;
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const words = ['staff', 'rota', 'patients', 'team', 'shift', 'support', 'manager', 'ward', 'break', 'tired', 'scan', 'training', 'the', 'and', 'we', 'never', 'always'];
    const nCodes = 30;
    const t0 = performance.now();
    await store.transaction(async (tx) => {
      for (let s = 0; s < 5; s++) await tx.insertSite({ id: `site-${s}`, name: `Site ${s}`, description: '' });
      for (let p = 0; p < 40; p++) await tx.insertParticipant({ id: `P${String(p).padStart(2, '0')}`, siteId: `site-${p % 5}`, description: '' });
      for (let c = 0; c < nCodes; c++) {
        await tx.insertCode({ id: `code-${c}`, name: `Code ${c}`, parentId: c < 5 ? null : `code-${c % 5}`, description: '', color: null, codable: true, position: c, createdAt: '' });
      }
      await tx.insertCoder({ id: 'coder-a', name: 'A' });
      await tx.insertCoder({ id: 'coder-b', name: 'B' });
      for (let d = 0; d < 200; d++) {
        const id = `doc-${d}`;
        let text = '';
        const turns: TurnRow[] = [];
        for (let k = 0; text.length < 50_000; k++) {
          const speaker = k % 2 === 0 ? 'Interviewer' : `P${String((d + (k % 3)) % 40).padStart(2, '0')}`;
          if (text) text += '\n\n';
          text += `${speaker}: `;
          const start = text.length;
          let body = '';
          while (body.length < 480) body += words[Math.floor(rand() * words.length)] + ' ';
          text += body.trim();
          turns.push({ documentId: id, idx: k, speaker, participantId: speaker === 'Interviewer' ? null : speaker, start, end: text.length, startMs: null, endMs: null });
        }
        await tx.insertDocument({ id, name: `doc-${d}.vtt`, text, participantId: null, siteId: null, format: 'webvtt', interviewDate: null, position: d, description: '', createdAt: '', createdBy: '', length: text.length, attributes: {} });
        await tx.replaceTurns(id, turns);
        const segs: SegmentRow[] = [];
        for (let k = 0; k < 100; k++) {
          const turn = turns[1 + 2 * Math.floor(rand() * (turns.length / 2 - 1))];
          const start = turn.start + Math.floor(rand() * 200);
          const end = Math.min(turn.end, start + 20 + Math.floor(rand() * 200));
          segs.push({ id: `${id}-s${k}`, documentId: id, codeId: `code-${Math.floor(rand() * nCodes)}`, coderId: k % 2 ? 'coder-a' : 'coder-b', start, end, text: text.slice(start, end), ...placeInTurn(turns, null, start), keyQuote: false, anchored: true, createdAt: '' });
        }
        await tx.insertSegments(segs);
      }
    });
    t.diagnostic(`generated 200 documents, 20,000 segments in ${(performance.now() - t0).toFixed(0)} ms`);
    const time = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
      await fn(); // warm
      const a = performance.now();
      const r = await fn();
      const ms = performance.now() - a;
      t.diagnostic(`${label}: ${ms.toFixed(1)} ms`);
      return r;
    };
    const byP = await time('code × participant matrix', () => codeMatrix(store, { by: 'participants' }));
    let total = 0;
    for (const v of byP.counts) total += v;
    assert.equal(total, 20_000);
    await time('code × site matrix', () => codeMatrix(store, { by: 'sites' }));
    await time('framework matrix (text)', () => codeMatrix(store, { by: 'sites', text: true }));
    await time('co-occurrence (overlap)', () => cooccurrence(store, { scope: 'overlap' }));
    await time('co-occurrence (turn)', () => cooccurrence(store, { scope: 'turn' }));
    await time('segments of one code with subcodes', () => querySegments(store, { codeIds: ['code-1'] }));
    const hits = await time('KWIC "training" (first 1000)', () => kwic(store, 'training'));
    assert.equal(hits.length, 1000);
  } finally {
    tp.cleanup();
  }
}
