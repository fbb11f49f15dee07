/** Buffered line-by-line writing of a generated benchmark file (1 MiB buffer), creating its folder. */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export function openLineWriter(path: string): { line(text: string): void; close(): void } {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'w');
  let buf = '';
  return {
    line(text) {
      buf += text + '\n';
      if (buf.length > 1 << 20) {
        writeSync(fd, buf);
        buf = '';
      }
    },
    close() {
      writeSync(fd, buf);
      closeSync(fd);
    },
  };
}
