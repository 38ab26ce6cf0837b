import { strToU8, zipSync } from 'fflate';

/**
 * A one-sheet XLSX workbook (Office Open XML, ECMA-376) for spreadsheet exports: text as shared
 * strings, numbers as numbers, the header row bold and frozen. Only what a table needs; a cell is
 * never a formula (no `<f>` is ever written), so text starting with `=` stays text.
 */
export type XlsxCell = string | number | null | undefined;

export interface XlsxSheet {
  /** The sheet's tab name (cut to Excel's 31 characters, without the characters it refuses). */
  name: string;
  rows: readonly (readonly XlsxCell[])[];
}

const XML_HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** Text safe inside XML: markup escaped, and the control characters XML 1.0 cannot hold dropped. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** 0 → A, 25 → Z, 26 → AA: a column's letters. */
export function columnName(index: number): string {
  let name = '';
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) name = String.fromCharCode(65 + ((rest - 1) % 26)) + name;
  return name;
}

function sheetName(name: string): string {
  return name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31).trim() || 'Sheet1';
}

function sheetXml(rows: readonly (readonly XlsxCell[])[], strings: Map<string, number>): string {
  const index = (text: string) => {
    let found = strings.get(text);
    if (found === undefined) strings.set(text, (found = strings.size));
    return found;
  };
  const body = rows.map((row, r) => {
    const style = r === 0 ? ' s="1"' : '';
    const cells = row.map((value, c) => {
      const ref = `${columnName(c)}${r + 1}`;
      if (typeof value === 'number') return Number.isFinite(value) ? `<c r="${ref}"${style}><v>${value}</v></c>` : '';
      if (value === null || value === undefined || value === '') return '';
      return `<c r="${ref}"${style} t="s"><v>${index(value)}</v></c>`;
    });
    return `<row r="${r + 1}">${cells.join('')}</row>`;
  });
  const freeze = rows.length > 1 ? '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' : '';
  return `${XML_HEADER}<worksheet xmlns="${MAIN_NS}">${freeze}<sheetData>${body.join('')}</sheetData></worksheet>`;
}

function sharedStringsXml(strings: Map<string, number>): string {
  const items = [...strings.keys()].map((text) => `<si><t xml:space="preserve">${escapeXml(text)}</t></si>`);
  return `${XML_HEADER}<sst xmlns="${MAIN_NS}" count="${strings.size}" uniqueCount="${strings.size}">${items.join('')}</sst>`;
}

const STYLES_XML = `${XML_HEADER}<styleSheet xmlns="${MAIN_NS}">`
  + '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
  + '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
  + '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
  + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
  + '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
  + '</styleSheet>';

/** The workbook's bytes (a ZIP of its XML parts). */
export function writeXlsx(sheet: XlsxSheet): Uint8Array {
  const strings = new Map<string, number>();
  const worksheet = sheetXml(sheet.rows, strings);
  const parts: Record<string, string> = {
    '[Content_Types].xml': `${XML_HEADER}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`
      + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      + '<Default Extension="xml" ContentType="application/xml"/>'
      + '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
      + '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
      + '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
      + '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
      + '</Types>',
    '_rels/.rels': `${XML_HEADER}<Relationships xmlns="${PACKAGE_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `${XML_HEADER}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="${escapeXml(sheetName(sheet.name))}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `${XML_HEADER}<Relationships xmlns="${PACKAGE_REL_NS}">`
      + `<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>`
      + `<Relationship Id="rId2" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>`
      + `<Relationship Id="rId3" Type="${REL_NS}/styles" Target="styles.xml"/>`
      + '</Relationships>',
    'xl/worksheets/sheet1.xml': worksheet,
    'xl/sharedStrings.xml': sharedStringsXml(strings),
    'xl/styles.xml': STYLES_XML,
  };
  // A fixed timestamp: the same rows give the same bytes.
  const mtime = new Date(Date.UTC(2000, 0, 1));
  return zipSync(Object.fromEntries(Object.entries(parts).map(([path, xml]) => [path, [strToU8(xml), { mtime }]])), { level: 6 });
}

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
