import { readHeadUntil } from "./_read_head.ts";
import { openRegionReader } from "./open_region_reader.ts";
import { isRegionFormat, type ProbedImage, type RegionFormat } from "./probed_image.ts";
import { probeImage, sniffFormat } from "./probe_image.ts";
import { type ByteSource, type RegionReader, scaledLevels } from "./region_reader.ts";

/**
 * Reads just enough of a source to know its format, size and (for a pyramid) its levels and
 * tiles: the first 64 KiB, doubling while a JPEG's or PNG's header is not complete (a JPEG may
 * carry a large EXIF block before its frame header); TIFF and JPEG 2000 are opened by their
 * reader, which reads only their directories.
 *
 * @throws {UnsupportedSourceError} The bytes are no format Tessera reads.
 * @throws {CorruptSourceError} The header is broken or the source ends inside it.
 */
export async function probeSource(source: ByteSource): Promise<ProbedImage> {
  const found = await readHeadUntil(source, (head) => {
    const format = sniffFormat(head);
    return format === undefined || isRegionFormat(format) ? format : probeImage(head);
  });
  if (typeof found !== "string") return found;
  return probedReader(found, await openRegionReader(found, source));
}

/** What a pyramid's reader says: the levels IIIF can address, and its tiles when tiled. */
export function probedReader(format: RegionFormat, reader: RegionReader): ProbedImage {
  const { scales, indices } = scaledLevels(reader.levels);
  const [full] = reader.levels;
  const levels = indices.map((i) => ({
    width: reader.levels[i].width,
    height: reader.levels[i].height,
  }));
  // Strips span the whole width: only true tiles are worth advertising to viewers.
  const tiled = full.tileWidth < full.width;
  return {
    format,
    width: full.width,
    height: full.height,
    hasAlpha: reader.hasAlpha,
    scales,
    levels,
    ...(tiled ? { tile: { width: full.tileWidth, height: full.tileHeight } } : {}),
  };
}
