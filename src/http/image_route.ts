import { cacheKey } from "../cache/mod.ts";
import type { ProbedImage } from "../codecs/mod.ts";
import {
  IIIF_PROFILE,
  type IiifVersion,
  type ImagePlan,
  type ImageRequest,
  MEDIA_TYPES,
  parseImageRequest,
} from "../iiif/mod.ts";
import type { ResolvedSource, SourceRef } from "../sources/mod.ts";
import { checkAccess, type ImageAccess, varyOnCredentials } from "./access_check.ts";
import type { AppDeps } from "./app_deps.ts";
import { planForAccess } from "./capped_plan.ts";
import { checkSourceBytes, checkSourcePixels } from "./check_source_limits.ts";
import { etagOfDigest, notModifiedResponse } from "./conditional.ts";
import { planLimits } from "./plan_limits.ts";
import { refuseWhenBusy } from "./refuse_when_busy.ts";
import { noteResponse } from "./response_notes.ts";
import { serviceId, varyOnOrigin } from "./service_id.ts";
import { serverTiming } from "./server_timing.ts";

/** The raw (percent-decoded) path parameters of an image request. */
export interface ImageRouteParams {
  readonly version: IiifVersion;
  readonly identifier: string;
  readonly region: string;
  readonly size: string;
  readonly rotation: string;
  readonly file: string;
}

/**
 * `GET {prefix}/{identifier}/{region}/{size}/{rotation}/{quality}.{format}`: parse fully (400
 * before any disk access), resolve and probe the source, plan from its header, answer 304 when
 * the client has it, else render through the derivative cache and the worker pool.
 */
export async function imageRoute(
  request: Request,
  deps: AppDeps,
  params: ImageRouteParams,
): Promise<Response> {
  const started = performance.now();
  const parsed = parseImageRequest(params, params.version);
  refuseWhenBusy(request, deps);
  const known = await resolveImage(request, deps, params.identifier);
  return await imageResponse(request, deps, { parsed, ...known, started });
}

/**
 * The first steps of every route that serves derivatives: resolve the source, decide access
 * before anything of it is read (so a refused client learns nothing of the image, not even its
 * size), check its file size, then probe its header.
 *
 * @throws {IdentifierNotFoundError} No such image (404).
 * @throws {AuthorizationRequiredError} A token is needed (401).
 * @throws {AccessDeniedError} The address or the token's scope does not allow it (403).
 * @throws {SourceTooLargeError} The source exceeds `max_source_bytes`.
 */
export async function resolveImage(
  request: Request,
  deps: AppDeps,
  identifier: string,
): Promise<Pick<ImageInput, "source" | "access" | "probed">> {
  const source = await deps.sources.resolve(identifier);
  const access = await checkAccess(request, deps, source);
  checkSourceBytes(source.ref, deps.config);
  const probed = await deps.sources.probe(source.ref);
  return { source, access, probed };
}

/** A parsed image request with its source resolved and probed. */
export interface ImageInput {
  readonly parsed: ImageRequest;
  readonly source: ResolvedSource;
  /** What the client may see of it (checked before the header was read). */
  readonly access: ImageAccess;
  readonly probed: ProbedImage;
  /** When the request arrived (`performance.now()`), for `Server-Timing`'s `total`. */
  readonly started: number;
}

/**
 * The image route's answer once its source is known: plan from the header, 304 when the client
 * has it, else render through the derivative cache and the worker pool. Every route that serves
 * derivatives (IIIF images, thumbnails, previews) ends here, so they share the cache.
 *
 * @throws {IiifSyntaxError} The request exceeds the image or the configured limits.
 * @throws {NotImplementedError} An upscaling `^` size while `allow_upscaling` is false.
 * @throws {SourceTooLargeError} The source exceeds `max_source_pixels`/`max_decoded_pixels`.
 */
export async function imageResponse(
  request: Request,
  deps: AppDeps,
  input: ImageInput,
): Promise<Response> {
  const { parsed, probed, started, access, source } = input;
  const { ref, profile } = source;
  checkSourcePixels(ref, probed, deps.config);
  const watermark = deps.watermarks?.get(ref.profile)?.rule;
  const limits = planLimits(deps.config, profile, { watermark });
  const plan = planForAccess(parsed, probed, { limits, access, source });
  // Hashed once: the ETag and the cache entry's name share the digest.
  const key = cacheKey(derivativeKey(plan, ref, access.cap));
  const headers = new Headers({
    "content-type": MEDIA_TYPES[plan.encode.format],
    "link": linkHeader(request, deps, plan),
  });
  varyOnOrigin(headers, deps.config.base_url);
  varyOnCredentials(headers, access);
  const notModified = notModifiedResponse(request, headers, {
    etag: etagOfDigest(key.digest),
    sourceMtimeMs: ref.mtimeMs,
    startedAt: deps.startedAt,
    maxAge: profile.cache_for,
    personal: access.personal,
  });
  if (notModified) return notModified;
  const identifier = `${ref.profile}:${ref.name}`;
  const rendered = await deps.renderer.render(key, plan, {
    ...ref,
    identifier,
    format: probed.format,
  });
  headers.set("server-timing", serverTiming(rendered, performance.now() - started));
  headers.set("content-length", String(rendered.body.byteLength));
  const response = new Response(rendered.body, { headers });
  const { cache, backend, fallback, timings } = rendered;
  return noteResponse(response, { cache, backend, fallback, timings });
}

/**
 * Bumped whenever the pixels a plan produces change (a kernel, a planner rule, an encoder), so
 * derivatives made by an older release are neither served from the cache nor validated by ETag.
 */
const RENDER_VERSION = 3;

/**
 * The derivative cache key: the canonical request, what the source is (mtime, size and an S3
 * object's ETag change when it is replaced), the encoder settings and watermark the profile may
 * change, the size cap of a request without full access (`max` is smaller then, under the same
 * canonical path) and the render version.
 */
function derivativeKey(plan: ImagePlan, ref: SourceRef, cap: number | null): string {
  const { jpegQuality, subsampling } = plan.encode;
  const threshold = plan.steps.find((step) => step.op === "bitonal")?.threshold ?? "";
  const mark = plan.steps.find((step) => step.op === "watermark");
  return [
    `${ref.profile}:${ref.name}`,
    `iiif${plan.version}/${plan.canonical}`,
    ref.mtimeMs,
    ref.size,
    // An S3 object replaced within one second at the same size differs only in its ETag.
    ref.s3?.etag ?? "",
    `q${jpegQuality}s${subsampling}t${threshold}`,
    // Which mark (a digest of its file) and how opaque; where it lies follows from the path.
    mark === undefined ? "" : `w${mark.image}o${mark.opacity}`,
    // A capped client's smaller image, under the same canonical path, must not share the full
    // render's entry.
    ...(cap === null ? [] : [`c${cap}`]),
    `r${RENDER_VERSION}`,
  ].join("|");
}

function linkHeader(request: Request, deps: AppDeps, plan: ImagePlan): string {
  const id = serviceId(request, {
    baseUrl: deps.config.base_url,
    version: plan.version,
    identifier: plan.identifier,
  });
  return `<${id}/${plan.canonical}>;rel="canonical", <${IIIF_PROFILE[plan.version]}>;rel="profile"`;
}
