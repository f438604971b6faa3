import { checkIdentifier, type IiifVersion } from "../iiif/mod.ts";
import type { AppDeps, RouteDeps } from "./app_deps.ts";
import { accessServiceRoute, logoutRoute } from "./auth_cookie_route.ts";
import { accessTokenRoute } from "./auth_token_route.ts";
import { cacheRoute } from "./cache_route.ts";
import { type DerivativeKind, derivativeRoute } from "./derivative_route.ts";
import { dziDescriptorRoute, dziTileRoute } from "./dzi_route.ts";
import { originalRoute } from "./original_route.ts";
import { originalsZipRoute } from "./originals_zip_route.ts";
import { livenessRoute, readinessRoute } from "./health_route.ts";
import { imageRoute } from "./image_route.ts";
import { infoRoute } from "./info_route.ts";
import { landingRoute } from "./landing_route.ts";
import { metricsRoute } from "./metrics_route.ts";
import { probeRoute } from "./probe_route.ts";
import { RequestSyntaxError } from "./request_syntax_error.ts";
import { serviceId, varyOnOrigin } from "./service_id.ts";
import { statusRoute } from "./status_route.ts";
import { viewerAssetRoute } from "./viewer_assets.ts";
import { viewerRoute } from "./viewer_route.ts";

type Params = Record<string, string>;
type RouteHandler = (request: Request, deps: RouteDeps, params: Params) => Promise<Response>;

/** A route's name: the `route` label of the metrics, so it must stay one of a few words. */
export type RouteName =
  | "landing"
  | "status"
  | "health"
  | "readiness"
  | "metrics"
  | "info"
  | "base_uri"
  | "probe"
  | "auth_access"
  | "auth_token"
  | "auth_logout"
  | "image"
  | "viewer"
  | "viewer_asset"
  | "thumbnail"
  | "preview"
  | "original"
  | "originals_zip"
  | "dzi_descriptor"
  | "dzi_tile"
  | "cache_purge";

interface Route {
  readonly name: RouteName;
  readonly pattern: URLPattern;
  readonly handler: RouteHandler;
}

const IIIF_PREFIX = "/iiif/:version(2|3)/:identifier";

/**
 * The routes, most specific first. URLPattern matches the raw path, so an encoded slash
 * (`a%2Fb`) stays inside one segment; each segment is then percent-decoded exactly once.
 */
const ROUTES: readonly Route[] = [
  {
    name: "landing",
    pattern: new URLPattern({ pathname: "/" }),
    handler: (request, deps) => landingRoute(request, deps),
  },
  {
    name: "status",
    pattern: new URLPattern({ pathname: "/status" }),
    handler: statusRoute,
  },
  {
    name: "health",
    pattern: new URLPattern({ pathname: "/health" }),
    handler: () => Promise.resolve(livenessRoute()),
  },
  {
    name: "readiness",
    pattern: new URLPattern({ pathname: "/health/ready" }),
    handler: (request, deps) => Promise.resolve(readinessRoute(request, deps)),
  },
  {
    name: "metrics",
    pattern: new URLPattern({ pathname: "/metrics" }),
    handler: metricsRoute,
  },
  // The IIIF routes match disjoint paths. Info first: its literal end turns image requests away
  // without running its pattern, and an info.json request then runs one pattern, not two.
  {
    name: "info",
    pattern: new URLPattern({ pathname: `${IIIF_PREFIX}/info.json` }),
    handler: (request, deps, params) =>
      infoRoute(request, deps, { version: versionOf(params), identifier: params.identifier }),
  },
  {
    name: "image",
    pattern: new URLPattern({ pathname: `${IIIF_PREFIX}/:region/:size/:rotation/:file` }),
    handler: (request, deps, params) =>
      imageRoute(request, deps, {
        version: versionOf(params),
        identifier: params.identifier,
        region: params.region,
        size: params.size,
        rotation: params.rotation,
        file: params.file,
      }),
  },
  {
    name: "base_uri",
    pattern: new URLPattern({ pathname: IIIF_PREFIX }),
    handler: (request, deps, params) => Promise.resolve(baseUriRedirect(request, deps, params)),
  },
  {
    name: "probe",
    pattern: new URLPattern({ pathname: `${IIIF_PREFIX}/probe` }),
    handler: (request, deps, params) =>
      probeRoute(request, deps, { version: versionOf(params), identifier: params.identifier }),
  },
  {
    name: "auth_access",
    pattern: new URLPattern({ pathname: "/auth/:profile/cookie" }),
    handler: (request, deps, params) =>
      accessServiceRoute(request, deps, { profile: params.profile }),
  },
  {
    name: "auth_token",
    pattern: new URLPattern({ pathname: "/auth/:profile/token" }),
    handler: (request, deps, params) =>
      accessTokenRoute(request, deps, { profile: params.profile }),
  },
  {
    name: "auth_logout",
    pattern: new URLPattern({ pathname: "/auth/:profile/logout" }),
    handler: (request, deps, params) =>
      Promise.resolve(logoutRoute(request, deps, { profile: params.profile })),
  },
  {
    name: "originals_zip",
    pattern: new URLPattern({ pathname: "/originals/zip" }),
    handler: (request, deps) => originalsZipRoute(request, deps),
  },
  {
    name: "original",
    pattern: new URLPattern({ pathname: "/originals/:identifier" }),
    handler: (request, deps, params) =>
      originalRoute(request, deps, { identifier: params.identifier }),
  },
  {
    name: "viewer_asset",
    pattern: new URLPattern({ pathname: "/viewer/assets/:key/:path(.+)" }),
    handler: (_request, _deps, params) => viewerAssetRoute({ key: params.key, path: params.path }),
  },
  {
    name: "viewer",
    pattern: new URLPattern({ pathname: "/viewer/:identifier" }),
    handler: (request, deps, params) =>
      viewerRoute(request, deps, { identifier: params.identifier }),
  },
  {
    name: "dzi_descriptor",
    pattern: new URLPattern({ pathname: "/dzi/:identifier([^/]+).dzi" }),
    handler: (request, deps, params) =>
      dziDescriptorRoute(request, deps, { identifier: params.identifier }),
  },
  {
    name: "dzi_tile",
    pattern: new URLPattern({
      pathname: "/dzi/:identifier([^/]+)_files/:level(\\d+)/:col(\\d+)_:row(\\d+).:format(jpg|png)",
    }),
    handler: (request, deps, params) =>
      dziTileRoute(request, deps, {
        identifier: params.identifier,
        level: Number(params.level),
        col: Number(params.col),
        row: Number(params.row),
        format: params.format === "png" ? "png" : "jpg",
      }),
  },
  {
    name: "cache_purge",
    pattern: new URLPattern({ pathname: "/cache/:identifier" }),
    handler: (request, deps, params) =>
      cacheRoute(request, deps, { identifier: params.identifier }),
  },
  // Last, since its first segment is any identifier (reserved words are refused in the route).
  ...(["thumbnail", "preview"] as const).map((kind: DerivativeKind): Route => ({
    name: kind,
    pattern: new URLPattern({ pathname: `/:identifier/${kind}` }),
    handler: (request, deps, params) =>
      derivativeRoute(request, deps, { identifier: params.identifier, kind }),
  })),
];

