import { z } from 'zod';
import { parseDocumentText } from '../io/parse-document.ts';
import { StaffwellError } from '../errors.ts';

/**
 * The instrument definition format: what Staffwell needs to score a published questionnaire by its published rule.
 *
 * A definition is a JSON or YAML document (built-ins are the same data in TypeScript). In brief:
 *
 * - `responseOptions`: the raw codes a respondent's answer is stored as, in scale order (e.g. GHQ-12: 1..4).
 *   Data that use other codes (0..3) are mapped positionally onto these with the scorer's `codes` option.
 * - `items`: stable ids (never positions: item order differs between published versions). `text` only where the
 *   licence allows (`licence.wordingIncluded` must then be true). `reversed: true` reverses the item everywhere;
 *   `recode` maps a raw code to another raw code before anything else (e.g. a collapsed category).
 * - `scoring`: named methods mapping each raw code to a score (GHQ-12 "ghq" 0-0-1-1, "likert" 0-1-2-3). Without a
 *   method a score is the raw code itself. Reversal mirrors the code's position among `responseOptions`
 *   (first <-> last) before the method is applied.
 * - `subscales`: items, items reversed only in this subscale, and the rule: `sum` / `mean` (every item needed),
 *   `prorated-mean` / `prorated-sum` (mean of the answered items, times the item count for a sum; missing when
 *   fewer than `minAnswered` items — a count, or `{ fraction }` of the items, rounded up — were answered).
 * - `classifications`: bands on a subscale score (`min`/`max` inclusive, `above`/`below` exclusive), optionally
 *   under a named scoring method, optionally with a selectable `cutoff` (e.g. GHQ-12 caseness 3 or 4).
 * - `conversions`: a published lookup table from a subscale score to another metric.
 * - `citation`, `licence` and `verification` say where the rule comes from, what may be shipped, and how it was
 *   checked. An unverified definition must say why (`verification.reason`) and is hidden from default listings.
 *
 * {@link parseInstrument} validates a document and throws `StaffwellError('invalid-definition')` naming the file,
 * the field path (`subscales[1].items[3]`) and the offending value.
 */

const idSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'must start with a letter and use only letters, digits, "_", "-" or "."');

const codeKey = z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a numeric response code');

export const citationSchema = z
  .object({
    authors: z.array(z.string().min(1)).min(1),
    year: z.number().int().min(1900).max(2100),
    title: z.string().min(1),
    /** Journal, report, manual or publisher. */
    source: z.string().min(1),
    doi: z.string().optional(),
    url: z.string().optional(),
    pages: z.string().optional(),
  })
  .strict();

export const licenceSchema = z
  .object({
    name: z.string().min(1),
    /** True only when item wording is included and the licence allows it. */
    wordingIncluded: z.boolean(),
    notes: z.string().min(1),
  })
  .strict();

export const verificationSchema = z
  .object({
    verified: z.boolean(),
    /** How the scoring key was checked: URLs, DOIs, page references. */
    sources: z.array(z.string().min(1)),
    /** Required when `verified` is false: why the key could not be verified. */
    reason: z.string().optional(),
    notes: z.array(z.string()).optional(),
  })
  .strict();

const responseOptionSchema = z.object({ code: z.number(), label: z.string().optional() }).strict();

const itemSchema = z
  .object({
    id: idSchema,
    text: z.string().optional(),
    reversed: z.boolean().optional(),
    recode: z.record(codeKey, z.number()).optional(),
  })
  .strict();

const scoringMethodSchema = z
  .object({
    id: idSchema,
    label: z.string().optional(),
    /** Raw code -> score. Every response code must be present. */
    values: z.record(codeKey, z.number()),
  })
  .strict();

const minAnsweredSchema = z.union([
  z.number().int().min(1),
  z.object({ fraction: z.number().gt(0).max(1) }).strict(),
]);

export const ruleSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('sum') }).strict(),
  z.object({ type: z.literal('mean') }).strict(),
  z.object({ type: z.literal('prorated-mean'), minAnswered: minAnsweredSchema }).strict(),
  z.object({ type: z.literal('prorated-sum'), minAnswered: minAnsweredSchema }).strict(),
]);

const subscaleSchema = z
  .object({
    id: idSchema,
    label: z.string().optional(),
    items: z.array(idSchema).min(1),
    /** Items reversed in this subscale only (in addition to items marked `reversed`). */
    reversed: z.array(idSchema).optional(),
    rule: ruleSchema,
    /** Scoring method id; default: the definition's `defaultScoring`, else raw codes. */
    scoring: idSchema.optional(),
    notes: z.string().optional(),
  })
  .strict();

