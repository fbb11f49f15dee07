import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { parse as parseYaml } from 'yaml';
import { StaffwellError } from '../errors.ts';

/**
 * The study file: one declarative document (YAML or JSON) from a survey data file to R-exact results.
 *
 * ```yaml
 * name: PALS staff wellbeing survey
 * data:
 *   file: demo-survey.csv          # relative to the study file
 *   missing: ["-99"]               # codes that mean "no answer", for every column
 *   id: staff_id
 *   groups: [site, role]
 * suppression: { minGroup: 10 }    # small groups are suppressed in every grouped table (default 10)
 * instruments:
 *   - name: ghq                     # how analyses refer to its scores: ghq.total, ghq.caseness
 *     instrument: ghq-12            # a built-in id, or a path to a definition file
 *     items: "ghq_{n}"              # column pattern ({n} = item number), or { item id: column }
 *     codes: [0, 1, 2, 3]           # how the data code the response options, if not as the definition does
 *     scoring: ghq                  # scoring method
 *     cutoffs: { caseness: 4 }      # selectable cut-offs
 * analyses:
 *   - { type: describe, scores: [hse.*], by: [site] }
 *   - { type: reliability, instrument: hse }
 *   - { type: prevalence, classification: ghq.caseness, level: case, norms: [ghq12-caseness-nhs-staff-wall-1997] }
 *   - { type: benchmark, instrument: hse, norms: hse-indicator-benchmarks }
 *   - { type: compare-groups, score: jss.total, by: site, test: welch-anova, posthoc: holm }
 *   - { type: correlation, scores: [hse.*, swemwbs.total], method: spearman }
 *   - { type: regression, outcome: swemwbs.total, predictors: [hse.demands, hse.control, role] }
 *   - { type: logistic, outcome: ghq.caseness, event: case, predictors: [hse.demands, hse.control] }
 *   - { type: crosstab, rows: ghq.caseness, cols: site }
 * ```
 *
 * Score references are `<instrument name>.<subscale or classification id>`; `<name>.*` means all of an
 * instrument's subscales. A bare name that is a data column (e.g. `role`) can be used as a group or predictor.
 */

const ref = z.string().min(1);
const refs = z.array(ref).min(1);

const dataSchema = z
  .object({
    file: z.string().min(1),
    sheet: z.union([z.string(), z.number().int()]).optional(),
    missing: z.array(z.union([z.string(), z.number()]).transform(String)).optional(),
    missingByColumn: z.record(z.string(), z.array(z.union([z.string(), z.number()]).transform(String))).optional(),
    id: z.string().optional(),
    groups: z.array(z.string()).optional(),
    qualtrics: z.boolean().optional(),
  })
  .strict();

const instrumentUseSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must be a simple name (letters, digits, _)'),
    instrument: z.string().min(1),
    items: z.union([z.string().includes('{n}'), z.record(z.string(), z.string())]),
    codes: z.array(z.number()).optional(),
    scoring: z.string().optional(),
    cutoffs: z.record(z.string(), z.number()).optional(),
  })
  .strict();

const alternative = z.enum(['two.sided', 'less', 'greater']).optional();

const analysisSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('describe'), id: z.string().optional(), scores: refs, by: z.array(z.string()).optional() }).strict(),
  z
    .object({
      type: z.literal('reliability'),
      id: z.string().optional(),
      instrument: z.string().min(1),
      missing: z.enum(['pairwise', 'listwise']).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('prevalence'),
      id: z.string().optional(),
      classification: ref,
      /** The band label counted as the event (e.g. "case"). */
      level: z.string().min(1),
      norms: z.array(z.string()).min(1),
      alternative,
    })
    .strict(),
  z
    .object({
      type: z.literal('norm-means'),
      id: z.string().optional(),
      score: ref,
      norms: z.array(z.string()).min(1),
      alternative,
    })
    .strict(),
  z
    .object({
      type: z.literal('benchmark'),
      id: z.string().optional(),
      instrument: z.string().min(1),
      norms: z.string().min(1),
      by: z.array(z.string()).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('compare-groups'),
      id: z.string().optional(),
      score: ref,
      by: z.string().min(1),
      test: z.enum(['t', 'welch-t', 'mann-whitney', 'anova', 'welch-anova', 'kruskal']).optional(),
      posthoc: z.enum(['none', 'holm', 'bonferroni', 'tukey']).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('correlation'),
      id: z.string().optional(),
      scores: refs,
      method: z.enum(['pearson', 'spearman']).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('regression'),
      id: z.string().optional(),
      outcome: ref,
      predictors: refs,
    })
    .strict(),
  z
    .object({
      type: z.literal('logistic'),
      id: z.string().optional(),
      outcome: ref,
      /** For a classification outcome: the band label that counts as 1. */
      event: z.string().optional(),
      predictors: refs,
    })
    .strict(),
  z
    .object({
      type: z.literal('crosstab'),
      id: z.string().optional(),
      rows: ref,
      cols: ref,
      test: z.enum(['chisq', 'fisher']).optional(),
    })
    .strict(),
]);

