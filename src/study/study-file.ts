import { readTextFile } from '../io/read-text-file.ts';
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { z } from 'zod';
import { parse as parseYaml } from 'yaml';
import { StaffwellError, isStaffwellError } from '../errors.ts';
import { closestNames } from '../data/table.ts';
import { answerLabelsFromDocument, compileLabels, type LabelLookup } from '../data/answer-labels.ts';
import { formatPath, parseDocumentText, valueAt, type InstrumentDefinition, type ScoringRule } from '../instruments/definition.ts';
import { findInstrument, builtinInstruments } from '../instruments/builtin-instruments.ts';
import { loadInstrument } from '../instruments/load-instrument.ts';
import { resolveMapping, type ItemMapping } from '../instruments/score-instrument.ts';
import { builtinNorms } from '../norms/builtin-norms.ts';
import { loadNorms, type NormEntry } from '../norms/norm.ts';
import {
  ANALYSIS_TYPES,
  keysAt,
  studySchema,
  type AnalysisSpec,
  type DerivedVariableSpec,
  type InlineScale,
  type InstrumentUse,
  type StudyDocument,
} from './study-schema.ts';

export { studySchema, ANALYSIS_TYPES } from './study-schema.ts';
export type { StudyDocument, AnalysisSpec, AnalysisType, InstrumentUse, InlineScale, DerivedVariableSpec, LevelsSpec } from './study-schema.ts';

/**
 * The study file: one declarative document (YAML or JSON) from a survey data file to R-exact results. This module
 * is the language's front end: it parses and validates a document ({@link parseStudy}) into a {@link Study}
 * whose instruments, inline scales, answer labels, scoring rules and derived variables are resolved and whose
 * every reference is checked. Running it is run-study.ts's job. Every field is documented in docs/study-file.md.
 *
 * Messages name the file and the field; positions in field paths count from 1 (`analyses[3].scores[2]` is the
 * second score of the third analysis).
 */

/** One thing to score: a declared instrument or an inline scale, with everything resolved. */
export interface ScoringSpec {
  /** How analyses refer to it (`ghq`, or an inline scale's name). */
  readonly name: string;
  /** The study field it came from (`instruments[1]`, `scales.climate`). */
  readonly field: string;
  /** True for an inline scale (its one score is the variable `<name>`). */
  readonly inline: boolean;
  /** The definition, with the study's scoring rules applied. */
  readonly definition: InstrumentDefinition;
  readonly items: ItemMapping;
  readonly codes?: readonly number[];
  readonly scoring?: string;
  readonly cutoffs?: Readonly<Record<string, number>>;
  /** Text answers -> codes, when the study gives labels. */
  readonly labels?: LabelLookup;
  /** Subscale id -> the published rule, for every subscale whose rule the study replaced. */
  readonly publishedRules: Readonly<Record<string, ScoringRule>>;
}

/** A derived variable, as declared (name and field added). */
export interface DerivedVariable extends DerivedVariableSpec {
  readonly name: string;
  /** `variables.<name>`. */
  readonly field: string;
  /** What `from` names, as far as known when parsing ('column' = a data column, checked when the data are read). */
  readonly fromKind: 'subscale' | 'conversion' | 'classification' | 'scale' | 'derived' | 'column';
}

export interface Study extends StudyDocument {
  /** The study file's path, as the user named it. */
  readonly source: string;
  /** Folder that relative paths in the study resolve against. */
  readonly baseDir: string;
  /** Instrument or inline-scale name -> its validated definition (the study's scoring rules applied). */
  readonly definitions: Readonly<Record<string, InstrumentDefinition>>;
  /** The built-in norms followed by those of the study's own norms files. */
  readonly normEntries: readonly NormEntry[];
  /** Everything to score, in order: the instruments, then the inline scales. */
  readonly scoring: readonly ScoringSpec[];
  /** The derived variables, in declaration order. */
  readonly derived: readonly DerivedVariable[];
}

/** `[i]` of a field path, counting from 1 as users do. */
export const pos = (i: number): string => `[${i + 1}]`;

/**
 * Parses and validates a study document; errors name the file and the field path (`analyses[2].by`). Instrument
 * definitions, norms and label files named by the study are read (relative to the study file's folder) and every
 * reference is checked: instrument ids, mappings, scoring methods and rules, cut-offs, codes, labels, derived
 * variables, level orders, score references and norm ids. References to data columns are checked when the data
 * are read (`runStudy`).
 */