/** What a pattern starts with before its first parameter, group or wildcard. */
const LITERAL_START_REGEXP = /^[^:(*{]*/;
/** What a pattern ends with after its last parameter (and its regexp), wildcard or group. */
const LITERAL_END_REGEXP = /(?::\w+(?:\([^)]*\))?|[*})])([^:*{}()]*)$/;

/**
 * The routes with the literal start and end of each pattern, compared before running the
 * pattern: URLPattern costs 3 µs a try (`bench/handler_bench.ts`), and an image request tried
 * eight before it had this. A pattern that is literal throughout matches by equality alone.
 */
const INDEXED_ROUTES = ROUTES.map((entry) => {
  const { pathname } = entry.pattern;
  const literal = LITERAL_START_REGEXP.exec(pathname)![0];
  const ending = LITERAL_END_REGEXP.exec(pathname)?.[1] ?? "";
  return { ...entry, literal, ending, exact: literal === pathname };
});

/**
 * Given to `URLPattern.exec` so that it parses the URL anew rather than through Deno's cache of
 * match inputs. That cache is keyed by the input, and an input object is never the same twice:
 * every request added an entry that lived on in the old generation until evicted, and with the
 * cache full the main thread ran a mark-compact every 0.2–0.5 s (`--trace-gc`, tiles of the
 * 10000² pyramid with two HTTP listeners). An absolute URL ignores the base.
 */
const UNCACHED_MATCH_BASE = "http://tessera.invalid";

/** The route a path matched. */
export interface RouteMatch {
  readonly name: RouteName;
  readonly handler: RouteHandler;
  /**
   * The path parameters, percent-decoded, the identifier checked (on every IIIF route, so no
   * handler sees or echoes a control character). Decoded on demand so that a request with bad
   * parameters is still known by its route, and only once: the handler and the profile count
   * get the same object.
   *
   * @throws {RequestSyntaxError} A segment has broken percent-encoding.
   * @throws {IiifSyntaxError} The identifier is empty or holds control characters.
   */
  params(): Params;
}

/**
 * Finds the route of a request path.
 *
 * @returns Its name, handler and parameters, or `undefined` for an unknown path.
 */
export function route(url: URL): RouteMatch | undefined {
  const { pathname } = url;
  for (const { name, pattern, handler, literal, ending, exact } of INDEXED_ROUTES) {
    if (exact ? pathname !== literal : !pathname.startsWith(literal)) continue;
    if (!pathname.endsWith(ending)) continue;
    const match = pattern.exec(url.href, UNCACHED_MATCH_BASE);
    if (!match) continue;
    const groups = match.pathname.groups;
    let params: Params | undefined;
    return { name, handler, params: () => params ??= checkedParams(groups) };
  }
  return undefined;
}

function checkedParams(groups: Record<string, string | undefined>): Params {
  const params = decodeParams(groups);
  if (params.identifier !== undefined) checkIdentifier(params.identifier);
  return params;
}

function decodeParams(groups: Record<string, string | undefined>): Params {
  const params: Params = {};
  for (const [name, raw] of Object.entries(groups)) {
    try {
      params[name] = decodeURIComponent(raw ?? "");
    } catch {
      throw new RequestSyntaxError(`Cannot decode ${name} "${raw}": bad percent-encoding`);
    }
  }
  return params;
}

function versionOf(params: Params): IiifVersion {
  return params.version === "2" ? 2 : 3;
}

/** The base URI answers 303 See Other to its info.json. */
function baseUriRedirect(request: Request, deps: AppDeps, params: Params): Response {
  const id = serviceId(request, {
    baseUrl: deps.config.base_url,
    version: versionOf(params),
    identifier: params.identifier,
  });
  const headers = new Headers({ location: `${id}/info.json` });
  varyOnOrigin(headers, deps.config.base_url);
  return new Response(null, { status: 303, headers });
}
