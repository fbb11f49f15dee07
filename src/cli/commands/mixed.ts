import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { StaffwellError } from '../../errors.ts';
import { writeFileAtomic } from '../../io/atomic-write.ts';
import {
  caseComparisonRows,
  displayHtml,
  linkCheckRows,
  profileRows,
  selectionRows,
  sideBySideRows,
  statisticsByThemesRows,
  type Rows,
} from '../../mixed/display-tables.ts';
import type { EvidenceUnit } from '../../mixed/coded-participants.ts';
import { quantitizedRows, type QuantitizeMeasure } from '../../mixed/quantitize.ts';
import type { SelectionStrategy } from '../../mixed/select-interviewees.ts';
import { textTable } from '../../qual/format.ts';
import { mixedCaseComparison, mixedRowAdd, mixedRowDelete, mixedRowUpdate, mixedSideBySide, mixedStatisticsByThemes, type MixedRowInput } from '../../services/mixed-displays.ts';
import { mixedCheck, mixedLink, mixedOpen, mixedProfile, mixedUnlink, type MixedContext } from '../../services/mixed-link.ts';
import { mixedQualitize, mixedQuantitize, mixedSelect } from '../../services/mixed-transform.ts';
import { ACTOR, json, list, toInt, withProject, withSession, writeOutputs } from '../project-options.ts';

/**
 * `staffwell mixed …`: one participant across the survey and the interviews. A thin layer over the mixed services
 * (src/services/mixed-*.ts): `link` declares which study and id column the project's participants come from
 * (a command, undoable), `check` reports unmatched ids on both sides, `profile` shows one person, `select`
 * proposes interviewees from the survey, `joint` computes a joint display, `row` edits the side-by-side rows,
 * `quantitize` and `qualitize` move data between the two sides.
 */
