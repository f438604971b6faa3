import type { TiffLevel } from "./_tiff_level.ts";
import { PHOTOMETRIC } from "./_tiff_tags.ts";

/** The colour space a JPEG-compressed level's tiles are coded in. */
export type JpegColour = "gray" | "rgb" | "ycbcr" | "cmyk";

/** The colour space a JPEG-compressed level's tiles are coded in, from its photometric. */
export function jpegColourOf(level: TiffLevel): JpegColour {
  if (level.photometric === PHOTOMETRIC.SEPARATED) return "cmyk";
  if (level.photometric === PHOTOMETRIC.RGB) return "rgb";
  return level.photometric === PHOTOMETRIC.YCBCR ? "ycbcr" : "gray";
}
