import { readTextFile } from '../io/read-text-file.ts';
import { z } from 'zod';
import { bandBounds, citationSchema, hasBandBound, parseDocumentText, parseWithSchema } from '../instruments/definition.ts';

/**
 * The norms file format: published reference values a sample can be compared with.
 *
 * Every entry says what was measured (`instrument`, `scale`, the `scoring` and `threshold` used), in whom
 * (`population`: description, country, n), where it was published (`citation`) and how the number was checked
 * (`verification`: source URLs/DOIs). Three kinds:
 *
 * - `prevalence`: a percentage (and cases/n where published), e.g. GHQ-12 caseness in NHS trust staff;
 * - `mean`: mean, SD (null where not published) and n;
 * - `percentile-bands`: score bands with labels (e.g. HSE benchmark colours), each with bounds as in instrument
 *   classifications (`min`/`max` inclusive, `above`/`below` exclusive).
 *
 * A file is `{ norms: [...] }` (or a bare array) in JSON or YAML; {@link loadNorms} reports the first problem
 * with the file name and field path (`norms[2].population.n`).
 */

const idSchema = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'must start with a letter and use only letters, digits, "_", "-" or "."');

const populationSchema = z
  .object({
    description: z.string().min(1),
    country: z.string().min(1),
    /** Sample size; null when the source gives none. */
    n: z.number().int().positive().nullable(),
    /** True when the source gives the size only approximately ("over 11 000"). */
    nApproximate: z.boolean().optional(),
    period: z.string().optional(),
  })
  .strict();

const verificationSchema = z
  .object({
    /** What was read, where: URLs, DOIs, "abstract on PubMed", etc. */
    how: z.string().min(1),
    sources: z.array(z.string().min(1)).min(1),
    /** True when the number was seen only in a secondary source quoting the paper. */
    secondary: z.boolean().optional(),
  })
  .strict();

const common = {
  id: idSchema,
  label: z.string().min(1),
  /** Instrument id (a built-in id or the id of a user definition). */
  instrument: idSchema,
  /** Subscale or classification the figure refers to. */
  scale: idSchema.optional(),
  /** How the instrument was scored in the source (method, version). */
  scoring: z.string().min(1),
  /** Cut-off used for a prevalence, or null when the source (as read) does not state it. */
  threshold: z.string().min(1).nullable(),
  population: populationSchema,
  citation: citationSchema,
  verification: verificationSchema,
  notes: z.array(z.string()).optional(),
};

const bandSchema = z
  .object({ label: z.string().min(1), ...bandBounds })
  .strict()
  .refine(...hasBandBound);

export const normEntrySchema = z.discriminatedUnion('kind', [
  z
    .object({
      ...common,
      kind: z.literal('prevalence'),
      /** Percentage 0-100 as published. */
      percent: z.number().min(0).max(100),
      cases: z.number().int().min(0).optional(),
      n: z.number().int().positive().optional(),
      ci95: z.tuple([z.number(), z.number()]).optional(),
    })
    .strict()
    .refine((e) => e.cases === undefined || e.n === undefined || e.cases <= e.n, {
      message: 'cases cannot exceed n',
      path: ['cases'],
    }),
  z
    .object({
      ...common,
      kind: z.literal('mean'),
      mean: z.number(),
      sd: z.number().nonnegative().nullable(),
      n: z.number().int().positive().nullable(),
      median: z.number().optional(),
    })
    .strict(),
  z
    .object({ ...common, kind: z.literal('percentile-bands'), bands: z.array(bandSchema).min(1) })
    .strict(),
]);

export const normsFileSchema = z
  .object({ norms: z.array(normEntrySchema) })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.norms.forEach((e, i) => {
      if (seen.has(e.id)) ctx.addIssue({ code: 'custom', path: ['norms', i, 'id'], message: 'duplicate norm id' });
      seen.add(e.id);
    });
  });

export type NormEntry = z.infer<typeof normEntrySchema>;
export type PrevalenceNorm = Extract<NormEntry, { kind: 'prevalence' }>;
export type MeanNorm = Extract<NormEntry, { kind: 'mean' }>;
export type PercentileBandsNorm = Extract<NormEntry, { kind: 'percentile-bands' }>;

/** Validates a norms document (parsed, or JSON/YAML text) from `source`. */
export function parseNorms(doc: unknown, source: string): NormEntry[] {
  const d = typeof doc === 'string' ? parseDocumentText(doc, source) : doc;
  // A bare array is accepted as the `norms` list, so field paths always read `norms[i]...`.
  const wrapped = Array.isArray(d) ? { norms: d } : d;
  return parseWithSchema(normsFileSchema, wrapped, source, 'invalid-definition', 'norms file').norms;
}

/** Reads and validates a user's norms file (JSON or YAML). */
export function loadNorms(path: string): NormEntry[] {
  return parseNorms(readTextFile(path, 'norms file'), path);
}
