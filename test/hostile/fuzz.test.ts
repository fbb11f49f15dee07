/**
 * Fuzzing each parser a user's file reaches (issue 17): CSV, WebVTT / SRT / plain text, Word .docx, SPSS .sav and
 * .zsav, Excel .xlsx, REFI-QDA project XML and .qdpx archives. Seeded (the same inputs every run) and bounded in
 * number and size: real files of each kind mutated (bytes flipped, cut, repeated, spliced in) and, for the text
 * formats, text built from the format's own pieces. Each call either reads the file or refuses it with a
 * StaffwellError (the CLI's exit 1 with a message), never another exception (the CLI's exit 70); memory stays
 * bounded; a transcript import that fails leaves the project as it was.
 *
 * A failure prints fast-check's shrunk counterexample and its seed; `FUZZ_RUNS=2000` runs more of the same.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { isStaffwellError } from '../../src/errors.ts';
import { readCsv } from '../../src/data/csv.ts';
import { readSavBytes } from '../../src/data/sav.ts';
import { readXlsx } from '../../src/data/xlsx.ts';
import { writeXlsx } from '../../src/qual/exports.ts';
import { importTranscript } from '../../src/qual/import-transcript.ts';
import { parseTranscript } from '../../src/qual/transcripts/index.ts';
import { importQde, importQdpx } from '../../src/refi/import.ts';
import { ZipArchive } from '../../src/io/zip-reader.ts';
import { runQualDemo } from '../../src/demo/qual-demo.ts';
import { openQualProject } from '../../src/services/qual-project.ts';
import { qualExportQdpx } from '../../src/services/qual-export.ts';
import { tempProject } from '../qual/qual-helpers.ts';

const ROOT = new URL('../../', import.meta.url);
const bytesOf = (path: string) => new Uint8Array(readFileSync(new URL(path, ROOT)));
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SEED = 20261204;
const params = (runs = RUNS) => ({ seed: SEED, numRuns: runs, endOnFailure: true });
const dir = mkdtempSync(join(tmpdir(), 'staffwell-fuzz-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

/** Reads or refuses: a StaffwellError is a refusal (what the CLI prints with exit 1); anything else is a bug. */
async function readsOrRefuses(what: string, run: () => unknown): Promise<'read' | 'refused'> {
  try {
    await run();
    return 'read';
  } catch (e) {
    if (isStaffwellError(e)) {
      assert.ok(e.message.length > 0 && !/undefined|\[object /.test(e.message), `${what}: a readable message, not "${e.message}"`);
      return 'refused';
    }
    throw new Error(`${what}: an internal error, not a message: ${(e as Error)?.stack ?? String(e)}`);
  }
}

type Mutation = { kind: 'flip' | 'cut' | 'delete' | 'repeat' | 'insert' | 'byte'; at: number; len: number; value: number };
const mutation = fc.record({
  kind: fc.constantFrom<Mutation['kind']>('flip', 'cut', 'delete', 'repeat', 'insert', 'byte'),
  at: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x),
  len: fc.integer({ min: 1, max: 64 }),
  value: fc.integer({ min: 0, max: 255 }),
}) as fc.Arbitrary<Mutation>;

/** `base` with 1-4 mutations: the damage a real file suffers (a cut download, a bad sector, an edit by hand). */
function mutated(base: Uint8Array): fc.Arbitrary<Uint8Array> {
  return fc.array(mutation, { minLength: 1, maxLength: 4 }).map((ms) => {
    let b = base;
    for (const m of ms) {
      const at = Math.floor(m.at * b.length);
      if (m.kind === 'flip' && b.length > 0) (b = b.slice())[Math.min(at, b.length - 1)] ^= 1 << m.value % 8;
      else if (m.kind === 'byte' && b.length > 0) (b = b.slice())[Math.min(at, b.length - 1)] = m.value;
      else if (m.kind === 'cut') b = b.slice(0, at);
      else if (m.kind === 'delete') b = concat(b.subarray(0, at), b.subarray(at + m.len));
      else if (m.kind === 'repeat') b = concat(b.subarray(0, at + m.len), b.subarray(at));
      else if (m.kind === 'insert') b = concat(b.subarray(0, at), new Uint8Array(m.len).fill(m.value), b.subarray(at));
    }
    return b;
  });
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) (out.set(p, o), (o += p.length));
  return out;
}

