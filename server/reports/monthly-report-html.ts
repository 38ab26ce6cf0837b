import type { Language } from '../../core/i18n-text.ts';
import { escapeHtml } from '../ogc/html.ts';
import type { ReportLayout, ReportTable } from './monthly-report-sections.ts';

/**
 * The monthly report as a page to print (A4, no script, no outside asset): the same tables as
 * the Word document, the targets' shares drawn as bars beside their figures.
 */

const STYLE = `@page{size:A4;margin:16mm 14mm}
body{font:13px/1.5 "Noto Sans CJK SC","Noto Serif CJK SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;color:#1d1d1f;margin:0 auto;max-width:60rem;padding:1rem}
h1{font-size:1.45rem;text-align:center;margin:.2rem 0}.subtitle{text-align:center;color:#555;margin:0 0 1rem}
h2{font-size:1.05rem;border-bottom:2px solid #1d1d1f;padding-bottom:.15rem;margin:1.3rem 0 .5rem;break-after:avoid}
table{border-collapse:collapse;width:100%;margin:.3rem 0}th,td{border:1px solid #999;padding:.2rem .35rem;vertical-align:top}
th{background:#ecebe6;text-align:left}td.figure{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
tr{break-inside:avoid}.bar{width:7rem}.bar span{display:block;height:.7rem;background:#1f78b4;border-radius:2px;min-width:1px}
.bar span.full{background:#2ca02c}.note{color:#555;margin:.2rem 0}`;

/** A cell reads as a figure (right-aligned) when it is a number, a share or a dash. */
const isFigure = (text: string) => /^(-?[\d.]+%?|—)$/.test(text);

function renderTable(table: ReportTable): string {
  const head = `<tr>${table.columns.map((name, index) => `<th>${escapeHtml(name)}</th>${index === table.bars?.column ? '<th class="bar"></th>' : ''}`).join('')}</tr>`;
  const body = table.rows
    .map((row, rowIndex) => {
      const cells = row.map((text, index) => {
        const cell = `<td${isFigure(text) ? ' class="figure"' : ''}>${escapeHtml(text)}</td>`;
        if (!table.bars || index !== table.bars.column) return cell;
        const share = table.bars.shares[rowIndex] ?? null;
        const width = share === null ? 0 : Math.min(100, Math.round(share * 100));
        return `${cell}<td class="bar">${share === null ? '' : `<span class="${share >= 1 ? 'full' : ''}" style="width:${width}%"></span>`}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('');
  return `<table><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

export function renderMonthlyReportHtml(layout: ReportLayout, language: Language): string {
  const sections = layout.sections
    .map((section) => `<section><h2>${escapeHtml(section.heading)}</h2>${section.notes.map((note) => `<p class="note">${escapeHtml(note)}</p>`).join('')}${section.table ? renderTable(section.table) : ''}</section>`)
    .join('');
  return `<!doctype html><html lang="${language === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(layout.title)}</title><style>${STYLE}</style></head><body><h1>${escapeHtml(layout.title)}</h1><p class="subtitle">${escapeHtml(layout.subtitle)}</p>${sections}</body></html>`;
}
