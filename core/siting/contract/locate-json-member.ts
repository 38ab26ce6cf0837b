/**
 * Where, in a JSON text's bytes, the value at a path of object keys starts (`['costMatrix',
 * 'distances']`): the offset of its first byte, or undefined when the text does not have that
 * shape. Values on the way are skipped, not parsed (strings and brackets are only counted), so
 * finding the matrix in a 16 MB body costs a pass over the bytes before it. This does not check
 * the text: the caller parses everything around the value with JSON.parse, which does.
 */
export function locateJsonMember(bytes: Uint8Array, path: readonly string[]): number | undefined {
  let at = skipSpace(bytes, 0);
  for (const wanted of path) {
    if (bytes[at] !== OPEN_BRACE) return undefined;
    at = skipSpace(bytes, at + 1);
    let found = false;
    while (!found) {
      if (bytes[at] !== QUOTE) return undefined;
      const keyEnd = skipString(bytes, at);
      if (keyEnd < 0) return undefined;
      const key = readKey(bytes, at, keyEnd);
      at = skipSpace(bytes, keyEnd);
      if (bytes[at] !== COLON) return undefined;
      at = skipSpace(bytes, at + 1);
      if (key === wanted) {
        found = true;
        break;
      }
      at = skipValue(bytes, at);
      if (at < 0) return undefined;
      at = skipSpace(bytes, at);
      if (bytes[at] !== COMMA) return undefined;
      at = skipSpace(bytes, at + 1);
    }
  }
  return at < bytes.length ? at : undefined;
}

const TAB = 0x09;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACKET = 0x5b;
const BACKSLASH = 0x5c;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

function skipSpace(bytes: Uint8Array, at: number): number {
  let byte = bytes[at];
  while (byte === SPACE || byte === LINE_FEED || byte === CARRIAGE_RETURN || byte === TAB) byte = bytes[++at];
  return at;
}

/** Past the closing quote of the string opening at `at`, or -1. UTF-8 never puts a quote or a
 * backslash byte inside a multi-byte character, so bytes can be compared directly. */
function skipString(bytes: Uint8Array, at: number): number {
  for (let index = at + 1; index < bytes.length; index += 1) {
    const byte = bytes[index];
    if (byte === BACKSLASH) index += 1;
    else if (byte === QUOTE) return index + 1;
  }
  return -1;
}

/** A key as JSON.parse reads it (escapes decoded); plain ASCII keys without building a decoder. */
function readKey(bytes: Uint8Array, start: number, end: number): string | undefined {
  let plain = '';
  for (let index = start + 1; index < end - 1; index += 1) {
    const byte = bytes[index];
    if (byte === BACKSLASH || byte >= 0x80) {
      try {
        return JSON.parse(new TextDecoder().decode(bytes.subarray(start, end))) as string;
      } catch {
        return undefined;
      }
    }
    plain += String.fromCharCode(byte);
  }
  return plain;
}

/** Past the value starting at `at` (an object or array by its brackets), or -1. */
function skipValue(bytes: Uint8Array, at: number): number {
  const first = bytes[at];
  if (first === QUOTE) return skipString(bytes, at);
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    // A number or a literal: up to the next delimiter.
    let index = at;
    for (; index < bytes.length; index += 1) {
      const byte = bytes[index];
      if (byte === COMMA || byte === CLOSE_BRACE || byte === CLOSE_BRACKET || byte === SPACE || byte === LINE_FEED || byte === CARRIAGE_RETURN || byte === TAB) break;
    }
    return index > at ? index : -1;
  }
  let depth = 0;
  for (let index = at; index < bytes.length; index += 1) {
    const byte = bytes[index];
    if (byte === QUOTE) {
      index = skipString(bytes, index) - 1;
      if (index < 0) return -1;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth += 1;
    else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth -= 1;
      if (depth === 0) return index + 1;
    }
  }
  return -1;
}
