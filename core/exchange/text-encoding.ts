import type { ImportEncoding } from './import-contract.ts';

/**
 * The encoding of a file's text when it does not say: UTF-8 when the bytes are valid UTF-8
 * (text in GBK almost never is, beyond plain ASCII), else GB18030, the superset of GBK that
 * Chinese Windows software writes. ASCII alone is both; it is called UTF-8.
 */
export function detectEncoding(bytes: Uint8Array): ImportEncoding {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

/**
 * What a shapefile's .dbf says of itself: its language driver byte (offset 29) names the code
 * page when the writer set it (0x4D: GBK, code page 936), and its text is in the records.
 */
export function dbfLanguageEncoding(dbf: Uint8Array): ImportEncoding | undefined {
  if (dbf.length < 32) return undefined;
  if (dbf[29] === 0x4d) return 'gb18030';
  return undefined;
}

/** A .cpg's words (`UTF-8`, `GBK`, `936`, `GB2312`…) as the encoding read. */
export function cpgEncoding(text: string): ImportEncoding | undefined {
  const name = text.trim().toLowerCase().replace(/[^a-z0-9]/g, '');
  if (['utf8', '65001'].includes(name)) return 'utf-8';
  if (['gbk', 'gb2312', 'gb18030', '936', 'cp936', 'ansi936'].includes(name)) return 'gb18030';
  return undefined;
}