/** Text made of a format's own pieces (so the parser gets past its first check), with arbitrary text between. */
function piecesOf(pieces: readonly string[]): fc.Arbitrary<string> {
  return fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 6 })), { maxLength: 40 }).map((xs) => xs.join(''));
}
const enc = (s: string) => new TextEncoder().encode(s);

/** Both outcomes seen (else the inputs tested one path only); the counts go in the test's output. */
function seen(t: test.TestContext, tally: { read: number; refused: number }, bothNeeded = true): void {
  t.diagnostic(`${tally.read} read, ${tally.refused} refused with a message`);
  assert.ok(tally.refused > 0 && (!bothNeeded || tally.read > 0), `both outcomes seen (${JSON.stringify(tally)})`);
}

test('fuzz: transcripts (.vtt, .srt, .txt, .docx) are read or refused with a message', async (t) => {
  const files = {
    vtt: bytesOf('examples/qual/int-01-teams.vtt'),
    srt: bytesOf('examples/qual/fg-01.srt'),
    docx: bytesOf('examples/qual/int-04-teams.docx'),
  };
  const tally = { read: 0, refused: 0 };
  for (const [ext, base] of Object.entries(files)) {
    await fc.assert(
      fc.asyncProperty(mutated(base), async (bytes) => {
        tally[await readsOrRefuses(`mutated .${ext}`, () => parseTranscript({ name: `fuzz.${ext}`, bytes }))]++;
      }),
      params(),
    );
  }
  const vttPieces = ['WEBVTT', '\n', '\n\n', '\r\n', '00:00:01.000 --> 00:00:04.000', '00:00:05,000 --> 00:00:02,000', '-->', '<v Ann>', '</v>', '<v >', 'NOTE ', 'STYLE', 'Ann: ', '&amp;', '&#0;', '\u0000', '\ufeff', '99:99:99.999', '1\n'];
  for (const ext of ['vtt', 'srt', 'txt']) {
    await fc.assert(
      fc.asyncProperty(piecesOf(vttPieces), async (text) => {
        tally[await readsOrRefuses(`built .${ext}`, () => parseTranscript({ name: `fuzz.${ext}`, bytes: enc(text) }))]++;
      }),
      params(),
    );
  }
  seen(t, tally);
});

test('fuzz: a transcript import that fails leaves the project as it was', async () => {
  const t = await tempProject();
  try {
    const base = bytesOf('examples/qual/int-01-teams.vtt');
    const before = async () => JSON.stringify([await t.project.store.listDocuments(), (await t.project.history({})).length, await t.project.store.listParticipants()]);
    let failed = 0;
    await fc.assert(
      fc.asyncProperty(mutated(base), async (bytes) => {
        const was = await before();
        const r = await readsOrRefuses('import of a mutated .vtt', () => importTranscript(t.session, { name: 'int-01-teams.vtt', bytes }, { speakers: { 'Sam Okafor': 'interviewer', 'Dana Whitfield': 'P01' } }));
        if (r === 'refused') {
          failed++;
          assert.equal(await before(), was, 'nothing written by the failed import');
        }
      }),
      params(Math.min(RUNS, 60)),
    );
    assert.ok(failed > 0, 'some imports failed (else this tested nothing)');
  } finally {
    t.cleanup();
  }
});

test('fuzz: CSV files are read or refused with a message', async (t) => {
  const survey = readFileSync(new URL('examples/demo-survey.csv', ROOT), 'utf8').split('\n').slice(0, 40).join('\n');
  const file = join(dir, 'fuzz.csv');
  const tally = { read: 0, refused: 0 };
  const check = async (bytes: Uint8Array, what: string) => {
    writeFileSync(file, bytes);
    tally[await readsOrRefuses(what, () => readCsv(file, { missing: { all: ['-99'] } }))]++;
  };
  await fc.assert(fc.asyncProperty(mutated(enc(survey)), (b) => check(b, 'mutated CSV')), params());
  const csvPieces = ['id,a,b\n', ',', ';', '\t', '"', '""', '\n', '\r\n', '\r', '1', '-99', 'NA', '1e308', '-0', '3.5', 'x', '\ufeff', '\u0000', '\u00e9', '\ud800'];
  await fc.assert(fc.asyncProperty(piecesOf(csvPieces), (s) => check(enc(s), 'built CSV')), params());
  seen(t, tally);
});

