import assert from 'node:assert/strict';
import { StaffwellError } from '../../../src/errors.ts';
import { parseTranscript } from '../../../src/qual/transcripts/index.ts';
import type { ParsedTranscript, ParseTranscriptOptions } from '../../../src/qual/transcripts/index.ts';

export const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

export function parse(name: string, content: string | Uint8Array, options?: ParseTranscriptOptions): Promise<ParsedTranscript> {
  return parseTranscript({ name, bytes: typeof content === 'string' ? enc(content) : content }, options);
}

/** Asserts that parsing fails with a StaffwellError of code 'format' at `line`, whose message mentions `value`. */
export async function rejectsAt(name: string, content: string | Uint8Array, line: number | undefined, value?: string): Promise<StaffwellError> {
  let caught: unknown;
  try {
    await parse(name, content);
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof StaffwellError, `expected a StaffwellError, got ${String(caught)}`);
  assert.equal(caught.code, 'format');
  assert.equal(caught.location.file, name);
  assert.equal(caught.location.line, line, caught.message);
  if (value !== undefined) assert.ok(caught.message.includes(value), caught.message);
  assert.ok(caught.hint !== undefined && caught.hint.length > 0, 'a hint saying what to do');
  return caught;
}

/** Minimal CSV reader for the small demo tables (quoted fields with "" escapes; no embedded newlines). */
export function readCsvRows(text: string): Record<string, string>[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').filter((l) => l !== '');
  const split = (line: string): string[] => {
    const out: string[] = [];
    let cur = '';
    let q = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (q) {
        if (c === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (c === '"') q = false; else cur += c;
      } else if (c === '"') q = true;
      else if (c === ',') { out.push(cur); cur = ''; } else cur += c;
    }
    out.push(cur);
    return out;
  };
  const header = split(lines[0]!);
  return lines.slice(1).map((l) => {
    const cells = split(l);
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}
