import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { StaffwellError } from '../../errors.ts';
import { writeFileAtomic } from '../../io/atomic-write.ts';
import { applyCodings, resolveMemoTarget, type Codings } from '../../qual/codings.ts';
import { segmentRows, writeRowsCsv, writeXlsx } from '../../qual/exports.ts';
import {
  formatAgreement,
  formatHistory,
  formatImportReport,
  formatKwic,
  formatMatrix,
  formatMemos,
  formatModel,
  formatSaturation,
  formatSegments,
  formatThemeTable,
  textTable,
} from '../../qual/format.ts';
import { groundedTheoryModel, modelToDot } from '../../qual/grounded-theory.ts';
import { addReplacements, importTranscript, suggestReplacements } from '../../qual/import-transcript.ts';
import { agreementReport } from '../../qual/intercoder.ts';
import { codePaths, codeTree, findCategory, findCode, findDocument, findTheme } from '../../qual/lookup.ts';
import { codeMatrix, cooccurrence, matrixRows } from '../../qual/matrices.ts';
import { memoTimeline } from '../../qual/memos.ts';
import { readKeyCsv, readParticipantsCsv } from '../../qual/participants-csv.ts';
import { createProject, defaultKeyPath, openProject, type QualProject } from '../../qual/project.ts';
import { exportSnapshot, importSnapshot } from '../../qual/project-snapshot.ts';
import { kwic, querySegments } from '../../qual/queries.ts';
import { saturationCurve } from '../../qual/saturation.ts';
import { themeRecurrence, themeTable, themeTree } from '../../qual/themes.ts';
import { exportQdc, exportQdpx, importQdpx } from '../../refi/index.ts';

/**
 * `staffwell qual …`: the qualitative project (one SQLite file, plus a key file kept apart). Every write goes
 * through the project's typed commands; `qual history` lists them.
 */
