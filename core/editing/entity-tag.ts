/**
 * Editable records carry a version; reads send it as an ETag and writes must send it back in
 * If-Match, so a write made on an old copy is refused instead of overwriting someone's change.
 * Shared by the server (parsing) and the client (sending).
 */
export function formatEntityTag(version: number): string {
  return `"v${version}"`;
}

/**
 * The version an If-Match header names: a number, `undefined` when the header is absent, or
 * `null` when it is present but names no version of ours (a weak or foreign tag, or a list).
 */
export function parseIfMatch(header: string | undefined | null): number | undefined | null {
  if (header === undefined || header === null || header.trim() === '') return undefined;
  const match = /^\s*"v(\d{1,9})"\s*$/.exec(header);
  return match ? Number(match[1]) : null;
}
