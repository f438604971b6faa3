import { isStandaloneJpegMarker, JPEG_MARKER, nextJpegMarker } from "../_jpeg_markers.ts";
import { CorruptSourceError } from "../errors.ts";

const APP14 = 0xee;
const ADOBE_SIGNATURE = [..."Adobe"].map((char) => char.charCodeAt(0));
/** Bytes from an SOFn segment's length field to its component count. */
const SOF_COMPONENTS_AT = 7;

/**
 * Whether a JPEG-compressed CMYK tile (made standalone, its JPEGTables included) stores its ink
 * inverted, 0 being full ink: so when it carries an Adobe APP14 segment, as Adobe applications
 * write CMYK JPEG. libtiff (and so libvips) writes none, and stores the ink as TIFF does, 0
 * being no ink.
 *
 * @throws {CorruptSourceError} When the tile does not have four components, or its marker
 *   structure is broken.
 */
export function isCmykJpegInverted(jpeg: Uint8Array): boolean {
  let adobe = false;
  let components: number | undefined;
  let offset = 2;
  while (true) {
    const marker = nextJpegMarker(jpeg, offset);
    if (marker === undefined || marker.code === JPEG_MARKER.EOI) break;
    offset = marker.offset;
    if (isStandaloneJpegMarker(marker.code)) continue;
    if (marker.code === JPEG_MARKER.SOS || offset + 2 > jpeg.length) break;
    if (marker.code === APP14) adobe ||= isAdobe(jpeg, offset + 2);
    if (isFrameMarker(marker.code)) components = jpeg[offset + SOF_COMPONENTS_AT];
    offset += (jpeg[offset] << 8) | jpeg[offset + 1];
  }
  if (components !== 4) {
    throw new CorruptSourceError(
      `Cannot read TIFF: a JPEG tile of a CMYK image has ${components ?? "no"} components, not 4`,
    );
  }
  return adobe;
}

function isAdobe(jpeg: Uint8Array, at: number): boolean {
  return ADOBE_SIGNATURE.every((byte, index) => jpeg[at + index] === byte);
}

/** SOF0–SOF15, except DHT (0xC4), JPG (0xC8) and DAC (0xCC), which share the range. */
function isFrameMarker(code: number): boolean {
  return code >= 0xc0 && code <= 0xcf && code !== 0xc4 && code !== 0xc8 && code !== 0xcc;
}
