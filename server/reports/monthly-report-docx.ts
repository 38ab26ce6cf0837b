import {
  AlignmentType, BorderStyle, Document, HeadingLevel, Packer, PageOrientation, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx';
import type { ReportLayout, ReportTable } from './monthly-report-sections.ts';

/**
 * The monthly report as a Word document (.docx, how the district's offices pass reports on):
 * the same headed tables as the printed page, on A4 landscape so the towns' table fits.
 */

const FONT = { ascii: 'Arial', eastAsia: '宋体', hAnsi: 'Arial' };
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
const isFigure = (text: string) => /^(-?[\d.]+%?|—)$/.test(text);

function cell(text: string, header: boolean): TableCell {
  return new TableCell({
    children: [new Paragraph({ alignment: !header && isFigure(text) ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [new TextRun({ text, bold: header, font: FONT, size: 18 })] })],
    shading: header ? { type: ShadingType.CLEAR, fill: 'ECEBE6', color: 'auto' } : undefined,
    borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER },
  });
}

function table(content: ReportTable): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: content.columns.map((name) => cell(name, true)) }),
      ...content.rows.map((row) => new TableRow({ cantSplit: true, children: row.map((text) => cell(text, false)) })),
    ],
  });
}

const paragraph = (text: string, options: { heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel]; center?: boolean; size?: number; bold?: boolean } = {}) =>
  new Paragraph({
    heading: options.heading,
    alignment: options.center ? AlignmentType.CENTER : AlignmentType.LEFT,
    spacing: { before: options.heading ? 240 : 60, after: 80 },
    children: [new TextRun({ text, font: FONT, size: options.size ?? 21, bold: options.bold })],
  });

export async function renderMonthlyReportDocx(layout: ReportLayout): Promise<ArrayBuffer> {
  const document = new Document({
    title: layout.title,
    styles: { default: { document: { run: { font: FONT } } } },
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE }, margin: { top: 900, bottom: 900, left: 900, right: 900 } } },
        children: [
          paragraph(layout.title, { heading: HeadingLevel.TITLE, center: true, size: 32, bold: true }),
          paragraph(layout.subtitle, { center: true }),
          ...layout.sections.flatMap((section) => [
            paragraph(section.heading, { heading: HeadingLevel.HEADING_1, size: 26, bold: true }),
            ...section.notes.map((note) => paragraph(note)),
            ...(section.table ? [table(section.table)] : []),
          ]),
        ],
      },
    ],
  });
  return Packer.toArrayBuffer(document);
}
