import { readTextFile } from '../io/read-text-file.ts';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { parse as parseYaml } from 'yaml';
import { StaffwellError, isStaffwellError } from '../errors.ts';
import { closestNames } from '../data/table.ts';
import { formatPath, valueAt, type InstrumentDefinition } from '../instruments/definition.ts';
import { findInstrument, builtinInstruments } from '../instruments/builtin-instruments.ts';
import { loadInstrument } from '../instruments/load-instrument.ts';
import { resolveMapping } from '../instruments/score-instrument.ts';
import { builtinNorms } from '../norms/builtin-norms.ts';
import { loadNorms, type NormEntry } from '../norms/norm.ts';

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
 * norms: [our-benchmarks.yaml]     # extra norms files (relative to the study file), besides the built-ins
 * instruments:
 *   - name: ghq                     # how analyses refer to its scores: ghq.total, ghq.caseness
 *     instrument: ghq12             # a built-in id, or a path to a definition file
 *     items: "ghq_{n}"              # column pattern ({n} = item number), or { item id: column }
 *     codes: [0, 1, 2, 3]           # how the data code the response options, if not as the definition does
 *     scoring: ghq                  # scoring method
 *     cutoffs: { caseness: 4 }      # selectable cut-offs
 * analyses:
 *   - { type: describe, scores: [hse.*], by: [site] }
 *   - { type: reliability, instrument: hse }
 *   - { type: prevalence, classification: ghq.caseness, level: case, norms: [ghq12-nhs-trust-staff-wall-1997] }
 *   - { type: benchmark, instrument: hse, norms: [my-demands-bands, my-control-bands] }   # from a norms file
 *   - { type: compare-groups, score: jss.total, by: site, test: welch-anova, posthoc: holm }
 *   - { type: correlation, scores: [hse.*, swemwbs.raw_total], method: spearman }
 *   - { type: regression, outcome: swemwbs.raw_total, predictors: [hse.demands, hse.control, role] }
 *   - { type: logistic, outcome: ghq.caseness, event: case, predictors: [hse.demands, hse.control] }
 *   - { type: crosstab, rows: ghq.caseness, cols: site }
 * ```
 *
 * Score references are `<instrument name>.<subscale, classification or conversion id>`; `<name>.*` means all of an
 * instrument's subscales. A bare name that is a data column (e.g. `role`) can be used as a group or predictor.
 * Every field is documented in docs/study-file.md.
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
    /** Column types that override inference (e.g. an id column of digits read as text). */
    types: z.record(z.string(), z.enum(['number', 'text'])).optional(),
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
      norms: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
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
    norms: z.array(z.string().min(1)).optional(),
    instruments: z.array(instrumentUseSchema).min(1),
    analyses: z.array(analysisSchema).min(1),
  })
  .strict();

export type StudyDocument = z.infer<typeof studySchema>;
export type AnalysisSpec = z.infer<typeof analysisSchema>;
export type AnalysisType = AnalysisSpec['type'];
export type InstrumentUse = z.infer<typeof instrumentUseSchema>;

export interface Study extends StudyDocument {
  /** The study file's path, as the user named it. */
  readonly source: string;
  /** Folder that relative paths in the study resolve against. */
  readonly baseDir: string;
  /** Instrument name (as in the study) -> its validated definition. */
  readonly definitions: Readonly<Record<string, InstrumentDefinition>>;
  /** The built-in norms followed by those of the study's own norms files. */
  readonly normEntries: readonly NormEntry[];
}

/** The analysis types, in the order of the documentation. */
export const ANALYSIS_TYPES: readonly AnalysisType[] = analysisSchema.options.map((o) => o.shape.type.value);

/**
 * Parses and validates a study document; errors name the file and the field path (`analyses[2].by`). Instrument
 * definitions and norms files named by the study are read (relative to the study file's folder) and every
 * reference is checked: instrument ids, mappings, scoring methods, cut-offs, codes, score references and norm
 * ids. References to data columns are checked when the data are read (`runStudy`).
 */
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
    const v = valueAt(doc, issue.path);
    throw new StaffwellError('invalid-study', describeIssue(issue), {
      file: source,
      field: field || undefined,
      value: v === undefined ? undefined : typeof v === 'object' ? JSON.stringify(v) : v,
      hint: 'see docs/study-file.md for the fields of a study file',
    });
  }
  const baseDir = dirname(resolve(source));
  const err = (field: string, problem: string, value: unknown, hint: string): StaffwellError =>
    new StaffwellError('invalid-study', problem, { file: source, field, value, hint });

  const dataPath = resolvePath(baseDir, parsed.data.data.file);
  if (!existsSync(dataPath))
    throw err('data.file', 'the data file does not exist', parsed.data.data.file, `give the path relative to the study file's folder (${baseDir})`);

  const definitions: Record<string, InstrumentDefinition> = {};
  parsed.data.instruments.forEach((u, i) => {
    if (definitions[u.name]) throw err(`instruments[${i}].name`, 'two instruments share a name', u.name, 'give each instrument in the study its own name');
    definitions[u.name] = resolveInstrument(u, i, baseDir, source);
  });
  const normEntries: NormEntry[] = [...builtinNorms()];
  (parsed.data.norms ?? []).forEach((f, i) => {
    const p = resolvePath(baseDir, f);
    if (!existsSync(p)) throw err(`norms[${i}]`, 'the norms file does not exist', f, "give the path relative to the study file's folder");
    for (const e of loadNorms(p)) {
      if (normEntries.some((x) => x.id === e.id))
        throw err(`norms[${i}]`, `the norms file redefines the norm id "${e.id}"`, f, 'give your own norms ids that differ from the built-in ones');
      normEntries.push(e);
    }
  });
  const study: Study = { ...parsed.data, source, baseDir, definitions, normEntries };
  checkInstrumentUses(study);
  checkReferences(study);
  return study;
}

