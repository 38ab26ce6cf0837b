import type { BilingualText, Language } from '../../../core/i18n-text.ts';

const LOCALES: Record<Language, string> = { zh: 'zh-CN', en: 'en-GB' };
const formatters = new Map<string, Intl.NumberFormat>();

/** Numbers in the reader's convention; formatters are cached because popups format many at once. */
export function formatNumber(value: number, language: Language, maximumFractionDigits = 0): string {
  const key = `${language}/${maximumFractionDigits}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits });
    formatters.set(key, formatter);
  }
  return formatter.format(value);
}

export function pickText(text: BilingualText, language: Language): string {
  return text[language] || text.zh;
}

/** A place name in the reader's language; places without an English name keep their Chinese one. */
export function pickName(place: { name: string | null; name_en?: string | null }, language: Language): string {
  return (language === 'en' && place.name_en) || place.name || '';
}

export function htmlLanguage(language: Language): string {
  return LOCALES[language];
}
