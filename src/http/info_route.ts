import { buildInfoJson, IIIF_CONTEXT, IIIF_PROFILE, type IiifVersion } from "../iiif/mod.ts";
import { authProbeService } from "../access/mod.ts";
import type { ResolvedSource } from "../sources/mod.ts";
import { acceptQuality } from "./accept_quality.ts";
import { type ImageAccess, imageAccess, refusal, varyOnCredentials } from "./access_check.ts";
import type { AppDeps, RouteDeps } from "./app_deps.ts";
import { authServiceUrls } from "./auth_service_urls.ts";
import { cappedLimits } from "./capped_plan.ts";
import { checkSourceBytes, checkSourcePixels } from "./check_source_limits.ts";
import { etagOf, notModifiedResponse } from "./conditional.ts";
import type { InfoDocument } from "./info_documents.ts";
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
  deps: RouteDeps,
  params: { version: IiifVersion; identifier: string },
): Promise<Response> {
  const source = await deps.sources.resolve(params.identifier);
  const { ref, profile } = source;
  const access = await infoAccess(request, deps, source);
  checkSourceBytes(ref, deps.config);
  const id = serviceId(request, { baseUrl: deps.config.base_url, ...params });
  const input = { ...params, id, source, access };
  // Only public documents are shared: the others depend on the client's credentials.
  const document = profile.access === "public"
    ? await publicDocument(deps, input)
    : toDocument(await infoJsonText(request, deps, input));
  const headers = new Headers({
    "content-type": infoContentType(request, params.version),
    "link": `<${IIIF_PROFILE[params.version]}>;rel="profile"`,
    "vary": "Accept",
  });
  varyOnOrigin(headers, deps.config.base_url);
  varyOnCredentials(headers, access);
  const notModified = notModifiedResponse(request, headers, {
    etag: document.etag,
    sourceMtimeMs: ref.mtimeMs,
    startedAt: deps.startedAt,
    maxAge: profile.cache_for,
    personal: access.personal,
  });
  if (notModified) return notModified;
  headers.set("content-length", String(document.body.byteLength));
  return new Response(document.body, { headers });
}

/** What an info.json document is built from. */
interface InfoInput {
  readonly version: IiifVersion;
  readonly identifier: string;
  readonly id: string;
  readonly source: ResolvedSource;
  readonly access: ImageAccess;
}

/**
 * A public image's document, built once per version, public origin and state of the file, so
 * the probe, the limits check and the serialisation are skipped for every later viewer.
 */
async function publicDocument(deps: RouteDeps, input: InfoInput): Promise<InfoDocument> {
  const { ref } = input.source;
  // An S3 object replaced within one second at the same size differs only in its ETag.
  const key = [input.version, input.id, ref.path, ref.mtimeMs, ref.size, ref.s3?.etag].join("\n");
  const known = deps.infoDocuments.get(key);
  if (known) return known;
  const document = toDocument(await infoJsonText(undefined, deps, input));
  deps.infoDocuments.set(key, document);
  return document;
}

/**
 * The info.json text: the probed image within the configured (or capped) limits, with a token
 * profile's Authorization Flow services (addressed like `request`; none without it).
 *
 * @throws {SourceTooLargeError} The source exceeds `max_source_pixels`/`max_decoded_pixels`.
 */
async function infoJsonText(
  request: Request | undefined,
  deps: AppDeps,
  input: InfoInput,
): Promise<string> {
  const { ref, profile } = input.source;
  const info = await deps.sources.probe(ref);
  // Refused here too, so a viewer shows why rather than failing tile by tile.
  checkSourcePixels(ref, info, deps.config);
  const limits = planLimits(deps.config, profile);
  const document = buildInfoJson(input.version, {
    id: input.id,
    info,
    limits: input.access.cap === null ? limits : cappedLimits(limits, input.access.cap),
    tileWidth: deps.config.tile_width,
    minSizesSize: deps.config.min_sizes_size,
    ...(profile.rights ? { rights: profile.rights } : {}),
  });
  const probe = request && profile.access === "token"
    ? authProbeService(
      authServiceUrls(request, {
        config: deps.config,
        version: input.version,
        identifier: input.identifier,
        profileName: ref.profile,
        profile,
      }),
      { label: profile.access_label },
    )
    : undefined;
  return JSON.stringify(infoWithAccess(document, { access: input.access, image: info, probe }));
}

function toDocument(json: string): InfoDocument {
  return { body: new TextEncoder().encode(json), etag: etagOf(json) };
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
  const access = await imageAccess(request, deps, source);
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