export function parseStudy(text: string, source: string): Study {
  let doc: unknown;
  try {
    doc = source.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new StaffwellError('invalid-study', `not valid ${source.endsWith('.json') ? 'JSON' : 'YAML'}: ${(e as Error).message.split('\n')[0]}`, {
      file: source,
      // the yaml parser knows the line (YAMLParseError.linePos); JSON.parse does not
      line: (e as { linePos?: { line: number }[] }).linePos?.[0]?.line,
      hint: 'fix the syntax; the examples/ folder has a study file per seed study',
    });
  }
  const parsed = studySchema.safeParse(doc);
  if (!parsed.success) throw schemaError(parsed.error.issues, doc, source);
  const d = parsed.data;
  const baseDir = dirname(resolve(source));
  const err = (field: string, problem: string, value: unknown, hint: string): StaffwellError =>
    new StaffwellError('invalid-study', problem, { file: source, field, value, hint });

  const dataPath = resolvePath(baseDir, d.data.file);
  if (!existsSync(dataPath))
    throw err('data.file', 'the data file does not exist', d.data.file, `give the path relative to the study file's folder (${baseDir})`);
  const uses = d.instruments ?? [];
  if (uses.length === 0 && Object.keys(d.scales ?? {}).length === 0)
    throw err('instruments', 'the study scores nothing', undefined, 'declare at least one instrument (instruments:) or inline scale (scales:)');

  const labelSet = labelResolver(d, baseDir, source);
  const definitions: Record<string, InstrumentDefinition> = {};
  const scoring: ScoringSpec[] = [];
  const taken = (name: string): string | undefined =>
    definitions[name] ? 'an instrument or scale' : d.variables && name in d.variables ? 'a derived variable' : undefined;
  uses.forEach((u, i) => {
    const at = `instruments${pos(i)}`;
    if (definitions[u.name]) throw err(`${at}.name`, 'two instruments share a name', u.name, 'give each instrument in the study its own name');
    const published = resolveInstrument(u, at, baseDir, source);
    const { definition, publishedRules } = applyRules(published, u, at, source);
    definitions[u.name] = definition;
    scoring.push({
      name: u.name,
      field: at,
      inline: false,
      definition,
      items: u.items,
      codes: u.codes,
      scoring: u.scoring,
      cutoffs: u.cutoffs,
      labels: u.labels === undefined ? undefined : labelSet(u.labels, `${at}.labels`),
      publishedRules,
    });
  });
  for (const [name, s] of Object.entries(d.scales ?? {})) {
    const at = `scales.${name}`;
    const t = taken(name);
    if (t) throw err(at, `the name is already used by ${t}`, name, 'give the scale its own name');
    const definition = inlineDefinition(name, s, at, source);
    definitions[name] = definition;
    scoring.push({
      name,
      field: at,
      inline: true,
      definition,
      items: Object.fromEntries(s.items.map((c) => [c, c])),
      codes: s.codes,
      labels: s.labels === undefined ? undefined : labelSet(s.labels, `${at}.labels`),
      publishedRules: {},
    });
  }
  const normEntries: NormEntry[] = [...builtinNorms()];
  (d.norms ?? []).forEach((f, i) => {
    const p = resolvePath(baseDir, f);
    if (!existsSync(p)) throw err(`norms${pos(i)}`, 'the norms file does not exist', f, "give the path relative to the study file's folder");
    for (const e of loadNorms(p)) {
      if (normEntries.some((x) => x.id === e.id))
        throw err(`norms${pos(i)}`, `the norms file redefines the norm id "${e.id}"`, f, 'give your own norms ids that differ from the built-in ones');
      normEntries.push(e);
    }
  });
  const partial = { ...d, source, baseDir, definitions, normEntries, scoring, derived: [] as DerivedVariable[] };
  const study: Study = { ...partial, derived: checkDerived(partial) };
  checkInstrumentUses(study);
  checkLevels(study);
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

/**
 * Every file a study reads besides the study file itself, resolved: the data file, instrument definition files,
 * norms files and answer-labels files, each once, in that order. What a cache of the study's results must watch.
 */
export function studyFiles(study: Study): string[] {
  const files = [resolvePath(study.baseDir, study.data.file)];
  for (const u of study.instruments ?? []) if (looksLikePath(u.instrument)) files.push(resolvePath(study.baseDir, u.instrument));
  for (const f of study.norms ?? []) files.push(resolvePath(study.baseDir, f));
  const sets = study.labels ?? {};
  for (const s of Object.values(sets)) if (typeof s === 'string') files.push(resolvePath(study.baseDir, s));
  const refs = [...(study.instruments ?? []).map((u) => u.labels), ...Object.values(study.scales ?? {}).map((s) => s.labels)];
  for (const r of refs) if (typeof r === 'string' && !(r in sets) && looksLikePath(r)) files.push(resolvePath(study.baseDir, r));
  return [...new Set(files)];
}

function looksLikePath(s: string): boolean {
  return s.includes('/') || s.includes('\\') || /\.(json|ya?ml)$/i.test(s);
}

/** The first schema problem as a StaffwellError; an unknown field comes first and names the nearest valid one. */
function schemaError(issues: readonly z.core.$ZodIssue[], doc: unknown, source: string): StaffwellError {
  const unknown = issues.find((i) => i.code === 'unrecognized_keys') as (z.core.$ZodIssue & { keys: string[] }) | undefined;
  if (unknown) {
    const key = unknown.keys[0];
    const valid = (keysAt(studySchema, doc, unknown.path) ?? []).filter((k) => !(k in ((valueAt(doc, unknown.path) as object) ?? {})));
    const near = closestNames(key, valid);
    const path = [...unknown.path, key];
    return new StaffwellError('invalid-study', `unknown field "${key}"${near.length ? `; did you mean "${near[0]}"?` : ''}`, {
      file: source,
      field: formatPath(path),
      hint: valid.length ? `the fields here are ${(keysAt(studySchema, doc, unknown.path) ?? []).join(', ')}; see docs/study-file.md` : 'see docs/study-file.md for the fields of a study file',
    });
  }
  const issue = issues[0];
  const field = formatPath(issue.path);
  const v = valueAt(doc, issue.path);
  return new StaffwellError('invalid-study', describeIssue(issue), {
    file: source,
    field: field || undefined,
    value: v === undefined ? undefined : typeof v === 'object' ? JSON.stringify(v) : v,
    hint: 'see docs/study-file.md for the fields of a study file',
  });
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'a required field is missing' : `expected ${issue.expected}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      if (issue.path[issue.path.length - 1] === 'type' || (issue as { note?: string }).note === 'No matching discriminator') {
        return `unknown analysis type; use one of ${ANALYSIS_TYPES.join(', ')}`;
      }
      return 'not a valid value here (check the type and spelling)';
    default:
      return issue.message;
  }
}

function resolveInstrument(u: InstrumentUse, at: string, baseDir: string, source: string): InstrumentDefinition {
  if (looksLikePath(u.instrument)) {
    const p = resolvePath(baseDir, u.instrument);
    if (!existsSync(p))
      throw new StaffwellError('invalid-study', 'the instrument definition file does not exist', {
        file: source,
        field: `${at}.instrument`,
        value: u.instrument,
        hint: "give a built-in id (run `staffwell instruments`) or a path relative to the study file's folder",
      });
    return loadInstrument(p);
  }
  try {
    return findInstrument(u.instrument);
  } catch (e) {
    if (!isStaffwellError(e)) throw e;
    const near = closestNames(u.instrument, builtinInstruments({ includeUnverified: true }).map((x) => x.id));
    throw new StaffwellError('invalid-study', 'no built-in instrument has this id', {
      file: source,
      field: `${at}.instrument`,
      value: u.instrument,
      hint: near.length
        ? `did you mean ${near.map((n) => `"${n}"`).join(' or ')}? (run \`staffwell instruments\` for the ids)`
        : 'run `staffwell instruments` for the built-in ids, or give the path of your own definition file',
    });
  }
}