/** The bounds of a band (`min`/`max` inclusive, `above`/`below` exclusive); shared with norms' bands. */
export const bandBounds = {
  min: z.number().optional(),
  max: z.number().optional(),
  above: z.number().optional(),
  below: z.number().optional(),
};

/** At least one bound: for `.refine` on a band object. */
export const hasBandBound = [
  (b: { min?: number; max?: number; above?: number; below?: number }) =>
    b.min !== undefined || b.max !== undefined || b.above !== undefined || b.below !== undefined,
  { message: 'a band needs at least one of min, max, above, below' },
] as const;

const bandSchema = z
  .object({ code: z.number().int().min(0), label: z.string().min(1), ...bandBounds })
  .strict()
  .refine(...hasBandBound);

const classificationSchema = z
  .object({
    id: idSchema,
    label: z.string().optional(),
    /** Subscale id the classification applies to. */
    of: idSchema,
    /** Scoring method the subscale is computed under for this classification (e.g. "ghq"). */
    scoring: idSchema.optional(),
    /** Bands, or a single selectable cut-off (score >= cutoff -> `labels.atOrAbove`). */
    bands: z.array(bandSchema).min(1).optional(),
    cutoff: z
      .object({
        default: z.number(),
        /** Other published cut-offs the user may select. */
        allowed: z.array(z.number()).min(1),
        labels: z.object({ below: z.string().min(1), atOrAbove: z.string().min(1) }).strict(),
      })
      .strict()
      .optional(),
    source: z.string().min(1),
  })
  .strict();

const conversionSchema = z
  .object({
    id: idSchema,
    label: z.string().optional(),
    of: idSchema,
    scoring: idSchema.optional(),
    table: z.array(z.object({ from: z.number(), to: z.number() }).strict()).min(1),
    source: z.string().min(1),
  })
  .strict();

export const instrumentSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1),
    version: z.string().min(1),
    citation: citationSchema,
    licence: licenceSchema,
    verification: verificationSchema,
    responseOptions: z.array(responseOptionSchema).min(2),
    items: z.array(itemSchema).min(1),
    scoring: z.array(scoringMethodSchema).optional(),
    defaultScoring: idSchema.optional(),
    subscales: z.array(subscaleSchema),
    classifications: z.array(classificationSchema).optional(),
    conversions: z.array(conversionSchema).optional(),
    notes: z.array(z.string()).optional(),
  })
  .strict()
  .superRefine((d, ctx) => crossCheck(d, ctx));

export type InstrumentDefinition = z.infer<typeof instrumentSchema>;
export type Subscale = InstrumentDefinition['subscales'][number];
export type ScoringRule = z.infer<typeof ruleSchema>;
export type Classification = NonNullable<InstrumentDefinition['classifications']>[number];
export type Conversion = NonNullable<InstrumentDefinition['conversions']>[number];
export type Band = NonNullable<Classification['bands']>[number];

