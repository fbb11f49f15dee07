/**
 * The qualitative demo, end to end: a project over the fictional study in examples/qual/ — participants, five
 * transcripts (Teams .vtt and .docx, Zoom .vtt, a focus-group .srt) imported with speaker mapping and
 * pseudonymisation (key file kept apart), names found by the suggestions added to the replacement list, coding by
 * two coders with some disagreement (examples/qual/codings.json: codes, segments, themes, a grounded-theory
 * model, memos), agreement, matrices, theme tables, saturation, and a REFI-QDA .qdpx export.
 *
 *     node --import tsx src/demo/qual-demo.ts [OUT_DIR]      (default: a new temp folder)
 *
 * `staffwell demo` calls `runQualDemo`.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { makeFolder } from '../io/make-folder.ts';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { applyCodings, type Codings } from '../qual/codings.ts';
import { segmentRows, writeRowsCsv, writeXlsx } from '../qual/exports.ts';
import { formatAgreement, formatImportReport, formatSaturation, formatThemeTable } from '../qual/format.ts';
import { groundedTheoryModel, modelToDot } from '../qual/grounded-theory.ts';
import { addReplacements, importTranscript, suggestReplacements } from '../qual/import-transcript.ts';
import { agreementReport } from '../qual/intercoder.ts';
import { codeMatrix, cooccurrence, matrixRows } from '../qual/matrices.ts';
import { readKeyCsv, readParticipantsCsv } from '../qual/participants-csv.ts';
import { createProject } from '../qual/open-project.ts';
import { sequentialIds, steppingClock } from '../qual/project.ts';
import { exportSnapshot } from '../qual/project-snapshot.ts';
import { querySegments } from '../qual/queries.ts';
import { saturationCurve } from '../qual/saturation.ts';
import { themeTable, themeTree } from '../qual/themes.ts';
import { exportQdpx } from '../refi/index.ts';

const EXAMPLES = resolve(dirname(fileURLToPath(import.meta.url)), '../../examples/qual');

export const DEMO_TRANSCRIPTS: readonly { file: string; date: string }[] = [
  { file: 'int-01-teams.vtt', date: '2026-03-02' },
  { file: 'int-02-teams.vtt', date: '2026-03-05' },
  { file: 'int-03-zoom.vtt', date: '2026-03-09' },
  { file: 'int-04-teams.docx', date: '2026-03-12' },
  { file: 'fg-01.srt', date: '2026-03-16' },
];

/** Names the demo confirms from the suggestions (a person reviews each in a real study). */
const CONFIRMED = [
  { original: 'Marcus', replacement: '[CT lead]', category: 'colleague' },
  { original: 'Bex', replacement: '[support worker colleague]', category: 'colleague' },
  { original: 'Amira', replacement: '[PWP colleague]', category: 'colleague' },
  { original: 'Joanne', replacement: '[P08]', category: 'person' },
  { original: 'Sara Jones', replacement: '[superintendent radiographer]', category: 'colleague' },
];

export interface QualDemoResult {
  outDir: string;
  project: string;
  keyFile: string;
  files: string[];
  documents: number;
  segments: number;
  kappa: { code: string; kappa: number }[];
}

