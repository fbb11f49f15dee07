import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StaffwellError } from '../../src/errors.ts';
import { DEFAULT_ZIP_ENTRY_LIMIT, ZipArchive, zipEntryLimit } from '../../src/io/zip-reader.ts';
import { importQdpx } from '../../src/refi/index.ts';
import { craftZip, zeroBomb } from '../helpers/craft-zip.ts';

const NS = 'urn:QDA-XML:project:1.0';
const G = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const QDE = `<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="${NS}" name="t" origin="Test">
  <Users><User guid="${G(1)}" name="Ann"/></Users>
  <CodeBook><Codes><Code guid="${G(2)}" name="C" isCodable="true"/></Codes></CodeBook>
  <Sources><TextSource guid="${G(3)}" name="Doc" plainTextPath="internal://doc.txt">
    <PlainTextSelection guid="${G(4)}" startPosition="0" endPosition="5"><Coding guid="${G(5)}" creatingUser="${G(1)}"><CodeRef targetGUID="${G(2)}"/></Coding></PlainTextSelection>
  </TextSource></Sources>
</Project>`;
const GiB = 1024;
const DOCX_PARTS = [
  { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>' },
  { name: '_rels/.rels', data: '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>' },
];

function rejectsWith(f: () => unknown, re: RegExp): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof StaffwellError, `a StaffwellError, not ${String(e)}`);
    assert.match(e.message, re);
    return true;
  });
}

const dir = mkdtempSync(join(tmpdir(), 'staffwell-bombs-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
function file(name: string, bytes: Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

/** Runs the reader in a child process: what it reports and its peak RSS. */
function inChild(kind: 'qdpx' | 'docx' | 'xlsx', path: string): { outcome: string; message: string; maxRssMb: number } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'bomb-child.ts'), kind, path], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!);
}

const RSS_LIMIT_MB = 300;

test('zip reader: an entry is inflated only when asked for; declared, actual and CRC checks; clear refusals', () => {
  const zip = new ZipArchive(
    craftZip([
      { name: 'small.txt', data: 'hello' },
      { name: 'huge.bin', compressed: zeroBomb(GiB), size: GiB * 1024 * 1024 },
      { name: 'liar.bin', compressed: zeroBomb(64), size: 1000 },
      { name: 'bad-crc.txt', data: 'hello', crc: 1234 },
      { name: 'secret.txt', data: 'x', flags: 1 },
      { name: 'bzip2.txt', data: 'x', method: 12 },
      { name: 'stored.txt', data: 'plain', stored: true },
    ]),
    'crafted.zip',
  );
  assert.deepEqual(zip.names(), ['small.txt', 'huge.bin', 'liar.bin', 'bad-crc.txt', 'secret.txt', 'bzip2.txt', 'stored.txt']);
  assert.equal(zip.text('small.txt'), 'hello');
  assert.equal(zip.text('STORED.TXT'), 'plain', 'names are found in any letter case');
  rejectsWith(() => zip.read('huge.bin'), /^crafted\.zip: entry "huge\.bin": would inflate to 1\.0 GB, more than the limit of 256 MB per entry\. .*STAFFWELL_ZIP_ENTRY_LIMIT/);
  rejectsWith(() => zip.read('liar.bin'), /entry "liar\.bin": inflates to more than its declared size \(1000 bytes\)/);
  rejectsWith(() => zip.read('bad-crc.txt'), /entry "bad-crc\.txt": fails its checksum/);
  rejectsWith(() => zip.read('secret.txt'), /is encrypted \(password-protected\)/);
  rejectsWith(() => zip.read('bzip2.txt'), /compression method 12/);
  rejectsWith(() => new ZipArchive(new TextEncoder().encode('not a zip at all, just text'), 'x.qdpx', { what: 'a .qdpx file' }), /^x\.qdpx: is not a \.qdpx file \(not a zip archive\)/);
  const whole = craftZip([{ name: 'a.txt', data: 'abc' }]);
  rejectsWith(() => new ZipArchive(whole.subarray(0, whole.length - 30), 'cut.zip'), /^cut\.zip: is incomplete/);
  // the limit is configurable (option, or STAFFWELL_ZIP_ENTRY_LIMIT)
  rejectsWith(() => new ZipArchive(craftZip([{ name: 'a.txt', data: 'x'.repeat(2000) }]), 'z.zip', { maxEntryBytes: 1024 }).read('a.txt'), /would inflate to 2 KB, more than the limit of 1 KB per entry/);
  assert.equal(zipEntryLimit(), DEFAULT_ZIP_ENTRY_LIMIT);
  process.env.STAFFWELL_ZIP_ENTRY_LIMIT = '1GB';
  assert.equal(zipEntryLimit(), 1024 ** 3);
  process.env.STAFFWELL_ZIP_ENTRY_LIMIT = 'lots';
  rejectsWith(() => zipEntryLimit(), /STAFFWELL_ZIP_ENTRY_LIMIT is not a size \(value "lots"\)/);
  delete process.env.STAFFWELL_ZIP_ENTRY_LIMIT;
});

