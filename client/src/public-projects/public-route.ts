import type { Language } from '../../../core/i18n-text.ts';

/**
 * The public project pages, in the hash as paths like the portal's: `#/projects` (published
 * projects on a map and a list) and `#/opportunities` (the city opportunity list), each with an
 * optional `?lang=en`.
 */
export type PublicProjectPage = 'projects' | 'opportunities';

export function isPublicProjectHash(hash: string): boolean {
  return /^#\/(projects|opportunities)(\/|\?|$)/.test(hash);
}

export function parsePublicProjectHash(hash: string): { page: PublicProjectPage; language?: Language } | undefined {
  if (!isPublicProjectHash(hash)) return undefined;
  const [path, query = ''] = hash.slice(2).split('?');
  const lang = new URLSearchParams(query).get('lang');
  return { page: path.startsWith('opportunities') ? 'opportunities' : 'projects', language: lang === 'en' || lang === 'zh' ? lang : undefined };
}

export function formatPublicProjectHash(page: PublicProjectPage, language: Language): string {
  return `#/${page}${language === 'zh' ? '' : '?lang=en'}`;
}
