/**
 * A Report as a Word document (the `docx` package): headings as Word's Heading styles (so Word's navigation pane
 * and table of contents use them), a table of contents field (Word fills it in when the file is opened), real
 * Word tables in APA style (rules above and below, header row repeated, rows not split across pages), charts as
 * PNG images with their alt text, numbered captions, and page numbers in the footer.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
  type ITableCellBorders,
} from 'docx';
import { chartSvg } from '../charts/chart-svg.ts';
import { svgToPng } from './chart-png.ts';
import { isSuppressedCell, numberBlocks, type Report, type ReportBlock, type ReportTable } from './report-model.ts';

const FONT = 'Calibri';
/** Text width of an A4 page with 2.5 cm margins, in pixels at 96 dpi (images are scaled to fit it). */
const TEXT_WIDTH_PX = 600;

const HEADING = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

export async function reportDocx(report: Report): Promise<Buffer> {
  const numbers = numberBlocks(report.blocks);
  const children: (Paragraph | Table | TableOfContents)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(report.title)] }),
    new Paragraph({ children: [new TextRun({ text: `${report.subtitle} ${report.date}`, color: '444444' })] }),
    new Paragraph({ children: [new TextRun({ text: 'Contents', bold: true })] }),
    new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-2' }),
  ];
  for (const b of report.blocks) children.push(...block(b, numbers.get(b)));
  const doc = new Document({
    creator: 'Staffwell',
    title: report.title,
    description: report.subtitle,
    features: { updateFields: true },
    styles: {
      default: { document: { run: { font: FONT, size: 22 } } },
      paragraphStyles: [
        { id: 'Caption', name: 'Caption', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { italics: true, size: 22 }, paragraph: { spacing: { after: 80 }, keepNext: true } },
        { id: 'TableNote', name: 'Table Note', basedOn: 'Normal', next: 'Normal', run: { size: 19 }, paragraph: { spacing: { before: 60, after: 200 } } },
        { id: 'Quote', name: 'Quote', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { italics: true }, paragraph: { indent: { left: 720 }, spacing: { after: 60 } } },
      ],
    },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1418, bottom: 1418, left: 1418, right: 1418 } } },
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES], size: 18 })] })],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

function label(kind: 'Table' | 'Figure', n: number): Paragraph {
  return new Paragraph({ keepNext: true, spacing: { before: 240 }, children: [new TextRun({ text: `${kind} ${n}`, bold: true })] });
}

function notePara(notes: readonly string[]): Paragraph[] {
  return notes.length ? [new Paragraph({ style: 'TableNote', children: [new TextRun({ text: 'Note.', italics: true }), new TextRun(` ${notes.join(' ')}`)] })] : [];
}

function block(b: ReportBlock, n: number | undefined): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'heading':
      return [new Paragraph({ heading: HEADING[b.level], children: [new TextRun(b.text)] })];
    case 'paragraph':
      return [new Paragraph({ spacing: { after: 120 }, children: [new TextRun(b.text)] })];
    case 'list':
      return b.items.map((i) => new Paragraph({ bullet: { level: 0 }, children: [new TextRun(i)] }));
    case 'quote':
      return [new Paragraph({ style: 'Quote', children: [new TextRun(b.text)] }), new Paragraph({ indent: { left: 720 }, spacing: { after: 160 }, children: [new TextRun({ text: `— ${b.source}`, size: 19 })] })];
    case 'table':
      return [label('Table', n!), new Paragraph({ style: 'Caption', children: [new TextRun(b.title)] }), wordTable(b), ...notePara(b.notes)];
    case 'figure': {
      const svg = chartSvg(b.chart);
      const w = Number(/width="(\d+(?:\.\d+)?)"/.exec(svg.slice(0, svg.indexOf('>')))![1]);
      const h = Number(/height="(\d+(?:\.\d+)?)"/.exec(svg.slice(0, svg.indexOf('>')))![1]);
      const scale = Math.min(1, TEXT_WIDTH_PX / w);
      return [
        label('Figure', n!),
        new Paragraph({ style: 'Caption', children: [new TextRun(b.chart.title)] }),
        new Paragraph({
          keepNext: b.chart.notes.length > 0,
          children: [
            new ImageRun({
              type: 'png',
              data: svgToPng(svg, 2),
              transformation: { width: Math.round(w * scale), height: Math.round(h * scale) },
              altText: { name: b.chart.id, title: b.chart.title, description: b.chart.alt },
            }),
          ],
        }),
        ...notePara(b.chart.notes),
      ];
    }
  }
}

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const RULE = { style: BorderStyle.SINGLE, size: 8, color: '000000' };
const THIN = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

function wordTable(t: ReportTable): Table {
  const group = new Set(t.groupRows ?? []);
  const last = t.rows.length - 1;
  const cell = (text: string, align: 'left' | 'right', borders: ITableCellBorders, bold = false, italic = false) =>
    new TableCell({
      borders,
      margins: { left: 80, right: 80, top: 30, bottom: 30 },
      children: [new Paragraph({ alignment: align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [new TextRun({ text, bold, italics: italic, size: 20 })] })],
    });
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: t.columns.map((c) => cell(c.label, c.align, { top: RULE, bottom: THIN, left: NONE, right: NONE })),
  });
  const rows = t.rows.map(
    (r, i) =>
      new TableRow({
        cantSplit: true,
        children: r.map((v, j) => cell(v, t.columns[j]?.align ?? 'left', { top: NONE, bottom: i === last ? RULE : NONE, left: NONE, right: NONE }, j === 0 && group.has(i), isSuppressedCell(v))),
      }),
  );
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE },
    rows: [header, ...rows],
  });
}
