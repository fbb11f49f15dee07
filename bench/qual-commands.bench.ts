/**
 * Latency of single coding actions (a script, not a test): what a user waits for after a click.
 *
 *   node --import tsx bench/qual-commands.bench.ts
 *
 * Builds a project of 50 documents × 50,000 characters with 5,000 segments, then times 200 each of: code a
 * segment, rename a code, undo, redo (median and 95th percentile, ms).
 */
import { tempProject } from '../test/qual/qual-helpers.ts';

const tp = await tempProject({ key: false });
try {
  const s = tp.session;
  const words = ['staff', 'rota', 'patients', 'team', 'shift', 'support', 'manager', 'ward', 'break', 'tired'];
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const codes: string[] = [];
  for (let c = 0; c < 30; c++) codes.push((await s.apply({ type: 'code.create', name: `Code ${c}` })).id);
  const docs: { id: string; length: number }[] = [];
  for (let d = 0; d < 50; d++) {
    let text = '';
    const turns = [];
    for (let k = 0; text.length < 50_000; k++) {
      if (text) text += '\n\n';
      const speaker = k % 2 ? 'P01' : 'Interviewer';
      text += `${speaker}: `;
      const start = text.length;
      for (let w = 0; w < 80; w++) text += words[Math.floor(rand() * words.length)] + ' ';
      turns.push({ speaker, participantId: speaker === 'P01' ? 'P01' : null, start, end: text.length, startMs: null, endMs: null });
    }
    const { id } = await s.apply({ type: 'document.import', document: { name: `doc-${d}.txt`, text, format: 'text' }, turns, redactions: [] });
    docs.push({ id, length: text.length });
  }
  await s.apply({
    type: 'batch',
    commands: Array.from({ length: 5000 }, (_, i) => {
      const d = docs[i % docs.length];
      const start = Math.floor(rand() * (d.length - 300));
      return { type: 'segment.create' as const, documentId: d.id, codeId: codes[i % codes.length], start, end: start + 50 + Math.floor(rand() * 200), coder: i % 2 ? 'A' : 'B' };
    }),
  });
  const time = async (label: string, n: number, fn: (i: number) => Promise<unknown>) => {
    const ms: number[] = [];
    for (let i = 0; i < n; i++) {
      const a = performance.now();
      await fn(i);
      ms.push(performance.now() - a);
    }
    ms.sort((x, y) => x - y);
    console.log(`${label.padEnd(22)} median ${ms[Math.floor(n / 2)].toFixed(2)} ms, p95 ${ms[Math.floor(n * 0.95)].toFixed(2)} ms`);
  };
  await time('segment.create', 200, (i) => {
    const d = docs[i % docs.length];
    return s.apply({ type: 'segment.create', documentId: d.id, codeId: codes[i % 30], start: 100 + i, end: 160 + i, coder: 'A' });
  });
  await time('code.update (rename)', 200, (i) => s.apply({ type: 'code.update', id: codes[i % 30], name: `Code ${i % 30} v${i}` }));
  await time('undo', 200, () => s.undo());
  await time('redo', 200, () => s.redo());
} finally {
  tp.cleanup();
}
