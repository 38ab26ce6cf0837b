import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { Config } from '../config.ts';

/**
 * The headers a public web application sends with every response. The policy allows no inline
 * script at all; MapLibre's worker is a file of ours (worker-src 'self'; blob: for deck.gl's
 * loaders), tiles and styles come from this origin (plus the online basemap when configured),
 * and images may be data:/blob: URLs (MapLibre's sprites and deck.gl's icon atlases). Inline
 * style attributes are allowed: the map library sets element styles for its controls.
 */
export function securityHeaders(config: Config): MiddlewareHandler {
  const online = config.onlineBasemapUrl ? [new URL(config.onlineBasemapUrl).origin] : [];
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      workerSrc: ["'self'", 'blob:'],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:', ...online],
      fontSrc: ["'self'", 'data:', ...online],
      connectSrc: ["'self'", ...online],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    // same-origin: our own requests keep the Referer the cross-site check may need; nothing leaks out.
    referrerPolicy: 'same-origin',
    xContentTypeOptions: 'nosniff',
    xFrameOptions: 'DENY',
    strictTransportSecurity: config.publicUrl?.startsWith('https://') ? 'max-age=31536000; includeSubDomains' : false,
    crossOriginResourcePolicy: 'same-origin',
    crossOriginOpenerPolicy: 'same-origin',
    // Embedding cross-origin resources is allowed (an online basemap's tiles carry no CORP header).
    crossOriginEmbedderPolicy: false,
  });
}
