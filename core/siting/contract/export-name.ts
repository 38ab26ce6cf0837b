import type { SitingResult } from './siting-contract.ts';

/**
 * The export files are named after the question, so a folder of them reads as a list of
 * questions: `siting-mclp-kindergartens-p5`, `siting-lscp-markets-500m`; a supplied cost
 * matrix is `matrix`. Layer ids are already safe in a file name; anything else is reduced to
 * letters, digits and dashes.
 */
export function sitingExportName(result: Pick<SitingResult, 'model' | 'facilityLayer' | 'p' | 'radius'>): string {
  const subject = (result.facilityLayer ?? 'matrix').replace(/[^A-Za-z0-9_-]+/g, '-');
  const size = result.model === 'lscp' ? (result.radius !== undefined ? `${result.radius}m` : '') : result.p !== undefined ? `p${result.p}` : '';
  return ['siting', result.model, subject, size].filter(Boolean).join('-');
}
