/**
 * A receipt code is what a resident keeps to follow their demand: short enough to read over the
 * phone, without letters that look alike (Crockford's base-32 alphabet: no I, L, O, U), and
 * random, so one receipt does not reveal another. The server draws the bytes; this module only
 * spells and checks them.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECEIPT_LENGTH = 10;
export const RECEIPT_PATTERN = /^[0-9A-HJKMNP-TV-Z]{10}$/;

/** Spell random bytes (at least RECEIPT_LENGTH of them) as a receipt code. */
export function spellReceipt(randomBytes: Uint8Array): string {
  if (randomBytes.length < RECEIPT_LENGTH) throw new Error(`a receipt needs ${RECEIPT_LENGTH} random bytes, got ${randomBytes.length}`);
  let code = '';
  for (let index = 0; index < RECEIPT_LENGTH; index += 1) code += ALPHABET[randomBytes[index] % 32];
  return code;
}

/** Read what a person typed: case and separators do not matter, and O/I/L read as 0/1/1. */
export function normalizeReceipt(typed: string): string | undefined {
  const code = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return RECEIPT_PATTERN.test(code) ? code : undefined;
}
