import { buildInfoJson, IIIF_CONTEXT, IIIF_PROFILE, type IiifVersion } from "../iiif/mod.ts";
import { authProbeService } from "../access/mod.ts";
import type { ResolvedSource } from "../sources/mod.ts";
import { acceptQuality } from "./accept_quality.ts";
import { type ImageAccess, imageAccess, refusal, varyOnCredentials } from "./access_check.ts";
import type { AppDeps } from "./app_deps.ts";
import { authServiceUrls } from "./auth_service_urls.ts";
import { cappedLimits } from "./capped_plan.ts";
import { checkSourceBytes, checkSourcePixels } from "./check_source_limits.ts";
import { etagOf, notModifiedResponse } from "./conditional.ts";
import { infoWithAccess } from "./info_json_access.ts";
import { planLimits } from "./plan_limits.ts";
import { serviceId, varyOnOrigin } from "./service_id.ts";

/**
 * `GET {prefix}/{identifier}/info.json` for either version. 3.0 always answers JSON-LD with its
 * context profile; 2.1 answers `application/json` unless `Accept` names `application/ld+json`
 * with a weight above 0 and no lower than `application/json`'s.
 *
 * A `token` profile's info.json is served to everyone, listing the probe service a client asks
 * whether it may see the image; without access, and with `access_max_unauthorized_size`, it
 * advertises the capped limits. An `ip` profile refuses clients outside its ranges (403).
 */
export async function infoRoute(
  request: Request,
  deps: AppDeps,
  params: { version: IiifVersion; identifier: string },
): Promise<Response> {
  const source = await deps.sources.resolve(params.identifier);
  const { ref, profile } = source;
  const access = await infoAccess(request, deps, source);
  checkSourceBytes(ref, deps.config);
  const info = await deps.sources.probe(ref);
  // Refused here too, so a viewer shows why rather than failing tile by tile.
  checkSourcePixels(ref, info, deps.config);
  const id = serviceId(request, { baseUrl: deps.config.base_url, ...params });
  const limits = planLimits(deps.config, profile);
  const document = buildInfoJson(params.version, {
    id,
    info,
    limits: access.cap === null ? limits : cappedLimits(limits, access.cap),
    tileWidth: deps.config.tile_width,
    minSizesSize: deps.config.min_sizes_size,
    ...(profile.rights ? { rights: profile.rights } : {}),
  });
  const probe = profile.access === "token"
    ? authProbeService(
      authServiceUrls(request, {
        config: deps.config,
        ...params,
        profileName: ref.profile,
        profile,
      }),
      { label: profile.access_label },
    )
    : undefined;
  const json = JSON.stringify(infoWithAccess(document, { access, image: info, probe }));
  const headers = new Headers({
    "content-type": infoContentType(request, params.version),
    "link": `<${IIIF_PROFILE[params.version]}>;rel="profile"`,
    "vary": "Accept",
  });
  varyOnOrigin(headers, deps.config.base_url);
  varyOnCredentials(headers, access);
  const notModified = notModifiedResponse(request, headers, {
    etag: etagOf(json),
    sourceMtimeMs: ref.mtimeMs,
    startedAt: deps.startedAt,
    maxAge: profile.cache_for,
    personal: access.personal,
  });
  if (notModified) return notModified;
  const body = new TextEncoder().encode(json);
  headers.set("content-length", String(body.byteLength));
  return new Response(body, { headers });
}

/**
 * What the request may see. Only an `ip` profile refuses info.json outright: a `token` profile's
 * must reach every client, since it lists the services that let one in.
 */
async function infoAccess(
  request: Request,
  deps: AppDeps,
  source: ResolvedSource,
): Promise<ImageAccess> {
  const access = await imageAccess(request, deps.config, source);
  const refused = !access.verdict.granted && access.cap === null;
  if (refused && source.profile.access === "ip") throw refusal(access.verdict, source);
  return access;
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
