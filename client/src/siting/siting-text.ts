import type { LayersResponse } from '../../../core/api/responses.ts';
import type { Language } from '../../../core/i18n-text.ts';
import type { SitingModel, SitingResult } from '../../../core/siting/index.ts';
import { formatNumber, pickText } from '../i18n/format.ts';
import type { MessageKey } from '../i18n/messages.ts';

/** What the siting texts need from the app state: the dictionary and the language. */
interface Words {
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  language: Language;
}

/**
 * The gap as a percentage rounded up, so "within 0.8% of optimal" is never an understatement;
 * one decimal, two below 0.1%.
 */
export function formatGap(gap: number, language: Language): string {
  const digits = gap < 0.001 ? 2 : 1;
  const scale = 10 ** digits;
  return `${formatNumber(Math.ceil(gap * 100 * scale - 1e-9) / scale, language, digits)}%`;
}

/** "Optimal · exact method", "Within 0.8% of optimal · heuristic method". */
export function describeStatus(result: SitingResult, words: Words): string {
  const method = words.t(result.method === 'exact' ? 'ranExact' : 'ranHeuristic');
  if (result.status === 'infeasible') return `${words.t('statusInfeasible')} · ${method}`;
  if (result.status === 'optimal') return `${words.t('statusOptimal')} · ${method}`;
  const status = result.gap === null ? words.t('statusFeasibleOnly') : words.t('statusFeasible', { gap: formatGap(result.gap, words.language) });
  return `${status} · ${method}`;
}

/** Covering models gain people; p-median saves weighted metres. */
export function describeGain(model: SitingModel, gain: number, words: Words): string {
  const key: MessageKey = model === 'pmedian' ? 'siteGainMetres' : 'siteGainPeople';
  return words.t(key, { gain: formatNumber(gain, words.language) });
}

/** Where a candidate came from: a layer's title, the grid, or the map. */
export function describeSource(source: string | undefined, catalogue: LayersResponse, words: Words): string {
  if (!source) return '–';
  if (source === 'grid') return words.t('sourceGrid');
  if (source === 'points') return words.t('sourcePoints');
  const layer = catalogue.layers.find((candidate) => candidate.id === source);
  return layer ? pickText(layer.title, words.language) : source;
}
