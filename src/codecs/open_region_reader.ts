import { openJp2 } from "./jp2/mod.ts";
import type { RegionFormat } from "./probed_image.ts";
import type { ByteSource, RegionReader } from "./region_reader.ts";
import { openTiff } from "./tiff/mod.ts";

/**
 * Opens a TIFF or JPEG 2000 source for region reads, reading only its directories.
 *
 * @throws {CorruptSourceError} A broken header or directory.
 * @throws {UnsupportedSourceError} A variant the reader cannot decode, or JPEG 2000 without
 * OpenJPEG installed.
 */
export function openRegionReader(format: RegionFormat, source: ByteSource): Promise<RegionReader> {
  return format === "tiff" ? openTiff(source) : openJp2(source);
}
