import { isRegionFormat, type ProbedImage } from "../codecs/mod.ts";
import type { Config } from "../config/mod.ts";
import type { SourceRef } from "../sources/mod.ts";
import { SourceTooLargeError } from "./source_too_large_error.ts";

/** The configured input limits. */
export type SourceLimits = Pick<
  Config,
  "max_source_bytes" | "max_source_pixels" | "max_decoded_pixels"
>;

type PixelLimit = "max_source_pixels" | "max_decoded_pixels";
const REGION_LIMITS: readonly PixelLimit[] = ["max_source_pixels"];
const WHOLE_LIMITS: readonly PixelLimit[] = ["max_source_pixels", "max_decoded_pixels"];

/**
 * Refuses a source file larger than `max_source_bytes`, from its size alone, before its header
 * is read.
 *
 * @param ref The resolved source.
 * @param limits The configuration.
 * @throws {SourceTooLargeError} The file is larger than `max_source_bytes`.
 */
export function checkSourceBytes(ref: SourceRef, limits: SourceLimits): void {
  if (ref.size <= limits.max_source_bytes) return;
  throw new SourceTooLargeError(
    `Source "${ref.profile}:${ref.name}" is ${ref.size} bytes, more than this server's ` +
      `max_source_bytes ${limits.max_source_bytes}`,
  );
}

/**
 * Refuses a source whose header claims more pixels than the server will handle, before any
 * pixel is decoded: a tiny file can claim 100000×100000. JPEG, PNG, GIF and WebP are decoded
 * whole, so they are held to the lower `max_decoded_pixels`; TIFF and JPEG 2000 are read by
 * region, so only `max_source_pixels` bounds them.
 *
 * @param ref The resolved source, named in the message.
 * @param probed What its header says.
 * @param limits The configuration.
 * @throws {SourceTooLargeError} The source exceeds `max_source_pixels` or, when decoded whole,
 *   `max_decoded_pixels`.
 */
export function checkSourcePixels(
  ref: SourceRef,
  probed: ProbedImage,
  limits: SourceLimits,
): void {
  const pixels = probed.width * probed.height;
  const keys = isRegionFormat(probed.format) ? REGION_LIMITS : WHOLE_LIMITS;
  const exceeded = keys.find((key) => pixels > limits[key]);
  if (exceeded === undefined) return;
  throw new SourceTooLargeError(
    `Source "${ref.profile}:${ref.name}" is ${probed.width}×${probed.height} ` +
      `(${pixels} pixels), more than this server's ${exceeded} ${limits[exceeded]}`,
  );
}
