import { z } from 'zod';
import { ruleSchema } from '../instruments/definition.ts';

/**
 * The grammar of a study file (zod schemas): data, suppression, answer labels, derived variables, level order,
 * inline scales, instruments and analyses. Cross-field rules (references, names, levels) are checked in
 * study-file.ts; docs/study-file.md documents every field with an example.
 *
 * Analysis kinds are listed once, in {@link ANALYSIS_SCHEMAS}: a new kind adds its schema there (and its runner
 * in run-study.ts), nothing else.
 */

const ref = z.string().min(1);
const refs = z.array(ref).min(1);
/** A value of a category as written in YAML: text or a number (both compared as the data's values). */
const value = z.union([z.string(), z.number()]);
/** A simple name: letters, digits, `_`; no dot (dots separate an instrument from its parts). */
export const simpleName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must be a simple name (letters, digits, _)');

const dataSchema = z
  .object({
    file: z.string().min(1),
    sheet: z.union([z.string(), z.number().int()]).optional(),
    missing: z.array(value.transform(String)).optional(),
    missingByColumn: z.record(z.string(), z.array(value.transform(String))).optional(),
    id: z.string().optional(),
    groups: z.array(z.string()).optional(),
    qualtrics: z.boolean().optional(),
    /** Column types that override inference (e.g. an id column of digits read as text). */
    types: z.record(z.string(), z.enum(['number', 'text'])).optional(),
  })
  .strict();

const unit = z.enum(['themes', 'codes']);
const quotes = z.number().int().min(0).max(20);
/** A joint display `staffwell run` computes (src/mixed/): the options of `staffwell mixed joint`. */
const jointDisplaySchema = z.discriminatedUnion('type', [
  z.object({ id: z.string().min(1).optional(), type: z.literal('statistics-by-themes'), unit: unit.optional(), scores: refs.optional(), classifications: refs.optional(), quotes: quotes.optional() }).strict(),
  z.object({ id: z.string().min(1).optional(), type: z.literal('case-comparison'), by: ref, unit: unit.optional(), score: ref.optional(), quotes: quotes.optional() }).strict(),
  z.object({ id: z.string().min(1).optional(), type: z.literal('side-by-side'), display: z.string().min(1).optional(), quotes: quotes.optional() }).strict(),
]);

const mixedSchema = z
  .object({
    /** The qualitative project file (relative to the study file), linked to this study by `staffwell mixed link`. */
    project: z.string().min(1),
    displays: z.array(jointDisplaySchema).min(1),
  })
  .strict();

/** Answer labels: label -> code, inline. */
export const labelMapSchema = z.record(z.string(), z.number());
/** Where answer labels come from: a set named under `labels`, a file path, or an inline map. */
const labelsRef = z.union([z.string().min(1), labelMapSchema]);

/** A scoring rule: the definition format's rule object, or `sum` / `mean` written alone. */
export const ruleSpecSchema = z.union([z.enum(['sum', 'mean']).transform((type) => ({ type })), ruleSchema]);

const instrumentUseSchema = z
  .object({
    name: simpleName,
    instrument: z.string().min(1),
    items: z.union([
      z.string().refine((s) => s.includes('{n}') || s.includes('{id}'), 'a column pattern must contain {n} (item number) or {id} (item id)'),
      z.record(z.string(), z.string()),
    ]),
    codes: z.array(z.number()).optional(),
    scoring: z.string().optional(),
    cutoffs: z.record(z.string(), z.number()).optional(),
    /** Text answers: labels -> the data's codes. */
    labels: labelsRef.optional(),
    /** Scoring rules replacing the published ones: subscale id (or "*" for every subscale) -> rule. */
    rules: z.record(z.string(), ruleSpecSchema).optional(),
  })
  .strict();

const inlineScaleSchema = z
  .object({
    label: z.string().optional(),
    /** Data columns, in order. */
    items: z.array(z.string().min(1)).min(1),
    /** Items (among `items`) scored in reverse: code at position p becomes the code at position k − 1 − p. */
    reversed: z.array(z.string().min(1)).optional(),
    /** The response codes, in scale order (lowest first); any other value in an item column is an error. */
    codes: z.array(z.number()).min(2),
    rule: ruleSpecSchema,
    labels: labelsRef.optional(),
  })
  .strict();