test('fuzz: SPSS .sav and .zsav files are read or refused with a message', async (t) => {
  const tally = { read: 0, refused: 0 };
  for (const name of ['haven-byte.sav', 'pspp-compressed.sav', 'haven-zsav.zsav']) {
    const base = bytesOf(`test/fixtures/sav/${name}`);
    await fc.assert(
      fc.asyncProperty(mutated(base), async (bytes) => {
        tally[await readsOrRefuses(`mutated ${name}`, () => readSavBytes(bytes, name))]++;
      }),
      params(),
    );
  }
  seen(t, tally);
});

test('fuzz: Excel .xlsx workbooks are read or refused with a message', async (t) => {
  const good = join(dir, 'good.xlsx');
  await writeXlsx(good, [{ name: 'Survey', rows: [['id', 'ghq_1', 'site'], ['S1', '2', 'Site A'], ['S2', '-99', 'Site B'], ['S3', '', '=1+1']] }]);
  const base = new Uint8Array(readFileSync(good));
  const file = join(dir, 'fuzz.xlsx');
  const tally = { read: 0, refused: 0 };
  await fc.assert(
    fc.asyncProperty(mutated(base), async (bytes) => {
      writeFileSync(file, bytes);
      tally[await readsOrRefuses('mutated .xlsx', () => readXlsx(file))]++;
    }),
    params(),
  );
  seen(t, tally, false);
});

test('fuzz: REFI-QDA project XML and .qdpx archives are imported or refused with a message', { timeout: 300_000 }, async (t) => {
  const out = join(dir, 'demo');
  const demo = await runQualDemo({ outDir: out, log: () => undefined });
  const project = openQualProject({ path: demo.project });
  let qdpx: Uint8Array;
  try {
    qdpx = await qualExportQdpx(project, { exportedAt: '2026-12-04T00:00:00Z' });
  } finally {
    project.close();
  }
  const archive = new ZipArchive(qdpx, 'demo.qdpx');
  const qde = archive.text('project.qde');
  const sources = new Map(archive.names().filter((n) => n !== 'project.qde').map((n) => [n, archive.read(n)]));
  const tally = { read: 0, refused: 0 };
  // the XML of a real export, damaged (short runs: each import of the demo's 5 documents is a few ms)
  await fc.assert(
    fc.asyncProperty(mutated(enc(qde)), async (bytes) => {
      tally[await readsOrRefuses('mutated project.qde', () => importQde(new TextDecoder().decode(bytes), sources))]++;
    }),
    params(Math.min(RUNS, 100)),
  );
  // XML built from the standard's pieces
  const xmlPieces = ['<?xml version="1.0"?>', '<Project name="p" xmlns="urn:QDA-XML:project:1.0">', '</Project>', '<CodeBook><Codes>', '</Codes></CodeBook>', '<Code guid="a" name="x" isCodable="true">', '</Code>', '<Sources>', '</Sources>', '<TextSource guid="b" name="d" plainTextPath="internal://b.txt">', '</TextSource>', '<PlainTextSelection guid="c" startPosition="0" endPosition="5">', '</PlainTextSelection>', '<Coding guid="d"><CodeRef targetGUID="a"/></Coding>', '<!DOCTYPE x [<!ENTITY e "x">]>', '&e;', '&amp;', '<![CDATA[', ']]>', '"', '<', '>'];
  await fc.assert(
    fc.asyncProperty(piecesOf(xmlPieces), async (xml) => {
      tally[await readsOrRefuses('built project XML', () => importQde(xml, sources))]++;
    }),
    params(),
  );
  // the archive itself, damaged
  await fc.assert(
    fc.asyncProperty(mutated(qdpx), async (bytes) => {
      tally[await readsOrRefuses('mutated .qdpx', () => importQdpx(bytes, {}, 'fuzz.qdpx'))]++;
    }),
    params(Math.min(RUNS, 100)),
  );
  seen(t, tally);
});

test('fuzz: memory stays bounded over all of it', () => {
  const rss = process.memoryUsage().rss / 2 ** 20;
  assert.ok(rss < 1024, `resident memory after the fuzzing: ${rss.toFixed(0)} MB (bound 1024 MB)`);
});
