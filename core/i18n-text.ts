/** A label in both languages the product speaks. Chinese is the default. */
export interface BilingualText {
  zh: string;
  en: string;
}

export type Language = keyof BilingualText;

export const LANGUAGES: readonly Language[] = ['zh', 'en'];