export async function runQualDemo(options: { outDir?: string; log?: (s: string) => void; examples?: string } = {}): Promise<QualDemoResult> {
  const log = options.log ?? ((s: string) => process.stdout.write(s));
  const ex = options.examples ?? EXAMPLES;
  const outDir = options.outDir ?? mkdtempSync(join(tmpdir(), 'staffwell-qual-demo-'));
  makeFolder(outDir);
  const path = join(outDir, 'radiology-support.qual.sqlite');
  const keyPath = join(outDir, 'radiology-support.qual.key.sqlite');
  const files: string[] = [];
  const out = (name: string) => {
    const f = join(outDir, name);
    files.push(f);
    return f;
  };
  const project = await createProject(path, {
    keyPath,
    name: 'Support workers in imaging and patient services (demo)',
    actor: 'demo',
    newId: sequentialIds('demo'),
    now: steppingClock('2026-03-20T09:00:00.000Z'),
  });
  const session = project.as('demo');
  try {
    log(`project ${path}\nkey file ${keyPath} (kept apart: share the project without it)\n\n`);

    const participants = readParticipantsCsv(join(ex, 'participants.csv'), { id: 'participant_id', site: 'site' });
    const pr = await session.apply({ type: 'participant.import', ...participants });
    log(`participants: ${pr.created} imported with ${participants.variables.length} attributes\n`);

    const speakers = readKeyCsv(join(ex, 'speakers.csv'), ['file', 'display_name', 'participant_id']).records;
    const replacements = readKeyCsv(join(ex, 'replacements.csv'), ['original', 'replacement']).records.map((r) => ({
      original: r.original,
      replacement: r.replacement,
      category: r.category || undefined,
    }));
    for (const t of DEMO_TRANSCRIPTS) {
      const map: Record<string, string> = {};
      for (const s of speakers) if (s.file === t.file) map[s.display_name] = s.participant_id;
      const report = await importTranscript(
        session,
        { name: t.file, bytes: readFileSync(join(ex, t.file)) },
        { speakers: map, replacements, interviewDate: t.date },
      );
      log(formatImportReport(report));
    }

    const suggestions = await suggestReplacements(project.store);
    log(`\nsuggested names still in the text: ${suggestions.map((s) => s.candidate).join(', ') || 'none'}\n`);
    const confirmed = CONFIRMED.filter((c) => suggestions.some((s) => s.candidate === c.original));
    const added = await addReplacements(session, confirmed);
    log(`confirmed ${confirmed.length}: ${added.replaced} more replacement(s) in ${added.documents} document(s)\n\n`);

    const codings = JSON.parse(readFileSync(join(ex, 'codings.json'), 'utf8')) as Codings;
    const applied = await applyCodings(session, codings, 'codings.json');
    log(`coded: ${applied.codes} codes, ${applied.segments} segments by two coders, ${applied.themes} themes, ${applied.categories} grounded-theory categories, ${applied.memos} memos\n\n`);

    const store = project.store;
    const agreement = await agreementReport(store, { coders: ['Coder A', 'Coder B'], unit: 'character' });
    const agreementTurns = await agreementReport(store, { coders: ['Coder A', 'Coder B'], unit: 'turn' });
    log(formatAgreement(agreement));
    writeFileAtomic(out('agreement.json'), JSON.stringify({ character: agreement, turn: agreementTurns }, nanToNull, 2) + '\n');

    const byParticipant = await codeMatrix(store, { by: 'participants' });
    const bySite = await codeMatrix(store, { by: 'sites' });
    const framework = await codeMatrix(store, { by: 'participants', text: true, dropEmpty: true });
    const co = await cooccurrence(store, { scope: 'turn' });
    writeRowsCsv(out('code-by-participant.csv'), matrixRows(byParticipant));
    writeRowsCsv(out('code-by-site.csv'), matrixRows(bySite));
    writeRowsCsv(out('cooccurrence-turn.csv'), matrixRows(co));
    await writeXlsx(out('matrices.xlsx'), [
      { name: 'code x participant', rows: matrixRows(byParticipant) },
      { name: 'code x site', rows: matrixRows(bySite) },
      { name: 'framework', rows: matrixRows(framework, { text: true }) },
      { name: 'co-occurrence (turn)', rows: matrixRows(co) },
    ]);
    writeRowsCsv(out('segments.csv'), segmentRows(await querySegments(store)));

    const themes = await store.listThemes();
    let themeText = '';
    for (const { theme, depth } of themeTree(themes)) if (depth === 0) themeText += formatThemeTable(await themeTable(store, theme.id)) + '\n';
    writeFileAtomic(out('themes.txt'), themeText);
    log(`\n${themeText}`);

    const model = await groundedTheoryModel(store);
    writeFileAtomic(out('model.json'), JSON.stringify(model, null, 2) + '\n');
    writeFileAtomic(out('model.dot'), modelToDot(model));
    const saturation = await saturationCurve(store, { order: 'interview-date' });
    log(formatSaturation(saturation));

    const snapshot = await exportSnapshot(store);
    writeFileAtomic(out('radiology-support.qdpx'), exportQdpx(snapshot, { exportedAt: '2026-03-20T12:00:00Z' }));
    log(`\nwrote ${files.length} files to ${outDir}\n`);
    return {
      outDir,
      project: path,
      keyFile: keyPath,
      files,
      documents: snapshot.documents.length,
      segments: snapshot.segments.length,
      kappa: agreement.comparison.byCode.map((c) => ({ code: c.code, kappa: c.kappa })),
    };
  } finally {
    project.close();
  }
}

function nanToNull(_k: string, v: unknown): unknown {
  return typeof v === 'number' && !Number.isFinite(v) ? null : v;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runQualDemo({ outDir: process.argv[2] });
}
