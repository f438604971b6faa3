import denoJson from "../../deno.json" with { type: "json" };
import openSeadragonPackage from "openseadragon/package.json" with { type: "json" };
import viewerStart from "./viewer_start.js" with { type: "text" };
import viewerStyles from "./viewer.css" with { type: "text" };
import { textResponse } from "./text_response.ts";

/**
 * Where the viewer's scripts and button images are served. The path names the Tessera and
 * OpenSeadragon versions, so the files can be cached for a year and an upgrade still reaches
 * every browser.
 */
export const VIEWER_ASSETS_PATH =
  `/viewer/assets/${denoJson.version}-${openSeadragonPackage.version}`;

/** OpenSeadragon's script, under `VIEWER_ASSETS_PATH`. */
export const OPENSEADRAGON_SCRIPT = "openseadragon.min.js";

/** The script that starts OpenSeadragon on the viewer page, under `VIEWER_ASSETS_PATH`. */
export const VIEWER_START_SCRIPT = "viewer_start.js";

/** The viewer page's stylesheet, under `VIEWER_ASSETS_PATH`. */
export const VIEWER_STYLESHEET = "viewer.css";

/** The folder of OpenSeadragon's button images (its `prefixUrl`), under `VIEWER_ASSETS_PATH`. */
export const BUTTON_IMAGES_FOLDER = "images/";

/** The only image names served: OpenSeadragon's buttons in their four states. */
const BUTTON_IMAGE_REGEXP = /^images\/[a-z]+_(?:rest|grouphover|hover|pressed)\.png$/;

/** Tessera's own viewer files, embedded as text. */
const OWN_FILES: Readonly<Record<string, { body: string; contentType: string }>> = {
  [VIEWER_START_SCRIPT]: { body: viewerStart, contentType: "text/javascript" },
  [VIEWER_STYLESHEET]: { body: viewerStyles, contentType: "text/css" },
};

const OPENSEADRAGON_BUILD = "openseadragon/build/openseadragon/";

const IMMUTABLE = "public, max-age=31536000, immutable";

/**
 * `GET /viewer/assets/{key}/{path}`: OpenSeadragon's script and button images, read from its npm
 * package (so no CDN is involved, and `deno compile` embeds the package), and the viewer's own
 * script and stylesheet. A key of another release, or any other path, is a 404.
 *
 * @param params `key`, the versions part of the path, and `path`, the file under it.
 * @throws {Deno.errors.PermissionDenied} When the server may not read its own npm packages.
 */
export async function viewerAssetRoute(params: { key: string; path: string }): Promise<Response> {
  const { key, path } = params;
  if (`/viewer/assets/${key}` !== VIEWER_ASSETS_PATH) return notFound(key, path);
  const own = Object.hasOwn(OWN_FILES, path) ? OWN_FILES[path] : undefined;
  if (own) return assetResponse(own.body, own.contentType);
  const contentType = path === OPENSEADRAGON_SCRIPT
    ? "text/javascript"
    : BUTTON_IMAGE_REGEXP.test(path)
    ? "image/png"
    : undefined;
  const bytes = contentType && await packageFile(path);
  return bytes ? assetResponse(bytes, contentType) : notFound(key, path);
}

/** A file of OpenSeadragon's build, or null when it ships no such file. */
async function packageFile(path: string): Promise<Uint8Array<ArrayBuffer> | null> {
  try {
    return await Deno.readFile(new URL(import.meta.resolve(`${OPENSEADRAGON_BUILD}${path}`)));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
}

function assetResponse(body: string | Uint8Array<ArrayBuffer>, contentType: string): Response {
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  const headers = new Headers({
    "content-type": contentType,
    "content-length": String(bytes.byteLength),
    "cache-control": IMMUTABLE,
    "x-content-type-options": "nosniff",
  });
  return new Response(bytes, { headers });
}

function notFound(key: string, path: string): Response {
  return textResponse(`No such viewer file: ${key}/${path}`, { status: 404 });
}