test('.qdpx: an unreferenced 1 GB entry is never inflated; a 1 GB or lying project.qde is refused saying why; memory stays small', () => {
  const withJunk = file('junk.qdpx', craftZip([
    { name: 'project.qde', data: QDE },
    { name: 'sources/doc.txt', data: 'hello world' },
    { name: 'sources/video.mp4', compressed: zeroBomb(GiB), size: GiB * 1024 * 1024 },
  ]));
  assert.ok(withJunk.length < 2e6);
  const r = importQdpx(craftZip([{ name: 'project.qde', data: QDE }, { name: 'sources/doc.txt', data: 'hello world' }, { name: 'sources/video.mp4', compressed: zeroBomb(GiB), size: GiB * 1024 * 1024 }]));
  assert.equal(r.snapshot.segments[0].text, 'hello');
  const child = inChild('qdpx', withJunk);
  assert.equal(child.outcome, 'ok', child.message);
  assert.ok(child.maxRssMb < RSS_LIMIT_MB, `peak RSS ${child.maxRssMb} MB`);

  const bigQde = file('big-qde.qdpx', craftZip([{ name: 'project.qde', compressed: zeroBomb(GiB), size: GiB * 1024 * 1024 }]));
  const c2 = inChild('qdpx', bigQde);
  assert.equal(c2.outcome, 'StaffwellError');
  assert.match(c2.message, /entry "project\.qde": would inflate to 1\.0 GB, more than the limit of 256 MB per entry/);
  assert.ok(c2.maxRssMb < RSS_LIMIT_MB, `peak RSS ${c2.maxRssMb} MB`);

  const liar = file('liar-qde.qdpx', craftZip([{ name: 'project.qde', compressed: zeroBomb(GiB), size: 4096 }]));
  const c3 = inChild('qdpx', liar);
  assert.match(c3.message, /entry "project\.qde": inflates to more than its declared size/);
  assert.ok(c3.maxRssMb < RSS_LIMIT_MB, `peak RSS ${c3.maxRssMb} MB`);

  // a source file that is a bomb: refused when it is read (it is referenced)
  rejectsWith(
    () => importQdpx(craftZip([{ name: 'project.qde', data: QDE }, { name: 'sources/doc.txt', compressed: zeroBomb(GiB), size: GiB * 1024 * 1024 }]), {}, 'src.qdpx'),
    /^src\.qdpx: entry "sources\/doc\.txt": would inflate to 1\.0 GB/,
  );
});

test('.docx transcript: a 1 GB document.xml is refused with the limit message (not "not valid UTF-8"), in bounded memory', () => {
  const honest = file('bomb.docx', craftZip([...DOCX_PARTS, { name: 'word/document.xml', compressed: zeroBomb(GiB), size: GiB * 1024 * 1024 }]));
  const c = inChild('docx', honest);
  assert.equal(c.outcome, 'StaffwellError');
  assert.match(c.message, /bomb\.docx: entry "word\/document\.xml": would inflate to 1\.0 GB, more than the limit of 256 MB per entry/);
  assert.doesNotMatch(c.message, /UTF-8/);
  assert.ok(c.maxRssMb < RSS_LIMIT_MB, `peak RSS ${c.maxRssMb} MB`);
  const liar = file('liar.docx', craftZip([...DOCX_PARTS, { name: 'word/document.xml', compressed: zeroBomb(GiB), size: 100_000 }]));
  const c2 = inChild('docx', liar);
  assert.match(c2.message, /liar\.docx: entry "word\/document\.xml": inflates to more than its declared size/);
  assert.ok(c2.maxRssMb < RSS_LIMIT_MB, `peak RSS ${c2.maxRssMb} MB`);
  // an unreferenced bomb beside a real document is never inflated
  const doc = '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Ann: hello there</w:t></w:r></w:p><w:p><w:r><w:t>Bob: hi</w:t></w:r></w:p></w:body></w:document>';
  const junk = file('junk.docx', craftZip([...DOCX_PARTS, { name: 'word/document.xml', data: doc }, { name: 'word/media/film.mp4', compressed: zeroBomb(GiB), size: GiB * 1024 * 1024 }]));
  const c3 = inChild('docx', junk);
  assert.equal(c3.outcome, 'ok', c3.message);
  assert.ok(c3.maxRssMb < RSS_LIMIT_MB, `peak RSS ${c3.maxRssMb} MB`);
});

test('.xlsx: exceljs never sees an unbounded entry: a 1 GB sheet is refused, unused parts are never inflated', () => {
  const wbXml = '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>';
  const wbRels = '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';
  const rels = '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
  const sheet = '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>q1</t></is></c></row><row r="2"><c r="A2"><v>3</v></c></row></sheetData></worksheet>';
  const parts = [{ name: '_rels/.rels', data: rels }, { name: 'xl/workbook.xml', data: wbXml }, { name: 'xl/_rels/workbook.xml.rels', data: wbRels }];
  const bomb = file('bomb.xlsx', craftZip([...parts, { name: 'xl/worksheets/sheet1.xml', compressed: zeroBomb(GiB), size: GiB * 1024 * 1024 }]));
  const c = inChild('xlsx', bomb);
  assert.equal(c.outcome, 'StaffwellError');
  assert.match(c.message, /bomb\.xlsx: entry "xl\/worksheets\/sheet1\.xml": would inflate to 1\.0 GB, more than the limit/);
  assert.ok(c.maxRssMb < RSS_LIMIT_MB, `peak RSS ${c.maxRssMb} MB`);
  const junk = file('junk.xlsx', craftZip([...parts, { name: 'xl/worksheets/sheet1.xml', data: sheet }, { name: 'xl/media/image1.png', compressed: zeroBomb(GiB), size: GiB * 1024 * 1024 }, { name: 'xl/theme/theme1.xml', compressed: zeroBomb(GiB), size: 10 }]));
  const c2 = inChild('xlsx', junk);
  assert.equal(c2.outcome, 'ok', c2.message);
  assert.ok(c2.maxRssMb < RSS_LIMIT_MB, `peak RSS ${c2.maxRssMb} MB`);
});
