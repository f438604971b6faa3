import type { IiifVersion } from "../iiif/mod.ts";

/** Characters an identifier keeps unencoded in a URL path segment (RFC 3986 `pchar`). */
const SAFE_PCHAR_REGEXP = /%(3A|40|21|24|26|27|28|29|2A|2B|2C|3B|3D)/g;

/**
 * Encodes an identifier as one path segment: `/`, `%`, `?`, `#` and spaces are escaped, while
 * `:` and the other sub-delimiters stay readable (`samples:a.jpg`, not `samples%3Aa.jpg`).
 */
export function encodeIdentifier(identifier: string): string {
  return encodeURIComponent(identifier).replace(SAFE_PCHAR_REGEXP, decodeURIComponent);
}

/**
 * The base URI of an image service exactly as clients must use it: under `base_url` when the
 * operator set one, else from the request as a proxy forwarded it (`X-Forwarded-Proto`,
 * `X-Forwarded-Host`, then `Host`).
 *
 * @param request The incoming request.
 * @param options `baseUrl` (config `base_url`), the IIIF version and the decoded identifier.
 */
export function serviceId(
  request: Request,
  options: { baseUrl: string | null; version: IiifVersion; identifier: string },
): string {
  const path = `/iiif/${options.version}/${encodeIdentifier(options.identifier)}`;
  return `${requestOrigin(request, options.baseUrl)}${path}`;
}

/** The public origin (and path prefix) of this server for `request`, without trailing slash. */
export function requestOrigin(request: Request, baseUrl: string | null): string {
  if (baseUrl !== null) return baseUrl.replace(/\/+$/, "");
  const url = new URL(request.url);
  const proto = firstValue(request.headers.get("x-forwarded-proto")) ?? url.protocol.slice(0, -1);
  const host = firstValue(request.headers.get("x-forwarded-host")) ??
    request.headers.get("host") ?? url.host;
  return `${proto}://${host}`;
}

function firstValue(header: string | null): string | undefined {
  const value = header?.split(",")[0].trim();
  return value ? value : undefined;
}
