import { type ByteSource, CorruptSourceError } from "../../codecs/mod.ts";
import { UpstreamError } from "../mod.ts";
import { s3Failure } from "./_s3_failure.ts";
import type { S3Object } from "./s3_object.ts";
import { type S3Answer, sendS3Request } from "./s3_request.ts";

/**
 * A {@linkcode ByteSource} over one version of an S3 object: each read is one ranged GET
 * (`Range: bytes=a-b`) sent with `If-Match: <etag>`, and its answer must be a 206 of exactly that
 * range of an object of `size` bytes with the same ETag. An object replaced or removed since it
 * was looked up therefore fails the read instead of mixing bytes of two versions (S3 itself
 * answers 412 to `If-Match`; servers that ignore it are caught by the ETag and length checks).
 * Reads run concurrently.
 *
 * @param object The bucket, key, ETag and size, as `S3Profile.resolve` found them.
 * @returns A source whose `read` throws `CorruptSourceError` for a range past `size`,
 *   `UpstreamError` when the object changed or S3 failed, `UpstreamTimeoutError` past the
 *   bucket's timeout, and `ForbiddenSourceError` for a non-public endpoint not allowed.
 */
export function s3ByteSource(object: S3Object): ByteSource {
  const { size } = object;
  return {
    size,
    async read(offset: number, length: number): Promise<Uint8Array> {
      const valid = Number.isSafeInteger(offset) && Number.isSafeInteger(length) &&
        offset >= 0 && length >= 0 && offset + length <= size;
      if (!valid) {
        throw new CorruptSourceError(
          `Cannot read bytes ${offset} to ${offset + length}: the object has ${size} bytes`,
        );
      }
      if (length === 0) return new Uint8Array(0);
      return rangeOf(await getRange(object, offset, length), { object, offset, length });
    },
  };
}

function getRange(object: S3Object, offset: number, length: number): Promise<S3Answer> {
  const headers: Record<string, string> = { range: `bytes=${offset}-${offset + length - 1}` };
  if (object.etag !== "") headers["if-match"] = object.etag;
  return sendS3Request(object.bucket, { method: "GET", key: object.key, headers }, {
    identifier: uriOf(object),
  });
}

/** The answer's bytes, once it is shown to be the range asked for, of the version looked up. */
function rangeOf(
  answer: S3Answer,
  read: { object: S3Object; offset: number; length: number },
): Uint8Array {
  const { object, offset, length } = read;
  const { size } = object;
  const { status, headers, body } = answer;
  if (status === 412 || status === 404) throw changedError(object);
  if (status !== 200 && status !== 206) {
    throw s3Failure(answer, { bucket: object.bucket, identifier: uriOf(object) });
  }
  if (object.etag !== "" && headers.etag !== undefined && headers.etag !== object.etag) {
    throw changedError(object);
  }
  const asked = `${offset}-${offset + length - 1}`;
  const range = headers["content-range"];
  const exact = status === 206 ? range === `bytes ${asked}/${size}` : length === size;
  if (exact && body.byteLength === length) return body;
  if (status === 206 && !range?.endsWith(`/${size}`)) throw changedError(object);
  const sent = status === 206 ? `"${range}"` : "the whole object";
  throw new UpstreamError(
    `Cannot read "${uriOf(object)}": S3 sent ${sent} (${body.byteLength} bytes) for a request ` +
      `for bytes ${asked}`,
  );
}

function changedError(object: S3Object): UpstreamError {
  return new UpstreamError(
    `Cannot read "${uriOf(object)}": the object was replaced or removed since it was looked ` +
      "up; a new request will read the new version",
  );
}

/** `s3://bucket/key`, how messages name an object. */
function uriOf(object: S3Object): string {
  return `s3://${object.bucket.name}/${object.key}`;
}