/** Resolves a `labels` field: a set named under `labels`, a labels file, or an inline map. */
function labelResolver(d: StudyDocument, baseDir: string, source: string) {
  const cache = new Map<string, LabelLookup>();
  const fromFile = (path: string, field: string): LabelLookup => {
    const p = resolvePath(baseDir, path);
    if (!existsSync(p))
      throw new StaffwellError('invalid-study', 'the answer-labels file does not exist', { file: source, field, value: path, hint: "give the path relative to the study file's folder" });
    return compileLabels(answerLabelsFromDocument(parseDocumentText(readTextFile(p, 'answer-labels file'), path), path), path);
  };
  const inline = (map: Record<string, number>, field: string): LabelLookup => {
    try {
      return compileLabels(map, `${source}, field "${field}"`);
    } catch (e) {
      if (!isStaffwellError(e)) throw e;
      throw new StaffwellError('invalid-study', e.problem, { file: source, field: e.location.field ? `${field}.${e.location.field}` : field, value: e.value, hint: e.hint });
    }
  };
  return (ref: string | Record<string, number>, field: string): LabelLookup => {
    if (typeof ref !== 'string') return inline(ref, field);
    const sets = d.labels ?? {};
    if (ref in sets) {
      let l = cache.get(ref);
      if (!l) {
        const s = sets[ref];
        l = typeof s === 'string' ? fromFile(s, `labels.${ref}`) : inline(s, `labels.${ref}`);
        cache.set(ref, l);
      }
      return l;
    }
    if (looksLikePath(ref)) return fromFile(ref, field);
    const near = closestNames(ref, Object.keys(sets));
    throw new StaffwellError('invalid-study', 'no answer-label set of this name', {
      file: source,
      field,
      value: ref,
      hint: near.length ? `did you mean "${near[0]}"?` : Object.keys(sets).length ? `the sets are ${Object.keys(sets).join(', ')}` : 'declare the set under `labels:`, give a labels file path, or write the labels inline',
    });
  };
}