const derivedVariableSchema = z
  .object({
    /** The variable it is derived from: a data column, a score or classification, or an earlier derived variable. */
    from: ref,
    /** New level -> the values it gathers (every value of `from` must be listed, or caught by `other`). */
    recode: z.record(z.string().min(1), z.array(value).min(1)).optional(),
    /** With `recode`: the level of every value not listed. */
    other: z.string().min(1).optional(),
    /** New level -> values merged into it; values not listed keep their own level. */
    combine: z.record(z.string().min(1), z.array(value).min(1)).optional(),
    /** Cut points of a numeric variable, increasing: each starts a new group (a <= x < b). */
    cut: z.array(z.number()).min(1).optional(),
    /** Which end of each interval belongs to it: `left` (default, a <= x < b) or `right` (a < x <= b). */
    closed: z.enum(['left', 'right']).optional(),
    /** With `cut`: one label per interval (one more than the cut points). */
    labels: z.array(z.string().min(1)).optional(),
    /** Values of `from` to treat as missing in this variable. */
    missing: z.array(value).optional(),
  })
  .strict();

const levelsSchema = z.union([
  z.array(value.transform(String)).min(1),
  z
    .object({
      /** Levels in this order first; the others follow in their usual order. */
      order: z.array(value.transform(String)).min(1).optional(),
      /** The reference level of models (default: the first level). */
      reference: value.transform(String).optional(),
    })
    .strict(),
]);

const suppressionSchema = z
  .object({
    /** A group (a level, a table row or column) of fewer respondents shows no numbers. */
    minGroup: z.number().int().min(1).optional(),
    /** A crosstab cell counting fewer respondents (but not zero) is hidden. */
    minCell: z.number().int().min(1).optional(),
    /** Small groups are hidden (default) or merged into one group labelled `otherLabel`. */
    small: z.enum(['hide', 'merge']).optional(),
    otherLabel: z.string().min(1).optional(),
    /** Whether grouped tables show an overall row (default true). */
    overall: z.boolean().optional(),
  })
  .strict();

const alternative = z.enum(['two.sided', 'less', 'greater']).optional();
const id = z.string().optional();

/** Every analysis kind: one strict object schema each, discriminated by `type`. */
export const ANALYSIS_SCHEMAS = [
  z.object({ type: z.literal('describe'), id, scores: refs, by: z.array(z.string()).optional() }).strict(),
  z
    .object({
      type: z.literal('reliability'),
      id,
      instrument: z.string().min(1),
      missing: z.enum(['pairwise', 'listwise']).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('prevalence'),
      id,
      classification: ref,
      /** The band label counted as the event (e.g. "case"). */
      level: z.string().min(1),
      norms: z.array(z.string()).min(1),
      alternative,
    })
    .strict(),
  z.object({ type: z.literal('norm-means'), id, score: ref, norms: z.array(z.string()).min(1), alternative }).strict(),
  z
    .object({
      type: z.literal('benchmark'),
      id,
      instrument: z.string().min(1),
      norms: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
      by: z.array(z.string()).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('compare-groups'),
      id,
      score: ref,
      by: z.string().min(1),
      test: z.enum(['t', 'welch-t', 'mann-whitney', 'anova', 'welch-anova', 'kruskal']).optional(),
      posthoc: z.enum(['none', 'holm', 'bonferroni', 'tukey']).optional(),
    })
    .strict(),
  z.object({ type: z.literal('correlation'), id, scores: refs, method: z.enum(['pearson', 'spearman', 'kendall']).optional() }).strict(),
  z.object({ type: z.literal('regression'), id, outcome: ref, predictors: refs }).strict(),
  z
    .object({
      type: z.literal('logistic'),
      id,
      outcome: ref,
      /** For a categorical outcome: the level that counts as 1. */
      event: z.string().optional(),
      predictors: refs,
    })
    .strict(),
  z.object({ type: z.literal('crosstab'), id, rows: ref, cols: ref, test: z.enum(['chisq', 'fisher', 'mcnemar']).optional(), correct: z.boolean().optional() }).strict(),
  z
    .object({
      type: z.literal('proportion'),
      id,
      /** A categorical variable (classification, derived variable, column) and the level counted. */
      variable: ref,
      level: value.transform(String),
      /** One sample: the proportion under the null (default 0.5). Not with `by`. */
      p: z.number().gt(0).lt(1).optional(),
      /** Several samples: the groups whose proportions are compared. */
      by: z.string().min(1).optional(),
      /** Yates' continuity correction (default true, as R's prop.test). */
      correct: z.boolean().optional(),
      alternative,
      confLevel: z.number().gt(0).lt(1).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('one-sample'),
      id,
      score: ref,
      /** The value under the null (a scale midpoint, a target). */
      mu: z.number(),
      test: z.enum(['t', 'wilcoxon']).optional(),
      alternative,
      confLevel: z.number().gt(0).lt(1).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('paired'),
      id,
      /** Two numeric variables measured on the same respondents (e.g. before and after); the test is of x − y. */
      x: ref,
      y: ref,
      test: z.enum(['t', 'wilcoxon']).optional(),
      alternative,
      confLevel: z.number().gt(0).lt(1).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('goodness-of-fit'),
      id,
      variable: ref,
      /** Expected proportion per level (default: equal); every level of the variable listed. */
      p: z.record(z.string(), z.number().min(0)).optional(),
      /** Divide the proportions by their sum (R's rescale.p), e.g. to give expected counts or percentages. */
      rescale: z.boolean().optional(),
    })
    .strict(),
] as const;

