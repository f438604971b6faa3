import type { Rect } from "../../ops/raster.ts";
import type { RowConverter } from "./_rgba_rows.ts";
import type { TiffLevel } from "./_tiff_level.ts";

/** The numbers of the tiles (or strips) that `rect` overlaps, row by row. */
export function overlappingChunks(level: TiffLevel, rect: Rect): number[] {
  const firstColumn = Math.floor(rect.x / level.tileWidth);
  const lastColumn = Math.floor((rect.x + rect.width - 1) / level.tileWidth);
  const firstRow = Math.floor(rect.y / level.tileHeight);
  const lastRow = Math.floor((rect.y + rect.height - 1) / level.tileHeight);
  const chunks: number[] = [];
  for (let row = firstRow; row <= lastRow; row++) {
    for (let column = firstColumn; column <= lastColumn; column++) {
      chunks.push(row * level.chunksAcross + column);
    }
  }
  return chunks;
}

/** The part of the level a tile (or strip) covers: edge tiles are cut at the level's edge. */
export function chunkArea(level: TiffLevel, chunk: number): Rect {
  const x = (chunk % level.chunksAcross) * level.tileWidth;
  const y = Math.floor(chunk / level.chunksAcross) * level.tileHeight;
  return {
    x,
    y,
    width: Math.min(level.tileWidth, level.width - x),
    height: Math.min(level.tileHeight, level.height - y),
  };
}

/**
 * Copies the part of a decoded tile covering `area` that lies inside `rect` into `target`, a
 * raster of `rect`'s size.
 */
export function copyOverlap(
  chunk: { samples: Uint8Array; rowPixels: number; area: Rect },
  rect: Rect,
  target: Uint8Array,
  convert: RowConverter,
): void {
  const { area } = chunk;
  const left = Math.max(rect.x, area.x);
  const right = Math.min(rect.x + rect.width, area.x + area.width);
  const top = Math.max(rect.y, area.y);
  const bottom = Math.min(rect.y + rect.height, area.y + area.height);
  for (let y = top; y < bottom; y++) {
    const pixel = (y - area.y) * chunk.rowPixels + (left - area.x);
    convert(
      chunk.samples,
      pixel,
      target,
      (y - rect.y) * rect.width + (left - rect.x),
      right - left,
    );
  }
}
