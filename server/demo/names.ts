// Display names and English labels for the frame's administrative units.
import { PINYIN_BY_CHAR, TOWN_NAME_EN } from './pinyin-table.ts';

// Longest suffixes first so 社区居民委员会 is not half-matched by a shorter one.
const DISPLAY_SUFFIXES: ReadonlyArray<[string, string]> = [
  ['街道办事处', '街道'],
  ['社区居民委员会', '社区'],
  ['社区居委会', '社区'],
  ['村民委员会', '村'],
  ['村委会', '村'],
];

/** 桐梓坪社区居委会 → 桐梓坪社区, 铜元局街道办事处 → 铜元局街道. */
export function toDisplayName(officialName: string): string {
  for (const [suffix, replacement] of DISPLAY_SUFFIXES) {
    if (officialName.endsWith(suffix)) return officialName.slice(0, -suffix.length) + replacement;
  }
  return officialName;
}

/** 桐梓坪社区 → 桐梓坪; 龙顶村 → 龙顶 (used to build facility names and pinyin). */
export function stripUnitSuffix(displayName: string): string {
  return displayName.replace(/(社区|村|街道)$/, '');
}

/** Tone-less pinyin joined as one word, with an apostrophe before a/o/e syllables. */
export function toPinyinWord(hanzi: string): string {
  const syllables = [...hanzi].map((ch) => {
    const syllable = PINYIN_BY_CHAR[ch];
    if (!syllable) throw new Error(`pinyin-table.ts has no entry for "${ch}" (in ${hanzi})`);
    return syllable;
  });
  const joined = syllables
    .map((s, i) => (i > 0 && /^[aoe]/.test(s) ? `'${s}` : s))
    .join('');
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}

/** 桐梓坪社区 → "Tongziping Community", 龙顶村 → "Longding Village". */
export function toCommunityNameEn(displayName: string): string {
  const kind = displayName.endsWith('村') ? 'Village' : 'Community';
  return `${toPinyinWord(stripUnitSuffix(displayName))} ${kind}`;
}

export function toTownNameEn(displayName: string): string {
  const nameEn = TOWN_NAME_EN[displayName];
  if (!nameEn) throw new Error(`no English name for town ${displayName}`);
  return nameEn;
}
