import { z } from 'zod';
import { StaffwellError } from '../../errors.ts';
import { notFound } from './checks.ts';
import { defineCommand, type Empty, type HandlerContext } from './define.ts';
import { commandSchema, id } from './schema-parts.ts';

/**
 * Commands of a mixed-methods project, kept in the project file like every other change (validated, audited,
 * undoable, pushed to subscribers):
 *
 * - `mixed.link` / `mixed.unlink`: the participant link — which study (survey) the project's participants come
 *   from and which of its columns holds their pseudonymous id;
 * - `mixed.row.add` / `.update` / `.delete`: the rows of a side-by-side joint display — a quantitative finding,
 *   the themes and quotes that speak to it, a fit label and the researcher's meta-inference.
 *
 * Both live in the project's key/value info (`mixed.link`, `mixed.displays`, `mixed.display.<name>`), whose rows
 * the undo capture covers like any table.
 */

export const FITS = ['confirmation', 'expansion', 'discordance'] as const;
export type Fit = (typeof FITS)[number];

/** The participant link as stored. `study` is relative to the project file's folder (or absolute). */
export interface ParticipantLinkSpec {
  study: string;
  idColumn: string;
  /** Suppression threshold of the joint displays (default: the study's `suppression.minGroup`). */
  minGroup?: number;
  /** Survey variables the displays and profiles show (default: every score and classification, then the groups). */
  variables?: string[];
}

/** A row of a side-by-side display. */
export interface SideBySideRow {
  id: string;
  /** The domain, construct or question the row is about ("Emotional strain"). */
  domain: string;
  /** The quantitative finding: an analysis of the study's results and a statistic in it, or text alone. */
  finding: { analysis?: string; statistic?: string; text: string };
  themeIds: string[];
  /** Segments quoted in the row (key quotes of the themes are used when empty). */
  quoteIds: string[];
  fit: Fit | null;
  /** The researcher's meta-inference. */
  inference: string;
}

const LINK_KEY = 'mixed.link';
const DISPLAYS_KEY = 'mixed.displays';
const displayKey = (name: string) => `mixed.display.${name}`;

const displayName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$/, 'letters, digits, space, _ . - (up to 64)');
const finding = z.strictObject({ analysis: z.string().min(1).optional(), statistic: z.string().min(1).optional(), text: z.string() });
const fit = z.enum(FITS).nullable();