export function register(program: Command, io: { out?: (s: string) => void } = {}): void {
  const out = io.out ?? ((s: string) => void process.stdout.write(s));
  const mixed = program.command('mixed').description('mixed methods: link survey and interviews, profiles, interviewee selection, joint displays, quantitize and qualitize');

  mixed
    .command('link')
    .description('link the project to a study (survey): which column holds the participant ids; reports unmatched ids on both sides')
    .argument('<project>')
    .requiredOption('--study <file>', 'study file (its data.file is the survey)')
    .option('--id-column <column>', 'survey column holding the pseudonymous id (default: the study’s data.id)')
    .option('--min-group <n>', 'suppression threshold of the joint displays (default: the study’s)', toInt)
    .option('--variables <list>', 'survey variables the displays show, comma-separated (default: every score and classification, then the groups)')
    .option(...ACTOR)
    .option('--json', 'print the link check as JSON')
    .action((path: string, o: { study: string; idColumn?: string; minGroup?: number; variables?: string; actor?: string; json?: boolean }) =>
      withSession(path, o, async (s) => {
        const check = await mixedLink(s, { study: o.study, idColumn: o.idColumn, minGroup: o.minGroup, variables: o.variables ? list(o.variables) : undefined, baseDir: baseDir(path) });
        out(o.json ? json(check) : `linked ${path} to ${o.study} (id column ${check.idColumn})\n${checkSummary(check)}`);
      }),
    );

  mixed
    .command('unlink')
    .description('remove the participant link (undoable)')
    .argument('<project>')
    .option(...ACTOR)
    .action((path: string, o: { actor?: string }) =>
      withSession(path, o, async (s) => {
        await mixedUnlink(s);
        out('unlinked; `qual undo` links it again\n');
      }),
    );

  mixed
    .command('check')
    .description('the link check: matched participants, participants not in the survey (with near matches), respondents not interviewed, duplicate ids')
    .argument('<project>')
    .option('--json', 'print JSON')
    .option('--csv <file>', 'write every id with its status')
    .action((path: string, o: { json?: boolean; csv?: string }) =>
      withProject(path, {}, async (p) => {
        const check = await mixedCheck(p, ctxOf(path));
        await writeOutputs(linkCheckRows(check), o, 'link');
        out(o.json ? json(check) : checkSummary(check));
      }),
    );

  mixed
    .command('profile')
    .description('one participant across both kinds of data: survey scores and classifications, attributes, coded segments by code and theme')
    .argument('<project>')
    .argument('<participant>')
    .option('--json', 'print JSON')
    .action((path: string, id: string, o: { json?: boolean }) =>
      withProject(path, {}, async (p) => {
        const profile = await mixedProfile(p, id, ctxOf(path));
        out(o.json ? json(profile) : `${id}${profile.site ? ` (${profile.site})` : ''}: ${profile.segments} coded segment(s)\n${table(profileRows(profile))}`);
      }),
    );

  mixed
    .command('select')
    .description('propose interviewees from a study’s survey, seeded and reproducible, with a reason per person')
    .argument('<study>', 'study file')
    .requiredOption('--strategy <name>', 'extreme, typical, per-group, stratified or max-variation')
    .option('--score <list>', 'score(s), comma-separated (extreme, typical: one; max-variation: one or more)')
    .option('--by <list>', 'grouping variable(s), comma-separated (per-group: one; stratified: one or more)')
    .option('--n <n>', 'per end (extreme), per group (per-group, stratified) or in all (typical, max-variation)', toInt)
    .option('--seed <n>', 'random seed (default 1)', toInt)
    .option('--consent <column>', 'column saying who agreed to be contacted (others are never proposed)')
    .option('--consent-values <list>', 'values meaning yes (default yes, y, true, 1, agreed, consented)')
    .option('--exclude <list>', 'ids already interviewed or approached, comma-separated')
    .option('--id-column <column>', 'id column (default: the study’s data.id)')
    .option('--json', 'print JSON')
    .option('--csv <file>', 'write the list')
    .action(async (study: string, o: { strategy: string; score?: string; by?: string; n?: number; seed?: number; consent?: string; consentValues?: string; exclude?: string; idColumn?: string; json?: boolean; csv?: string }) => {
      const sel = await mixedSelect({
        study,
        idColumn: o.idColumn,
        strategy: o.strategy as SelectionStrategy,
        scores: o.score ? list(o.score) : undefined,
        by: o.by ? list(o.by) : undefined,
        n: o.n,
        seed: o.seed,
        consent: o.consent,
        consentValues: o.consentValues ? list(o.consentValues) : undefined,
        exclude: o.exclude ? list(o.exclude) : undefined,
      });
      await writeOutputs(selectionRows(sel), o, 'selection');
      if (o.json) return out(json(sel));
      const x = sel.excluded;
      out(`${sel.selected.length} proposed (${sel.strategy}, seed ${sel.seed}) of ${sel.eligible} eligible; not eligible: ${x.noId} without id, ${x.noConsent} without consent, ${x.missingValues} missing values, ${x.alreadyChosen} excluded\n`);
      out(table(selectionRows(sel)));
    });

  mixed
    .command('joint')
    .description('a joint display: statistics-by-themes, case-comparison or side-by-side (--json, --csv, --xlsx, --html)')
    .argument('<project>')
    .argument('<display>', 'statistics-by-themes, case-comparison or side-by-side')
    .option('--unit <unit>', 'rows are themes (default) or codes')
    .option('--scores <list>', 'statistics-by-themes: numeric survey variables (default every score)')
    .option('--classifications <list>', 'statistics-by-themes: classifications (default every classification)')
    .option('--by <variable>', 'case-comparison: the classification or group to compare, e.g. ghq.caseness')
    .option('--score <variable>', 'case-comparison: a score summarised per cell')
    .option('--quotes <n>', 'quotes per row or cell', toInt)
    .option('--name <display>', 'side-by-side: which display (default side-by-side)')
    .option('--results <file>', 'side-by-side: the study’s results.json (default results/results.json beside the study)')
    .option('--min-group <n>', 'suppression threshold for this run (default: the link’s, else the study’s)', toInt)
    .option('--json', 'print JSON')
    .option('--csv <file>')
    .option('--xlsx <file>')
    .option('--html <file>')
    .action(
      (
        path: string,
        display: string,
        o: { unit?: string; scores?: string; classifications?: string; by?: string; score?: string; quotes?: number; name?: string; results?: string; minGroup?: number; json?: boolean; csv?: string; xlsx?: string; html?: string },
      ) =>
        withProject(path, {}, async (p) => {
          const ctx = ctxOf(path, o.minGroup);
          const unit = unitOf(o.unit);
          let result: unknown;
          let rows: Rows;
          let title: string;
          let notes: string[] = [];
          if (display === 'statistics-by-themes') {
            const d = await mixedStatisticsByThemes(p, ctx, { unit, scores: o.scores ? list(o.scores) : undefined, classifications: o.classifications ? list(o.classifications) : undefined, quotes: o.quotes });
            [result, rows, title, notes] = [d, statisticsByThemesRows(d), 'Statistics by themes', [suppressionNote(d.minGroup)]];
          } else if (display === 'case-comparison') {
            if (!o.by) throw new StaffwellError('usage', 'case-comparison needs --by', { field: '--by', hint: 'name a classification or group, e.g. --by ghq.caseness' });
            const d = await mixedCaseComparison(p, ctx, { by: o.by, unit, score: o.score, quotes: o.quotes });
            [result, rows, title, notes] = [d, caseComparisonRows(d), `Case comparison by ${d.by.ref}`, [suppressionNote(d.minGroup)]];
          } else if (display === 'side-by-side') {
            const d = await mixedSideBySide(p, ctx, { display: o.name, results: o.results, quotes: o.quotes });
            const f = d.fits;
            [result, rows, title, notes] = [d, sideBySideRows(d), `Side by side: ${d.name}`, [`${f.confirmation} confirmation, ${f.expansion} expansion, ${f.discordance} discordance, ${f.unjudged} not yet judged`]];
          } else {
            throw new StaffwellError('usage', 'unknown joint display', { value: display, hint: 'use statistics-by-themes, case-comparison or side-by-side' });
          }
          await writeOutputs(rows, o, display);
          if (o.html) writeFileAtomic(o.html, displayHtml(title, rows, notes));
          out(o.json ? json(result) : `${title}\n${notes.map((n) => `${n}\n`).join('')}${table(rows)}`);
        }),
    );

  mixed
    .command('row')
    .description('the rows of a side-by-side display: add | update ID | delete ID (versioned, audited, undoable)')
    .argument('<project>')
    .argument('<action>', 'add, update or delete')
    .argument('[id]', 'the row (update, delete)')
    .option('--name <display>', 'which display (default side-by-side)')
    .option('--domain <text>', 'what the row is about, e.g. "Psychological distress"')
    .option('--finding <text>', 'the quantitative finding in words')
    .option('--analysis <id>', 'the study analysis the finding comes from')
    .option('--statistic <path>', 'the value in its result, e.g. proportion or comparisons.0.p')
    .option('--themes <list>', 'themes that speak to it, comma-separated')
    .option('--quotes <list>', 'segment ids to quote (default: the themes’ key quotes)')
    .option('--fit <label>', 'confirmation, expansion, discordance (or none)')
    .option('--inference <text>', 'the meta-inference')
    .option('--position <n>', '0-based place among the rows', toInt)
    .option(...ACTOR)
    .option('--json', 'print the result as JSON')
    .action(
      (
        path: string,
        action: string,
        id: string | undefined,
        o: { name?: string; domain?: string; finding?: string; analysis?: string; statistic?: string; themes?: string; quotes?: string; fit?: string; inference?: string; position?: number; actor?: string; json?: boolean },
      ) =>
        withSession(path, o, async (s) => {
          const input: MixedRowInput = {
            display: o.name,
            domain: o.domain,
            finding: o.finding !== undefined ? { text: o.finding, ...(o.analysis ? { analysis: o.analysis } : {}), ...(o.statistic ? { statistic: o.statistic } : {}) } : undefined,
            themes: o.themes ? list(o.themes) : undefined,
            quotes: o.quotes ? list(o.quotes) : undefined,
            fit: o.fit,
            inference: o.inference,
            position: o.position,
          };
          if (action === 'add') {
            const r = await mixedRowAdd(s, input);
            return out(o.json ? json(r) : `added row ${r.id}\n`);
          }
          const rowId = id ?? '';
          if (!rowId) throw new StaffwellError('usage', `${action} needs the row id`, { hint: 'staffwell mixed joint PROJECT side-by-side --json lists the rows with their ids' });
          if (action === 'update') {
            await mixedRowUpdate(s, rowId, input);
            return out(o.json ? json({ id: rowId }) : `updated row ${rowId}\n`);
          }
          if (action === 'delete') {
            await mixedRowDelete(s, rowId, o.name);
            return out(o.json ? json({ id: rowId }) : `deleted row ${rowId}; \`qual undo\` brings it back\n`);
          }
          throw new StaffwellError('usage', 'unknown action', { value: action, hint: 'use add, update or delete' });
        }),
    );

  mixed
    .command('quantitize')
    .description('codes and themes as variables per participant (presence, segments, coded characters); --out writes the survey with them added, for a study to analyse')
    .argument('<project>')
    .option('--units <list>', 'themes, codes or both (default both)')
    .option('--measures <list>', 'present, segments, characters (default present,segments)')
    .option('--only <list>', 'only these code paths or theme names')
    .option('--out <csv>', 'the survey data with the variables added (empty for respondents not interviewed)')
    .option('--csv <file>', 'participant × variable table')
    .option('--json', 'print JSON')
    .action((path: string, o: { units?: string; measures?: string; only?: string; out?: string; csv?: string; json?: boolean }) =>
      withProject(path, {}, async (p) => {
        const ctx = ctxOf(path);
        const q = await mixedQuantitize(p, ctx, {
          units: o.units ? (list(o.units).map(unitOf) as EvidenceUnit[]) : undefined,
          measures: o.measures ? (list(o.measures) as QuantitizeMeasure[]) : undefined,
          only: o.only ? list(o.only) : undefined,
          out: o.out,
        });
        if (o.csv) await writeOutputs(quantitizedRows(await mixedOpen(p, ctx), q).map((r) => r.map(String)), { csv: o.csv }, 'quantitized');
        if (o.json) return out(json(q));
        out(`${q.variables.length} variable(s) for ${q.participants.length} participant(s), ${q.linked} on a survey row${q.notLinked.length ? `; not in the survey: ${q.notLinked.join(', ')}` : ''}\n`);
        if (q.written) out(`wrote ${q.written}: name the variables in a study file (${q.variables.slice(0, 3).map((v) => v.name).join(', ')}${q.variables.length > 3 ? ', …' : ''})\n`);
      }),
    );

  mixed
    .command('qualitize')
    .description('survey scores, bands and caseness as attributes of the linked participants (one undoable command; run again after the study changes)')
    .argument('<project>')
    .option('--variables <list>', 'survey variables (default every score, classification and derived variable)')
    .option(...ACTOR)
    .option('--json', 'print JSON')
    .action((path: string, o: { variables?: string; actor?: string; json?: boolean }) =>
      withSession(path, o, async (s) => {
        const r = await mixedQualitize(s, ctxOf(path), { variables: o.variables ? list(o.variables) : undefined });
        if (o.json) return out(json(r));
        out(`${r.attributes.length} attribute(s) (${r.attributes.map((a) => a.name).join(', ')}) set for ${r.updated.length} participant(s)${r.notLinked.length ? `; not in the survey, left as they were: ${r.notLinked.join(', ')}` : ''}\n`);
      }),
    );
}

