const KEY = 'renewal-atlas.supporter';

/**
 * This browser's "me too" token: random, made once and kept in localStorage. Where storage is
 * refused (private windows of some browsers) a token lasts the page, which still stops a double
 * press from counting twice.
 */
let fallback: string | undefined;

/** 128 random bits as hex (crypto.randomUUID exists only on https and localhost). */
function randomToken(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function supporterToken(): string {
  try {
    const stored = localStorage.getItem(KEY);
    if (stored) return stored;
    const token = randomToken();
    localStorage.setItem(KEY, token);
    return token;
  } catch {
    fallback ??= randomToken();
    return fallback;
  }
}

/** The demands this browser has supported, to show "supported" after a reload too. */
const SUPPORTED_KEY = 'renewal-atlas.supported';

export function supportedDemands(): Set<number> {
  try {
    return new Set((JSON.parse(localStorage.getItem(SUPPORTED_KEY) ?? '[]') as unknown[]).filter(Number.isInteger) as number[]);
  } catch {
    return new Set();
  }
}

export function rememberSupport(id: number): void {
  try {
    const ids = supportedDemands();
    ids.add(id);
    localStorage.setItem(SUPPORTED_KEY, JSON.stringify([...ids].slice(-200)));
  } catch {
    // Not remembered across reloads; the server still counts the support once.
  }
}
