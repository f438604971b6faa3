import type { Rect } from "../../ops/raster.ts";
import type { SourceLevel } from "../region_reader.ts";
import type { CodestreamHeader } from "./_codestream_header.ts";

/** A rectangle on the reference grid (full-resolution coordinates): [x0, x1) × [y0, y1). */
export interface GridArea {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/**
 * The resolution levels OpenJPEG decodes: level `r` (0 … decompositions) discards `r` of them.
 *
 * As OpenJPEG computes it (`opj_j2k_update_image_dimensions`), level `r` spans
 * `ceil(x1 / 2^r) − ceil(x0 / 2^r)` pixels across, which is `ceil(width / 2^r)` when the image
 * starts at the grid origin (x0 = 0, as most encoders write it); the same holds down. Its tile
 * size is the codestream's, `ceil(tileWidth / 2^r)`, at most the level's size (an untiled
 * image is one tile); tiles are whole only when `2^r` divides the tile size and the grid origin.
 */
export function levelsOf(header: CodestreamHeader): SourceLevel[] {
  return Array.from({ length: header.decompositions + 1 }, (_, level) => {
    const width = reduced(header.x1, level) - reduced(header.x0, level);
    const height = reduced(header.y1, level) - reduced(header.y0, level);
    return {
      width,
      height,
      tileWidth: Math.min(width, reduced(header.tileWidth, level)),
      tileHeight: Math.min(height, reduced(header.tileHeight, level)),
    };
  });
}

/**
 * Where `rect` of level `level` lies on the reference grid: OpenJPEG's decode area, whose
 * reduction `ceil(… / 2^level)` gives back exactly `rect`.
 */
export function gridAreaOf(header: CodestreamHeader, level: number, rect: Rect): GridArea {
  const scale = 2 ** level;
  const left = reduced(header.x0, level) + rect.x;
  const top = reduced(header.y0, level) + rect.y;
  return {
    x0: left * scale,
    y0: top * scale,
    x1: Math.min((left + rect.width) * scale, header.x1),
    y1: Math.min((top + rect.height) * scale, header.y1),
  };
}

/** The indices of the tiles `area` touches, as `opj_set_decode_area` selects them. */
export function tilesOf(header: CodestreamHeader, area: GridArea): number[] {
  const { tileX0, tileY0, tileWidth, tileHeight } = header;
  const across = Math.ceil((header.x1 - tileX0) / tileWidth);
  const tiles: number[] = [];
  const lastRow = Math.ceil((area.y1 - tileY0) / tileHeight);
  const lastColumn = Math.ceil((area.x1 - tileX0) / tileWidth);
  for (let row = Math.floor((area.y0 - tileY0) / tileHeight); row < lastRow; row++) {
    for (let column = Math.floor((area.x0 - tileX0) / tileWidth); column < lastColumn; column++) {
      tiles.push(row * across + column);
    }
  }
  return tiles;
}

/** `ceil(value / 2^level)`, OpenJPEG's `opj_uint_ceildivpow2`. */
function reduced(value: number, level: number): number {
  return Math.ceil(value / 2 ** level);
}
