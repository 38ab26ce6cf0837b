/**
 * "Me too" (附议) on a published demand: one per person. The browser makes a random token once,
 * keeps it (localStorage) and sends it with every support in this header; the server counts a
 * person as their address together with the token.
 */
export const SUPPORTER_HEADER = 'X-Supporter';
export const SUPPORTER_TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

/** `POST /api/demands/{id}/support` → 201, or 409 `already_supported` with the same details. */
export interface DemandSupportResult {
  id: number;
  supportCount: number;
}