/** Checks between fields: every reference resolves, ids are unique, codes agree. */
function crossCheck(d: InstrumentDefinition, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const codes = new Set(d.responseOptions.map((o) => o.code));
  d.responseOptions.forEach((o, i) => {
    if (d.responseOptions.findIndex((p) => p.code === o.code) !== i)
      issue(['responseOptions', i, 'code'], 'duplicate response code');
  });
  const itemIds = new Set<string>();
  d.items.forEach((it, i) => {
    if (itemIds.has(it.id)) issue(['items', i, 'id'], 'duplicate item id');
    itemIds.add(it.id);
    if (it.text !== undefined && !d.licence.wordingIncluded)
      issue(['items', i, 'text'], 'item wording given but licence.wordingIncluded is false');
    for (const [k, v] of Object.entries(it.recode ?? {})) {
      if (!codes.has(Number(k))) issue(['items', i, 'recode', k], 'recode key is not a response code');
      if (!codes.has(v)) issue(['items', i, 'recode', k], 'recode target is not a response code');
    }
  });
  const methods = new Set<string>();
  (d.scoring ?? []).forEach((m, i) => {
    if (methods.has(m.id)) issue(['scoring', i, 'id'], 'duplicate scoring method id');
    methods.add(m.id);
    for (const c of codes) if (!(String(c) in m.values)) issue(['scoring', i, 'values'], `no score for response code ${c}`);
    for (const k of Object.keys(m.values))
      if (!codes.has(Number(k))) issue(['scoring', i, 'values', k], 'not a response code');
  });
  const checkMethod = (path: (string | number)[], id: string | undefined) => {
    if (id !== undefined && !methods.has(id)) issue(path, 'unknown scoring method');
  };
  checkMethod(['defaultScoring'], d.defaultScoring);
  const subIds = new Set<string>();
  d.subscales.forEach((s, i) => {
    if (subIds.has(s.id)) issue(['subscales', i, 'id'], 'duplicate subscale id');
    subIds.add(s.id);
    s.items.forEach((it, j) => {
      if (!itemIds.has(it)) issue(['subscales', i, 'items', j], 'unknown item id');
      if (s.items.indexOf(it) !== j) issue(['subscales', i, 'items', j], 'item listed twice');
    });
    (s.reversed ?? []).forEach((it, j) => {
      if (!s.items.includes(it)) issue(['subscales', i, 'reversed', j], 'reversed item is not one of the subscale items');
    });
    if ((s.rule.type === 'prorated-mean' || s.rule.type === 'prorated-sum') && typeof s.rule.minAnswered === 'number')
      if (s.rule.minAnswered > s.items.length)
        issue(['subscales', i, 'rule', 'minAnswered'], `more than the ${s.items.length} items of the subscale`);
    checkMethod(['subscales', i, 'scoring'], s.scoring);
  });
  const clIds = new Set<string>();
  (d.classifications ?? []).forEach((c, i) => {
    if (clIds.has(c.id)) issue(['classifications', i, 'id'], 'duplicate classification id');
    clIds.add(c.id);
    if (!subIds.has(c.of)) issue(['classifications', i, 'of'], 'unknown subscale id');
    checkMethod(['classifications', i, 'scoring'], c.scoring);
    if ((c.bands === undefined) === (c.cutoff === undefined))
      issue(['classifications', i], 'give exactly one of bands or cutoff');
    if (c.cutoff && !c.cutoff.allowed.includes(c.cutoff.default))
      issue(['classifications', i, 'cutoff', 'default'], 'default cut-off is not among the allowed cut-offs');
    (c.bands ?? []).forEach((b, j) => {
      if ((c.bands ?? []).findIndex((x) => x.code === b.code) !== j)
        issue(['classifications', i, 'bands', j, 'code'], 'duplicate band code');
    });
  });
  (d.conversions ?? []).forEach((c, i) => {
    if (!subIds.has(c.of)) issue(['conversions', i, 'of'], 'unknown subscale id');
    checkMethod(['conversions', i, 'scoring'], c.scoring);
  });
  if (!d.verification.verified && !d.verification.reason)
    issue(['verification', 'reason'], 'an unverified definition must say why it could not be verified');
}

/** `subscales[2].items[4]` from a zod issue path; positions count from 1, as users count (`[1]` = the first). */
export function formatPath(path: readonly PropertyKey[]): string {
  let s = '';
  for (const p of path) {
    if (typeof p === 'number') s += `[${p + 1}]`;
    else s += s ? `.${String(p)}` : String(p);
  }
  return s;
}

/** The value at `path` in `doc`, or undefined. */
export function valueAt(doc: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = doc;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p as string];
  }
  return v;
}

/**
 * Validates `doc` against a zod schema and throws the first problem as a StaffwellError naming `source`, the
 * field path and the value found there (shared by instrument and norms files).
 */
export function parseWithSchema<T>(
  schema: z.ZodType<T>,
  doc: unknown,
  source: string,
  code: 'invalid-definition',
  what: string,
): T {
  const r = schema.safeParse(doc);
  if (r.success) return r.data;
  const first = r.error.issues[0];
  const field = formatPath(first.path) || '(document)';
  const value = valueAt(doc, first.path);
  const shown = value === undefined ? 'missing' : typeof value === 'object' ? JSON.stringify(value) : value;
  const more = r.error.issues.length > 1 ? ` (${r.error.issues.length - 1} more problem(s) after this one)` : '';
  throw new StaffwellError(code, `invalid ${what}: ${first.message}${more}`, {
    file: source,
    field,
    value: shown,
    hint: 'correct this field; docs/instruments.md describes the format',
  });
}

export { parseDocumentText } from '../io/parse-document.ts';

/**
 * Validates an instrument definition (a parsed document, or JSON/YAML text) from `source` (a file name used in
 * messages). Throws `StaffwellError('invalid-definition')` naming the field path and value.
 */
export function parseInstrument(json: unknown, source: string): InstrumentDefinition {
  const doc = typeof json === 'string' ? parseDocumentText(json, source) : json;
  return parseWithSchema(instrumentSchema, doc, source, 'invalid-definition', 'instrument definition');
}
