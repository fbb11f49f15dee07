import test from 'node:test';
import assert from 'node:assert/strict';
import { createProgress } from '../../src/io/progress.ts';

function fakeStream(isTTY: boolean) {
  const out: string[] = [];
  return { stream: { isTTY, write: (s: string) => out.push(s) } as unknown as NodeJS.WriteStream, out };
}

test('progress: a quick run prints nothing', () => {
  const { stream, out } = fakeStream(false);
  let t = 0;
  const p = createProgress({ label: 'scan', total: 100, stream, now: () => t });
  t = 100;
  p.update(50);
  p.done();
  assert.deepEqual(out, []);
});

test('progress: without a TTY, plain lines at most every lineEveryMs, and a final line', () => {
  const { stream, out } = fakeStream(false);
  let t = 0;
  const p = createProgress({ label: 'scan', total: 200e6, unit: 'bytes', stream, now: () => t, delayMs: 700, lineEveryMs: 5000 });
  for (t = 0; t <= 12000; t += 100) p.update((t / 12000) * 200e6);
  p.done();
  assert.ok(out.length >= 3 && out.length <= 4, `lines: ${out.length}`);
  assert.ok(out.every((l) => l.endsWith('\n') && !l.includes('\r')));
  assert.match(out[out.length - 1], /^scan: 100% \(200\/200 MB, 12\.\d s\)\n$/);
});

test('progress: on a TTY, one bar redrawn in place', () => {
  const { stream, out } = fakeStream(true);
  let t = 0;
  const p = createProgress({ label: 'scan', total: 10, stream, now: () => t });
  t = 1000;
  p.update(5);
  p.done();
  assert.match(out[0], /^\rscan \[#{15}-{15}\]  50% 5\/10 1\.0 s$/);
  assert.ok(out[out.length - 1].endsWith('\n'));
});