export const studySchema = z
  .object({
    name: z.string().min(1),
    description: z.string().optional(),
    data: dataSchema,
    suppression: z.object({ minGroup: z.number().int().min(1) }).strict().optional(),
    instruments: z.array(instrumentUseSchema).min(1),
    analyses: z.array(analysisSchema).min(1),
  })
  .strict();

export type StudyDocument = z.infer<typeof studySchema>;
export type AnalysisSpec = z.infer<typeof analysisSchema>;
export type InstrumentUse = z.infer<typeof instrumentUseSchema>;

export interface Study extends StudyDocument {
  /** The study file's path, as the user named it. */
  readonly source: string;
  /** Folder that relative paths in the study resolve against. */
  readonly baseDir: string;
}

/** Parses and validates a study document; errors name the file and the field path (`analyses[2].by`). */
export function parseStudy(text: string, source: string): Study {
  let doc: unknown;
  try {
    doc = source.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new StaffwellError('invalid-study', `not valid ${source.endsWith('.json') ? 'JSON' : 'YAML'}: ${(e as Error).message.split('\n')[0]}`, {
      file: source,
      hint: 'fix the syntax; the examples/ folder has a study file per seed study',
    });
  }
  const parsed = studySchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = formatPath(issue.path);
    throw new StaffwellError('invalid-study', describeIssue(issue), {
      file: source,
      field: field || undefined,
      value: valueAt(doc, issue.path),
      hint: 'see docs/study-file.md for the fields of a study file',
    });
  }
  const study: Study = { ...parsed.data, source, baseDir: dirname(resolve(source)) };
  checkReferences(study);
  return study;
}

export function loadStudy(path: string): Study {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new StaffwellError('io', 'cannot read the study file', {
      file: path,
      hint: `check the path (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
    });
  }
  return parseStudy(text, path);
}

/** Cross-field checks zod cannot express: instrument names unique, analyses refer to declared instruments. */
function checkReferences(study: Study): void {
  const names = new Set<string>();
  study.instruments.forEach((u, i) => {
    if (names.has(u.name)) {
      throw new StaffwellError('invalid-study', 'two instruments share a name', {
        file: study.source,
        field: `instruments[${i}].name`,
        value: u.name,
        hint: 'give each instrument in the study its own name',
      });
    }
    names.add(u.name);
  });
  study.analyses.forEach((a, i) => {
    const used: [string, string][] = [];
    const push = (field: string, r: string) => used.push([field, r]);
    switch (a.type) {
      case 'describe':
      case 'correlation':
        a.scores.forEach((r, j) => push(`analyses[${i}].scores[${j}]`, r));
        break;
      case 'reliability':
      case 'benchmark':
        if (!names.has(a.instrument)) {
          throw new StaffwellError('invalid-study', 'no instrument of this name is declared', {
            file: study.source,
            field: `analyses[${i}].instrument`,
            value: a.instrument,
            hint: `declared instruments: ${[...names].join(', ')}`,
          });
        }
        break;
      case 'prevalence':
        push(`analyses[${i}].classification`, a.classification);
        break;
      case 'norm-means':
      case 'compare-groups':
        push(`analyses[${i}].score`, a.score);
        break;
      case 'regression':
      case 'logistic':
        push(`analyses[${i}].outcome`, a.outcome);
        break;
      case 'crosstab':
        push(`analyses[${i}].rows`, a.rows);
        push(`analyses[${i}].cols`, a.cols);
        break;
    }
    for (const [field, r] of used) {
      const dot = r.indexOf('.');
      if (dot > 0 && !names.has(r.slice(0, dot))) {
        throw new StaffwellError('invalid-study', 'the score refers to an instrument that is not declared', {
          file: study.source,
          field,
          value: r,
          hint: `write <instrument name>.<subscale>; declared instruments: ${[...names].join(', ')}`,
        });
      }
    }
  });
}

function formatPath(path: readonly PropertyKey[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${String(p)}` : String(p);
  return s;
}

function valueAt(doc: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = doc;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v === undefined || typeof v === 'object' ? (v === undefined ? undefined : JSON.stringify(v)) : v;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'a required field is missing' : `expected ${issue.expected}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      if (issue.path[issue.path.length - 1] === 'type') {
        return `unknown analysis type; use one of ${analysisSchema.options.map((o) => o.shape.type.value).join(', ')}`;
      }
      return 'not a valid value here (check the type and spelling)';
    default:
      return issue.message;
  }
}
