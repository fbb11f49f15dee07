import { StaffwellError } from '../errors.ts';
import { caseComparison, type CaseComparison, type CaseComparisonOptions } from '../mixed/case-comparison.ts';
import { loadCodedParticipants } from '../mixed/coded-participants.ts';
import { sideBySide, type SideBySide } from '../mixed/side-by-side.ts';
import { statisticsByThemes, type StatisticsByThemes, type StatisticsByThemesOptions } from '../mixed/statistics-by-themes.ts';
import { FITS, listDisplays, readDisplay, type Fit } from '../qual/commands/mixed.ts';
import { findTheme } from '../qual/lookup.ts';
import type { QualProject, QualSession } from '../qual/project.ts';
import { loadStudy } from '../study/study-file.ts';
import { linkedStudyPath, mixedLinkSpec, mixedOpen, readStudyResults, type MixedContext } from './mixed-link.ts';

/**
 * The joint displays of a linked project, computed now from both sides: statistics by themes, case comparison,
 * and the side-by-side display whose rows are kept in the project (added, edited and removed by commands).
 */
export async function mixedStatisticsByThemes(project: QualProject, ctx: MixedContext, options: StatisticsByThemesOptions = {}): Promise<StatisticsByThemes> {
  return statisticsByThemes(await mixedOpen(project, ctx), options);
}

export async function mixedCaseComparison(project: QualProject, ctx: MixedContext, options: CaseComparisonOptions): Promise<CaseComparison> {
  return caseComparison(await mixedOpen(project, ctx), options);
}

export const DEFAULT_DISPLAY = 'side-by-side';

/** A side-by-side display with its statistics read from the study's results JSON (`results`, or the default place). */
export async function mixedSideBySide(project: QualProject, ctx: MixedContext, options: { display?: string; results?: string; quotes?: number } = {}): Promise<SideBySide> {
  const name = options.display ?? DEFAULT_DISPLAY;
  const rows = await readDisplay(project.store, name);
  if (!rows) {
    const names = await listDisplays(project.store);
    throw new StaffwellError('not-found', 'no side-by-side display of this name', {
      field: 'display',
      value: name,
      hint: names.length ? `displays: ${names.join(', ')}` : 'add a row first: staffwell mixed row PROJECT add --domain ... --finding ...',
    });
  }
  const spec = await mixedLinkSpec(project);
  const study = loadStudy(linkedStudyPath(spec, ctx));
  const coded = await project.store.read(loadCodedParticipants);
  return sideBySide(name, rows, coded, readStudyResults(study, options.results), { quotes: options.quotes });
}

/** A row as the user names its parts: themes by name (or id), quotes by segment id. */
export interface MixedRowInput {
  display?: string;
  domain?: string;
  finding?: { text: string; analysis?: string; statistic?: string };
  themes?: readonly string[];
  quotes?: readonly string[];
  fit?: string | null;
  inference?: string;
  position?: number;
}

export async function mixedRowAdd(session: QualSession, input: MixedRowInput): Promise<{ id: string }> {
  if (!input.domain) throw new StaffwellError('invalid-option', 'a row needs a domain (what it is about)', { field: 'domain', hint: 'e.g. --domain "Emotional strain"' });
  if (!input.finding) throw new StaffwellError('invalid-option', 'a row needs a quantitative finding', { field: 'finding', hint: 'e.g. --finding "42% GHQ cases" [--analysis ghq-caseness --statistic prevalence.estimate]' });
  return session.apply({
    type: 'mixed.row.add',
    display: input.display ?? DEFAULT_DISPLAY,
    domain: input.domain,
    finding: input.finding,
    themeIds: await themeIds(session, input.themes),
    quoteIds: input.quotes ? [...input.quotes] : undefined,
    fit: fitOf(input.fit),
    inference: input.inference,
    position: input.position,
  });
}

export async function mixedRowUpdate(session: QualSession, id: string, input: MixedRowInput): Promise<void> {
  await session.apply({
    type: 'mixed.row.update',
    display: input.display ?? DEFAULT_DISPLAY,
    id,
    domain: input.domain,
    finding: input.finding,
    themeIds: await themeIds(session, input.themes),
    quoteIds: input.quotes ? [...input.quotes] : undefined,
    fit: fitOf(input.fit),
    inference: input.inference,
    position: input.position,
  });
}

export async function mixedRowDelete(session: QualSession, id: string, display = DEFAULT_DISPLAY): Promise<void> {
  await session.apply({ type: 'mixed.row.delete', display, id });
}

async function themeIds(session: QualSession, names: readonly string[] | undefined): Promise<string[] | undefined> {
  if (!names) return undefined;
  const themes = await session.store.listThemes();
  return names.map((n, i) => findTheme(themes, n, `themes[${i + 1}]`).id);
}

function fitOf(fit: string | null | undefined): Fit | null | undefined {
  if (fit === undefined || fit === null) return fit;
  if (fit === '' || fit === 'none') return null;
  if (!(FITS as readonly string[]).includes(fit)) throw new StaffwellError('invalid-option', 'unknown fit label', { field: 'fit', value: fit, hint: `use ${FITS.join(', ')} (or none)` });
  return fit as Fit;
}
