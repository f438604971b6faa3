/** The `WWW-Authenticate` challenge of a 401 (RFC 6750): a bearer token is what is missing. */
export const BEARER_CHALLENGE = 'Bearer realm="tessera"';

const BEARER_REGEXP = /^Bearer +(\S+) *$/i;

/**
 * The token of a request's `Authorization: Bearer` header.
 *
 * @param request The request.
 * @returns The token, or `undefined` when the header is absent or another scheme.
 */
export function bearerToken(request: Request): string | undefined {
  return BEARER_REGEXP.exec(request.headers.get("authorization") ?? "")?.[1];
}
