import type { Format } from './parameters.ts';

export const MEDIA_TYPES = {
  json: 'application/json',
  geojson: 'application/geo+json',
  html: 'text/html',
  openapi: 'application/vnd.oai.openapi+json;version=3.0',
} as const;

export interface Link {
  href: string;
  rel: string;
  type: string;
  title: string;
}

/** Builds the absolute URLs of one request's links. */
export interface Linker {
  /** The OGC root (origin and mount path), without a trailing slash. */
  root: string;
  /** A path under the root in one format; an explicit `lang` travels along so HTML browsing keeps the language. */
  to(path: string, format: Format, query?: Record<string, string | number>): string;
  /** This request's URL with some parameters replaced (undefined removes one), the rest preserved. */
  current(changes: Record<string, string | number | undefined>): string;
  /** `self` (JSON in `jsonType`) and `alternate` (HTML) links for this request. */
  selfAndAlternate(jsonType: string): Link[];
}

export function createLinker(requestUrl: URL, mountPath: string): Linker {
  const root = `${requestUrl.origin}${mountPath.replace(/\/$/, '')}`;
  const lang = requestUrl.searchParams.get('lang');

  const withQuery = (base: string, query: Record<string, string | number | undefined>, keep?: URLSearchParams) => {
    const params = new URLSearchParams(keep);
    for (const [name, value] of Object.entries(query)) {
      if (value === undefined) params.delete(name);
      else params.set(name, String(value));
    }
    const search = params.toString();
    return search ? `${base}?${search}` : base;
  };

  const linker: Linker = {
    root,
    to: (path, format, query = {}) => withQuery(`${root}${path}`, { ...query, f: format, ...(lang ? { lang } : {}) }),
    current: (changes) => withQuery(`${requestUrl.origin}${requestUrl.pathname}`, changes, requestUrl.searchParams),
    selfAndAlternate: (jsonType) => [
      { href: linker.current({ f: 'json' }), rel: 'self', type: jsonType, title: 'This document' },
      { href: linker.current({ f: 'html' }), rel: 'alternate', type: MEDIA_TYPES.html, title: 'This document as HTML' },
    ],
  };
  return linker;
}
