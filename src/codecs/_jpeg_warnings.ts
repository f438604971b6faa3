import { isStandaloneJpegMarker, JPEG_MARKER, nextJpegMarker } from "./_jpeg_markers.ts";

/**
 * The libjpeg warnings (format strings from jerror.h) after which the decoded image is still
 * complete and right, so a decode that reports one is served:
 *
 * - JWRN_EXTRANEOUS_DATA: bytes between segments, or at the end of a scan or restart interval,
 *   that libjpeg skips (cameras and scanners that pad data or miscount a length write them).
 * - JWRN_NOT_SEQUENTIAL: a baseline scan whose Ss, Se, Ah, Al bytes are not 0, 63, 0, 0 (some
 *   encoders write zeroes there); libjpeg decodes the scan as baseline anyway.
 * - JWRN_JFIF_MAJOR: a JFIF APP0 segment whose major version is not 1.
 *
 * Every other warning (JWRN_JPEG_EOF "Premature end of JPEG file", JWRN_HIT_MARKER,
 * JWRN_MUST_RESYNC, JWRN_HUFF_BAD_CODE…) means libjpeg filled in what it could not read, so the
 * image is wrong.
 */
export const HARMLESS_JPEG_WARNINGS = [
  "Corrupt JPEG data: %u extraneous bytes before marker 0x%02x",
  "Invalid SOS parameters for sequential JPEG",
  "Warning: unknown JFIF revision number %d.%02d",
] as const;

/** printf conversions in jerror.h messages. */
const CONVERSION_REGEXP = /%0?\d*([dux])/g;
const SPECIAL_CHARACTER_REGEXP = /[.*+?^${}()|[\]\\]/g;
const HARMLESS_WARNING_REGEXP = new RegExp(
  `^(?:${HARMLESS_JPEG_WARNINGS.map(formatPattern).join("|")})$`,
);

/**
 * What is wrong with an image libjpeg decoded to the end but warned about, if anything.
 *
 * libjpeg shows only the first warning of a decode, so a harmless one hides any later, and
 * extraneous bytes before a restart marker or EOI are also what it reports when it skipped a
 * restart interval whose own marker is missing. So a harmless warning also needs a marker walk:
 * the stream must run to its EOI marker (or a truncated file would be served with a gray bottom),
 * and each scan's restart markers must count RST0, RST1… without a gap. Damage inside
 * entropy-coded data that leaves the markers intact stays hidden behind a harmless first warning:
 * libjpeg gives no way to see it.
 *
 * @param warning libjpeg's message, as it formats it.
 * @param jpeg The whole stream that was decoded.
 * @returns `undefined` when the image is whole and right, else the fault to report.
 */
export function jpegWarningFault(warning: string, jpeg: Uint8Array): string | undefined {
  if (!HARMLESS_WARNING_REGEXP.test(warning)) return warning;
  const fault = markerFault(jpeg);
  return fault === undefined ? undefined : `${warning}, and ${fault}`;
}

/** Why the stream is incomplete (no EOI marker, a restart marker out of order), if it is. */
function markerFault(jpeg: Uint8Array): string | undefined {
  const view = new DataView(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength);
  // Past the 2-byte SOI. nextJpegMarker skips the entropy-coded data after each SOS segment.
  let offset = 2;
  let restart = 0;
  while (true) {
    const marker = nextJpegMarker(jpeg, offset);
    if (marker === undefined) return "the data ends before the EOI marker";
    if (marker.code === JPEG_MARKER.EOI) return undefined;
    offset = marker.offset;
    if ((marker.code & 0xf8) === JPEG_MARKER.RST0) {
      const found = marker.code - JPEG_MARKER.RST0;
      if (found !== restart) return `restart marker RST${found} comes where RST${restart} belongs`;
      restart = (restart + 1) % 8;
    }
    if (isStandaloneJpegMarker(marker.code)) continue;
    if (marker.code === JPEG_MARKER.SOS) restart = 0;
    if (offset + 2 > jpeg.length) return "the data ends before the EOI marker";
    offset += view.getUint16(offset);
  }
}

/** A regular expression source matching what a jerror.h format string prints. */
function formatPattern(format: string): string {
  return format.replace(SPECIAL_CHARACTER_REGEXP, "\\$&").replace(
    CONVERSION_REGEXP,
    (_, conversion: string) => conversion === "x" ? "[0-9a-f]+" : "-?\\d+",
  );
}
