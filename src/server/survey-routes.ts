import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { isStaffwellError, StaffwellError } from '../errors.ts';
import { tableFormat, type ReadTableOptions } from '../data/read-table.ts';
import { xlsxSheetNames, xlsxSheetNamesOf } from '../data/xlsx.ts';
import type { SurveyProfile } from '../services/survey-profile.ts';
import { surveyProfileOffThread } from './survey-profile-thread.ts';
import { readBody } from './http-app.ts';
import { folderFile } from './project-folder.ts';

/** What `GET /api/survey` and `POST /api/survey/preview` answer: the profile, named as the user named the file. */
export interface SurveyView extends Omit<SurveyProfile, 'source'> {
  /** Relative to the workspace folder, or the dropped file's name. */
  path: string;
  /** The missing-value codes the file was read with. */
  na: string[];
  sheet?: string;
  /** An Excel workbook's sheets, in its order (what the sheet chooser offers). */
  sheets?: string[];
  /** A dropped file, read from a temporary copy that is gone: not in the workspace folder. */
  dropped?: true;
}

/**
 * The survey data view's routes: a survey file of the workspace folder by its relative path (`folderFile` refuses
 * anything outside), or a file dropped on the page, sent as base64 and read from a temporary copy that is always
 * deleted. Only summaries and the first rows are sent, whatever the size of the file; a large file is read in a
 * worker thread (survey-profile-thread.ts), so the server answers other requests meanwhile. `GET /api/survey/sheets`
 * (`POST` with a dropped file) lists a workbook's sheets from its workbook part alone (no sheet read), so the
 * chooser is there even when the first sheet cannot be read.
 */
