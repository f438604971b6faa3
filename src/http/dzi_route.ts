import {
  deepZoomDescriptor,
  type DeepZoomFormat,
  deepZoomTile,
  type DeepZoomTileAddress,
  type Dimensions,
  type ImageRequest,
} from "../iiif/mod.ts";
import { varyOnCredentials } from "./access_check.ts";
import type { AppDeps } from "./app_deps.ts";
import { cappedSize } from "./capped_plan.ts";
import { checkSourcePixels } from "./check_source_limits.ts";
import { etagOf, notModifiedResponse } from "./conditional.ts";
import { type ImageInput, imageResponse, resolveImage } from "./image_route.ts";
import { planLimits } from "./plan_limits.ts";
import { refuseWhenBusy } from "./refuse_when_busy.ts";
import { varyOnOrigin } from "./service_id.ts";
import { textResponse } from "./text_response.ts";

/** The percent-decoded path parameters of a DeepZoom tile request. */
export interface DziTileParams extends DeepZoomTileAddress {
  readonly identifier: string;
  readonly format: DeepZoomFormat;
}

/**
 * `GET /dzi/{identifier}.dzi`: the DeepZoom descriptor (tile size, overlap and format from the
 * configuration, the image's size from its header), validated and cached like info.json. A
 * size-capped client is described the capped image, so its viewer asks only for tiles it may see.
 *
 * @throws {IdentifierNotFoundError} No profile has that image.
 * @throws {SourceTooLargeError} The source exceeds the `max_source_*` limits.
 */
export async function dziDescriptorRoute(
  request: Request,
  deps: AppDeps,
  params: { readonly identifier: string },
): Promise<Response> {
  const { source, access, probed } = await resolveImage(request, deps, params.identifier);
  const { ref, profile } = source;
  // Refused here too, so a viewer shows why rather than failing tile by tile.
  checkSourcePixels(ref, probed, deps.config);
  const xml = deepZoomDescriptor(shownSize(deps, { source, access, probed }), {
    tileSize: deps.config.dzi_tile_size,
    overlap: deps.config.dzi_overlap,
    format: deps.config.dzi_format,
  });
  const headers = new Headers({ "content-type": "application/xml" });
  varyOnOrigin(headers, deps.config.base_url);
  varyOnCredentials(headers, access);
  const notModified = notModifiedResponse(request, headers, {
    etag: etagOf(xml),
    sourceMtimeMs: ref.mtimeMs,
    startedAt: deps.startedAt,
    maxAge: profile.cache_for,
    personal: access.personal,
  });
  if (notModified) return notModified;
  const body = new TextEncoder().encode(xml);
  headers.set("content-length", String(body.byteLength));
  return new Response(body, { headers });
}

/**
 * `GET /dzi/{identifier}_files/{level}/{col}_{row}.{jpg|png}`: one DeepZoom tile. It is the
 * IIIF 3.0 request `{x},{y},{w},{h}/{tw},{th}/0/default.{format}` for the tile's full-resolution
 * region and exact size, built as a request rather than a URL, and goes through the same
 * planning, derivative cache and workers, so its bytes are that IIIF image's. For a size-capped
 * client the pyramid is the capped image's, as its descriptor says.
 *
 * @throws {IdentifierNotFoundError} No profile has that image.
 * @throws {IiifSyntaxError} The tile exceeds `max_width`, `max_height` or `max_area`.
 * @throws {SourceTooLargeError} The source exceeds the `max_source_*` limits.
 */
export async function dziTileRoute(
  request: Request,
  deps: AppDeps,
  params: DziTileParams,
): Promise<Response> {
  const started = performance.now();
  refuseWhenBusy(request, deps);
  const { source, access, probed } = await resolveImage(request, deps, params.identifier);
  const shown = shownSize(deps, { source, access, probed });
  const tile = deepZoomTile(probed, params, {
    tileSize: deps.config.dzi_tile_size,
    overlap: deps.config.dzi_overlap,
    shown,
  });
  if (!tile) {
    const { identifier, level, col, row } = params;
    return textResponse(
      `No DeepZoom tile ${level}/${col}_${row} in "${identifier}" ` +
        `(${shown.width}×${shown.height}, tile size ${deps.config.dzi_tile_size})`,
      { status: 404 },
    );
  }
  const parsed: ImageRequest = {
    version: 3,
    identifier: params.identifier,
    region: { kind: "pixels", ...tile.region },
    size: { kind: "exact", width: tile.width, height: tile.height, upscale: false },
    rotation: { degrees: 0, mirror: false },
    quality: "default",
    format: params.format,
  };
  return await imageResponse(request, deps, { parsed, source, access, probed, started });
}

/** The size the client's pyramid describes: the image's, or for a capped client the capped one. */
function shownSize(
  deps: AppDeps,
  input: Pick<ImageInput, "source" | "access" | "probed">,
): Dimensions {
  const { source, access, probed } = input;
  if (access.cap === null) return probed;
  return cappedSize(probed, { limits: planLimits(deps.config, source.profile), cap: access.cap });
}
