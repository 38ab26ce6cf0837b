import { Hono } from 'hono';
import { cityCheckQuerySchema } from '../../core/city-check/city-check-contract.ts';
import type { AppEnv } from '../app-env.ts';
import { readQuery } from '../http/read-query.ts';
import { reportCityCheck } from './city-check-report.ts';

/**
 * `GET /api/city-check?level=district|town|community[&town=]`: the city-check indicators
 * (城市体检) that coverage and capacities answer, per area of the level (core/city-check).
 */
export const cityCheckRoutes = new Hono<AppEnv>();

cityCheckRoutes.get('/city-check', async (context) => {
  const query = readQuery(context, cityCheckQuerySchema);
  const { sql, config, services } = context.get('deps');
  return context.json(await reportCityCheck(sql, services.analysis, { level: query.level ?? 'district', town: query.town, walkingSpeedKmh: config.walkingSpeedKmh }));
});
