import type { LayersResponse } from '../../../core/api/responses.ts';
import type { Language } from '../../../core/i18n-text.ts';
import type { SitingModel, SitingResult, SitingSiteOut } from '../../../core/siting/index.ts';
import { formatNumber, pickText } from '../i18n/format.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { sitingText, type SitingMessageKey } from './siting-messages.ts';

/** What the siting texts need from the app state: the dictionary and the language. */
interface Words {
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  language: Language;
}

/**
 * The gap as a percentage rounded up, so "within 0.8% of optimal" is never an understatement:
 * one decimal from 0.1% up; below that, two significant digits, however small (a gap of
 * 4.6e-6 reads 0.00046%, never 0%).
 */
export function formatGap(gap: number, language: Language): string {
  const percent = gap * 100;
  const digits = percent >= 0.1 ? 1 : Math.min(12, Math.ceil(-Math.log10(percent)) + 1);
  const scale = 10 ** digits;
  return `${formatNumber(Math.ceil(percent * scale - 1e-9) / scale, language, digits)}%`;
}

/** A bound in the units the result reads in: residents, sites, or person-km for p-median. */
const formatBound = (result: SitingResult, language: Language) => formatNumber(result.model === 'pmedian' ? result.bound / 1000 : result.bound, language);

/**
 * What the answer is worth, in words: proven optimal (and by what: the exact solver, or the
 * heuristic's answer meeting its bound), or within a gap of optimal; set covering that cannot
 * reach everyone speaks of the sites covering everyone within reach.
 */
export function describeStatus(result: SitingResult, words: Words): string {
  const say = (key: SitingMessageKey, params: Record<string, string | number> = {}) => sitingText(words.language, key, params);
  const partial = result.partialCover;
  if (partial) {
    const count = formatNumber(result.chosen.length, words.language);
    return partial.status === 'optimal' ? say('lscpHeadlineProven', { count }) : say('lscpHeadlineGap', { count, bound: formatNumber(partial.bound, words.language) });
  }
  if (result.status === 'infeasible') return say('noAnswer');
  if (result.status === 'optimal') return say(result.method === 'exact' ? 'provenOptimalExact' : 'provenOptimalHeuristic');
  if (result.gap === null) return words.t('statusFeasibleOnly');
  return say(result.method === 'exact' ? 'withinGapExact' : 'withinGapHeuristic', { gap: formatGap(result.gap, words.language), bound: formatBound(result, words.language) });
}

/** A site's name: the feature's own, a grid site's community and number, or its id. */
export function siteLabel(site: Pick<SitingSiteOut, 'id' | 'name' | 'area'>, language: Language): string {
  if (site.name) return site.name;
  if (site.area) return sitingText(language, 'gridSiteName', { community: (language === 'en' && site.area.nameEn) || site.area.name, number: formatNumber(site.area.number, language) });
  return site.id;
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
