/**
 * The mixed-methods example (examples/mixed/) as a linked project in `dir`, built through the services the CLI
 * calls (no process): the participants, the 13 interviews pseudonymised on import, their codings, the study run
 * (results/ beside it, for the side-by-side statistic), the link, and one side-by-side row.
 */
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Codings } from '../../src/qual/codings.ts';
import { readKeyCsv } from '../../src/qual/participants-csv.ts';
import { mixedRowAdd } from '../../src/services/mixed-displays.ts';
import { mixedLink } from '../../src/services/mixed-link.ts';
import { qualApplyCodings, qualImportParticipants, qualImportTranscripts } from '../../src/services/qual-import.ts';
import { createQualProject } from '../../src/services/qual-project.ts';
import { studyRun } from '../../src/services/study-run.ts';

export const EXAMPLE = new URL('../../examples/mixed/', import.meta.url);
export const PROJECT_FILE = 'wellbeing.qual.sqlite';

export async function makeLinkedExample(dir: string, options: { link?: boolean; row?: boolean } = {}): Promise<string> {
  cpSync(EXAMPLE, dir, { recursive: true });
  const path = join(dir, PROJECT_FILE);
  const { project } = await createQualProject({ path, actor: 'ruth', name: 'Staff wellbeing interviews' });
  try {
    const s = project.as('ruth');
    await qualImportParticipants(s, { csv: join(dir, 'participants.csv'), id: 'participant_id' });
    const files = readdirSync(dir).filter((f) => f.endsWith('.vtt')).sort();
    await qualImportTranscripts(s, {
      files: files.map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(join(dir, f))) })),
      speakers: readKeyCsv(join(dir, 'speakers.csv'), ['display_name', 'participant_id']).records.map((r) => ({ displayName: r.display_name, participantId: r.participant_id, file: r.file || undefined })),
      replacements: readKeyCsv(join(dir, 'replacements.csv'), ['original', 'replacement']).records.map((r) => ({ original: r.original, replacement: r.replacement, category: r.category || undefined })),
    });
    const codings = join(dir, 'codings.json');
    await qualApplyCodings(s, { codings: JSON.parse(readFileSync(codings, 'utf8')) as Codings, file: codings });
    if (options.link === false) return path;
    await studyRun(join(dir, 'study.yaml'), { scored: [] });
    // named relative to the working directory, as a user types it: the link stores it relative to the project
    await mixedLink(s, { study: relative(process.cwd(), join(dir, 'study.yaml')), baseDir: dir });
    if (options.row !== false) {
      await mixedRowAdd(s, {
        domain: 'Psychological distress',
        finding: { text: 'A third are GHQ-12 cases', analysis: 'ghq-caseness', statistic: 'proportion' },
        themes: ['Running on empty'],
        fit: 'expansion',
        inference: 'The cases describe work that takes more than rest gives back.',
      });
    }
    return path;
  } finally {
    project.close();
  }
}
