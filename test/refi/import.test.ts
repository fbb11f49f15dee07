import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { StaffwellError } from '../../src/errors.ts';
import type { ProjectSnapshot } from '../../src/qual/snapshot.ts';
import { exportQdc, exportQdpx, importQdc, importQdpx } from '../../src/refi/index.ts';
import { demoSnapshot } from './demo-snapshot.ts';
import { repoRoot } from './validate-xsd.ts';

const NS = 'urn:QDA-XML:project:1.0';
const G = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function qdpx(qde: string, files: Record<string, Uint8Array | string> = {}): Uint8Array {
  const entries: Record<string, Uint8Array> = { 'project.qde': strToU8(qde) };
  for (const [k, v] of Object.entries(files)) entries[k] = typeof v === 'string' ? strToU8(v) : v;
  return zipSync(entries);
}

/** A one-source project with one coded selection [start, end). */
function oneSelection(opts: { origin?: string; path?: string; start: number; end: number; content?: string; codeRef?: string }): string {
  const source = opts.content !== undefined ? `<PlainTextContent>${opts.content}</PlainTextContent>` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="${NS}" name="t" origin="${opts.origin ?? 'Test'}">
  <Users><User guid="${G(1)}" name="Ann"/></Users>
  <CodeBook><Codes><Code guid="${G(2)}" name="C" isCodable="true"/></Codes></CodeBook>
  <Sources>
    <TextSource guid="${G(3)}" name="Doc"${opts.path ? ` plainTextPath="${opts.path}"` : ''}>${source}
      <PlainTextSelection guid="${G(4)}" startPosition="${opts.start}" endPosition="${opts.end}">
        <Coding guid="${G(5)}" creatingUser="${G(1)}"><CodeRef targetGUID="${opts.codeRef ?? G(2)}"/></Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
</Project>`;
}

/** Order-independent view of a snapshot by names and texts (ids change across REFI). */
function canonical(s: ProjectSnapshot) {
  const code = new Map(s.codes.map((c) => [c.id, c]));
  const codePath = (id: string | null | undefined): string => {
    const c = id ? code.get(id) : undefined;
    return c ? `${codePath(c.parentId)}/${c.name}` : '';
  };
  const user = new Map(s.users.map((u) => [u.id, u.name]));
  const doc = new Map(s.documents.map((d) => [d.id, d.name]));
  const variable = new Map(s.variables.map((v) => [v.id, v.name]));
  const part = new Map(s.participants.map((p) => [p.id, p.name]));
  const seg = new Map(s.segments.map((x) => [x.id, `${doc.get(x.documentId)}:${x.start}-${x.end}:${user.get(x.coderId)}`]));
  const attrs = (a: Record<string, unknown> | undefined) =>
    Object.fromEntries(Object.entries(a ?? {}).filter(([, v]) => v !== null).map(([k, v]) => [variable.get(k), v]));
  const themeName = new Map((s.themes ?? []).map((t) => [t.id, t.name]));
  const categoryName = new Map((s.model?.categories ?? []).map((c) => [c.id, c.name]));
  const target = (t: ProjectSnapshot['memos'][number]['target']) =>
    t.kind === 'project'
      ? 'project'
      : t.kind === 'code'
        ? `code ${codePath(t.id)}`
        : t.kind === 'document'
          ? `document ${doc.get(t.id)}`
          : t.kind === 'segment'
            ? `segment ${seg.get(t.id)}`
            : t.kind === 'theme'
              ? `theme ${themeName.get(t.id)}`
              : t.kind === 'category'
                ? `category ${categoryName.get(t.id)}`
                : `participant ${part.get(t.id)}`;
  return {
    name: s.name,
    description: s.description,
    users: s.users.map((u) => u.name).sort(),
    codes: s.codes.map((c) => ({ path: codePath(c.id), codable: c.codable !== false, color: c.color, description: c.description })).sort((a, b) => a.path.localeCompare(b.path)),
    variables: s.variables.map((v) => ({ name: v.name, type: v.type, description: v.description })),
    participants: s.participants.map((p) => ({ name: p.name, description: p.description, attributes: attrs(p.attributes), documents: p.documentIds.map((d) => doc.get(d)) })),
    documents: s.documents.map((d) => ({ name: d.name, text: d.text, description: d.description, attributes: attrs(d.attributes), createdBy: d.createdBy && user.get(d.createdBy) })),
    segments: s.segments
      .map((x) => ({ doc: doc.get(x.documentId), code: codePath(x.codeId), start: x.start, end: x.end, text: x.text, coder: user.get(x.coderId), createdAt: x.createdAt && new Date(x.createdAt).toISOString() }))
      .sort((a, b) => `${a.doc}${a.start}${a.end}${a.coder}`.localeCompare(`${b.doc}${b.start}${b.end}${b.coder}`)),
    memos: s.memos.map((m) => ({ title: m.title, text: m.text, target: target(m.target), author: m.authorId && user.get(m.authorId) })).sort((a, b) => a.title.localeCompare(b.title)),
    // in order (the order is the themes' order); kinds given or defaulted as the project does
    themes: themeView(s),
    model: modelView(s),
  };
}

/** The model by names, without what REFI-QDA has no place for (category properties, relationship notes). */
function modelView(s: ProjectSnapshot) {
  if (!s.model) return undefined;
  const code = new Map(s.codes.map((c) => [c.id, c.name]));
  const cat = new Map(s.model.categories.map((c) => [c.id, c.name]));
  return {
    categories: s.model.categories.map((c) => ({ name: c.name, description: c.description, codes: c.codeIds.map((k) => code.get(k)) })),
    relationships: s.model.relationships.map((r) => `${cat.get(r.fromId)} ${r.type} ${cat.get(r.toId)}`),
    phases: s.model.phases.map((p) => ({ name: p.name, categories: p.categoryIds.map((c) => cat.get(c)) })),
  };
}

/** Themes as paths of names in snapshot order, with kind (defaulted as `theme.create` does), description, code paths. */
function themeView(s: ProjectSnapshot) {
  const code = new Map(s.codes.map((c) => [c.id, c]));
  const codePath = (id: string | null | undefined): string => {
    const c = id ? code.get(id) : undefined;
    return c ? `${codePath(c.parentId)}/${c.name}` : '';
  };
  const theme = new Map((s.themes ?? []).map((t) => [t.id, t]));
  const path = (id: string | null | undefined): string => (id && theme.get(id) ? `${path(theme.get(id)!.parentId)}/${theme.get(id)!.name}` : '');
  const kind = new Map<string, string>();
  return (s.themes ?? []).map((t) => {
    kind.set(t.id, t.kind ?? (!t.parentId || kind.get(t.parentId) === 'superordinate' ? 'theme' : 'subtheme'));
    return { path: path(t.id), kind: kind.get(t.id), description: t.description, codes: t.codeIds.map(codePath) };
  });
}

test('round trip: snapshot -> .qdpx -> snapshot keeps codes, hierarchy, segments, memos, cases, variables, users, themes, model', () => {
  const original = demoSnapshot();
  const { snapshot, warnings } = importQdpx(exportQdpx(original));
  assert.deepEqual(warnings, []);
  assert.deepEqual(canonical(snapshot), canonical(original));
  // every segment's text is the document text at its (UTF-16) offsets, including the one ending in an emoji
  for (const s of snapshot.segments) {
    const d = snapshot.documents.find((x) => x.id === s.documentId)!;
    assert.equal(d.text.slice(s.start, s.end), s.text);
  }
  assert.ok(snapshot.segments.some((s) => s.text.endsWith('😩')));
  // exporting the imported snapshot again gives the same project (by content)
  assert.deepEqual(canonical(importQdpx(exportQdpx(snapshot)).snapshot), canonical(original));
});

test('codebook round trip (.qdc)', () => {
  const codes = importQdc(exportQdc(demoSnapshot()));
  const names = new Map(codes.map((c) => [c.id, c.name]));
  assert.deepEqual(
    codes.map((c) => [c.name, c.parentId ? names.get(c.parentId) : null, c.codable, c.color ?? null]),
    [
      ['Workload', null, false, '#AA3377'],
      ['Staffing shortages', 'Workload', true, '#CC6677'],
      ['Rota changes', 'Workload', true, null],
      ['Support', null, true, '#228833'],
      ['Manager support', 'Support', true, null],
      ['Sleep & fatigue <night shifts>', null, true, null],
    ],
  );
  assert.equal(codes[0].description, 'Theme: demands of the job');
});

test('positions: code points by default, UTF-16 on request; BOM stripped', () => {
  // "Staff 😩 said": "said" is code points [8, 12) = UTF-16 [9, 13).
  const bytes = qdpx(oneSelection({ path: 'internal://x.txt', start: 8, end: 12 }), {
    'sources/x.txt': new Uint8Array([0xef, 0xbb, 0xbf, ...strToU8('Staff 😩 said')]),
  });
  const r = importQdpx(bytes).snapshot;
  assert.equal(r.documents[0].text, 'Staff 😩 said');
  assert.deepEqual([r.segments[0].start, r.segments[0].end, r.segments[0].text], [9, 13, 'said']);
  const u = importQdpx(qdpx(oneSelection({ path: 'internal://x.txt', start: 9, end: 13 }), { 'sources/x.txt': 'Staff 😩 said' }), { positionUnit: 'utf16' }).snapshot;
  assert.equal(u.segments[0].text, 'said');
});

test('CRLF sources: text normalised to LF; positions as stored by default, LF-counted for ATLAS.ti', () => {
  // "a\r\nbb\r\ncc": "cc" is [7, 9) counting CR, [5, 7) in the LF text.
  const file = { 'Sources/x.txt': 'a\r\nbb\r\ncc' }; // capitalised folder, as some NVivo versions write
  const stored = importQdpx(qdpx(oneSelection({ path: 'internal://x.txt', start: 7, end: 9 }), file));
  assert.equal(stored.snapshot.documents[0].text, 'a\nbb\ncc');
  assert.equal(stored.snapshot.segments[0].text, 'cc');
  assert.deepEqual([stored.snapshot.segments[0].start, stored.snapshot.segments[0].end], [5, 7]);
  assert.ok(stored.warnings.some((w) => w.kind === 'line-endings' && /as stored/.test(w.message)));
  const atlas = importQdpx(qdpx(oneSelection({ origin: 'ATLAS.ti 23', path: 'internal://x.txt', start: 5, end: 7 }), file));
  assert.equal(atlas.snapshot.segments[0].text, 'cc');
  const forced = importQdpx(qdpx(oneSelection({ path: 'internal://x.txt', start: 5, end: 7 }), file), { lineEndings: 'normalized' });
  assert.equal(forced.snapshot.segments[0].text, 'cc');
});

test('inline PlainTextContent, braces and upper-case GUIDs, character references', () => {
  const xml = oneSelection({ content: 'x &amp; y&#13;&#10;z', start: 4, end: 8 })
    .replaceAll(G(2), `{${G(2).toUpperCase()}}`);
  const r = importQdpx(qdpx(xml)).snapshot;
  assert.equal(r.documents[0].text, 'x & y\nz');
  assert.equal(r.segments[0].text, 'y\nz'); // positions count CRLF as 2 (as stored): [4, 8) = "y\r\nz" -> "y\nz"
  assert.equal(r.codes[0].id, G(2));
});

test('non-text sources and uncoded selections are reported in warnings, not dropped silently', () => {
  const xml = `<Project xmlns="${NS}" name="t">
  <CodeBook><Codes><Code guid="${G(2)}" name="C" isCodable="true"/></Codes></CodeBook>
  <Cases><Case guid="${G(8)}" name="P03"><SourceRef targetGUID="${G(7)}"/><SourceRef targetGUID="${G(3)}"/></Case></Cases>
  <Sources>
    <PDFSource guid="${G(6)}" name="Rota policy.pdf" path="internal://p.pdf"/>
    <AudioSource guid="${G(7)}" name="P03.m4a"/>
    <TextSource guid="${G(3)}" name="Doc"><PlainTextContent>hello</PlainTextContent>
      <PlainTextSelection guid="${G(4)}" startPosition="0" endPosition="5"><Description>MAXQDA-style comment</Description></PlainTextSelection>
    </TextSource>
  </Sources>
</Project>`;
  const r = importQdpx(qdpx(xml));
  const skipped = r.warnings.filter((w) => w.kind === 'skipped-source');
  assert.deepEqual(skipped.map((w) => [w.element, w.name]), [['PDFSource', 'Rota policy.pdf'], ['AudioSource', 'P03.m4a']]);
  assert.ok(r.warnings.some((w) => w.kind === 'uncoded-selection'));
  assert.equal(r.snapshot.documents.length, 1);
  assert.deepEqual(r.snapshot.participants[0].documentIds, [G(3)]);
});

test('participant memos via Link, MAXQDA-style document variables in an unnamed Case', () => {
  const xml = `<Project xmlns="${NS}" name="t">
  <Variables><Variable guid="${G(9)}" name="Site" typeOfVariable="Text"/><Variable guid="${G(10)}" name="Score" typeOfVariable="Float"/></Variables>
  <Cases>
    <Case guid="${G(8)}" name="P01"><VariableValue><VariableRef targetGUID="${G(10)}"/><FloatValue>12.25</FloatValue></VariableValue><SourceRef targetGUID="${G(3)}"/></Case>
    <Case guid="${G(11)}"><VariableValue><VariableRef targetGUID="${G(9)}"/><TextValue>Site C</TextValue></VariableValue><SourceRef targetGUID="${G(3)}"/></Case>
  </Cases>
  <Sources><TextSource guid="${G(3)}" name="Doc"><PlainTextContent>hello</PlainTextContent></TextSource></Sources>
  <Notes><Note guid="${G(12)}" name="About P01"><PlainTextContent>note text</PlainTextContent></Note></Notes>
  <Links><Link guid="${G(13)}" originGUID="${G(8)}" targetGUID="${G(12)}" direction="OneWay"/></Links>
</Project>`;
  const { snapshot } = importQdpx(qdpx(xml));
  assert.equal(snapshot.participants.length, 1);
  assert.deepEqual(snapshot.participants[0].attributes, { [G(10)]: 12.25 });
  assert.deepEqual(snapshot.documents[0].attributes, { [G(9)]: 'Site C' });
  assert.deepEqual(snapshot.memos[0].target, { kind: 'participant', id: G(8) });
});

test('malformed input: StaffwellError("format") naming the zip entry and the element', () => {
  const isFormat = (re: RegExp) => (e: unknown) => e instanceof StaffwellError && e.code === 'format' && re.test(e.message);
  assert.throws(
    () => importQdpx(qdpx(oneSelection({ content: 'hello', start: 0, end: 5, codeRef: G(99) }))),
    isFormat(new RegExp(`^archive\\.qdpx: project\\.qde: element Coding guid "${G(5)}" refers to unknown code "${G(99)}"`)),
  );
  assert.throws(() => importQdpx(qdpx(oneSelection({ content: 'hello', start: 2, end: 9 }))), isFormat(/PlainTextSelection guid ".*" attributes startPosition\/endPosition \(2-9\) are outside source "Doc"/));
  assert.throws(() => importQdpx(qdpx('<Project name="x"><Users></Project>')), isFormat(/^archive\.qdpx: project\.qde, line 1.*not well-formed XML/));
  assert.throws(() => importQdpx(strToU8('not a zip')), isFormat(/not a zip archive/));
  assert.throws(() => importQdpx(zipSync({ 'readme.txt': strToU8('x') })), isFormat(/has no project\.qde/));
  assert.throws(() => importQdpx(qdpx(oneSelection({ path: 'internal://x.txt', start: 0, end: 1 }), { 'sources/x.txt': new Uint8Array([0xff, 0x41, 0xc3]) })), isFormat(/^archive\.qdpx: sources\/x\.txt: is not valid UTF-8/));
  assert.throws(() => importQdc('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="bad" name="x" isCodable="true"/></Codes></CodeBook>'), isFormat(/codebook\.qdc: element Code attribute guid is not a GUID/));
});

test('a missing source file is a warning and its codings are skipped', () => {
  const r = importQdpx(qdpx(oneSelection({ path: 'internal://gone.txt', start: 0, end: 1 })));
  assert.equal(r.snapshot.documents.length, 0);
  assert.equal(r.snapshot.segments.length, 0);
  assert.deepEqual(r.warnings.map((w) => w.kind), ['missing-source-file']);
});

// ---- real exports in the shared research folder (AGPL-licensed samples from cproctor/qualitative-coding: read in
// place, not copied into this MIT repository; skipped when the shared folder is absent) ----
// ../shared beside the main checkout, ../../shared beside a worktree under wt/
const shared = [path.resolve(repoRoot, '../shared/refi-qda/examples'), path.resolve(repoRoot, '../../shared/refi-qda/examples')].find((d) => existsSync(d)) ?? '';
const haveShared = existsSync(path.join(shared, 'qc-demo.qdpx'));

test('qc 1.3.2 demo export: counts, and each segment is the source line its selection names', { skip: !haveShared && 'shared/refi-qda/examples absent' }, () => {
  const bytes = readFileSync(path.join(shared, 'qc-demo.qdpx'));
  const { snapshot, warnings } = importQdpx(bytes);
  assert.deepEqual(warnings, []);
  const qde = strFromU8(unzipSync(bytes)['project.qde']);
  assert.equal(snapshot.codes.length, (qde.match(/<Code /g) ?? []).length); // 262
  assert.equal(snapshot.codes.length, 262);
  assert.equal(snapshot.users.length, 1);
  assert.deepEqual(snapshot.documents.map((d) => d.name).sort(), ['admin-1.txt', 'board_2017.txt']);
  assert.equal(snapshot.segments.length, 205); // 158 selections carrying 205 codings
  // qc codes whole lines: selection name "line:N" (0-based) must equal line N of the source file + "\n".
  const files = unzipSync(bytes);
  const selName = new Map<string, string>();
  for (const m of qde.matchAll(/<PlainTextSelection guid="([^"]+)" name="line:(\d+)"[^>]*>(.*?)<\/PlainTextSelection>/gs)) {
    for (const c of m[3].matchAll(/<Coding guid="([^"]+)"/g)) selName.set(c[1], m[2]);
  }
  let checked = 0;
  for (const s of snapshot.segments) {
    const doc = snapshot.documents.find((d) => d.id === s.documentId)!;
    const lines = strFromU8(files[`sources/${doc.name}`]).split('\n');
    const line = Number(selName.get(s.id));
    assert.equal(s.text, lines[line] + '\n', `segment ${s.id} (line ${line})`);
    checked++;
  }
  assert.equal(checked, 205);
  const first = snapshot.segments.find((s) => s.start === 320)!;
  assert.equal(first.text, 'This district goal is engage every student in joyful, purposeful learning that \n');
});

test('NVivo for Mac 15 export: users, codes, text sources (no selections in this sample)', { skip: !haveShared && 'shared/refi-qda/examples absent' }, () => {
  const { snapshot, warnings } = importQdpx(readFileSync(path.join(shared, 'nvivo15-export.qdpx')));
  assert.deepEqual(warnings, []);
  assert.equal(snapshot.name, 'qc project');
  assert.deepEqual(snapshot.users.map((u) => u.name), ['chrisp', 'cp']);
  assert.equal(snapshot.codes.length, 262);
  assert.deepEqual(snapshot.codes.filter((c) => c.parentId === null).map((c) => c.name), ['rq1_definition', 'rq2_curriculum_and_instruction', 'rq3_process']);
  assert.equal(snapshot.documents.length, 2);
  // NVivo names its text sources with GUID-like strings and ships one-newline .txt files beside the .docx
  assert.deepEqual(snapshot.documents.map((d) => d.text), ['\n', '\n']);
  assert.equal(snapshot.documents[0].createdBy, '1b0b1791-be46-4557-9957-7333544cfaf2');
  assert.equal(snapshot.segments.length, 0);
});