export const mixedCommands = {
  'mixed.link': defineCommand(
    commandSchema('mixed.link', {
      study: z.string().min(1),
      idColumn: z.string().min(1),
      minGroup: z.number().int().min(1).optional(),
      variables: z.array(z.string().min(1)).optional(),
    }),
    async (ctx, cmd) => {
      const { type: _t, ...spec } = cmd;
      await ctx.tx.setInfo(LINK_KEY, JSON.stringify(spec));
      return { result: {} as Empty, affected: [] };
    },
  ),

  'mixed.unlink': defineCommand(commandSchema('mixed.unlink', {}), async (ctx) => {
    if ((await readLinkSpec(ctx.tx)) === null) throw new StaffwellError('not-found', 'the project is not linked to a study', { command: 'mixed.unlink' });
    await ctx.tx.setInfo(LINK_KEY, 'null');
    return { result: {} as Empty, affected: [] };
  }),

  'mixed.row.add': defineCommand(
    commandSchema('mixed.row.add', {
      display: displayName,
      id: id.optional(),
      domain: z.string().min(1),
      finding,
      themeIds: z.array(id).optional(),
      quoteIds: z.array(id).optional(),
      fit: fit.optional(),
      inference: z.string().optional(),
      /** 0-based place among the rows (default: last). */
      position: z.number().int().nonnegative().optional(),
    }),
    async (ctx, cmd) => {
      const rows = (await readDisplay(ctx.tx, cmd.display)) ?? [];
      const rowId = cmd.id ?? ctx.newId();
      if (rows.some((r) => r.id === rowId)) throw new StaffwellError('conflict', 'the display already has a row with this id', { field: 'id', value: rowId });
      const row: SideBySideRow = {
        id: rowId,
        domain: cmd.domain,
        finding: cmd.finding,
        themeIds: cmd.themeIds ?? [],
        quoteIds: cmd.quoteIds ?? [],
        fit: cmd.fit ?? null,
        inference: cmd.inference ?? '',
      };
      await checkRefs(ctx, row);
      rows.splice(Math.min(cmd.position ?? rows.length, rows.length), 0, row);
      await writeDisplay(ctx, cmd.display, rows);
      return { result: { id: rowId }, affected: [rowId] };
    },
  ),

  'mixed.row.update': defineCommand(
    commandSchema('mixed.row.update', {
      display: displayName,
      id,
      domain: z.string().min(1).optional(),
      finding: finding.optional(),
      themeIds: z.array(id).optional(),
      quoteIds: z.array(id).optional(),
      fit: fit.optional(),
      inference: z.string().optional(),
      position: z.number().int().nonnegative().optional(),
    }),
    async (ctx, cmd) => {
      const rows = await displayRows(ctx, cmd.display);
      const at = rows.findIndex((r) => r.id === cmd.id);
      if (at < 0) throw notFound('row', 'id', cmd.id);
      const { type: _t, display: _d, id: _id, position, ...patch } = cmd;
      const row: SideBySideRow = { ...rows[at], ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
      await checkRefs(ctx, row);
      rows.splice(at, 1);
      rows.splice(Math.min(position ?? at, rows.length), 0, row);
      await writeDisplay(ctx, cmd.display, rows);
      return { result: {} as Empty, affected: [cmd.id] };
    },
  ),

  'mixed.row.delete': defineCommand(commandSchema('mixed.row.delete', { display: displayName, id }), async (ctx, cmd) => {
    const rows = await displayRows(ctx, cmd.display);
    const at = rows.findIndex((r) => r.id === cmd.id);
    if (at < 0) throw notFound('row', 'id', cmd.id);
    rows.splice(at, 1);
    await writeDisplay(ctx, cmd.display, rows);
    return { result: {} as Empty, affected: [cmd.id] };
  }),
};

type InfoReader = { getInfo(key: string): Promise<string | null> };

/** The project's participant link, or null when it has none. */
export async function readLinkSpec(reader: InfoReader): Promise<ParticipantLinkSpec | null> {
  const raw = await reader.getInfo(LINK_KEY);
  return raw ? (JSON.parse(raw) as ParticipantLinkSpec | null) : null;
}

/** The names of the project's side-by-side displays, in the order they were made. */
export async function listDisplays(reader: InfoReader): Promise<string[]> {
  const raw = await reader.getInfo(DISPLAYS_KEY);
  return raw ? (JSON.parse(raw) as string[]) : [];
}

/** The rows of a side-by-side display, or null when there is no display of this name. */
export async function readDisplay(reader: InfoReader, name: string): Promise<SideBySideRow[] | null> {
  const raw = await reader.getInfo(displayKey(name));
  return raw ? (JSON.parse(raw) as { rows: SideBySideRow[] }).rows : null;
}

async function displayRows(ctx: HandlerContext, name: string): Promise<SideBySideRow[]> {
  const rows = await readDisplay(ctx.tx, name);
  if (!rows) throw notFound('display', 'display', name, 'add a row first (mixed.row.add) to make a display');
  return rows;
}

async function writeDisplay(ctx: HandlerContext, name: string, rows: SideBySideRow[]): Promise<void> {
  const names = await listDisplays(ctx.tx);
  if (!names.includes(name)) await ctx.tx.setInfo(DISPLAYS_KEY, JSON.stringify([...names, name]));
  await ctx.tx.setInfo(displayKey(name), JSON.stringify({ rows }));
}

async function checkRefs(ctx: HandlerContext, row: SideBySideRow): Promise<void> {
  for (let i = 0; i < row.themeIds.length; i++) if (!(await ctx.tx.getTheme(row.themeIds[i]))) throw notFound('theme', `themeIds[${i}]`, row.themeIds[i]);
  for (let i = 0; i < row.quoteIds.length; i++) if (!(await ctx.tx.getSegment(row.quoteIds[i]))) throw notFound('segment', `quoteIds[${i}]`, row.quoteIds[i]);
}
