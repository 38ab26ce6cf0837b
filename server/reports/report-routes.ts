import { Hono } from 'hono';
import { monthlyReportQuerySchema, monthPeriod } from '../../core/reports/monthly-report-contract.ts';
import type { AppEnv } from '../app-env.ts';
import { readQuery } from '../http/read-query.ts';
import { today } from '../projects/project-input.ts';
import { buildMonthlyReport } from './monthly-report-data.ts';
import { renderMonthlyReportDocx } from './monthly-report-docx.ts';
import { renderMonthlyReportHtml } from './monthly-report-html.ts';
import { reportWords } from './monthly-report-labels.ts';
import { layOutMonthlyReport } from './monthly-report-sections.ts';

/**
 * `GET /api/reports/monthly?month=2026-10[&format=html][&lang=en]`: the monthly report to the
 * district leadership, a Word document by default, a page to print with `format=html`.
 */
export const reportRoutes = new Hono<AppEnv>();

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

reportRoutes.get('/reports/monthly', async (context) => {
  const query = readQuery(context, monthlyReportQuerySchema);
  // The schema admits YYYY-MM only, so the month has its days.
  const period = monthPeriod(query.month)!;
  const report = await buildMonthlyReport(context.get('deps').sql, context.get('deps').services.analysis, period, today());
  const layout = layOutMonthlyReport(report, reportWords(query.lang));
  context.header('Cache-Control', 'private, no-store');
  if (query.format === 'html') return context.html(renderMonthlyReportHtml(layout, query.lang));
  const file = await renderMonthlyReportDocx(layout);
  const name = `monthly-report-${period.month}.docx`;
  return context.body(file, 200, {
    'Content-Type': DOCX_TYPE,
    'Content-Disposition': `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(`城市更新月度报告-${period.month}.docx`)}`,
  });
});