export const analysisSchema = z.discriminatedUnion('type', ANALYSIS_SCHEMAS);

export const studySchema = z
  .object({
    name: z.string().min(1),
    description: z.string().optional(),
    data: dataSchema,
    suppression: suppressionSchema.optional(),
    norms: z.array(z.string().min(1)).optional(),
    /** Named answer-label sets: name -> { label: code } or the path of a labels file. */
    labels: z.record(simpleName, labelsRef).optional(),
    /** Derived variables: name -> definition, in order (each may use the ones before it). */
    variables: z.record(simpleName, derivedVariableSchema).optional(),
    /** Level order and reference level per categorical variable. */
    levels: z.record(z.string().min(1), levelsSchema).optional(),
    /** Inline scales: name -> items, reversed items, codes and rule. */
    scales: z.record(simpleName, inlineScaleSchema).optional(),
    instruments: z.array(instrumentUseSchema).optional(),
    analyses: z.array(analysisSchema).min(1),
    /** The qualitative project whose participants are linked to this survey, and the joint displays to compute. */
    mixed: mixedSchema.optional(),
    /** What `staffwell run` writes besides results.json and summary.txt: the scored data set (default: CSV). */
    output: z.object({ scored: z.array(z.enum(['csv', 'sav'])) }).strict().optional(),
  })
  .strict();

export type StudyDocument = z.infer<typeof studySchema>;
export type AnalysisSpec = z.infer<typeof analysisSchema>;
export type AnalysisType = AnalysisSpec['type'];
export type InstrumentUse = z.infer<typeof instrumentUseSchema>;
export type InlineScale = z.infer<typeof inlineScaleSchema>;
export type DerivedVariableSpec = z.infer<typeof derivedVariableSchema>;
export type LevelsSpec = z.infer<typeof levelsSchema>;
export type SuppressionSpec = z.infer<typeof suppressionSchema>;
export type MixedSpec = z.infer<typeof mixedSchema>;
export type JointDisplaySpec = z.infer<typeof jointDisplaySchema>;

/** The analysis types, in the order of the documentation. */
export const ANALYSIS_TYPES: readonly AnalysisType[] = ANALYSIS_SCHEMAS.map((o) => o.shape.type.value);

/**
 * The keys an object may have at `path` of `doc` under `schema` (for "unknown field, did you mean" messages):
 * walks objects, arrays, records, optionals and unions (a union by the `type` of the value found, else its first
 * object option). Undefined when the path does not lead to an object schema.
 */
export function keysAt(schema: z.ZodType, doc: unknown, path: readonly PropertyKey[]): string[] | undefined {
  let s: z.ZodType | undefined = schema;
  let v: unknown = doc;
  const unwrap = (t: z.ZodType | undefined, val: unknown): z.ZodType | undefined => {
    for (let guard = 0; t && guard < 20; guard++) {
      const def = (t as unknown as { def: Record<string, unknown> & { type: string } }).def;
      if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default') t = def.innerType as z.ZodType;
      else if (def.type === 'pipe') t = def.in as z.ZodType;
      else if (def.type === 'union') {
        const options = def.options as z.ZodType[];
        const disc = def.discriminator as string | undefined;
        const objs = options.filter((o) => (o as unknown as { def: { type: string } }).def.type === 'object');
        const byType =
          disc && val && typeof val === 'object'
            ? objs.find((o) => {
                const lit = (o as unknown as { shape: Record<string, { def: { values?: unknown[] } }> }).shape[disc];
                return lit?.def.values?.includes((val as Record<string, unknown>)[disc]);
              })
            : undefined;
        const fitting = val && typeof val === 'object' && !Array.isArray(val) ? objs : options.filter((o) => (o as unknown as { def: { type: string } }).def.type !== 'object');
        t = byType ?? fitting[0] ?? options[0];
        if (!byType && !fitting.length) return undefined;
      } else return t;
    }
    return t;
  };
  for (const p of path) {
    s = unwrap(s, v);
    if (!s) return undefined;
    const def = (s as unknown as { def: Record<string, unknown> & { type: string } }).def;
    if (def.type === 'object') s = (s as unknown as { shape: Record<string, z.ZodType> }).shape[p as string];
    else if (def.type === 'array') s = def.element as z.ZodType;
    else if (def.type === 'record') s = def.valueType as z.ZodType;
    else return undefined;
    v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[p as string] : undefined;
  }
  s = unwrap(s, v);
  if (!s || (s as unknown as { def: { type: string } }).def.type !== 'object') return undefined;
  return Object.keys((s as unknown as { shape: Record<string, unknown> }).shape);
}
