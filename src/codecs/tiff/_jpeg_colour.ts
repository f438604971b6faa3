import type { TiffLevel } from "./_tiff_level.ts";
import { PHOTOMETRIC } from "./_tiff_tags.ts";

/** The colour space a JPEG-compressed level's tiles are coded in. */
export function jpegColourOf(level: TiffLevel): "gray" | "rgb" | "ycbcr" {
  if (level.photometric === PHOTOMETRIC.RGB) return "rgb";
  return level.photometric === PHOTOMETRIC.YCBCR ? "ycbcr" : "gray";
}