export function register(program: Command, io: { out?: (s: string) => void } = {}): void {
  sink = io.out ?? ((s) => void process.stdout.write(s));
  const qual = program.command('qual').description('qualitative projects: import, pseudonymise, code, theme, query, export');

  qual
    .command('init')
    .description('create a project file and its key file')
    .argument('<project>', 'project file to create, e.g. study.qual.sqlite')
    .option('--key <keyfile>', 'key file (original text, replacement list, speaker key); default PROJECT.key.sqlite')
    .option('--name <name>', 'project name')
    .action(async (path: string, o: { key?: string; name?: string }) => {
      const keyPath = o.key ?? defaultKeyPath(path);
      const p = await createProject(path, { keyPath, name: o.name });
      p.close();
      out(`created ${path}\nkey file ${keyPath} — keep it apart from the project; share the project without it\n`);
    });

  const participants = qual.command('participants').description('participants and their attributes');
  participants
    .command('import')
    .description('import participants (pseudonymous ids) and attributes from a CSV')
    .argument('<project>')
    .argument('<csv>')
    .requiredOption('--id <column>', 'column with the participant id')
    .option('--columns <list>', 'attribute columns, comma-separated (default: all others)')
    .option('--site <column>', 'column naming the site (default: "site" if present)')
    .option('--name-column <column>', 'column with display names (stored in the key file only)')
    .option('--key <keyfile>', 'key file')
    .action((path: string, csv: string, o: { id: string; columns?: string; site?: string; nameColumn?: string; key?: string }) =>
      withProject(path, o.key, async (p) => {
        const input = readParticipantsCsv(csv, {
          id: o.id,
          columns: o.columns ? list(o.columns) : undefined,
          site: o.site ?? (hasHeader(csv, 'site') ? 'site' : undefined),
          name: o.nameColumn,
        });
        if (input.names && Object.keys(input.names).length > 0 && !p.store.hasKey) {
          throw new StaffwellError('invalid-option', 'the file has display names, which go to the key file, but no key file is open', {
            file: csv,
            hint: 'pass --key PROJECT.key.sqlite, or leave the name column out of the file',
          });
        }
        const r = await p.apply({ type: 'participant.import', ...input });
        out(`${r.created} participant(s) added, ${r.updated} updated; attributes: ${input.variables.map((v) => `${v.name} (${v.type})`).join(', ')}\n`);
      }),
    );
  participants
    .command('list')
    .argument('<project>')
    .option('--json', 'print JSON')
    .action((path: string, o: { json?: boolean }) =>
      withProject(path, undefined, async (p) => {
        const [ps, vars, sites] = await Promise.all([p.store.listParticipants(), p.store.listVariables('participant'), p.store.listSites()]);
        const site = new Map(sites.map((s) => [s.id, s.name]));
        if (o.json) return out(json(ps));
        out(textTable(['id', 'site', ...vars.map((v) => v.name)], ps.map((x) => [x.id, x.siteId ? (site.get(x.siteId) ?? '') : '', ...vars.map((v) => str(x.attributes[v.id]))])));
      }),
    );

  qual
    .command('import')
    .description('import transcripts (Teams/Zoom .vtt, .srt, .docx, .txt), mapping speakers and pseudonymising')
    .argument('<project>')
    .argument('<files...>')
    .requiredOption('--speakers <csv>', 'speaker key: display_name,participant_id[,file] ("interviewer" for the interviewer)')
    .option('--replacements <csv>', 'replacement list: original,replacement[,category]; added to the key file')
    .option('--site <site>', 'site of the documents')
    .option('--date <yyyy-mm-dd>', 'interview date')
    .option('--key <keyfile>', 'key file (default PROJECT.key.sqlite)')
    .option('--json', 'print the import reports as JSON')
    .action((path: string, files: string[], o: { speakers: string; replacements?: string; site?: string; date?: string; key?: string; json?: boolean }) =>
      withProject(path, o.key ?? defaultKeyPath(path), async (p) => {
        const speakers = readKeyCsv(o.speakers, ['display_name', 'participant_id']).records;
        const replacements = o.replacements
          ? readKeyCsv(o.replacements, ['original', 'replacement']).records.map((r) => ({ original: r.original, replacement: r.replacement, category: r.category || undefined }))
          : [];
        const reports = [];
        for (const f of files) {
          const name = basename(f);
          const map: Record<string, string> = {};
          for (const s of speakers) if (!s.file || s.file === name) map[s.display_name] = s.participant_id;
          const bytes = readInput(f);
          const r = await importTranscript(p, { name: f, bytes }, { speakers: map, site: o.site, interviewDate: o.date, replacements });
          reports.push(r);
          if (!o.json) out(formatImportReport(r));
        }
        if (o.json) out(json(reports));
      }),
    );

  qual
    .command('pseudonymise')
    .description('review and extend the replacement list (kept in the key file)')
    .argument('<project>')
    .option('--suggest', 'list capitalised words in the documents that may be names not yet replaced')
    .option('--add <pairs...>', 'ORIGINAL=REPLACEMENT pairs to add and apply to every document')
    .option('--category <category>', 'category of the added pairs (person, colleague, patient, place, ward, trust, site, date, other)')
    .option('--list', 'print the replacement list (from the key file)')
    .option('--key <keyfile>', 'key file (default PROJECT.key.sqlite)')
    .option('--json', 'print JSON')
    .action((path: string, o: { suggest?: boolean; add?: string[]; category?: string; list?: boolean; key?: string; json?: boolean }) =>
      withProject(path, o.key ?? defaultKeyPath(path), async (p) => {
        if (o.add) {
          const entries = o.add.map((pair) => {
            const i = pair.indexOf('=');
            if (i <= 0) throw new StaffwellError('invalid-option', 'a pair is written ORIGINAL=REPLACEMENT', { field: '--add', value: pair });
            return { original: pair.slice(0, i), replacement: pair.slice(i + 1), category: o.category };
          });
          const r = await addReplacements(p, entries);
          out(`${entries.length} replacement(s) added; ${r.replaced} occurrence(s) replaced in ${r.documents} document(s)\n`);
        }
        if (o.list) {
          const rows = await p.store.listReplacements();
          out(o.json ? json(rows) : textTable(['original', 'replacement', 'category'], rows.map((r) => [r.original, r.replacement, r.category])));
        }
        if (o.suggest || (!o.add && !o.list)) {
          const s = await suggestReplacements(p);
          if (o.json) return out(json(s));
          out(s.length ? textTable(['candidate', 'count', 'reason', 'documents'], s.map((x) => [x.candidate, String(x.count), x.reason + (x.similarTo ? ` (${x.similarTo})` : ''), x.documents.join(', ')])) : 'no suggestions\n');
        }
      }),
    );

  qual
    .command('codes')
    .description('the code hierarchy: list | add NAME | merge SOURCE... --into CODE | split CODE --segments IDS --name NEW | move CODE --parent P|--root')
    .argument('<project>')
    .argument('[action]', 'list (default), add, merge, split, move')
    .argument('[args...]')
    .option('--parent <code>', 'parent code (name or path)')
    .option('--root', 'move to the top level')
    .option('--description <text>')
    .option('--color <#rrggbb>')
    .option('--into <code>', 'merge: the code that remains')
    .option('--segments <ids>', 'split: segment ids to move, comma-separated (see `qual query --json`)')
    .option('--name <name>', 'split: name of the new code')
    .option('--json', 'print JSON')
    .action((path: string, action = 'list', args: string[], o: { parent?: string; root?: boolean; description?: string; color?: string; into?: string; segments?: string; name?: string; json?: boolean }) =>
      withProject(path, undefined, async (p) => {
        const cs = await p.store.listCodes();
        if (action === 'add') {
          const name = need(args[0], 'NAME');
          const parentId = o.parent ? findCode(cs, o.parent, '--parent').id : null;
          const r = await p.apply({ type: 'code.create', name, parentId, description: o.description, color: o.color });
          return out(`added code ${name} (${r.id})\n`);
        }
        if (action === 'merge') {
          if (args.length === 0) throw new StaffwellError('invalid-option', 'name the codes to merge away', { hint: 'qual codes PROJECT merge SOURCE... --into TARGET' });
          const r = await p.apply({ type: 'code.merge', sourceIds: args.map((a) => findCode(cs, a, 'sources').id), targetId: findCode(cs, need(o.into, '--into'), '--into').id });
          return out(`merged: ${r.moved} segment(s) moved, ${r.collapsed} duplicate(s) collapsed\n`);
        }
        if (action === 'split') {
          const c = findCode(cs, need(args[0], 'CODE'));
          const r = await p.apply({ type: 'code.split', codeId: c.id, segmentIds: list(need(o.segments, '--segments')), name: need(o.name, '--name') });
          return out(`split ${r.moved} segment(s) into ${o.name}\n`);
        }
        if (action === 'move') {
          if (!o.parent && !o.root) throw new StaffwellError('invalid-option', 'say where to move the code', { hint: 'use --parent CODE or --root' });
          await p.apply({ type: 'code.move', id: findCode(cs, need(args[0], 'CODE')).id, parentId: o.root ? null : findCode(cs, o.parent!, '--parent').id });
          return out('moved\n');
        }
        if (action !== 'list') throw new StaffwellError('invalid-option', 'unknown action', { value: action, hint: 'use list, add, merge, split or move' });
        const segs = await p.store.listSegments();
        const n = new Map<string, number>();
        for (const s of segs) n.set(s.codeId, (n.get(s.codeId) ?? 0) + 1);
        if (o.json) return out(json(cs.map((c) => ({ ...c, path: codePaths(cs).get(c.id), segments: n.get(c.id) ?? 0 }))));
        out(codeTree(cs).map(({ code, depth }) => `${'  '.repeat(depth)}${code.name} (${n.get(code.id) ?? 0})${code.description ? ` — ${code.description}` : ''}`).join('\n') + '\n');
      }),
    );

  qual
    .command('code')
    .description('code a range of a document')
    .argument('<project>')
    .argument('<document>', 'document name or id')
    .requiredOption('--code <code>', 'code name or path')
    .requiredOption('--coder <name>', 'who is coding')
    .option('--start <n>', 'start offset (UTF-16 code units)', toInt)
    .option('--end <n>', 'end offset, exclusive', toInt)
    .option('--text <quote>', 'exact quote to code instead of offsets (first occurrence)')
    .option('--key-quote', 'flag as a key quote')
    .action((path: string, docRef: string, o: { code: string; coder: string; start?: number; end?: number; text?: string; keyQuote?: boolean }) =>
      withProject(path, undefined, async (p) => {
        const doc = findDocument(await p.store.listDocuments(), docRef);
        let start = o.start;
        let end = o.end;
        if (o.text !== undefined) {
          const text = (await p.store.getDocument(doc.id))!.text;
          start = text.indexOf(o.text);
          if (start < 0) throw new StaffwellError('not-found', 'the quote is not in the document', { field: '--text', value: o.text, hint: 'quote the pseudonymised text exactly' });
          end = start + o.text.length;
        }
        if (start === undefined || end === undefined) throw new StaffwellError('invalid-option', 'give --start and --end, or --text', {});
        const code = findCode(await p.store.listCodes(), o.code, '--code');
        const r = await p.apply({ type: 'segment.create', documentId: doc.id, codeId: code.id, start, end, coder: o.coder, keyQuote: o.keyQuote });
        out(`coded ${doc.name} [${start}–${end}] as ${o.code} (${r.id})\n`);
      }),
    );

  qual
    .command('apply')
    .description('apply a codings JSON (codes, segments by quote, memos, themes, model) in one transaction')
    .argument('<project>')
    .argument('<codings>')
    .action((path: string, file: string) =>
      withProject(path, undefined, async (p) => {
        const codings = parseJson<Codings>(file);
        const s = await applyCodings(p, codings, file);
        out(`applied ${file}: ${s.codes} codes, ${s.segments} segments, ${s.themes} themes, ${s.memos} memos, ${s.categories} categories, ${s.relationships} relationships, ${s.phases} phases\n`);
      }),
    );

  qual
    .command('memo')
    .description('add a memo, or list the memo timeline')
    .argument('<project>')
    .option('--on <target>', 'project, code:NAME, document:NAME, participant:ID, theme:NAME, category:NAME, segment:ID')
    .option('--text <text>', 'memo text (adds a memo)')
    .option('--title <title>')
    .option('--json', 'print JSON')
    .action((path: string, o: { on?: string; text?: string; title?: string; json?: boolean }) =>
      withProject(path, undefined, async (p) => {
        if (o.text !== undefined) {
          const s = p.store;
          const target = resolveMemoTarget(o.on ?? 'project', { codes: await s.listCodes(), docs: await s.listDocuments(), themes: await s.listThemes(), cats: new Map((await s.listCategories()).map((c) => [c.name, c.id])) }, undefined, '--on');
          await p.apply({ type: 'memo.create', target, title: o.title, text: o.text });
          return out('memo added\n');
        }
        const m = await memoTimeline(p.store);
        out(o.json ? json(m) : formatMemos(m));
      }),
    );

  qual
    .command('themes')
    .description('themes (reflexive TA, IPA): list | add NAME | link THEME --codes | table THEME | recurrence')
    .argument('<project>')
    .argument('[action]', 'list (default), add, link, table, recurrence')
    .argument('[name]')
    .option('--parent <theme>')
    .option('--kind <kind>', 'superordinate, theme or subtheme')
    .option('--codes <list>', 'codes, comma-separated')
    .option('--description <text>')
    .option('--quotes <n>', 'quotes in a theme table when none are flagged (default 3)', toInt)
    .option('--json', 'print JSON')
    .action((path: string, action = 'list', name: string | undefined, o: { parent?: string; kind?: 'superordinate' | 'theme' | 'subtheme'; codes?: string; description?: string; quotes?: number; json?: boolean }) =>
      withProject(path, undefined, async (p) => {
        const themes = await p.store.listThemes();
        const cs = await p.store.listCodes();
        const codeIds = o.codes ? list(o.codes).map((c) => findCode(cs, c, '--codes').id) : [];
        if (action === 'add') {
          await p.apply({ type: 'theme.create', name: need(name, 'NAME'), kind: o.kind, parentId: o.parent ? findTheme(themes, o.parent, '--parent').id : null, description: o.description, codeIds });
          return out(`added theme ${name}\n`);
        }
        if (action === 'link') {
          await p.apply({ type: 'theme.linkCodes', themeId: findTheme(themes, need(name, 'THEME')).id, codeIds });
          return out('linked\n');
        }
        if (action === 'table') {
          const t = await themeTable(p.store, findTheme(themes, need(name, 'THEME')).id, { quotes: o.quotes });
          return out(o.json ? json(t) : formatThemeTable(t));
        }
        if (action === 'recurrence') {
          const r = await themeRecurrence(p.store);
          if (o.json) return out(json(r));
          return out(textTable(['theme', ...r.participants, 'count'], r.rows.map((x) => ['  '.repeat(x.depth) + x.name, ...x.present.map((b) => (b ? '✓' : '')), `${x.count}/${r.participants.length}`])));
        }
        if (o.json) return out(json(themes));
        out(themeTree(themes).map(({ theme, depth }) => `${'  '.repeat(depth)}${theme.name} (${theme.kind})`).join('\n') + '\n');
      }),
    );

  qual
    .command('query')
    .description('coded segments by code or theme with participant attributes; or keyword in context')
    .argument('<project>')
    .option('--code <codes>', 'codes (with subcodes), comma-separated')
    .option('--theme <themes>', 'themes (with subthemes), comma-separated')
    .option('--coder <names>', 'coders, comma-separated')
    .option('--participant <ids>', 'participant ids, comma-separated')
    .option('--site <sites>', 'sites, comma-separated')
    .option('--where <pairs...>', 'participant attribute filters VAR=VALUE')
    .option('--kwic <word>', 'keyword in context instead (word, "a phrase", or prefix*)')
    .option('--context <n>', 'KWIC context characters (default 40)', toInt)
    .option('--csv <file>')
    .option('--xlsx <file>')
    .option('--json', 'print JSON')
    .action((path: string, o: { code?: string; theme?: string; coder?: string; participant?: string; site?: string; where?: string[]; kwic?: string; context?: number; csv?: string; xlsx?: string; json?: boolean }) =>
      withProject(path, undefined, async (p) => {
        if (o.kwic !== undefined) {
          const hits = await kwic(p.store, o.kwic, { context: o.context });
          const rows = [['document', 'speaker', 'participant', 'start', 'end', 'left', 'keyword', 'right'], ...hits.map((h) => [h.documentName, h.speaker ?? '', h.participantId ?? '', String(h.start), String(h.end), h.left, h.keyword, h.right])];
          await writeOutputs(rows, o, 'kwic');
          return out(o.json ? json(hits) : formatKwic(hits));
        }
        const cs = await p.store.listCodes();
        const themes = await p.store.listThemes();
        const attributes: Record<string, string> = {};
        for (const w of o.where ?? []) {
          const i = w.indexOf('=');
          if (i <= 0) throw new StaffwellError('invalid-option', 'a filter is written VARIABLE=VALUE', { field: '--where', value: w });
          attributes[w.slice(0, i)] = w.slice(i + 1);
        }
        const hits = await querySegments(p.store, {
          codeIds: o.code ? list(o.code).map((c) => findCode(cs, c, '--code').id) : undefined,
          themeIds: o.theme ? list(o.theme).map((t) => findTheme(themes, t, '--theme').id) : undefined,
          coders: o.coder ? list(o.coder) : undefined,
          participantIds: o.participant ? list(o.participant) : undefined,
          sites: o.site ? list(o.site) : undefined,
          attributes: o.where ? attributes : undefined,
        });
        await writeOutputs(segmentRows(hits), o, 'segments');
        out(o.json ? json(hits) : formatSegments(hits));
      }),
    );

  qual
    .command('matrix')
    .description('code × participant or code × site matrix (counts, or the coded text: a framework matrix)')
    .argument('<project>')
    .option('--rows <rows>', 'codes (the only choice)', 'codes')
    .requiredOption('--cols <cols>', 'participants or sites')
    .option('--text', 'cells hold the coded text')
    .option('--coder <names>', 'coders, comma-separated')
    .option('--csv <file>')
    .option('--xlsx <file>')
    .option('--json', 'print JSON')
    .action((path: string, o: { rows: string; cols: string; text?: boolean; coder?: string; csv?: string; xlsx?: string; json?: boolean }) =>
      withProject(path, undefined, async (p) => {
        if (o.rows !== 'codes') throw new StaffwellError('invalid-option', 'rows must be codes', { field: '--rows', value: o.rows });
        if (o.cols !== 'participants' && o.cols !== 'sites') throw new StaffwellError('invalid-option', 'columns must be participants or sites', { field: '--cols', value: o.cols });
        const coderIds = o.coder ? await coderIdsOf(p, list(o.coder)) : undefined;
        const m = await codeMatrix(p.store, { by: o.cols, text: o.text, coderIds });
        const rows = matrixRows(m, { text: o.text });
        await writeOutputs(rows, o, o.text ? 'framework' : 'matrix', o.text ? [{ name: 'counts', rows: matrixRows(m) }] : []);
        if (o.json) return out(json({ ...m, counts: Array.from(m.counts) }));
        if (!o.csv && !o.xlsx) out(formatMatrix(m, o.text));
      }),
    );

  qual
    .command('cooccurrence')
    .description('code co-occurrence: overlapping segments in a document, or codes in the same speaker turn')
    .argument('<project>')
    .option('--scope <scope>', 'overlap (default) or turn', 'overlap')
    .option('--coder <names>', 'coders, comma-separated')
    .option('--csv <file>')
    .option('--xlsx <file>')
    .option('--json', 'print JSON')
    .action((path: string, o: { scope: string; coder?: string; csv?: string; xlsx?: string; json?: boolean }) =>
      withProject(path, undefined, async (p) => {
        if (o.scope !== 'overlap' && o.scope !== 'turn') throw new StaffwellError('invalid-option', 'scope must be overlap or turn', { field: '--scope', value: o.scope });
        const m = await cooccurrence(p.store, { scope: o.scope, coderIds: o.coder ? await coderIdsOf(p, list(o.coder)) : undefined });
        await writeOutputs(matrixRows(m), o, 'cooccurrence');
        if (o.json) return out(json({ ...m, counts: Array.from(m.counts) }));
        out(formatMatrix(m));
      }),
    );

  qual
    .command('agreement')
    .description("inter-coder agreement: percent agreement and Cohen's kappa (NVivo), Krippendorff's alpha on turns")
    .argument('<project>')
    .requiredOption('--coders <a,b>', 'two coders')
    .option('--unit <unit>', 'character (default) or turn', 'character')
    .option('--codes <list>', 'codes, comma-separated (default all)')
    .option('--json', 'print JSON')
    .action((path: string, o: { coders: string; unit: string; codes?: string; json?: boolean }) =>
      withProject(path, undefined, async (p) => {
        const coders = list(o.coders);
        if (coders.length !== 2) throw new StaffwellError('invalid-option', 'name exactly two coders', { field: '--coders', value: o.coders, hint: 'e.g. --coders "Coder A,Coder B"' });
        if (o.unit !== 'character' && o.unit !== 'turn') throw new StaffwellError('invalid-option', 'unit must be character or turn', { field: '--unit', value: o.unit });
        const cs = await p.store.listCodes();
        const r = await agreementReport(p.store, { coders: [coders[0], coders[1]], unit: o.unit, codeIds: o.codes ? list(o.codes).map((c) => findCode(cs, c, '--codes').id) : undefined });
        out(o.json ? json(r) : formatAgreement(r));
      }),
    );

  qual
    .command('saturation')
    .description('saturation curve: new codes first used per successive document')
    .argument('<project>')
    .option('--order <order>', 'import (default) or interview-date', 'import')
    .option('--json', 'print JSON')
    .action((path: string, o: { order: string; json?: boolean }) =>
      withProject(path, undefined, async (p) => {
        const s = await saturationCurve(p.store, { order: o.order === 'interview-date' ? 'interview-date' : 'import' });
        out(o.json ? json(s) : formatSaturation(s));
      }),
    );

  qual
    .command('model')
    .description('grounded-theory model: show | add-category NAME | add-property CATEGORY NAME | relate FROM TO | phase NAME')
    .argument('<project>')
    .argument('[action]', 'show (default), add-category, add-property, relate, phase')
    .argument('[args...]')
    .option('--description <text>')
    .option('--low <text>', 'low end of a property dimension')
    .option('--high <text>', 'high end of a property dimension')
    .option('--type <type>', "relationship type, e.g. 'leads to'")
    .option('--categories <list>', 'categories of a phase, in order')
    .option('--codes <list>', 'codes grounding a category')
    .option('--dot', 'print Graphviz DOT')
    .option('--json', 'print JSON')
    .action((path: string, action = 'show', args: string[], o: { description?: string; low?: string; high?: string; type?: string; categories?: string; codes?: string; dot?: boolean; json?: boolean }) =>
      withProject(path, undefined, async (p) => {
        if (action === 'add-category') {
          const cs = await p.store.listCodes();
          await p.apply({ type: 'category.create', name: need(args[0], 'NAME'), description: o.description, codeIds: o.codes ? list(o.codes).map((c) => findCode(cs, c, '--codes').id) : [] });
          return out('category added\n');
        }
        if (action === 'add-property') {
          const c = await findCategory(p.store, need(args[0], 'CATEGORY'));
          await p.apply({ type: 'category.addProperty', categoryId: c.id, name: need(args[1], 'NAME'), dimensionLow: o.low, dimensionHigh: o.high, description: o.description });
          return out('property added\n');
        }
        if (action === 'relate') {
          const from = await findCategory(p.store, need(args[0], 'FROM'));
          const to = await findCategory(p.store, need(args[1], 'TO'));
          await p.apply({ type: 'relationship.create', fromId: from.id, toId: to.id, relation: need(o.type, '--type'), note: o.description });
          return out('relationship added\n');
        }
        if (action === 'phase') {
          const ids = [];
          for (const c of o.categories ? list(o.categories) : []) ids.push((await findCategory(p.store, c, '--categories')).id);
          await p.apply({ type: 'phase.create', name: need(args[0], 'NAME'), categoryIds: ids });
          return out('phase added\n');
        }
        const m = await groundedTheoryModel(p.store);
        out(o.dot ? modelToDot(m) : o.json ? json(m) : formatModel(m));
      }),
    );

  qual
    .command('export')
    .description('export the pseudonymised project: REFI-QDA .qdpx, codebook .qdc, or coded segments .csv')
    .argument('<project>')
    .option('--qdpx <file>')
    .option('--qdc <file>')
    .option('--csv <file>')
    .action((path: string, o: { qdpx?: string; qdc?: string; csv?: string }) =>
      withProject(path, undefined, async (p) => {
        if (!o.qdpx && !o.qdc && !o.csv) throw new StaffwellError('invalid-option', 'say what to export', { hint: 'use --qdpx FILE, --qdc FILE or --csv FILE' });
        const snap = await exportSnapshot(p.store);
        if (o.qdpx) writeFileAtomic(o.qdpx, exportQdpx(snap));
        if (o.qdc) writeFileAtomic(o.qdc, exportQdc(snap));
        if (o.csv) writeRowsCsv(o.csv, segmentRows(await querySegments(p.store)));
        out(`exported ${[o.qdpx, o.qdc, o.csv].filter(Boolean).join(', ')}\n`);
      }),
    );

  qual
    .command('import-qdpx')
    .description('create a project from a REFI-QDA .qdpx (e.g. from NVivo, ATLAS.ti, MAXQDA, QualCoder)')
    .argument('<file>')
    .argument('<project>', 'new project file')
    .action(async (file: string, path: string) => {
      const { snapshot, warnings } = importQdpx(readInput(file), {}, file);
      const p = await createProject(path, {});
      try {
        const r = await importSnapshot(p, snapshot);
        out(`created ${path}: ${r.documents} documents, ${r.codes} codes, ${r.segments} segments\n`);
        for (const w of warnings) out(`  warning: ${w.message}\n`);
      } finally {
        p.close();
      }
    });

  qual
    .command('history')
    .description('the audit log: every command applied to the project')
    .argument('<project>')
    .option('--limit <n>', 'last N commands', toInt)
    .option('--json', 'print JSON')
    .action((path: string, o: { limit?: number; json?: boolean }) =>
      withProject(path, undefined, async (p) => {
        let h = await p.history();
        if (o.limit !== undefined) h = h.slice(-o.limit);
        out(o.json ? json(h) : formatHistory(h));
      }),
    );
}