const sameMetric = (a: ScoringRule['type'], b: ScoringRule['type']): boolean =>
  (a === 'sum' || a === 'prorated-sum') === (b === 'sum' || b === 'prorated-sum');

/**
 * The definition with the study's `rules` applied. A subscale a classification or conversion is computed from
 * keeps its metric (a sum stays a sum, prorated or not; a mean a mean), so published cut-offs still apply.
 */
function applyRules(def: InstrumentDefinition, u: InstrumentUse, at: string, source: string): { definition: InstrumentDefinition; publishedRules: Record<string, ScoringRule> } {
  const rules = u.rules ?? {};
  const fail = (field: string, problem: string, value: unknown, hint: string): never => {
    throw new StaffwellError('invalid-study', problem, { file: source, field: `${at}.rules.${field}`, value, hint });
  };
  const ids = def.subscales.map((s) => s.id);
  for (const key of Object.keys(rules))
    if (key !== '*' && !ids.includes(key)) {
      const near = closestNames(key, ids);
      fail(key, `${def.id} has no subscale "${key}"`, key, near.length ? `did you mean "${near[0]}"?` : `the subscales are ${ids.join(', ')}, or "*" for all`);
    }
  if (Object.keys(rules).length === 0) return { definition: def, publishedRules: {} };
  const publishedRules: Record<string, ScoringRule> = {};
  const subscales = def.subscales.map((s) => {
    const key = s.id in rules ? s.id : '*' in rules ? '*' : undefined;
    if (key === undefined) return s;
    const rule = rules[key] as ScoringRule;
    if ((rule.type === 'prorated-mean' || rule.type === 'prorated-sum') && typeof rule.minAnswered === 'number' && rule.minAnswered > s.items.length)
      fail(key, `more than the ${s.items.length} items of ${s.id}`, rule.minAnswered, `give at most ${s.items.length}, or a fraction ({ fraction: 0.5 })`);
    const dependents = [...(def.classifications ?? []).filter((c) => c.of === s.id).map((c) => c.id), ...(def.conversions ?? []).filter((c) => c.of === s.id).map((c) => c.id)];
    if (dependents.length && !sameMetric(rule.type, s.rule.type))
      fail(
        key,
        `${s.id} is published as a ${s.rule.type.replace('prorated-', '')} and ${dependents.join(', ')} ${dependents.length > 1 ? 'are' : 'is'} computed from it; a ${rule.type} would change its metric`,
        rule.type,
        s.rule.type.endsWith('sum') ? 'use sum or prorated-sum' : 'use mean or prorated-mean',
      );
    if (JSON.stringify(rule) === JSON.stringify(s.rule)) return s;
    publishedRules[s.id] = s.rule;
    return { ...s, rule };
  });
  return { definition: { ...def, subscales }, publishedRules };
}

/** An inline scale as an instrument definition with one subscale named after the scale. */
function inlineDefinition(name: string, s: InlineScale, at: string, source: string): InstrumentDefinition {
  const fail = (field: string, problem: string, value: unknown, hint: string): never => {
    throw new StaffwellError('invalid-study', problem, { file: source, field: `${at}.${field}`, value, hint });
  };
  s.items.forEach((c, j) => {
    if (s.items.indexOf(c) !== j) fail(`items${pos(j)}`, 'the column is listed twice', c, 'list each item once');
  });
  (s.reversed ?? []).forEach((c, j) => {
    if (!s.items.includes(c)) {
      const near = closestNames(c, s.items);
      fail(`reversed${pos(j)}`, 'a reversed item must be one of the items', c, near.length ? `did you mean "${near[0]}"?` : `the items are ${s.items.join(', ')}`);
    }
  });
  if (new Set(s.codes).size !== s.codes.length) fail('codes', 'the codes must differ', JSON.stringify(s.codes), 'list each response code once, lowest first');
  const rule = s.rule as ScoringRule;
  if ((rule.type === 'prorated-mean' || rule.type === 'prorated-sum') && typeof rule.minAnswered === 'number' && rule.minAnswered > s.items.length)
    fail('rule.minAnswered', `more than the ${s.items.length} items of the scale`, rule.minAnswered, `give at most ${s.items.length}`);
  const reversed = new Set(s.reversed ?? []);
  return {
    id: name,
    name: s.label ?? name,
    version: 'inline',
    citation: { authors: ['(defined in the study file)'], year: 2000, title: s.label ?? name, source },
    licence: { name: 'none', wordingIncluded: false, notes: 'an inline scale of the study file' },
    verification: { verified: true, sources: [source] },
    responseOptions: s.codes.map((code) => ({ code })),
    items: s.items.map((c) => ({ id: c, ...(reversed.has(c) ? { reversed: true } : {}) })),
    subscales: [{ id: name, label: s.label ?? name, items: [...s.items], rule }],
  };
}

