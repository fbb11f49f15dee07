import { statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Context, Hono } from 'hono';
import { StaffwellError } from '../errors.ts';
import { caseComparison } from '../mixed/case-comparison.ts';
import { classificationRules } from '../mixed/classification-rules.ts';
import type { EvidenceUnit } from '../mixed/coded-participants.ts';
import { caseComparisonRows, sideBySideRows, statisticsByThemesRows } from '../mixed/display-tables.ts';
import { participantProfile } from '../mixed/participant-profile.ts';
import { statisticsByThemes } from '../mixed/statistics-by-themes.ts';
import { listDisplays, readLinkSpec } from '../qual/commands/mixed.ts';
import type { QualProject } from '../qual/project.ts';
import { mixedSideBySide } from '../services/mixed-displays.ts';
import { linkedStudyPath, mixedOpen, type MixedContext } from '../services/mixed-link.ts';

/**
 * The mixed-methods routes of the workspace (read-only): the link's status, one participant's profile and the
 * three joint displays, computed by the same services as `staffwell mixed`, with the link's study path relative
 * to the project file's folder as the CLI reads it. Each display is sent with its table as the CLI prints it
 * (display-tables.ts), so the browser shows the very text the CLI exports; suppressed figures are null in the
 * JSON and `suppressed (n < N)` in the table, never a number. An unlinked project is a 404 with the command that
 * links it; a study file that has gone is a 400 saying so.
 *
 * The joined data (the study's data file scored, the project's coded participants, linked) are read once and kept
 * until the project's command log moves on (its last seq: a command here, in the CLI or in another tab) or the
 * study file or its data file changes (their mtimes), as `/api/study` is cached; a failed read is not kept.
 */
export function mixedRoutes(app: Hono, options: { project: QualProject; projectPath: string }): void {
  const { project } = options;
  const ctx: MixedContext = { baseDir: dirname(resolve(options.projectPath)) };
  const linkCommand = `staffwell mixed link ${basename(options.projectPath)} --study STUDY.yaml`;
  let cached: { key: string; studyPath: string; dataPath: string; linked: ReturnType<typeof mixedOpen> } | null = null;

  app.get('/api/mixed', async (c) => {
    const spec = await readLinkSpec(project.store);
    if (!spec) return c.json({ linked: false as const, command: linkCommand });
    const linked = await open();
    return c.json({
      linked: true as const,
      study: spec.study,
      studyName: linked.study.name,
      idColumn: spec.idColumn,
      minGroup: linked.minGroup,
      check: linked.check,
      variables: linked.respondents.variables.map((v) => ({ ref: v.ref, label: v.label, kind: v.kind, type: v.type })),
      displays: await listDisplays(project.store),
    });
  });

  app.get('/api/mixed/profile/:participant', async (c) => {
    const linked = await open();
    const profile = participantProfile(linked, c.req.param('participant'));
    const refs = new Set(profile.survey?.values.map((v) => v.ref) ?? []);
    return c.json({ profile, rules: classificationRules(linked.study).filter((r) => refs.has(r.ref)) });
  });

  app.get('/api/mixed/statistics-by-themes', async (c) => {
    const d = statisticsByThemes(await open(), { unit: unitOf(c), quotes: int(c, 'quotes') });
    return c.json({ display: d, table: statisticsByThemesRows(d) });
  });

  app.get('/api/mixed/case-comparison', async (c) => {
    const linked = await open();
    const by = c.req.query('by') || linked.respondents.variables.find((v) => v.kind === 'classification')?.ref;
    if (!by) throw new StaffwellError('invalid-option', 'name the survey variable to compare cases by', { field: 'by', hint: 'e.g. by=ghq.caseness' });
    const d = caseComparison(linked, { by, score: c.req.query('score') || undefined, unit: unitOf(c), quotes: int(c, 'quotes') });
    return c.json({ display: d, table: caseComparisonRows(d) });
  });

  app.get('/api/mixed/side-by-side', async (c) => {
    await requireLink();
    const d = await mixedSideBySide(project, ctx, { display: c.req.query('display') || undefined, quotes: int(c, 'quotes') });
    return c.json({ display: d, table: sideBySideRows(d) });
  });

  /** The library's error names no file; here the user is told the very command for this project. */
  async function requireLink(): Promise<void> {
    if (!(await readLinkSpec(project.store))) {
      throw new StaffwellError('not-found', 'the project is not linked to a study', { hint: `link it first: ${linkCommand}` });
    }
  }

  /** Both sides of the link: as last read, unless a command, the study file or its data file has changed since. */
  async function open() {
    const spec = await readLinkSpec(project.store);
    if (!spec) await requireLink();
    const [last] = await project.history({ descending: true, limit: 1 });
    const studyPath = linkedStudyPath(spec!, ctx);
    // the seq is read before the data: a commit in between makes the next request read again, never serve stale data
    const key = (dataPath: string) => `${last?.seq ?? 0}|${mtime(studyPath)}|${mtime(dataPath)}`;
    const prev = cached;
    if (prev && prev.studyPath === studyPath && prev.key === key(prev.dataPath)) return prev.linked;
    // the mtimes as they were before the read (the data file's path is known from the last read of this study)
    const guess = prev?.studyPath === studyPath ? prev.dataPath : '';
    const before = key(guess);
    const linked = mixedOpen(project, ctx);
    const entry = { key: before, studyPath, dataPath: guess, linked };
    cached = entry;
    try {
      const l = await linked;
      const dataPath = resolve(l.study.baseDir, l.study.data.file);
      // a first read (or a study now naming another file) takes the data file's mtime after the read
      if (dataPath !== guess) Object.assign(entry, { dataPath, key: key(dataPath) });
      return l;
    } catch (e) {
      if (cached === entry) cached = null;
      throw e;
    }
  }
}

function unitOf(c: Context): EvidenceUnit | undefined {
  const u = c.req.query('unit');
  if (u === undefined || u === '') return undefined;
  if (u !== 'themes' && u !== 'codes') throw new StaffwellError('invalid-option', 'unit must be themes or codes', { field: 'unit', value: u });
  return u;
}

function int(c: Context, name: string): number | undefined {
  const v = c.req.query(name);
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 50) throw new StaffwellError('invalid-option', `${name} must be a whole number from 0 to 50`, { field: name, value: v });
  return n;
}

function mtime(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return NaN;
  }
}
