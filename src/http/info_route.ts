import { buildInfoJson, IIIF_CONTEXT, IIIF_PROFILE, type IiifVersion } from "../iiif/mod.ts";
import { acceptQuality } from "./accept_quality.ts";
import type { AppDeps } from "./app_deps.ts";
import { checkSourceBytes, checkSourcePixels } from "./check_source_limits.ts";
import { etagOf, notModifiedResponse } from "./conditional.ts";
import { planLimits } from "./plan_limits.ts";
import { serviceId, varyOnOrigin } from "./service_id.ts";

/**
 * `GET {prefix}/{identifier}/info.json` for either version. 3.0 always answers JSON-LD with its
 * context profile; 2.1 answers `application/json` unless `Accept` names `application/ld+json`
 * with a weight above 0 and no lower than `application/json`'s.
 */
export async function infoRoute(
  request: Request,
  deps: AppDeps,
  params: { version: IiifVersion; identifier: string },
): Promise<Response> {
  const { ref, profile } = await deps.sources.resolve(params.identifier);
  checkSourceBytes(ref, deps.config);
  const info = await deps.sources.probe(ref);
  // Refused here too, so a viewer shows why rather than failing tile by tile.
  checkSourcePixels(ref, info, deps.config);
  const id = serviceId(request, { baseUrl: deps.config.base_url, ...params });
  const json = JSON.stringify(buildInfoJson(params.version, {
    id,
    info,
    limits: planLimits(deps.config, profile),
    tileWidth: deps.config.tile_width,
    minSizesSize: deps.config.min_sizes_size,
    ...(profile.rights ? { rights: profile.rights } : {}),
  }));
  const headers = new Headers({
    "content-type": infoContentType(request, params.version),
    "link": `<${IIIF_PROFILE[params.version]}>;rel="profile"`,
    "vary": "Accept",
  });
  varyOnOrigin(headers, deps.config.base_url);
  const notModified = notModifiedResponse(request, headers, {
    etag: await etagOf(json),
    sourceMtimeMs: ref.mtimeMs,
    startedAt: deps.startedAt,
    maxAge: profile.cache_for,
  });
  if (notModified) return notModified;
  const body = new TextEncoder().encode(json);
  headers.set("content-length", String(body.byteLength));
  return new Response(body, { headers });
}

function infoContentType(request: Request, version: IiifVersion): string {
  if (version === 3 || wantsJsonLd(request.headers.get("accept"))) {
    return `application/ld+json;profile="${IIIF_CONTEXT[version]}"`;
  }
  return "application/json";
}

function wantsJsonLd(accept: string | null): boolean {
  const jsonLd = acceptQuality(accept, "application/ld+json", { explicitOnly: true });
  return jsonLd > 0 && jsonLd >= acceptQuality(accept, "application/json");
}
