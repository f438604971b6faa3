/**
 * Reading pyramidal and striped TIFF and BigTIFF sources region by region: only the header and
 * directories when opened, then only the tiles (or strips) a region overlaps, with contiguous
 * tiles fetched in one read. JPEG tiles are decoded by the thread's JPEG codec (libjpeg-turbo),
 * and can be handed out as standalone JPEGs for passthrough (`jpegTile`). Pixels come out sRGB:
 * converted from each level's ICC profile (tag 34675), CMYK included. `readTiffMetadata` reports
 * that profile and the Orientation tag, which the reader does not apply.
 *
 * @example Usage
 * ```ts
 * import { openTiff } from "./mod.ts";
 * import { fileByteSource } from "../file_byte_source.ts";
 * import { encodeTiff } from "../encode_tiff.ts";
 * import assert from "node:assert/strict";
 *
 * const path = await Deno.makeTempFile({ suffix: ".tif" });
 * const gray = { width: 3, height: 2, data: new Uint8Array(24).fill(128) };
 * await Deno.writeFile(path, encodeTiff(gray));
 * using file = await Deno.open(path);
 * const tiff = await openTiff(fileByteSource(file, (await file.stat()).size));
 * const region = await tiff.readRegion(0, { x: 1, y: 0, width: 2, height: 2 }, (n) => new Uint8Array(n));
 * assert.deepEqual([region.width, region.height, region.data[0]], [2, 2, 128]);
 * assert.equal(await tiff.jpegTile(0, 0, 0), undefined); // Deflate strips, not JPEG tiles
 * await Deno.remove(path);
 * ```
 *
 * @module
 */

export { openTiff } from "./open_tiff.ts";
export { readTiffMetadata } from "./read_tiff_metadata.ts";
export type { TiffReader } from "./tiff_reader.ts";