export function loadStudy(path: string): Study {
  return parseStudy(readTextFile(path, 'study file'), path);
}

/** A path from the study file, resolved against the study's folder. */
export function resolvePath(baseDir: string, p: string): string {
  return isAbsolute(p) ? p : resolve(baseDir, p);
}

function looksLikePath(s: string): boolean {
  return s.includes('/') || s.includes('\\') || /\.(json|ya?ml)$/i.test(s);
}

function resolveInstrument(u: InstrumentUse, i: number, baseDir: string, source: string): InstrumentDefinition {
  if (looksLikePath(u.instrument)) {
    const p = resolvePath(baseDir, u.instrument);
    if (!existsSync(p))
      throw new StaffwellError('invalid-study', 'the instrument definition file does not exist', {
        file: source,
        field: `instruments[${i}].instrument`,
        value: u.instrument,
        hint: "give a built-in id (run `staffwell instruments`) or a path relative to the study file's folder",
      });
    return loadInstrument(p);
  }
  try {
    return findInstrument(u.instrument);
  } catch (e) {
    if (!isStaffwellError(e)) throw e;
    const near = closestNames(u.instrument, builtinInstruments({ includeUnverified: true }).map((d) => d.id));
    throw new StaffwellError('invalid-study', 'no built-in instrument has this id', {
      file: source,
      field: `instruments[${i}].instrument`,
      value: u.instrument,
      hint: near.length
        ? `did you mean ${near.map((n) => `"${n}"`).join(' or ')}? (run \`staffwell instruments\` for the ids)`
        : 'run `staffwell instruments` for the built-in ids, or give the path of your own definition file',
    });
  }
}

