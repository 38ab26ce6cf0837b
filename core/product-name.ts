import type { BilingualText } from './i18n-text.ts';

/** The product's name and strapline, shared by the map client and the server's HTML pages. */
export const PRODUCT_TITLE: BilingualText = { zh: '城市更新一张图', en: 'Renewal Atlas' };
export const PRODUCT_SUBTITLE: BilingualText = { zh: '南岸区“七个优化”', en: 'Nan’an “Seven Optimizations”' };

/** The strapline of the district the data holds (another one loaded by npm run district:init). */
export function districtSubtitle(district: { name: string; nameEn: string | null }): BilingualText {
  return { zh: `${district.name}“七个优化”`, en: `${district.nameEn ?? district.name} “Seven Optimizations”` };
}
