import { Hono } from 'hono';
import { authorize } from './access/authorize.ts';
import { sessionRoutes } from './accounts/session-routes.ts';
import { userRoutes } from './accounts/user-routes.ts';
import { analysisRoutes } from './analysis/routes.ts';
import { auditRoutes } from './audit/audit-routes.ts';
import { demandCsvRoutes } from './demands/demand-csv-routes.ts';
import { demandEditRoutes } from './demands/demand-edit-routes.ts';
import { demandRoutes } from './demands/demand-routes.ts';
import { demandTypeRoutes } from './demands/demand-type-routes.ts';
import { projectDetailRoutes } from './projects/project-detail-routes.ts';
import { projectPhaseRoutes } from './projects/project-phase-routes.ts';
import { projectRoutes } from './projects/project-routes.ts';
import { surveyRoutes } from './surveys/survey-routes.ts';
import { targetRoutes } from './targets/target-routes.ts';
import { townComparisonRoutes } from './towns/town-comparison-routes.ts';
import { cityCheckRoutes } from './city-check/city-check-routes.ts';
import { reportRoutes } from './reports/report-routes.ts';
import { exportRoutes } from './exchange/export-routes.ts';
import { importRoutes } from './imports/import-routes.ts';
import { districtRoutes } from './district/district-routes.ts';
import type { AppDependencies, AppEnv } from './app-env.ts';
import { ApiError } from './errors.ts';
import { featureRoutes } from './features/feature-routes.ts';
import { healthRoutes } from './health/health-routes.ts';
import { requireReady } from './health/readiness.ts';
import { refuseCrossSiteWrites } from './http/cross-site.ts';
import { identifyRequest } from './http/request-context.ts';
import { securityHeaders } from './http/security-headers.ts';
import { layerRoutes } from './layers/layer-routes.ts';
import { ogcRoutes } from './ogc/routes.ts';
import { communityRoutes } from './places/community-routes.ts';
import { placeRoutes } from './places/place-routes.ts';
import { clientConfigRoutes } from './static/client-config-routes.ts';
import { createTileRoutes } from './tiles/routes.ts';

export type { AppDependencies, AppEnv, ServerState } from './app-env.ts';

/** Postgres error classes and socket errors that mean "the database is not there right now". */
function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: string })?.code ?? '';
  return /^(08|57P0|53300)/.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'CONNECT_TIMEOUT', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'EPIPE'].includes(code);
}

export function createApp(deps: AppDependencies): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', async (context, next) => {
    context.set('deps', deps);
    await next();
  });
  app.use('*', securityHeaders(deps.config));
  app.use('*', requireReady);
  app.use('*', identifyRequest);
  app.use('*', refuseCrossSiteWrites);
  app.use('*', authorize);

  app.route('/api', healthRoutes);
  app.route('/ogc', ogcRoutes);
  app.route('/api', clientConfigRoutes);
  app.route('/api', layerRoutes);
  app.route('/api', featureRoutes);
  app.route('/api', placeRoutes);
  app.route('/api', communityRoutes);
  app.route('/tiles', createTileRoutes());
  app.route('/api/analysis', analysisRoutes);
  app.route('/api', sessionRoutes);
  app.route('/api', auditRoutes);
  app.route('/api', userRoutes);
  // Before demandRoutes: /demands/export.csv would otherwise be read as the demand "export.csv".
  app.route('/api', demandCsvRoutes);
  app.route('/api', exportRoutes);
  app.route('/api', importRoutes);
  app.route('/api', districtRoutes);
  app.route('/api', demandRoutes);
  app.route('/api', demandEditRoutes);
  app.route('/api', demandTypeRoutes);
  // Before projectRoutes: /projects/schedule would otherwise be read as the project "schedule".
  app.route('/api', projectDetailRoutes);
  app.route('/api', projectRoutes);
  app.route('/api', projectPhaseRoutes);
  app.route('/api', targetRoutes);
  app.route('/api', surveyRoutes);
  app.route('/api', townComparisonRoutes);
  app.route('/api', cityCheckRoutes);
  app.route('/api', reportRoutes);

  app.notFound((context) =>
    context.json({ error: { code: 'not_found', message: `no route for ${context.req.method} ${new URL(context.req.url).pathname}` } }, 404),
  );

  // The one error handler: every failure has the same shape, and nothing internal leaks.
  app.onError((error, context) => {
    if (error instanceof ApiError) {
      for (const [name, value] of Object.entries(error.headers)) context.header(name, value);
      return context.json({ error: { code: error.code, message: error.message, details: error.details } }, error.status);
    }
    if (isDatabaseUnavailable(error)) {
      deps.log.error(`database unavailable while serving ${context.req.path}: ${(error as { code?: string }).code}`);
      return context.json({ error: { code: 'database_unavailable', message: 'the database is not reachable; try again shortly' } }, 503);
    }
    deps.log.error(`unexpected error while serving ${context.req.method} ${context.req.path}: ${error.stack ?? error.message}`);
    return context.json({ error: { code: 'internal', message: 'internal error' } }, 500);
  });
  return app;
}
