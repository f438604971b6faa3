import { parseImageRequest } from "../iiif/mod.ts";
import type { AppDeps } from "./app_deps.ts";
import { imageResponse, resolveImage } from "./image_route.ts";
import { refuseWhenBusy } from "./refuse_when_busy.ts";
import { textResponse } from "./text_response.ts";

/** The fixed-size JPEGs served at `/{identifier}/{kind}`. */
export type DerivativeKind = "thumbnail" | "preview";

/**
 * First path segments owned by other routes. `/{identifier}/thumbnail` matches any first
 * segment, so these are refused as identifiers there, whatever routes come later: the space
 * under each stays its route's (an image named like one is still reachable under `/iiif/`).
 */
const RESERVED_SEGMENTS: ReadonlySet<string> = new Set([
  "iiif",
  "status",
  "health",
  "metrics",
  "originals",
  "viewer",
  "dzi",
  "cache",
  "auth",
]);

/**
 * `GET /{identifier}/thumbnail` and `/{identifier}/preview`: a JPEG `thumbnail_width` or
 * `preview_width` pixels wide (the height follows the aspect ratio), never wider than the image
 * itself. It is the IIIF 3.0 request `full/{w},/0/default.jpg` and goes through the same
 * planning, derivative cache and workers, so it shares cached images with that request.
 *
 * @param params The percent-decoded identifier and which derivative.
 * @throws {IdentifierNotFoundError} No profile has that image.
 * @throws {IiifSyntaxError} The derivative exceeds `max_height` or `max_area` (a very tall image).
 * @throws {SourceTooLargeError} The source exceeds the `max_source_*` limits.
 */
export async function derivativeRoute(
  request: Request,
  deps: AppDeps,
  params: { readonly identifier: string; readonly kind: DerivativeKind },
): Promise<Response> {
  const started = performance.now();
  const { identifier, kind } = params;
  if (RESERVED_SEGMENTS.has(identifier)) {
    return textResponse(`No such resource: /${identifier}/${kind}`, { status: 404 });
  }
  refuseWhenBusy(request, deps);
  const { source, access, probed } = await resolveImage(request, deps, identifier);
  const width = kind === "thumbnail" ? deps.config.thumbnail_width : deps.config.preview_width;
  const parsed = parseImageRequest({
    identifier,
    region: "full",
    size: `${Math.min(width, probed.width)},`,
    rotation: "0",
    file: "default.jpg",
  }, 3);
  return await imageResponse(request, deps, { parsed, source, access, probed, started });
}
