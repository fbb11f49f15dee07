import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseTranscript, renderTranscript, type ParsedTranscript } from '../../../src/qual/transcripts/index.ts';
import { pseudonymise, type Replacement, type ReplacementCategory } from '../../../src/qual/pseudonymise.ts';
import { suggestNames } from '../../../src/qual/pseudonymise-suggest.ts';
import { readCsvRows } from './helpers.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const DEMO = join(ROOT, 'examples', 'qual');
const GOLDEN = join(ROOT, 'test', 'golden', 'qual');

const FILES: Record<string, { format: string; dialect: string }> = {
  'int-01-teams.vtt': { format: 'webvtt', dialect: 'teams' },
  'int-02-teams.vtt': { format: 'webvtt', dialect: 'teams' },
  'int-03-zoom.vtt': { format: 'webvtt', dialect: 'zoom' },
  'int-04-teams.docx': { format: 'docx', dialect: 'teams' },
  'fg-01.srt': { format: 'srt', dialect: 'prefixed' },
};

const speakers = readCsvRows(readFileSync(join(DEMO, 'speakers.csv'), 'utf8'));
const replacements: Replacement[] = readCsvRows(readFileSync(join(DEMO, 'replacements.csv'), 'utf8')).map((r) => ({
  original: r.original!,
  replacement: r.replacement!,
  category: r.category as ReplacementCategory,
}));
const participants = readCsvRows(readFileSync(join(DEMO, 'participants.csv'), 'utf8'));

async function load(file: string): Promise<ParsedTranscript> {
  return parseTranscript({ name: file, bytes: readFileSync(join(DEMO, file)) });
}

function labeller(file: string): (speaker: string | null) => string {
  const map = new Map(speakers.filter((s) => s.file === file).map((s) => [s.display_name!, s.participant_id === 'interviewer' ? 'Interviewer' : s.participant_id!]));
  return (speaker) => {
    if (speaker === null) return '';
    const label = map.get(speaker);
    assert.ok(label !== undefined, `${file}: speaker "${speaker}" is not in speakers.csv`);
    return label;
  };
}

/** Compares with a golden file; UPDATE_GOLDEN=1 rewrites it. */
function golden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, actual);
  assert.ok(existsSync(path), `golden ${name} is missing (run with UPDATE_GOLDEN=1 to create it)`);
  assert.equal(actual, readFileSync(path, 'utf8'), `golden ${name} (UPDATE_GOLDEN=1 to accept changes)`);
}

for (const [file, expected] of Object.entries(FILES)) {
  test(`demo ${file}: format, speakers as in speakers.csv, 15–40 turns, all speech rendered and pseudonymised`, async () => {
    const r = await load(file);
    assert.equal(r.format, expected.format);
    assert.equal(r.dialect, expected.dialect);
    assert.deepEqual(r.speakers, speakers.filter((s) => s.file === file).map((s) => s.display_name));
    assert.ok(r.turns.length >= 15 && r.turns.length <= 40, `${r.turns.length} turns`);
    assert.ok(r.turns.every((t) => t.speaker !== null && t.text.length > 0));
    if (file.endsWith('.docx')) assert.equal(r.warnings.length, 1); // the "started transcription" event
    else assert.deepEqual(r.warnings, []);

    const rendered = renderTranscript(r.turns, labeller(file));
    for (const [i, t] of rendered.turns.entries()) assert.equal(rendered.text.slice(t.start, t.end), r.turns[i]!.text);
    for (const s of speakers) assert.ok(!rendered.text.includes(s.display_name!), `display name ${s.display_name} in text`);

    const p = pseudonymise(rendered.text, replacements);
    for (const s of p.spans) assert.equal(rendered.text.slice(s.originalStart, s.originalEnd), s.original);
    for (const r2 of replacements) {
      assert.ok(!new RegExp(`(?<![\\p{L}])${r2.original.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'iu').test(p.text), `${r2.original} left in ${file}`);
    }
  });
}

test('demo participants.csv lists every participant id used in speakers.csv', () => {
  const ids = new Set(participants.map((p) => p.participant_id));
  for (const s of speakers) if (s.participant_id !== 'interviewer') assert.ok(ids.has(s.participant_id), s.participant_id);
});

test('golden: canonical and pseudonymised text of int-01-teams.vtt', async () => {
  const r = await load('int-01-teams.vtt');
  const rendered = renderTranscript(r.turns, labeller('int-01-teams.vtt'));
  golden('int-01-teams.rendered.txt', rendered.text + '\n');
  const turnTable = rendered.turns.map((t) => [t.speaker, t.start, t.end, t.startMs, t.endMs].join('\t')).join('\n');
  golden('int-01-teams.turns.tsv', 'speaker\tstart\tend\tstart_ms\tend_ms\n' + turnTable + '\n');
  const p = pseudonymise(rendered.text, replacements);
  golden('int-01-teams.pseudonymised.txt', p.text + '\n');
});

test('suggestions on the demo focus group and interviews find the names left off the list', async () => {
  const found = new Map<string, string>();
  for (const file of Object.keys(FILES)) {
    const r = await load(file);
    const text = renderTranscript(r.turns, labeller(file)).text;
    for (const s of suggestNames(text, replacements)) found.set(s.candidate, s.reason);
  }
  for (const name of ['Marcus', 'Bex', 'Amira', 'Joanne']) assert.equal(found.get(name), 'capitalised', name);
  assert.equal(found.get('Sara Jones'), 'near-known'); // misspelt in the focus group
  for (const listed of replacements) assert.ok(!found.has(listed.original), `${listed.original} is already listed`);
  for (const never of ['NHS', 'Interviewer', 'P01', 'Band', 'Yeah', 'So', 'March', 'WhatsApp']) assert.ok(!found.has(never), never);
});