/** Scoring method, codes, cut-offs and the item mapping of each instrument, against its definition. */
function checkInstrumentUses(study: Study): void {
  study.instruments.forEach((u, i) => {
    const def = study.definitions[u.name];
    const at = `instruments[${i}]`;
    const fail = (field: string, problem: string, value: unknown, hint: string): never => {
      throw new StaffwellError('invalid-study', problem, { file: study.source, field: `${at}.${field}`, value, hint });
    };
    const methods = (def.scoring ?? []).map((m) => m.id);
    if (u.scoring !== undefined && !methods.includes(u.scoring))
      fail('scoring', `${def.id} has no such scoring method`, u.scoring, methods.length ? `use one of ${methods.join(', ')}` : 'this instrument is scored from its raw codes; leave scoring out');
    if (u.codes !== undefined) {
      const k = def.responseOptions.length;
      if (u.codes.length !== k || new Set(u.codes).size !== k)
        fail('codes', `give ${k} distinct codes, one per response option of ${def.id}, in scale order`, JSON.stringify(u.codes), `the definition's codes are ${def.responseOptions.map((o) => o.code).join(', ')}`);
    }
    for (const [id, value] of Object.entries(u.cutoffs ?? {})) {
      const c = (def.classifications ?? []).find((x) => x.id === id);
      if (!c || !c.cutoff)
        fail(`cutoffs.${id}`, `${def.id} has no classification "${id}" with a selectable cut-off`, id, `selectable cut-offs: ${(def.classifications ?? []).filter((x) => x.cutoff).map((x) => x.id).join(', ') || 'none'}`);
      else if (!c.cutoff.allowed.includes(value))
        fail(`cutoffs.${id}`, `this cut-off is not published for ${def.id} ${id}`, value, `choose one of ${c.cutoff.allowed.join(', ')}`);
    }
    if (typeof u.items === 'object') {
      const known = new Set(def.items.map((x) => x.id));
      for (const item of Object.keys(u.items))
        if (!known.has(item))
          fail(`items.${item}`, `not an item of ${def.id}`, item, `the items are ${def.items.map((x) => x.id).join(', ')}`);
    }
    try {
      resolveMapping(def, u.items, `${at}.items`);
    } catch (e) {
      if (!isStaffwellError(e)) throw e;
      throw new StaffwellError('invalid-study', e.problem, { file: study.source, field: e.location.field ?? `${at}.items`, value: e.value, hint: e.hint });
    }
  });
}

/** What `<instrument name>.<part>` names: a subscale score, a classification, or a conversion. */
export type ScorePartKind = 'subscale' | 'classification' | 'conversion';

/** The kind of `<name>.<part>` in `study`, or undefined when the instrument has no such part. */
export function scorePartKind(study: Pick<Study, 'definitions'>, name: string, part: string): ScorePartKind | undefined {
  const def = study.definitions[name];
  if (!def) return undefined;
  if (def.subscales.some((s) => s.id === part)) return 'subscale';
  if ((def.classifications ?? []).some((c) => c.id === part)) return 'classification';
  if ((def.conversions ?? []).some((c) => c.id === part)) return 'conversion';
  return undefined;
}

/** Expands `<name>.*` to every subscale of the instrument; other references are returned as they are. */
export function expandRefs(study: Pick<Study, 'definitions'>, refs: readonly string[]): string[] {
  const out: string[] = [];
  for (const r of refs) {
    const m = /^([^.]+)\.\*$/.exec(r);
    if (m && study.definitions[m[1]]) out.push(...study.definitions[m[1]].subscales.map((s) => `${m[1]}.${s.id}`));
    else out.push(r);
  }
  return out;
}

