import { readFileSync } from 'node:fs';
import { underFlags } from '../flag-errors.ts';
import type { Command } from 'commander';
import { StaffwellError } from '../../errors.ts';
import { writeFileAtomic } from '../../io/atomic-write.ts';
import { resolveMemoTarget, type Codings } from '../../qual/codings.ts';
import { matrixRows } from '../../qual/matrices.ts';
import { writeRowsCsv, writeXlsx, segmentRows } from '../../qual/exports.ts';
import {
  formatAgreement,
  formatComparison,
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
import { modelToDot } from '../../qual/grounded-theory.ts';
import { findCategory, findCode, findDocument, findTheme } from '../../qual/lookup.ts';
import { defaultKeyPath } from '../../qual/open-project.ts';
import { readKeyCsv } from '../../qual/participants-csv.ts';
import type { QualProject, QualSession } from '../../qual/project.ts';
import { qualAgreement, qualCooccurrence, qualMatrix, qualSaturation } from '../../services/qual-analysis.ts';
import { qualExportQdc, qualExportQdpx, qualSegmentRows } from '../../services/qual-export.ts';
import {
  qualAddReplacements,
  qualApplyCodings,
  qualImportCodebook,
  qualImportParticipants,
  qualImportTranscripts,
  qualReplacements,
  qualSuggestNames,
} from '../../services/qual-import.ts';
import { createQualProject, qualImportQdpx } from '../../services/qual-project.ts';
import { ACTOR, actorOf, json, list, toInt, withProject, withSession, writeOutputs } from '../project-options.ts';
import {
  qualCodebook,
  qualCompareCodes,
  qualDocuments,
  qualHistory,
  qualKwic,
  qualMemos,
  qualModel,
  qualParticipants,
  qualQuerySegments,
  qualThemeRecurrence,
  qualThemes,
  qualThemeTable,
} from '../../services/qual-retrieval.ts';

/**
 * `staffwell qual …`: the qualitative project (one SQLite file, plus a key file kept apart). A thin layer: each
 * subcommand parses its flags, calls a service (src/services/qual-*.ts) or applies a command, and prints the
 * result. Every change is a command recorded with its actor (`--actor`, default the user you are logged in as);
 * `qual history` lists them, `qual undo` and `qual redo` step through your own.
 */

/** `qual query`'s options by the flags that set them. */
const QUERY_FLAGS = { codes: '--code', themes: '--theme', 'cooccursWith.code': '--cooccurs-with', 'cooccursWith.scope': '--scope' };
export function register(program: Command, io: { out?: (s: string) => void } = {}): void {
  sink = io.out ?? ((s) => void process.stdout.write(s));
  const qual = program.command('qual').description('qualitative projects: import, pseudonymise, code, theme, query, export, undo');

  qual
    .command('init')
    .description('create a project file and its key file')
    .argument('<project>', 'project file to create, e.g. study.qual.sqlite')
    .option('--key <keyfile>', 'key file (original text, replacement list, speaker key); default PROJECT.key.sqlite')
    .option('--name <name>', 'project name')
    .option(...ACTOR)
    .action(async (path: string, o: { key?: string; name?: string; actor?: string }) => {
      const { project, keyPath } = await createQualProject({ path, keyPath: o.key, name: o.name, actor: actorOf(o) });
      project.close();
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
    .option(...ACTOR)
    .action((path: string, csv: string, o: { id: string; columns?: string; site?: string; nameColumn?: string; key?: string; actor?: string }) =>
      withSession(path, o, async (s) => {
        const r = await qualImportParticipants(s, { csv, id: o.id, columns: o.columns ? list(o.columns) : undefined, site: o.site, nameColumn: o.nameColumn });
        out(`${r.created} participant(s) added, ${r.updated} updated; attributes: ${r.variables.map((v) => `${v.name} (${v.type})`).join(', ')}\n`);
      }),
    );
  participants
    .command('list')
    .argument('<project>')
    .option('--json', 'print JSON')
    .action((path: string, o: { json?: boolean }) =>
      withProject(path, {}, async (p) => {
        const { participants: ps, variables: vars, sites } = await qualParticipants(p);
        const site = new Map(sites.map((s) => [s.id, s.name]));
        if (o.json) return out(json(ps));
        out(textTable(['id', 'site', ...vars.map((v) => v.name)], ps.map((x) => [x.id, x.siteId ? (site.get(x.siteId) ?? '') : '', ...vars.map((v) => str(x.attributes[v.id]))])));
      }),
    );

  qual
    .command('import')
    .description('import transcripts (Teams/Zoom .vtt, .srt, .docx, .txt), mapping speakers and pseudonymising; all files or none')
    .argument('<project>')
    .argument('<files...>')
    .requiredOption('--speakers <csv>', 'speaker key: display_name,participant_id[,file] ("interviewer" for the interviewer)')
    .option('--replacements <csv>', 'replacement list: original,replacement[,category]; added to the key file')
    .option('--site <site>', 'site of the documents')
    .option('--date <yyyy-mm-dd>', 'interview date')
    .option('--key <keyfile>', 'key file (default PROJECT.key.sqlite)')
    .option(...ACTOR)
    .option('--json', 'print the import reports as JSON')
    .action((path: string, files: string[], o: { speakers: string; replacements?: string; site?: string; date?: string; key?: string; actor?: string; json?: boolean }) =>
      withSession(path, { ...o, key: o.key ?? defaultKeyPath(path) }, async (s) => {
        const speakers = readKeyCsv(o.speakers, ['display_name', 'participant_id']).records.map((r) => ({
          displayName: r.display_name,
          participantId: r.participant_id,
          file: r.file || undefined,
        }));
        const replacements = o.replacements
          ? readKeyCsv(o.replacements, ['original', 'replacement']).records.map((r) => ({ original: r.original, replacement: r.replacement, category: r.category || undefined }))
          : [];
        const reports = await qualImportTranscripts(s, {
          files: files.map((f) => ({ name: f, bytes: readInput(f) })),
          speakers,
          replacements,
          site: o.site,
          interviewDate: o.date,
        });
        out(o.json ? json(reports) : reports.map(formatImportReport).join(''));
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
    .option(...ACTOR)
    .option('--json', 'print JSON')
    .action((path: string, o: { suggest?: boolean; add?: string[]; category?: string; list?: boolean; key?: string; actor?: string; json?: boolean }) =>
      withSession(path, { ...o, key: o.key ?? defaultKeyPath(path) }, async (s) => {
        if (o.add) {
          const entries = o.add.map((pair) => {
            const i = pair.indexOf('=');
            if (i <= 0) throw new StaffwellError('usage', 'a pair is written ORIGINAL=REPLACEMENT', { field: '--add', value: pair });
            return { original: pair.slice(0, i), replacement: pair.slice(i + 1), category: o.category };
          });
          const r = await qualAddReplacements(s, { entries });
          out(`${entries.length} replacement(s) added; ${r.replaced} occurrence(s) replaced in ${r.documents} document(s)\n`);
        }
        if (o.list) {
          const rows = await qualReplacements(s.project);
          out(o.json ? json(rows) : textTable(['original', 'replacement', 'category'], rows.map((r) => [r.original, r.replacement, r.category])));
        }
        if (o.suggest || (!o.add && !o.list)) {
          const sug = await qualSuggestNames(s.project);
          if (o.json) return out(json(sug));
          out(sug.length ? textTable(['candidate', 'count', 'reason', 'documents'], sug.map((x) => [x.candidate, String(x.count), x.reason + (x.similarTo ? ` (${x.similarTo})` : ''), x.documents.join(', ')])) : 'no suggestions\n');
        }
      }),
    );

  qual
    .command('documents')
    .description('the documents: list | delete DOCUMENT (with its segments and memos; the key file entry goes too)')
    .argument('<project>')
    .argument('[action]', 'list (default) or delete')
    .argument('[document]')
    .option('--key <keyfile>', 'key file (default PROJECT.key.sqlite when present)')
    .option(...ACTOR)
    .option('--json', 'print JSON')
    .action((path: string, action = 'list', ref: string | undefined, o: { key?: string; actor?: string; json?: boolean }) =>
      withSession(path, o, async (s) => {
        const docs = await qualDocuments(s.project);
        if (action === 'delete') {
          const d = findDocument(docs, need(ref, 'DOCUMENT'));
          const r = await s.apply({ type: 'document.delete', documentId: d.id });
          return out(`deleted ${d.name} (${r.segmentsDeleted} segment(s), ${r.memosDeleted} memo(s)); \`qual undo\` brings it back\n`);
        }
        if (action !== 'list') throw new StaffwellError('usage', 'unknown action', { value: action, hint: 'use list or delete' });
        if (o.json) return out(json(docs));
        out(textTable(['document', 'participant', 'date', 'characters'], docs.map((d) => [d.name, d.participantId ?? '', d.interviewDate ?? '', String(d.length)]), ['l', 'l', 'l', 'r']));
      }),
    );

  qual
    .command('codes')
    .description(
      'the code hierarchy: list | add NAME | rename CODE NEW | merge SOURCE... --into CODE | split CODE --segments IDS --name NEW | ' +
        'move CODE --parent P|--root | delete CODE [--keep-segments] [--keep-subcodes]',
    )
    .argument('<project>')
    .argument('[action]', 'list (default), add, rename, merge, split, move, delete')
    .argument('[args...]')
    .option('--parent <code>', 'parent code (name or path)')
    .option('--root', 'move to the top level')
    .option('--description <text>')
    .option('--color <#rrggbb>')
    .option('--into <code>', 'merge: the code that remains')
    .option('--segments <ids>', 'split: segment ids to move, comma-separated (see `qual query --json`)')
    .option('--name <name>', 'split: name of the new code')
    .option('--keep-segments', 'delete: recode its segments to its parent code instead of deleting them')
    .option('--keep-subcodes', 'delete: move its subcodes up to its parent instead of deleting them')
    .option(...ACTOR)
    .option('--json', 'print JSON')
    .action(
      (
        path: string,
        action = 'list',
        args: string[],
        o: { parent?: string; root?: boolean; description?: string; color?: string; into?: string; segments?: string; name?: string; keepSegments?: boolean; keepSubcodes?: boolean; actor?: string; json?: boolean },
      ) =>
        withSession(path, o, async (s) => {
          const cs = await s.store.listCodes();
          if (action === 'add') {
            const name = need(args[0], 'NAME');
            const parentId = o.parent ? findCode(cs, o.parent, '--parent').id : null;
            const r = await s.apply({ type: 'code.create', name, parentId, description: o.description, color: o.color });
            return out(`added code ${name} (${r.id})\n`);
          }
          if (action === 'rename') {
            const c = findCode(cs, need(args[0], 'CODE'));
            await s.apply({ type: 'code.update', id: c.id, name: need(args[1], 'NEW'), description: o.description, color: o.color });
            return out(`renamed ${c.name} to ${args[1]}\n`);
          }
          if (action === 'merge') {
            if (args.length === 0) throw new StaffwellError('usage', 'name the codes to merge away', { hint: 'qual codes PROJECT merge SOURCE... --into TARGET' });
            const r = await s.apply({ type: 'code.merge', sourceIds: args.map((a) => findCode(cs, a, 'sources').id), targetId: findCode(cs, need(o.into, '--into'), '--into').id });
            return out(`merged: ${r.moved} segment(s) moved, ${r.collapsed} duplicate(s) collapsed\n`);
          }
          if (action === 'split') {
            const c = findCode(cs, need(args[0], 'CODE'));
            const r = await s.apply({ type: 'code.split', codeId: c.id, segmentIds: list(need(o.segments, '--segments')), name: need(o.name, '--name') });
            return out(`split ${r.moved} segment(s) into ${o.name}\n`);
          }
          if (action === 'move') {
            if (!o.parent && !o.root) throw new StaffwellError('usage', 'say where to move the code', { hint: 'use --parent CODE or --root' });
            await s.apply({ type: 'code.move', id: findCode(cs, need(args[0], 'CODE')).id, parentId: o.root ? null : findCode(cs, o.parent!, '--parent').id });
            return out('moved\n');
          }
          if (action === 'delete') {
            const c = findCode(cs, need(args[0], 'CODE'));
            const r = await s.apply({ type: 'code.delete', id: c.id, segments: o.keepSegments ? 'parent' : 'delete', children: o.keepSubcodes ? 'parent' : 'delete' });
            return out(
              `deleted ${r.codesDeleted} code(s); ${r.segmentsDeleted} segment(s) deleted${r.segmentsMoved ? `, ${r.segmentsMoved} recoded to the parent` : ''}; \`qual undo\` brings them back\n`,
            );
          }
          if (action !== 'list') throw new StaffwellError('usage', 'unknown action', { value: action, hint: 'use list, add, rename, merge, split, move or delete' });
          const book = await qualCodebook(s.project);
          if (o.json) return out(json(book.codes));
          const byId = new Map(book.codes.map((c) => [c.id, c]));
          out(book.tree.map(({ id, depth }) => { const c = byId.get(id)!; return `${'  '.repeat(depth)}${c.name} (${c.segments})${c.description ? ` — ${c.description}` : ''}`; }).join('\n') + '\n');
        }),
    );

  qual
    .command('code')
    .description('code a range of a document')
    .argument('<project>')
    .argument('<document>', 'document name or id')
    .requiredOption('--code <code>', 'code name or path')
    .requiredOption('--coder <name>', 'who is coding (also the actor, unless --actor is given)')
    .option('--start <n>', 'start offset (UTF-16 code units)', toInt)
    .option('--end <n>', 'end offset, exclusive', toInt)
    .option('--text <quote>', 'exact quote to code instead of offsets (first occurrence)')
    .option('--key-quote', 'flag as a key quote')
    .option(...ACTOR)
    .action((path: string, docRef: string, o: { code: string; coder: string; start?: number; end?: number; text?: string; keyQuote?: boolean; actor?: string }) =>
      withSession(path, { ...o, actor: o.actor ?? o.coder }, async (s) => {
        const doc = findDocument(await s.store.listDocuments(), docRef);
        let start = o.start;
        let end = o.end;
        if (o.text !== undefined) {
          const text = (await s.store.getDocument(doc.id))!.text;
          start = text.indexOf(o.text);
          if (start < 0) throw new StaffwellError('not-found', 'the quote is not in the document', { field: '--text', value: o.text, hint: 'quote the pseudonymised text exactly' });
          end = start + o.text.length;
        }
        if (start === undefined || end === undefined) throw new StaffwellError('usage', 'give --start and --end, or --text', {});
        const code = findCode(await s.store.listCodes(), o.code, '--code');
        const r = await s.apply({ type: 'segment.create', documentId: doc.id, codeId: code.id, start, end, coder: o.coder, keyQuote: o.keyQuote });
        out(`coded ${doc.name} [${start}–${end}] as ${o.code} (${r.id})\n`);
      }),
    );

  qual
    .command('segments')
    .description('coded segments by id (see `qual query --json`): delete ID... | key-quote ID [--off]')
    .argument('<project>')
    .argument('<action>', 'delete or key-quote')
    .argument('<ids...>')
    .option('--off', 'key-quote: clear the flag')
    .option(...ACTOR)
    .action((path: string, action: string, ids: string[], o: { off?: boolean; actor?: string }) =>
      withSession(path, o, async (s) => {
        if (action === 'delete') {
          await s.apply({ type: 'batch', commands: ids.map((id) => ({ type: 'segment.delete' as const, id })) });
          return out(`deleted ${ids.length} segment(s)\n`);
        }
        if (action === 'key-quote') {
          await s.apply({ type: 'batch', commands: ids.map((id) => ({ type: 'segment.setKeyQuote' as const, id, keyQuote: !o.off })) });
          return out(`${o.off ? 'cleared' : 'flagged'} ${ids.length} key quote(s)\n`);
        }
        throw new StaffwellError('usage', 'unknown action', { value: action, hint: 'use delete or key-quote' });
      }),
    );

  qual
    .command('apply')
    .description('apply a codings JSON (codes, segments by quote, memos, themes, model) in one transaction')
    .argument('<project>')
    .argument('<codings>')
    .option(...ACTOR)
    .action((path: string, file: string, o: { actor?: string }) =>
      withSession(path, o, async (s) => {
        const r = await qualApplyCodings(s, { codings: parseJson<Codings>(file), file });
        out(`applied ${file}: ${r.codes} codes, ${r.segments} segments, ${r.themes} themes, ${r.memos} memos, ${r.categories} categories, ${r.relationships} relationships, ${r.phases} phases\n`);
      }),
    );

  qual
    .command('memo')
    .description('add, edit or delete a memo, or list the memo timeline (with memo ids)')
    .argument('<project>')
    .option('--on <target>', 'project, code:NAME, document:NAME, participant:ID, theme:NAME, category:NAME, segment:ID')
    .option('--text <text>', 'memo text (adds a memo, or with --edit replaces its text)')
    .option('--title <title>')
    .option('--edit <id>', 'the memo to edit')
    .option('--delete <id>', 'the memo to delete')
    .option(...ACTOR)
    .option('--json', 'print JSON')
    .action((path: string, o: { on?: string; text?: string; title?: string; edit?: string; delete?: string; actor?: string; json?: boolean }) =>
      withSession(path, o, async (s) => {
        if (o.delete !== undefined) {
          await s.apply({ type: 'memo.delete', id: o.delete });
          return out('memo deleted\n');
        }
        if (o.edit !== undefined) {
          await s.apply({ type: 'memo.update', id: o.edit, text: o.text, title: o.title });
          return out('memo updated\n');
        }
        if (o.text !== undefined) {
          const st = s.store;
          const target = resolveMemoTarget(o.on ?? 'project', { codes: await st.listCodes(), docs: await st.listDocuments(), themes: await st.listThemes(), cats: new Map((await st.listCategories()).map((c) => [c.name, c.id])) }, undefined, '--on');
          await s.apply({ type: 'memo.create', target, title: o.title, text: o.text });
          return out('memo added\n');
        }
        const m = await qualMemos(s.project);
        out(o.json ? json(m) : formatMemos(m));
      }),
    );

  qual
    .command('themes')
    .description(
      'themes (reflexive TA, IPA): list | add NAME | link THEME --codes | unlink THEME --codes | move THEME [--parent P|--root] [--position N] | delete THEME [--keep-subthemes] | table THEME | recurrence',
    )
    .argument('<project>')
    .argument('[action]', 'list (default), add, link, unlink, move, delete, table, recurrence')
    .argument('[name]')
    .option('--parent <theme>')
    .option('--root', 'move: to the top level')
    .option('--position <n>', 'move: its place among its siblings, 0 = first (default: last)', toInt)
    .option('--kind <kind>', 'superordinate, theme or subtheme')
    .option('--codes <list>', 'codes, comma-separated')
    .option('--description <text>')
    .option('--keep-subthemes', 'delete: move its subthemes up to its parent instead of deleting them')
    .option('--quotes <n>', 'quotes in a theme table when none are flagged (default 3)', toInt)
    .option(...ACTOR)
    .option('--json', 'print JSON')
    .action(
      (
        path: string,
        action = 'list',
        name: string | undefined,
        o: {
          parent?: string;
          root?: boolean;
          position?: number;
          kind?: 'superordinate' | 'theme' | 'subtheme';
          codes?: string;
          description?: string;
          keepSubthemes?: boolean;
          quotes?: number;
          actor?: string;
          json?: boolean;
        },
      ) =>
        withSession(path, o, async (s) => {
          const themes = await s.store.listThemes();
          const cs = await s.store.listCodes();
          const codeIds = o.codes ? list(o.codes).map((c) => findCode(cs, c, '--codes').id) : [];
          if (action === 'add') {
            await s.apply({ type: 'theme.create', name: need(name, 'NAME'), kind: o.kind, parentId: o.parent ? findTheme(themes, o.parent, '--parent').id : null, description: o.description, codeIds });
            return out(`added theme ${name}\n`);
          }
          if (action === 'link' || action === 'unlink') {
            await s.apply({ type: action === 'link' ? 'theme.linkCodes' : 'theme.unlinkCodes', themeId: findTheme(themes, need(name, 'THEME')).id, codeIds });
            return out(action === 'link' ? 'linked\n' : 'unlinked\n');
          }
          if (action === 'move') {
            const theme = findTheme(themes, need(name, 'THEME'));
            if (o.parent && o.root) throw new StaffwellError('usage', 'give --parent or --root, not both', { hint: 'leave both out to reorder the theme at its own level' });
            const parentId = o.root ? null : o.parent ? findTheme(themes, o.parent, '--parent').id : undefined;
            const r = await underFlags({ position: '--position', parentId: '--parent' }, () => s.apply({ type: 'theme.move', id: theme.id, parentId, position: o.position }));
            const under = r.parentId === null ? 'the top level' : (themes.find((t) => t.id === r.parentId)?.name ?? r.parentId);
            return out(`moved ${theme.name} to position ${r.position} of ${under}\n`);
          }
          if (action === 'delete') {
            const r = await s.apply({ type: 'theme.delete', id: findTheme(themes, need(name, 'THEME')).id, children: o.keepSubthemes ? 'parent' : 'delete' });
            return out(`deleted ${r.themesDeleted} theme(s); \`qual undo\` brings them back\n`);
          }
          if (action === 'table') {
            const t = await qualThemeTable(s.project, { theme: need(name, 'THEME'), quotes: o.quotes });
            return out(o.json ? json(t) : formatThemeTable(t));
          }
          if (action === 'recurrence') {
            const r = await qualThemeRecurrence(s.project);
            if (o.json) return out(json(r));
            return out(textTable(['theme', ...r.participants, 'count'], r.rows.map((x) => ['  '.repeat(x.depth) + x.name, ...x.present.map((b) => (b ? '✓' : '')), `${x.count}/${r.participants.length}`])));
          }
          if (action !== 'list') throw new StaffwellError('usage', 'unknown action', { value: action, hint: 'use list, add, link, unlink, move, delete, table or recurrence' });
          if (o.json) return out(json(themes));
          out((await qualThemes(s.project)).map(({ theme, depth }) => `${'  '.repeat(depth)}${theme.name} (${theme.kind})`).join('\n') + '\n');
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
    .option('--cooccurs-with <code>', "only the segments that co-occur with one of this code's (its own, not its subcodes'; --code then matches exactly too), as `qual cooccurrence` counts")
    .option('--scope <scope>', 'with --cooccurs-with: overlap (default) or turn')
    .option('--kwic <word>', 'keyword in context instead (word, "a phrase", or prefix*)')
    .option('--context <n>', 'KWIC context characters (default 40)', toInt)
    .option('--csv <file>')
    .option('--xlsx <file>')
    .option('--json', 'print JSON')
    .action((path: string, o: { code?: string; theme?: string; coder?: string; participant?: string; site?: string; where?: string[]; cooccursWith?: string; scope?: string; kwic?: string; context?: number; csv?: string; xlsx?: string; json?: boolean }) =>
      withProject(path, {}, async (p) => {
        if (o.scope !== undefined && o.cooccursWith === undefined) throw new StaffwellError('usage', '--scope goes with --cooccurs-with', { field: '--scope', value: o.scope });
        if (o.kwic !== undefined) {
          const hits = await qualKwic(p, { query: o.kwic, context: o.context });
          const rows = [['document', 'speaker', 'participant', 'start', 'end', 'left', 'keyword', 'right'], ...hits.map((h) => [h.documentName, h.speaker ?? '', h.participantId ?? '', String(h.start), String(h.end), h.left, h.keyword, h.right])];
          await writeOutputs(rows, o, 'kwic');
          return out(o.json ? json(hits) : formatKwic(hits));
        }
        const where: Record<string, string> = {};
        for (const w of o.where ?? []) {
          const i = w.indexOf('=');
          if (i <= 0) throw new StaffwellError('usage', 'a filter is written VARIABLE=VALUE', { field: '--where', value: w });
          where[w.slice(0, i)] = w.slice(i + 1);
        }
        const hits = await underFlags(QUERY_FLAGS, () => qualQuerySegments(p, {
          codes: o.code ? list(o.code) : undefined,
          themes: o.theme ? list(o.theme) : undefined,
          coders: o.coder ? list(o.coder) : undefined,
          participants: o.participant ? list(o.participant) : undefined,
          sites: o.site ? list(o.site) : undefined,
          where: o.where ? where : undefined,
          cooccursWith: o.cooccursWith ? { code: o.cooccursWith, scope: (o.scope ?? 'overlap') as 'overlap' } : undefined,
        }));
        await writeOutputs(segmentRows(hits), o, 'segments');
        out(o.json ? json(hits) : formatSegments(hits));
      }),
    );

  qual
    .command('compare')
    .description("two codes side by side: the documents and participants with each (and both), then each code's segments (with its subcodes')")
    .argument('<project>')
    .argument('<code-a>', 'a code: id, path or name')
    .argument('<code-b>', 'another code')
    .option('--coder <names>', 'coders, comma-separated')
    .option('--participant <ids>', 'participant ids, comma-separated')
    .option('--site <sites>', 'sites, comma-separated')
    .option('--json', 'print JSON')
    .action((path: string, a: string, b: string, o: { coder?: string; participant?: string; site?: string; json?: boolean }) =>
      withProject(path, {}, async (p) => {
        const r = await underFlags({ 'codes[0]': 'CODE-A', 'codes[1]': 'CODE-B' }, () =>
          qualCompareCodes(p, { codes: [a, b], coders: o.coder ? list(o.coder) : undefined, participants: o.participant ? list(o.participant) : undefined, sites: o.site ? list(o.site) : undefined }),
        );
        out(o.json ? json(r) : formatComparison(r));
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
      withProject(path, {}, async (p) => {
        if (o.rows !== 'codes') throw new StaffwellError('usage', 'rows must be codes', { field: '--rows', value: o.rows });
        const m = await qualMatrix(p, { cols: o.cols as 'participants' | 'sites', text: o.text, coders: o.coder ? list(o.coder) : undefined });
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
      withProject(path, {}, async (p) => {
        const m = await qualCooccurrence(p, { scope: o.scope as 'overlap' | 'turn', coders: o.coder ? list(o.coder) : undefined });
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
      withProject(path, {}, async (p) => {
        const r = await qualAgreement(p, { coders: list(o.coders), unit: o.unit as 'character' | 'turn', codes: o.codes ? list(o.codes) : undefined });
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
      withProject(path, {}, async (p) => {
        const s = await qualSaturation(p, { order: o.order as 'import' | 'interview-date' });
        out(o.json ? json(s) : formatSaturation(s));
      }),
    );

  qual
    .command('model')
    .description(
      'grounded-theory model: show | add-category NAME | add-property CATEGORY NAME | relate FROM TO | unrelate FROM TO | ' +
        'unlink CATEGORY --codes | delete-category NAME | phase NAME | delete-phase NAME',
    )
    .argument('<project>')
    .argument('[action]', 'show (default), add-category, add-property, relate, unrelate, unlink, delete-category, phase, delete-phase')
    .argument('[args...]')
    .option('--description <text>')
    .option('--low <text>', 'low end of a property dimension')
    .option('--high <text>', 'high end of a property dimension')
    .option('--type <type>', "relationship type, e.g. 'leads to'")
    .option('--categories <list>', 'categories of a phase, in order')
    .option('--codes <list>', 'codes grounding a category')
    .option(...ACTOR)
    .option('--dot', 'print Graphviz DOT')
    .option('--json', 'print JSON')
    .action((path: string, action = 'show', args: string[], o: { description?: string; low?: string; high?: string; type?: string; categories?: string; codes?: string; actor?: string; dot?: boolean; json?: boolean }) =>
      withSession(path, o, async (s) => {
        const cs = o.codes ? await s.store.listCodes() : [];
        const codeIds = async () => (o.codes ? list(o.codes).map((c) => findCode(cs, c, '--codes').id) : []);
        if (action === 'add-category') {
          await s.apply({ type: 'category.create', name: need(args[0], 'NAME'), description: o.description, codeIds: await codeIds() });
          return out('category added\n');
        }
        if (action === 'add-property') {
          const c = await findCategory(s.store, need(args[0], 'CATEGORY'));
          await s.apply({ type: 'category.addProperty', categoryId: c.id, name: need(args[1], 'NAME'), dimensionLow: o.low, dimensionHigh: o.high, description: o.description });
          return out('property added\n');
        }
        if (action === 'relate' || action === 'unrelate') {
          const from = await findCategory(s.store, need(args[0], 'FROM'));
          const to = await findCategory(s.store, need(args[1], 'TO'));
          if (action === 'relate') {
            await s.apply({ type: 'relationship.create', fromId: from.id, toId: to.id, relation: need(o.type, '--type'), note: o.description });
            return out('relationship added\n');
          }
          const rels = (await s.store.listRelationships()).filter((r) => r.fromId === from.id && r.toId === to.id && (o.type === undefined || r.type === o.type));
          if (rels.length === 0) throw new StaffwellError('not-found', 'no relationship between these categories', { value: `${from.name} → ${to.name}` });
          await s.apply({ type: 'batch', commands: rels.map((r) => ({ type: 'relationship.delete' as const, id: r.id })) });
          return out(`${rels.length} relationship(s) removed\n`);
        }
        if (action === 'unlink') {
          const c = await findCategory(s.store, need(args[0], 'CATEGORY'));
          await s.apply({ type: 'category.unlinkCodes', categoryId: c.id, codeIds: await codeIds() });
          return out('unlinked\n');
        }
        if (action === 'delete-category') {
          const c = await findCategory(s.store, need(args[0], 'NAME'));
          await s.apply({ type: 'category.delete', id: c.id });
          return out('category deleted\n');
        }
        if (action === 'phase') {
          const ids = [];
          for (const c of o.categories ? list(o.categories) : []) ids.push((await findCategory(s.store, c, '--categories')).id);
          await s.apply({ type: 'phase.create', name: need(args[0], 'NAME'), categoryIds: ids });
          return out('phase added\n');
        }
        if (action === 'delete-phase') {
          const ph = await s.store.getPhaseByName(need(args[0], 'NAME'));
          if (!ph) throw new StaffwellError('not-found', 'no phase with this name', { value: args[0] });
          await s.apply({ type: 'phase.delete', id: ph.id });
          return out('phase deleted\n');
        }
        if (action !== 'show') throw new StaffwellError('usage', 'unknown action', { value: action, hint: 'see `staffwell qual model --help`' });
        const m = await qualModel(s.project);
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
      withProject(path, {}, async (p) => {
        if (!o.qdpx && !o.qdc && !o.csv) throw new StaffwellError('usage', 'say what to export', { hint: 'use --qdpx FILE, --qdc FILE or --csv FILE' });
        if (o.qdpx) writeFileAtomic(o.qdpx, await qualExportQdpx(p));
        if (o.qdc) writeFileAtomic(o.qdc, await qualExportQdc(p));
        if (o.csv) writeRowsCsv(o.csv, await qualSegmentRows(p));
        out(`exported ${[o.qdpx, o.qdc, o.csv].filter(Boolean).join(', ')}\n`);
      }),
    );

  qual
    .command('import-qdpx')
    .description('create a project from a REFI-QDA .qdpx (e.g. from NVivo, ATLAS.ti, MAXQDA, QualCoder); nothing is left behind if it fails')
    .argument('<file>')
    .argument('<project>', 'new project file')
    .option(...ACTOR)
    .action(async (file: string, path: string, o: { actor?: string }) => {
      const r = await qualImportQdpx({ bytes: readInput(file), archiveName: file, path, actor: actorOf(o) });
      out(`created ${path}: ${r.documents} documents, ${r.codes} codes, ${r.segments} segments, ${r.themes} themes, ${r.categories} categories\n`);
      for (const w of r.warnings) out(`  warning: ${w.message}\n`);
    });

  qual
    .command('import-qdc')
    .description('add a REFI-QDA codebook (.qdc) to a project: codes it already has (same name, same parent) are kept, the others created; its Sets of codes become top-level themes (kept if the project has one of that name); one undo step')
    .argument('<project>')
    .argument('<codebook>', '.qdc file')
    .option(...ACTOR)
    .action((path: string, file: string, o: { actor?: string }) =>
      withSession(path, o, async (s) => {
        const r = await qualImportCodebook(s, { xml: readInput(file), file });
        out(`imported ${file}: ${r.created} codes created, ${r.existing} already in the project\n`);
        if (r.themesCreated + r.themesExisting > 0) out(`  themes (the codebook's Sets): ${r.themesCreated} created, ${r.themesExisting} already in the project\n`);
        for (const w of r.warnings) out(`  warning: ${w.message}\n`);
      }),
    );

  qual
    .command('history')
    .description('the audit log: every command applied to the project, with what was undone')
    .argument('<project>')
    .option('--limit <n>', 'last N commands', toInt)
    .option('--actor <name>', 'only this actor’s commands')
    .option('--json', 'print JSON')
    .action((path: string, o: { limit?: number; actor?: string; json?: boolean }) =>
      withProject(path, {}, async (p) => {
        const h = await qualHistory(p, { limit: o.limit, actor: o.actor });
        out(o.json ? json(h) : formatHistory(h));
      }),
    );

  for (const step of ['undo', 'redo'] as const) {
    qual
      .command(step)
      .description(step === 'undo' ? 'undo your most recent command still in effect' : 'redo the command you undid most recently')
      .argument('<project>')
      .option('--key <keyfile>', 'key file (default PROJECT.key.sqlite when present; needed for imports and replacements)')
      .option(...ACTOR)
      .action((path: string, o: { key?: string; actor?: string }) =>
        withSession(path, o, async (s) => {
          const r = step === 'undo' ? await s.undo() : await s.redo();
          out(`${step === 'undo' ? 'undid' : 'redid'} #${r.seq} ${r.type} (${r.at})\n`);
        }),
      );
  }
}

// ---- helpers

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

function need(v: string | undefined, what: string): string {
  if (v === undefined || v === '') throw new StaffwellError('usage', `${what} is missing`, { hint: `give ${what}` });
  return v;
}

function str(v: unknown): string {
  return v === null || v === undefined ? '' : String(v);
}

let sink: (s: string) => void = (s) => void process.stdout.write(s);

function out(s: string): void {
  sink(s);
}