export function surveyRoutes(app: Hono, options: { folder: string }): void {
  app.get('/api/survey', async (c) => {
    const name = c.req.query('path');
    const file = folderFile(options.folder, name, 'survey');
    const read = readOptions(c.req.queries('na') ?? [], c.req.query('sheet'), file);
    return c.json(await view(name!, file, read));
  });

  app.get('/api/survey/sheets', (c) => {
    const name = c.req.query('path');
    const file = folderFile(options.folder, name, 'survey');
    if (tableFormat(file) !== 'xlsx') throw new StaffwellError('invalid-option', 'only an Excel workbook (.xlsx) has sheets', { field: 'path', value: name });
    return c.json({ path: name!, sheets: named(name!, file, () => xlsxSheetNames(file)) });
  });

  const upload = bodyLimit({
    maxSize: MAX_UPLOAD_BYTES,
    onError: () => {
      throw new StaffwellError('out-of-range', `the file is larger than ${(MAX_UPLOAD_BYTES * 3) / 4 / 2 ** 20} MB`, {
        hint: 'copy it into the workspace folder and open it from the list',
      });
    },
  });
  // a dropped workbook's sheets (from its bytes: nothing written), so its chooser is there even when a sheet fails
  app.post('/api/survey/sheets', upload, async (c) => {
    const { name, data } = await readBody(c, sheetsBody, SHEETS_EXAMPLE);
    if (!/\.xlsx$/i.test(name)) throw new StaffwellError('invalid-option', 'only an Excel workbook (.xlsx) has sheets', { field: 'name', value: name });
    checkBase64(name, data);
    return c.json({ path: name, sheets: named(name, name, () => xlsxSheetNamesOf(Buffer.from(data, 'base64'), name)), dropped: true });
  });

  app.post('/api/survey/preview', upload, async (c) => {
    const { name, data, na, sheet } = await readBody(c, previewBody, PREVIEW_EXAMPLE);
    const safe = basename(name).replace(/[^\w. -]+/g, '_');
    if (!SURVEY_FILE.test(safe)) {
      throw new StaffwellError('unsupported', `"${name}" is not a survey file`, { field: 'name', value: name, hint: 'drop a CSV or TSV file, an Excel workbook (.xlsx) or SPSS data (.sav, .zsav)' });
    }
    checkBase64(name, data);
    const read = readOptions(na ?? [], sheet, safe);
    const dir = mkdtempSync(join(tmpdir(), 'staffwell-survey-'));
    try {
      const file = join(dir, safe);
      writeFileSync(file, Buffer.from(data, 'base64'));
      return c.json({ ...(await view(name, file, read)), dropped: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

/** Base64 in JSON: a survey export of a few hundred thousand rows (a 1,000,000-row file belongs in the folder). */
const MAX_UPLOAD_BYTES = 64 * 2 ** 20;

const previewBody = z.strictObject({
  name: z.string().min(1).max(255),
  data: z.string(),
  na: z.array(z.string()).optional(),
  sheet: z.string().optional(),
});

const sheetsBody = z.strictObject({ name: z.string().min(1).max(255), data: z.string() });

const SHEETS_EXAMPLE = '{"name": "wave1.xlsx", "data": "<base64>"}';

function checkBase64(name: string, data: string): void {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data)) throw new StaffwellError('invalid-option', 'the file data is not base64', { field: 'data', value: name });
}

/** The survey files of the workspace folder (project-folder.ts), by name. */
const SURVEY_FILE = /\.(csv|tsv|tab|xlsx|sav|zsav)$/i;

const PREVIEW_EXAMPLE = '{"name": "wave1.csv", "data": "<base64>", "na": ["-99"]}';

const MAX_CODES = 50;
const MAX_CODE_LENGTH = 64;

/** The read options from the user's fields: missing-value codes (each a short, non-empty text) and an Excel sheet. */
function readOptions(na: readonly string[], sheet: string | undefined, file: string): ReadTableOptions {
  if (na.length > MAX_CODES) throw new StaffwellError('invalid-option', `at most ${MAX_CODES} missing-value codes`, { field: 'na', value: na.length });
  const codes = na.map((raw) => {
    const code = raw.trim();
    if (code === '' || code.length > MAX_CODE_LENGTH || /[\u0000-\u001f\u007f]/.test(code)) {
      throw new StaffwellError('invalid-option', 'a missing-value code is a short text on one line', {
        field: 'na',
        value: raw,
        hint: `e.g. -99, 999 or N/A (an empty field is always missing; at most ${MAX_CODE_LENGTH} characters)`,
      });
    }
    return code;
  });
  const out: ReadTableOptions = codes.length ? { missing: { all: [...new Set(codes)] } } : {};
  if (sheet === undefined || sheet.trim() === '') return out;
  if (tableFormat(file) !== 'xlsx') throw new StaffwellError('invalid-option', 'only an Excel workbook (.xlsx) has sheets', { field: 'sheet', value: sheet });
  if (sheet.length > 100) throw new StaffwellError('invalid-option', 'a sheet name has at most 100 characters', { field: 'sheet', value: sheet });
  return { ...out, sheet: /^[1-9]\d{0,3}$/.test(sheet.trim()) ? Number(sheet.trim()) : sheet };
}

/** The profile of `file`, its errors naming the file as the user knows it (`name`), not where it was read from. */
async function view(name: string, file: string, read: ReadTableOptions): Promise<SurveyView> {
  const profile = await named(name, file, () => surveyProfileOffThread(file, read), read.sheet !== undefined);
  const sheets = profile.format === 'xlsx' ? named(name, file, () => xlsxSheetNames(file)) : undefined;
  const { source: _, ...rest } = profile;
  return { path: name, na: read.missing?.all ?? [], ...(read.sheet !== undefined ? { sheet: String(read.sheet) } : {}), ...(sheets ? { sheets } : {}), ...rest };
}

/** `f()`, its errors naming the file as the user knows it (`name`) instead of `file` (and a sheet's error `sheet`). */
function named<T>(name: string, file: string, f: () => T, sheetAsked = false): T {
  const rename = (e: unknown): never => {
    if (!isStaffwellError(e)) throw e;
    const where = e.location.file?.startsWith(file) ? name + e.location.file.slice(file.length) : e.location.file;
    const field = e.location.field ?? (sheetAsked && /sheet/.test(e.problem) ? 'sheet' : undefined);
    throw new StaffwellError(e.code, e.problem, { ...e.location, file: where, field, value: e.value, hint: e.hint, cause: e });
  };
  try {
    const out = f();
    return (out instanceof Promise ? out.catch(rename) : out) as T;
  } catch (e) {
    return rename(e);
  }
}