// ---- helpers

async function withProject(path: string, keyPath: string | undefined, fn: (p: QualProject) => Promise<void>): Promise<void> {
  const key = keyPath ?? (existsSync(defaultKeyPath(path)) ? defaultKeyPath(path) : undefined);
  const p = openProject(path, { keyPath: key });
  try {
    await fn(p);
  } finally {
    p.close();
  }
}

async function coderIdsOf(p: QualProject, names: string[]): Promise<string[]> {
  const coders = await p.store.listCoders();
  return names.map((n) => {
    const c = coders.find((x) => x.name === n);
    if (!c) throw new StaffwellError('not-found', 'no coder with this name', { field: '--coder', value: n, hint: `coders: ${coders.map((x) => x.name).join(', ')}` });
    return c.id;
  });
}

async function writeOutputs(rows: string[][], o: { csv?: string; xlsx?: string }, sheet: string, extra: { name: string; rows: string[][] }[] = []): Promise<void> {
  if (o.csv) writeRowsCsv(o.csv, rows);
  if (o.xlsx) await writeXlsx(o.xlsx, [{ name: sheet, rows }, ...extra]);
}

function readInput(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new StaffwellError('io', 'cannot read the file', { file, hint: `check the path (${(e as NodeJS.ErrnoException).code ?? 'error'})`, cause: e });
  }
}

function parseJson<T>(file: string): T {
  const text = new TextDecoder().decode(readInput(file));
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new StaffwellError('format', 'the file is not valid JSON', { file, hint: (e as Error).message, cause: e });
  }
}

function hasHeader(csv: string, name: string): boolean {
  const first = new TextDecoder().decode(readInput(csv)).split(/\r?\n/, 1)[0] ?? '';
  return first.replace(/^\uFEFF/, '').split(/[,;\t]/).some((h) => h.trim().replace(/^"|"$/g, '') === name);
}

function list(s: string): string[] {
  return s.split(',').map((x) => x.trim()).filter(Boolean);
}

function need(v: string | undefined, what: string): string {
  if (v === undefined || v === '') throw new StaffwellError('invalid-option', `${what} is missing`, { hint: `give ${what}` });
  return v;
}

function toInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n)) throw new StaffwellError('invalid-option', 'expected a whole number', { value: v });
  return n;
}

function str(v: unknown): string {
  return v === null || v === undefined ? '' : String(v);
}

function json(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (typeof x === 'number' && !Number.isFinite(x) ? null : x), 2) + '\n';
}

let sink: (s: string) => void = (s) => void process.stdout.write(s);

function out(s: string): void {
  sink(s);
}
