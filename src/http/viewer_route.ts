import type { AppDeps } from "./app_deps.ts";
import { resolveImage } from "./image_route.ts";
import { requestOrigin, serviceId, varyOnOrigin } from "./service_id.ts";
import {
  BUTTON_IMAGES_FOLDER,
  OPENSEADRAGON_SCRIPT,
  VIEWER_ASSETS_PATH,
  VIEWER_START_SCRIPT,
  VIEWER_STYLESHEET,
} from "./viewer_assets.ts";
import { viewerPage } from "./viewer_page.ts";

/**
 * Scripts, styles, images, tiles and info.json all come from this server; nothing inline runs
 * except the one style element OpenSeadragon injects (it hides the focus outline on touch
 * screens), allowed by its hash. The browser test fails, naming the new hash, if an upgrade of
 * OpenSeadragon changes that style.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "style-src 'self' 'sha256-9xTiqzfwFaL2SGb1rmr8gysEwVVjIvqWAgmZgqFqpEE='",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

/**
 * `GET /viewer/{identifier}`: a page showing the image in OpenSeadragon, with its IIIF 3.0
 * info.json as the tile source. The image is resolved, its access decided and its header probed
 * first (`resolveImage`), so each refusal is the one its info.json would get.
 *
 * @throws {IdentifierNotFoundError} No such image (404).
 * @throws {AuthorizationRequiredError} A token is needed (401).
 * @throws {AccessDeniedError} The address or the token's scope does not allow it (403).
 * @throws {UnsupportedSourceError} Not an image format Tessera reads (415).
 */
export async function viewerRoute(
  request: Request,
  deps: AppDeps,
  params: { identifier: string },
): Promise<Response> {
  const { identifier } = params;
  // As every image route: access is decided before the header is read.
  await resolveImage(request, deps, identifier);
  const origin = requestOrigin(request, deps.config.base_url);
  const assets = `${origin}${VIEWER_ASSETS_PATH}/`;
  const html = viewerPage({
    identifier,
    infoUrl: `${serviceId(request, { baseUrl: deps.config.base_url, version: 3, identifier })}` +
      "/info.json",
    landingUrl: `${origin}/`,
    openSeadragonUrl: `${assets}${OPENSEADRAGON_SCRIPT}`,
    startUrl: `${assets}${VIEWER_START_SCRIPT}`,
    stylesheetUrl: `${assets}${VIEWER_STYLESHEET}`,
    buttonImagesUrl: `${assets}${BUTTON_IMAGES_FOLDER}`,
  });
  const body = new TextEncoder().encode(html);
  const headers = new Headers({
    "content-type": "text/html; charset=utf-8",
    "content-length": String(body.byteLength),
    "content-security-policy": CONTENT_SECURITY_POLICY,
  });
  varyOnOrigin(headers, deps.config.base_url);
  return new Response(body, { headers });
}