function baseDir(projectPath: string): string {
  return dirname(resolve(projectPath));
}

function ctxOf(projectPath: string, minGroup?: number): MixedContext {
  return { baseDir: baseDir(projectPath), ...(minGroup !== undefined ? { minGroup } : {}) };
}

function unitOf(u: string | undefined): EvidenceUnit {
  if (u === undefined || u === 'themes' || u === 'theme') return 'themes';
  if (u === 'codes' || u === 'code') return 'codes';
  throw new StaffwellError('usage', 'unknown unit', { field: '--unit', value: u, hint: 'use themes or codes' });
}

function suppressionNote(minGroup: number): string {
  return `Scores and counts about fewer than ${minGroup} participants are suppressed.`;
}

function checkSummary(c: Awaited<ReturnType<typeof mixedCheck>>): string {
  const lines = [
    `${c.matched.length} of ${c.participants} participant(s) matched in the survey (${c.respondents} respondent(s), ${c.respondentsWithoutId} without an id)`,
    ...c.unmatchedParticipants.map((u) => `  not in the survey: ${u.participantId}${u.nearMatch ? ` (near match: ${u.nearMatch})` : ''}`),
    `${c.unmatchedRespondents.length} respondent(s) are not participants (not interviewed)`,
    ...c.duplicateIds.map((d) => `  duplicate id ${d.id} on lines ${d.lines.join(', ')} (the first is used)`),
  ];
  return lines.join('\n') + '\n';
}

/** A display's rows for the terminal: multi-line cells joined with " / ". */
function table(rows: Rows): string {
  const [head, ...body] = rows;
  return textTable(head, body.map((r) => r.map((c) => c.replace(/\n/g, ' / '))));
}
