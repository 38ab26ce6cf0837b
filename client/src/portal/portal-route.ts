import type { Language } from '../../../core/i18n-text.ts';
import { normalizeReceipt } from '../../../core/demands/receipt-code.ts';

/**
 * The public portal's pages, in the hash like the map's state but as a path: `#/tell` (tell us
 * what you need), `#/receipt` (look a receipt up) and `#/receipt/<code>` (its progress), each
 * with an optional `?lang=en`. A path hash is never a map link (those are `key=value` lists), so
 * the two cannot be confused.
 */
export type PortalPage = { page: 'tell' } | { page: 'receipt'; code?: string };

export interface PortalLocation {
  route: PortalPage;
  language?: Language;
}

export function isPortalHash(hash: string): boolean {
  return /^#\/(tell|receipt)(\/|\?|$)/.test(hash);
}

export function parsePortalHash(hash: string): PortalLocation | undefined {
  if (!isPortalHash(hash)) return undefined;
  const [path, query = ''] = hash.slice(2).split('?');
  const [page, code] = path.split('/');
  const lang = new URLSearchParams(query).get('lang');
  const language = lang === 'en' || lang === 'zh' ? lang : undefined;
  if (page === 'tell') return { route: { page: 'tell' }, language };
  // A typed code is read leniently (case, dashes, O for 0); an unreadable one shows the look-up form.
  const receipt = code ? normalizeReceipt(decodeURIComponent(code)) : undefined;
  return { route: receipt ? { page: 'receipt', code: receipt } : { page: 'receipt' }, language };
}

export function formatPortalHash(route: PortalPage, language: Language): string {
  const path = route.page === 'tell' ? '/tell' : route.code ? `/receipt/${route.code}` : '/receipt';
  return `#${path}${language === 'zh' ? '' : `?lang=${language}`}`;
}
