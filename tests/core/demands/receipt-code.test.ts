import { describe, expect, it } from 'vitest';
import { RECEIPT_LENGTH, RECEIPT_PATTERN, normalizeReceipt, spellReceipt } from '../../../core/demands/receipt-code.ts';

describe('receipt codes', () => {
  it('spell ten bytes in Crockford base 32, without I, L, O or U', () => {
    const code = spellReceipt(Uint8Array.from([0, 1, 9, 10, 17, 18, 19, 20, 27, 31]));
    expect(code).toBe('019AHJKMVZ');
    expect(code).toMatch(RECEIPT_PATTERN);
    for (let byte = 0; byte < 256; byte += 1) expect(spellReceipt(new Uint8Array(RECEIPT_LENGTH).fill(byte))).not.toMatch(/[ILOU]/);
  });

  it('use each byte modulo 32, so every byte value spells a letter', () => {
    expect(spellReceipt(new Uint8Array(RECEIPT_LENGTH).fill(32))).toBe('0000000000');
    expect(spellReceipt(new Uint8Array(RECEIPT_LENGTH).fill(255))).toBe('ZZZZZZZZZZ');
  });

  it('refuse fewer bytes than a code has letters', () => {
    expect(() => spellReceipt(new Uint8Array(RECEIPT_LENGTH - 1))).toThrow(/10 random bytes, got 9/);
  });

  it('read what a person typed: any case, spaces and dashes, O for 0, I and L for 1', () => {
    expect(normalizeReceipt('019ahjkmvz')).toBe('019AHJKMVZ');
    expect(normalizeReceipt(' 019A-HJKM VZ ')).toBe('019AHJKMVZ');
    expect(normalizeReceipt('O1IAHJKMVZ')).toBe('011AHJKMVZ');
    expect(normalizeReceipt('oLiAHJKMVZ')).toBe('011AHJKMVZ');
  });

  it('refuse what cannot be a code', () => {
    for (const typed of ['', '019AHJKMV', '019AHJKMVZZ', '019AHJKMVU', "019AHJK'--", '０１９ＡＨＪＫＭＶＺ']) expect(normalizeReceipt(typed), typed).toBeUndefined();
  });
});
