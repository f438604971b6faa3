import type { SourceFormat } from "../codecs/mod.ts";
import { sourceCacheKey } from "../sources/mod.ts";
import { varyOnCredentials } from "./access_check.ts";
import type { AppDeps } from "./app_deps.ts";
import { parseByteRange } from "./byte_range.ts";
import { etagOf, lastModifiedOf, notModifiedResponse } from "./conditional.ts";
import { downloadableSource } from "./_downloadable_source.ts";
import { attachmentDisposition, downloadName } from "./download_name.ts";
import { sourceChunks } from "./source_chunks.ts";
import { textResponse } from "./text_response.ts";

/** The media type of each source format, for `Content-Type`. */
const SOURCE_MEDIA_TYPES = {
  jpeg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  webp: "image/webp",
  tiff: "image/tiff",
  jp2: "image/jp2",
} as const satisfies Record<SourceFormat, string>;

/**
 * `GET /originals/{identifier}`: the source file itself, as an attachment, streamed chunk by
 * chunk (an S3 object by ranged GETs), with `ETag`/`Last-Modified` and conditional requests,
 * and one byte range per request (`Range`, honoured only while `If-Range` still matches) so
 * interrupted downloads resume. Several ranges in one header get the whole file (200).
 *
 * @param params The percent-decoded identifier.
 * @throws {IdentifierNotFoundError} No profile has that image.
 * @throws {ForbiddenSourceError} Its profile does not set `downloadable`.
 * @throws {UnsupportedSourceError} It is not an image format Tessera reads.
 */
export async function originalRoute(
  request: Request,
  deps: AppDeps,
  params: { readonly identifier: string },
): Promise<Response> {
  const { ref, profile, probed, access } = await downloadableSource(
    request,
    deps,
    params.identifier,
  );
  const headers = new Headers({
    "content-type": SOURCE_MEDIA_TYPES[probed.format],
    "content-disposition": attachmentDisposition(downloadName(ref.name)),
    "accept-ranges": "bytes",
  });
  varyOnCredentials(headers, access);
  const etag = etagOf(`original|${sourceCacheKey(ref)}`);
  const notModified = notModifiedResponse(request, headers, {
    etag,
    sourceMtimeMs: ref.mtimeMs,
    startedAt: deps.startedAt,
    maxAge: profile.cache_for,
    personal: access.personal,
  });
  if (notModified) return notModified;
  const lastModifiedMs = lastModifiedOf(ref.mtimeMs, deps.startedAt);
  const range = ifRangeHolds(request, { etag, lastModifiedMs })
    ? parseByteRange(request.headers.get("range"), ref.size)
    : { kind: "whole" as const };
  if (range.kind === "unsatisfiable") {
    headers.set("content-range", `bytes */${ref.size}`);
    return textResponse(`Cannot send ${request.headers.get("range")} of ${ref.size} bytes`, {
      status: 416,
      headers,
    });
  }
  const { start, end } = range.kind === "part" ? range : { start: 0, end: ref.size - 1 };
  headers.set("content-length", String(end + 1 - start));
  if (range.kind === "part") headers.set("content-range", `bytes ${start}-${end}/${ref.size}`);
  const body = ReadableStream.from(sourceChunks(ref, { start, end }));
  return new Response(body, { status: range.kind === "part" ? 206 : 200, headers });
}

/**
 * Whether a `Range` may be honoured (RFC 9110 §13.1.5): without `If-Range` always; with one,
 * only while it names the current strong ETag or, as a date, exactly the `Last-Modified` sent.
 */
function ifRangeHolds(
  request: Request,
  validators: { readonly etag: string; readonly lastModifiedMs: number },
): boolean {
  const ifRange = request.headers.get("if-range")?.trim();
  if (ifRange === undefined) return true;
  if (ifRange.startsWith('"')) return ifRange === validators.etag;
  return Date.parse(ifRange) === Math.floor(validators.lastModifiedMs / 1000) * 1000;
}
