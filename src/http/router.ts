import { checkIdentifier, type IiifVersion } from "../iiif/mod.ts";
import type { AppDeps } from "./app_deps.ts";
import { imageRoute } from "./image_route.ts";
import { infoRoute } from "./info_route.ts";
import { landingRoute } from "./landing_route.ts";
import { RequestSyntaxError } from "./request_syntax_error.ts";
import { serviceId, varyOnOrigin } from "./service_id.ts";
import { statusRoute } from "./status_route.ts";

type Params = Record<string, string>;
type RouteHandler = (request: Request, deps: AppDeps, params: Params) => Promise<Response>;

const IIIF_PREFIX = "/iiif/:version(2|3)/:identifier";

/**
 * The routes, most specific first. URLPattern matches the raw path, so an encoded slash
 * (`a%2Fb`) stays inside one segment; each segment is then percent-decoded exactly once.
 */
const ROUTES: ReadonlyArray<readonly [URLPattern, RouteHandler]> = [
  [new URLPattern({ pathname: "/" }), (request, deps) => landingRoute(request, deps)],
  [
    new URLPattern({ pathname: "/status" }),
    (request, deps) => Promise.resolve(statusRoute(request, deps)),
  ],
  [
    new URLPattern({ pathname: `${IIIF_PREFIX}/info.json` }),
    (request, deps, params) =>
      infoRoute(request, deps, { version: versionOf(params), identifier: params.identifier }),
  ],
  [
    new URLPattern({ pathname: IIIF_PREFIX }),
    (request, deps, params) => Promise.resolve(baseUriRedirect(request, deps, params)),
  ],
  [
    new URLPattern({ pathname: `${IIIF_PREFIX}/:region/:size/:rotation/:file` }),
    (request, deps, params) =>
      imageRoute(request, deps, {
        version: versionOf(params),
        identifier: params.identifier,
        region: params.region,
        size: params.size,
        rotation: params.rotation,
        file: params.file,
      }),
  ],
];

/**
 * Finds the handler for a request path, with its parameters percent-decoded and the identifier
 * checked (on every IIIF route, so no handler sees or echoes a control character).
 *
 * @returns The handler and parameters, or `undefined` for an unknown path.
 * @throws {RequestSyntaxError} A segment has broken percent-encoding.
 * @throws {IiifSyntaxError} The identifier is empty or holds control characters.
 */
export function route(url: URL): { handler: RouteHandler; params: Params } | undefined {
  for (const [pattern, handler] of ROUTES) {
    const match = pattern.exec({ pathname: url.pathname });
    if (!match) continue;
    const params = decodeParams(match.pathname.groups);
    if (params.identifier !== undefined) checkIdentifier(params.identifier);
    return { handler, params };
  }
  return undefined;
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
