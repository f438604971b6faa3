import type { IiifVersion } from "../iiif/mod.ts";

/** Characters an identifier keeps unencoded in a URL path segment (RFC 3986 `pchar`). */
const SAFE_PCHAR_REGEXP = /%(3A|40|21|24|26|27|28|29|2A|2B|2C|3B|3D)/g;

/**
 * `host[:port]` with a host name (underscores allowed: container service names use them), an
 * IPv4 address or a bracketed IPv6 literal, and a port up to 65535; nothing else.
 */
const HOST_REGEXP = /^(?:[A-Za-z0-9._-]+|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?$/;
const MAX_PORT = 65535;

/** The request headers a request-derived service id depends on, for `Vary`. */
const FORWARDING_HEADERS = "X-Forwarded-Host, X-Forwarded-Proto, Host";

/**
 * Encodes an identifier as one path segment: `/`, `%`, `?`, `#` and spaces are escaped, while
 * `:` and the other sub-delimiters stay readable (`samples:a.jpg`, not `samples%3Aa.jpg`).
 */
export function encodeIdentifier(identifier: string): string {
  return encodeURIComponent(identifier).replace(SAFE_PCHAR_REGEXP, decodeURIComponent);
}

/**
 * The base URI of an image service exactly as clients must use it: under `base_url` when the
 * operator set one, else from the request as a proxy forwarded it (see `requestOrigin`).
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

/**
 * The public origin (and path prefix) of this server for `request`, without trailing slash:
 * `base_url` when set, else the first of `X-Forwarded-Proto` / the request's scheme and the
 * first of `X-Forwarded-Host` / `Host` / the request's host. A forwarded value that is not
 * `http`/`https` or not a plain `host[:port]` is ignored, so a client cannot inject text into
 * the `Link` header or info.json `id`.
 */
export function requestOrigin(request: Request, baseUrl: string | null): string {
  if (baseUrl !== null) return baseUrl.replace(/\/+$/, "");
  const { headers } = request;
  const proto = forwardedProto(headers.get("x-forwarded-proto")) ??
    (request.url.startsWith("https:") ? "https" : "http");
  // The URL is parsed again only without a usable Host header: every request pays for this.
  const host = validHost(firstValue(headers.get("x-forwarded-host"))) ??
    validHost(headers.get("host")) ?? new URL(request.url).host;
  return `${proto}://${host}`;
}

/**
 * Adds `Vary` for the headers `requestOrigin` reads, unless `base_url` makes the origin fixed.
 *
 * @param headers The response headers of anything built from `requestOrigin`.
 * @param baseUrl Config `base_url`.
 */
export function varyOnOrigin(headers: Headers, baseUrl: string | null): void {
  if (baseUrl === null) headers.append("vary", FORWARDING_HEADERS);
}

function forwardedProto(header: string | null): string | undefined {
  const proto = firstValue(header)?.toLowerCase();
  return proto === "http" || proto === "https" ? proto : undefined;
}

function validHost(host: string | null | undefined): string | undefined {
  const match = host ? HOST_REGEXP.exec(host) : null;
  return match && Number(match[1] ?? 0) <= MAX_PORT ? host! : undefined;
}

function firstValue(header: string | null): string | undefined {
  const value = header?.split(",")[0].trim();
  return value ? value : undefined;
}
