import type { RegionReader } from "../region_reader.ts";

/** An opened TIFF: any region of any stored level, and JPEG tiles as stored for passthrough. */
export interface TiffReader extends RegionReader {
  /**
   * For tile passthrough: the complete, standalone JPEG (SOI, the level's JPEGTables, an Adobe
   * marker naming the colour space, the tile's frame and scan) of tile (`col`, `row`) of
   * `level`, when that level is tiled and stores 8-bit gray, RGB or YCbCr JPEG tiles without
   * alpha, and has no ICC profile that converting to sRGB would apply (Adobe RGB, say: sRGB or
   * none is fine); otherwise `undefined`. It decodes to exactly the pixels `readRegion` gives
   * for the tile.
   *
   * The JPEG always has the full tile size (`tileWidth` × `tileHeight`): TIFF stores the tiles
   * on the right and bottom edges padded. Before sending one as it is, the caller must check
   * that the tile lies wholly inside the level (`(col + 1) * tileWidth <= width`, and the same
   * for rows), and otherwise crop the decoded pixels, or use `readRegion`.
   *
   * @throws {RangeError} When `level`, `col` or `row` is out of range.
   * @throws {CorruptSourceError} When the tile's bytes or the level's ICC profile lie outside
   *   the file, or the tile is not JPEG.
   */
  jpegTile(level: number, col: number, row: number): Promise<Uint8Array | undefined>;
}