/** Cross-field checks zod cannot express: names unique, analyses refer to declared instruments, parts and norms. */
function checkReferences(study: Study): void {
  const names = new Set(study.instruments.map((u) => u.name));
  const ids = new Set<string>();
  const fail = (field: string, problem: string, value: unknown, hint: string): never => {
    throw new StaffwellError('invalid-study', problem, { file: study.source, field, value, hint });
  };
  const normIds = study.normEntries.map((n) => n.id);
  const checkNorm = (field: string, id: string, kinds: NormEntry['kind'][]): NormEntry => {
    const n = study.normEntries.find((x) => x.id === id);
    if (!n) {
      const near = closestNames(id, normIds);
      return fail(field, 'no norm has this id', id, near.length ? `did you mean ${near.map((x) => `"${x}"`).join(' or ')}?` : 'run `staffwell norms` for the built-in ids, or add your norms file under `norms`');
    }
    if (!kinds.includes(n.kind)) fail(field, `the norm is a ${n.kind} norm; this analysis needs a ${kinds.join(' or ')} norm`, id, 'choose another norm');
    return n;
  };
  study.analyses.forEach((a, i) => {
    const at = `analyses[${i}]`;
    if (a.id !== undefined) {
      if (ids.has(a.id)) fail(`${at}.id`, 'two analyses share an id', a.id, 'give each analysis its own id');
      ids.add(a.id);
    }
    const used: [string, string, ScorePartKind[] | 'any'][] = [];
    const push = (field: string, r: string, kinds: ScorePartKind[] | 'any') => used.push([field, r, kinds]);
    const numeric: ScorePartKind[] = ['subscale', 'conversion'];
    switch (a.type) {
      case 'describe':
        a.scores.forEach((r, j) => push(`${at}.scores[${j}]`, r, numeric));
        (a.by ?? []).forEach((r, j) => push(`${at}.by[${j}]`, r, ['classification']));
        break;
      case 'correlation':
        a.scores.forEach((r, j) => push(`${at}.scores[${j}]`, r, numeric));
        break;
      case 'reliability':
      case 'benchmark':
        if (!names.has(a.instrument)) fail(`${at}.instrument`, 'no instrument of this name is declared', a.instrument, `declared instruments: ${[...names].join(', ')}`);
        (a.type === 'benchmark' ? a.by ?? [] : []).forEach((r, j) => push(`${at}.by[${j}]`, r, ['classification']));
        if (a.type === 'benchmark') (Array.isArray(a.norms) ? a.norms : [a.norms]).forEach((id, j) => checkNorm(Array.isArray(a.norms) ? `${at}.norms[${j}]` : `${at}.norms`, id, ['percentile-bands']));
        break;
      case 'prevalence': {
        push(`${at}.classification`, a.classification, ['classification']);
        a.norms.forEach((id, j) => checkNorm(`${at}.norms[${j}]`, id, ['prevalence']));
        const dot = a.classification.indexOf('.');
        const def = study.definitions[a.classification.slice(0, dot)];
        const c = def && (def.classifications ?? []).find((x) => x.id === a.classification.slice(dot + 1));
        if (c) {
          const labels = c.cutoff ? [c.cutoff.labels.below, c.cutoff.labels.atOrAbove] : (c.bands ?? []).map((b) => b.label);
          if (!labels.includes(a.level)) fail(`${at}.level`, `not a level of ${a.classification}`, a.level, `the levels are ${labels.map((l) => `"${l}"`).join(', ')}`);
        }
        break;
      }
      case 'norm-means':
        push(`${at}.score`, a.score, numeric);
        a.norms.forEach((id, j) => checkNorm(`${at}.norms[${j}]`, id, ['mean']));
        break;
      case 'compare-groups':
        push(`${at}.score`, a.score, numeric);
        push(`${at}.by`, a.by, ['classification']);
        break;
      case 'regression':
        push(`${at}.outcome`, a.outcome, numeric);
        a.predictors.forEach((r, j) => push(`${at}.predictors[${j}]`, r, 'any'));
        break;
      case 'logistic':
        push(`${at}.outcome`, a.outcome, ['classification']);
        a.predictors.forEach((r, j) => push(`${at}.predictors[${j}]`, r, 'any'));
        break;
      case 'crosstab':
        push(`${at}.rows`, a.rows, ['classification']);
        push(`${at}.cols`, a.cols, ['classification']);
        break;
    }
    for (const [field, r, kinds] of used) {
      const dot = r.indexOf('.');
      if (dot <= 0) continue; // a data column: checked against the data
      const name = r.slice(0, dot);
      const part = r.slice(dot + 1);
      if (!names.has(name) || !study.definitions[name])
        fail(field, 'the score refers to an instrument that is not declared', r, `write <instrument name>.<subscale>; declared instruments: ${[...names].join(', ')}`);
      const def = study.definitions[name];
      if (part === '*') {
        if (field.includes('.scores[')) continue;
        fail(field, '"<name>.*" (all subscales) is allowed only in a list of scores', r, 'name one subscale');
      }
      const kind = scorePartKind(study, name, part);
      const parts = [
        ...def.subscales.map((s) => s.id),
        ...(def.classifications ?? []).map((c) => c.id),
        ...(def.conversions ?? []).map((c) => c.id),
      ];
      if (!kind) fail(field, `${def.id} has no subscale, classification or conversion "${part}"`, r, `use one of ${parts.map((p) => `${name}.${p}`).join(', ')}`);
      if (kinds !== 'any' && !kinds.includes(kind!))
        fail(field, `${r} is a ${kind}; this field needs a ${kinds.join(' or ')}`, r, kind === 'classification' ? 'name a subscale score' : 'name a classification (e.g. caseness)');
    }
    if (a.type === 'logistic' && a.outcome.includes('.') && a.event === undefined)
      fail(`${at}.event`, 'a classification outcome needs the level that counts as the event', a.outcome, 'add e.g. `event: case`');
  });
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
      if (issue.path[issue.path.length - 1] === 'type' || (issue as { note?: string }).note === 'No matching discriminator') {
        return `unknown analysis type; use one of ${analysisSchema.options.map((o) => o.shape.type.value).join(', ')}`;
      }
      return 'not a valid value here (check the type and spelling)';
    default:
      return issue.message;
  }
}
