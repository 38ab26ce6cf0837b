import { z } from 'zod';
import { CITY_CHECK_LEVELS, type CityCheckFigure, type CityCheckLevel } from './city-check-figures.ts';

/** `GET /api/city-check?level=district|town|community[&town=]`: the query and the answer. */

const CODE_PATTERN = /^[0-9A-Za-z][0-9A-Za-z_-]{0,39}$/;

export const cityCheckQuerySchema = z.strictObject({
  level: z.enum(CITY_CHECK_LEVELS).optional(),
  town: z.string().regex(CODE_PATTERN, 'a town code is 1–40 letters, digits, "-" or "_"').optional(),
});

export interface CityCheckResponse {
  level: CityCheckLevel;
  town: string | null;
  walkingSpeedKmh: number;
  indicators: CityCheckFigure[];
  /** The data versions the figures were measured at (layers, roads, population). */
  versions: Record<string, number>;
}