/** Scoring method, codes, cut-offs and the item mapping of each instrument, against its definition. */
function checkInstrumentUses(study: Study): void {
  (study.instruments ?? []).forEach((u, i) => {
    const def = study.definitions[u.name];
    const at = `instruments${pos(i)}`;
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
      const known = def.items.map((x) => x.id);
      for (const item of Object.keys(u.items))
        if (!known.includes(item)) {
          const near = closestNames(item, known);
          fail(`items.${item}`, `not an item of ${def.id}`, item, near.length ? `did you mean "${near[0]}"? The items are ${known.join(', ')}` : `the items are ${known.join(', ')}`);
        }
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

/** True when `name` is an inline scale of the study. */
export function isInlineScale(study: Pick<Study, 'scales'>, name: string): boolean {
  return !!study.scales && Object.prototype.hasOwnProperty.call(study.scales, name);
}

/** True when `name` is a derived variable of the study. */
export function isDerived(study: Pick<Study, 'variables'>, name: string): boolean {
  return !!study.variables && Object.prototype.hasOwnProperty.call(study.variables, name);
}

/** Expands `<name>.*` to every subscale of the instrument (an inline scale's to the scale); other references stay. */
export function expandRefs(study: Pick<Study, 'definitions' | 'scales'>, refs: readonly string[]): string[] {
  const out: string[] = [];
  for (const r of refs) {
    const m = /^([^.]+)\.\*$/.exec(r);
    if (m && isInlineScale(study, m[1])) out.push(m[1]);
    else if (m && study.definitions[m[1]]) out.push(...study.definitions[m[1]].subscales.map((s) => `${m[1]}.${s.id}`));
    else out.push(r);
  }
  return out;
}

/** The levels of a classification `<name>.<part>`, in definition order, or undefined. */
export function classificationLevels(study: Pick<Study, 'definitions'>, ref: string): string[] | undefined {
  const dot = ref.indexOf('.');
  if (dot <= 0) return undefined;
  const def = study.definitions[ref.slice(0, dot)];
  const c = def && (def.classifications ?? []).find((x) => x.id === ref.slice(dot + 1));
  if (!c) return undefined;
  return c.cutoff ? [c.cutoff.labels.below, c.cutoff.labels.atOrAbove] : (c.bands ?? []).map((b) => b.label);
}

/**
 * The levels of a categorical variable known before the data are read (a classification, a recode or a cut),
 * or undefined (a data column, or a `combine` of one).
 */
export function knownLevels(study: Pick<Study, 'definitions' | 'variables' | 'derived'>, ref: string): string[] | undefined {
  const c = classificationLevels(study, ref);
  if (c) return c;
  const v = study.derived.find((x) => x.name === ref);
  if (!v) return undefined;
  if (v.cut) return v.labels ?? cutLabels(v.cut, v.closed ?? 'left');
  if (v.recode) return [...Object.keys(v.recode), ...(v.other !== undefined && !(v.other in v.recode) ? [v.other] : [])];
  if (v.combine) {
    const from = knownLevels(study, v.from);
    if (!from) return undefined;
    const into = new Map<string, string>();
    for (const [to, vals] of Object.entries(v.combine)) for (const x of vals) into.set(String(x), to);
    return [...new Set(from.filter((l) => !(v.missing ?? []).map(String).includes(l)).map((l) => into.get(l) ?? l))];
  }
  return undefined;
}

/** Default labels of intervals cut at `points` (`< 2.5`, `2.5 to < 3.5`, `>= 3.5`; with closed right `<= 2.5`, ...). */
export function cutLabels(points: readonly number[], closed: 'left' | 'right'): string[] {
  const out: string[] = [];
  for (let j = 0; j <= points.length; j++) {
    const lo = points[j - 1];
    const hi = points[j];
    if (closed === 'left') out.push(j === 0 ? `< ${hi}` : j === points.length ? `>= ${lo}` : `${lo} to < ${hi}`);
    else out.push(j === 0 ? `<= ${hi}` : j === points.length ? `> ${lo}` : `> ${lo} to <= ${hi}`);
  }
  return out;
}

/** Derived variables: one way of deriving each, a valid source declared before, values and levels that exist. */
function checkDerived(study: Omit<Study, 'derived'> & { derived: DerivedVariable[] }): DerivedVariable[] {
  const out: DerivedVariable[] = [];
  for (const [name, v] of Object.entries(study.variables ?? {})) {
    const at = `variables.${name}`;
    const fail = (field: string, problem: string, value: unknown, hint: string): never => {
      throw new StaffwellError('invalid-study', problem, { file: study.source, field: field ? `${at}.${field}` : at, value, hint });
    };
    if (study.definitions[name]) fail('', 'the name is already used by an instrument or scale', name, 'give the variable its own name');
    const ways = (['recode', 'combine', 'cut'] as const).filter((k) => v[k] !== undefined);
    if (ways.length !== 1)
      fail('', ways.length ? `give one of recode, combine and cut, not ${ways.join(' and ')}` : 'say how the variable is derived: recode, combine or cut', name, 'see "Derived variables" in docs/study-file.md');
    if (v.other !== undefined && !v.recode) fail('other', '`other` goes with `recode`', v.other, 'use recode, or leave other out');
    if ((v.closed !== undefined || v.labels !== undefined) && !v.cut) fail(v.labels ? 'labels' : 'closed', '`closed` and `labels` go with `cut`', undefined, 'use cut, or leave them out');
    if (v.cut) {
      v.cut.forEach((x, j) => {
        if (j > 0 && !(x > v.cut![j - 1])) fail(`cut${pos(j)}`, 'cut points must increase', x, 'list the cut points from lowest to highest');
      });
      if (v.labels && v.labels.length !== v.cut.length + 1)
        fail('labels', `${v.cut.length} cut point(s) make ${v.cut.length + 1} groups; give one label per group`, v.labels.length, 'add or remove labels');
    }
    const map = v.recode ?? v.combine;
    if (map) {
      const seen = new Map<string, string>();
      for (const [to, vals] of Object.entries(map))
        vals.forEach((x, j) => {
          const k = String(x);
          if (seen.has(k) && seen.get(k) !== to) fail(`${v.recode ? 'recode' : 'combine'}.${to}${pos(j)}`, `the value is already listed under "${seen.get(k)}"`, k, 'list each value under one level');
          seen.set(k, to);
        });
    }
    // the source
    let fromKind: DerivedVariable['fromKind'];
    const dot = v.from.indexOf('.');
    if (dot > 0) {
      const kind = scorePartKind(study, v.from.slice(0, dot), v.from.slice(dot + 1));
      if (!kind) {
        if (!study.definitions[v.from.slice(0, dot)]) fail('from', 'the variable refers to an instrument that is not declared', v.from, `declared: ${Object.keys(study.definitions).join(', ') || 'none'}`);
        fail('from', `${v.from.slice(0, dot)} has no subscale, classification or conversion "${v.from.slice(dot + 1)}"`, v.from, 'name a part of the instrument');
      }
      fromKind = kind!;
    } else if (isInlineScale(study, v.from)) fromKind = 'scale';
    else if (isDerived(study, v.from)) {
      if (!out.some((x) => x.name === v.from)) fail('from', 'a derived variable can only use variables declared before it', v.from, 'move this variable below the one it uses');
      fromKind = 'derived';
    } else fromKind = 'column';
    const numericFrom = fromKind === 'subscale' || fromKind === 'conversion' || fromKind === 'scale';
    const categoricalFrom = fromKind === 'classification' || fromKind === 'derived';
    if (v.cut && categoricalFrom) fail('cut', `${v.from} holds categories; only a number can be cut`, v.from, 'use recode or combine to group categories');
    if (!v.cut && numericFrom) fail(ways[0], `${v.from} is a score; group a score with cut`, v.from, 'write e.g. cut: [2.5, 3.5]');
    const def: DerivedVariable = { ...v, name, field: at, fromKind };
    if (map && categoricalFrom) {
      const levels = knownLevels({ ...study, derived: out }, v.from);
      if (levels)
        for (const [to, vals] of Object.entries(map))
          vals.forEach((x, j) => {
            if (!levels.includes(String(x))) {
              const near = closestNames(String(x), levels);
              fail(`${v.recode ? 'recode' : 'combine'}.${to}${pos(j)}`, `not a level of ${v.from}`, x, near.length ? `did you mean "${near[0]}"?` : `the levels are ${levels.map((l) => `"${l}"`).join(', ')}`);
            }
          });
    }
    out.push(def);
  }
  return out;
}

/** `levels:` names categorical variables; their listed levels exist where they are known before the data. */
function checkLevels(study: Study): void {
  for (const [ref, spec] of Object.entries(study.levels ?? {})) {
    const at = `levels.${ref}`;
    /** `suffix` starts with "." or "[" (or is empty). */
    const fail = (suffix: string, problem: string, value: unknown, hint: string): never => {
      throw new StaffwellError('invalid-study', problem, { file: study.source, field: at + suffix, value, hint });
    };
    const dot = ref.indexOf('.');
    if (dot > 0) {
      const kind = scorePartKind(study, ref.slice(0, dot), ref.slice(dot + 1));
      if (kind !== 'classification') fail('', kind ? `${ref} is a ${kind}; level order is for categorical variables` : 'no classification of this name', ref, 'name a classification, a derived variable or a data column');
    } else if (isInlineScale(study, ref)) fail('', `${ref} is a scale; level order is for categorical variables`, ref, 'name a classification, a derived variable or a data column');
    const order = Array.isArray(spec) ? spec : spec.order ?? [];
    const reference = Array.isArray(spec) ? undefined : spec.reference;
    if (!Array.isArray(spec) && spec.order === undefined && spec.reference === undefined) fail('', 'give order, reference or both', undefined, 'e.g. { reference: Other }');
    const orderField = (j: number) => (Array.isArray(spec) ? pos(j) : `.order${pos(j)}`);
    order.forEach((l, j) => {
      if (order.indexOf(l) !== j) fail(orderField(j), 'the level is listed twice', l, 'list each level once');
    });
    const levels = knownLevels(study, ref);
    if (!levels) continue; // a data column: checked when the data are read
    const check = (l: string, suffix: string) => {
      if (!levels.includes(l)) {
        const near = closestNames(l, levels);
        fail(suffix, `not a level of ${ref}`, l, near.length ? `did you mean "${near[0]}"?` : `the levels are ${levels.map((x) => `"${x}"`).join(', ')}`);
      }
    };
    order.forEach((l, j) => check(l, orderField(j)));
    if (reference !== undefined) check(reference, '.reference');
  }
}

/** Cross-field checks zod cannot express: names unique, analyses refer to declared instruments, parts and norms. */
function checkReferences(study: Study): void {
  const names = new Set(Object.keys(study.definitions));
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
  const checkInstrument = (field: string, name: string) => {
    if (!names.has(name)) {
      const near = closestNames(name, [...names]);
      fail(field, 'no instrument or scale of this name is declared', name, near.length ? `did you mean "${near[0]}"?` : `declared: ${[...names].join(', ')}`);
    }
  };
  study.analyses.forEach((a: AnalysisSpec, i) => {
    const at = `analyses${pos(i)}`;
    if (a.id !== undefined) {
      if (ids.has(a.id)) fail(`${at}.id`, 'two analyses share an id', a.id, 'give each analysis its own id');
      ids.add(a.id);
    }
    /** 'numeric' = a number is needed; 'group' = categories; 'any' = either. */
    const used: [string, string, 'numeric' | 'group' | 'any'][] = [];
    const push = (field: string, r: string, need: 'numeric' | 'group' | 'any') => used.push([field, r, need]);
    switch (a.type) {
      case 'describe':
        a.scores.forEach((r, j) => push(`${at}.scores${pos(j)}`, r, 'numeric'));
        (a.by ?? []).forEach((r, j) => push(`${at}.by${pos(j)}`, r, 'group'));
        break;
      case 'correlation':
        a.scores.forEach((r, j) => push(`${at}.scores${pos(j)}`, r, 'numeric'));
        break;
      case 'reliability':
      case 'benchmark':
        checkInstrument(`${at}.instrument`, a.instrument);
        (a.type === 'benchmark' ? a.by ?? [] : []).forEach((r, j) => push(`${at}.by${pos(j)}`, r, 'group'));
        if (a.type === 'benchmark') (Array.isArray(a.norms) ? a.norms : [a.norms]).forEach((nid, j) => checkNorm(Array.isArray(a.norms) ? `${at}.norms${pos(j)}` : `${at}.norms`, nid, ['percentile-bands']));
        break;
      case 'prevalence': {
        push(`${at}.classification`, a.classification, 'group');
        a.norms.forEach((nid, j) => checkNorm(`${at}.norms${pos(j)}`, nid, ['prevalence']));
        if (!a.classification.includes('.')) fail(`${at}.classification`, 'name a classification of an instrument', a.classification, 'e.g. ghq.caseness');
        const labels = classificationLevels(study, a.classification);
        if (labels && !labels.includes(a.level)) fail(`${at}.level`, `not a level of ${a.classification}`, a.level, `the levels are ${labels.map((l) => `"${l}"`).join(', ')}`);
        break;
      }
      case 'norm-means':
        push(`${at}.score`, a.score, 'numeric');
        a.norms.forEach((nid, j) => checkNorm(`${at}.norms${pos(j)}`, nid, ['mean']));
        break;
      case 'compare-groups':
        push(`${at}.score`, a.score, 'numeric');
        push(`${at}.by`, a.by, 'group');
        break;
      case 'regression':
        push(`${at}.outcome`, a.outcome, 'numeric');
        a.predictors.forEach((r, j) => push(`${at}.predictors${pos(j)}`, r, 'any'));
        break;
      case 'logistic':
        push(`${at}.outcome`, a.outcome, a.outcome.includes('.') ? 'group' : 'any');
        a.predictors.forEach((r, j) => push(`${at}.predictors${pos(j)}`, r, 'any'));
        break;
      case 'proportion':
        push(`${at}.variable`, a.variable, 'group');
        if (a.by !== undefined) push(`${at}.by`, a.by, 'group');
        if (a.by !== undefined && a.p !== undefined) fail(`${at}.p`, 'a null proportion is for one sample; with `by` the groups are compared with each other', a.p, 'remove p or by');
        {
          const levels = knownLevels(study, a.variable);
          if (levels && !levels.includes(a.level)) {
            const near = closestNames(a.level, levels);
            fail(`${at}.level`, `not a level of ${a.variable}`, a.level, near.length ? `did you mean "${near[0]}"?` : `the levels are ${levels.map((l) => `"${l}"`).join(', ')}`);
          }
        }
        break;
      case 'one-sample':
        push(`${at}.score`, a.score, 'numeric');
        break;
      case 'paired':
        push(`${at}.x`, a.x, 'numeric');
        push(`${at}.y`, a.y, 'numeric');
        break;
      case 'goodness-of-fit':
        push(`${at}.variable`, a.variable, 'group');
        break;
      case 'crosstab':
        push(`${at}.rows`, a.rows, 'group');
        push(`${at}.cols`, a.cols, 'group');
        break;
    }
    for (const [field, r, need] of used) {
      const dot = r.indexOf('.');
      if (dot <= 0) {
        // a bare name: an inline scale (numeric), a derived variable (categories) or a data column (checked later)
        if (isInlineScale(study, r) && need === 'group') fail(field, `${r} is a scale score; this field needs categories`, r, `group it first with a derived variable (variables: { ${r}_group: { from: ${r}, cut: [...] } })`);
        if (isDerived(study, r) && need === 'numeric') fail(field, `${r} is a derived variable of categories; this field needs a number`, r, 'name a score or a numeric column');
        continue;
      }
      const name = r.slice(0, dot);
      const part = r.slice(dot + 1);
      if (!names.has(name)) {
        const near = closestNames(name, [...names]);
        fail(field, 'the score refers to an instrument that is not declared', r, `write <instrument name>.<subscale>; ${near.length ? `did you mean "${near[0]}"? ` : ''}declared: ${[...names].join(', ')}`);
      }
      const def = study.definitions[name];
      if (part === '*') {
        if (field.includes('.scores[')) continue;
        fail(field, '"<name>.*" (all subscales) is allowed only in a list of scores', r, 'name one subscale');
      }
      const kind = scorePartKind(study, name, part);
      const parts = [...def.subscales.map((s) => s.id), ...(def.classifications ?? []).map((c) => c.id), ...(def.conversions ?? []).map((c) => c.id)];
      if (!kind) {
        const near = closestNames(part, parts);
        fail(field, `${def.id} has no subscale, classification or conversion "${part}"`, r, `${near.length ? `did you mean "${name}.${near[0]}"? ` : ''}use one of ${parts.map((p) => `${name}.${p}`).join(', ')}`);
      }
      const isNumeric = kind === 'subscale' || kind === 'conversion';
      if ((need === 'numeric' && !isNumeric) || (need === 'group' && isNumeric))
        fail(
          field,
          `${r} is a ${kind}; this field needs ${need === 'numeric' ? 'a subscale or conversion' : 'a classification'}`,
          r,
          kind === 'classification' ? 'name a subscale score' : 'name a classification (e.g. caseness), or group the score with a derived variable (cut)',
        );
    }
    if (a.type === 'logistic' && !isInlineScale(study, a.outcome) && knownLevels(study, a.outcome) && a.event === undefined)
      fail(`${at}.event`, 'a categorical outcome needs the level that counts as the event', a.outcome, 'add e.g. `event: case`');
    if (a.type === 'logistic' && a.event !== undefined) {
      const levels = knownLevels(study, a.outcome);
      if (levels && !levels.includes(a.event)) fail(`${at}.event`, `not a level of ${a.outcome}`, a.event, `the levels are ${levels.map((l) => `"${l}"`).join(', ')}`);
    }
  });
}
