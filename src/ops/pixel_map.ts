import type { Rect } from "./raster.ts";
import type { Size } from "./rotated_size.ts";

/**
 * An exact pixel permutation: output pixel (x, y) of a `width`×`height` output is source pixel
 * number `origin + x * stepX + y * stepY` (row-major index). Crops of whole pixels, mirroring and
 * quarter turns are such maps; the CPU gathers through them in a loop and the GPU in the `remap`
 * shader, so both move exactly the same pixels.
 */
export interface PixelMap {
  readonly width: number;
  readonly height: number;
  readonly origin: number;
  readonly stepX: number;
  readonly stepY: number;
}

/** Output (x, y) is source (region.x + x, region.y + y); `region` holds whole pixels. */
export function cropMap(source: Size, region: Rect): PixelMap {
  const { width, height } = region;
  return {
    width,
    height,
    origin: region.y * source.width + region.x,
    stepX: 1,
    stepY: source.width,
  };
}

/** Output (x, y) is source (width − 1 − x, y): a flip on the vertical axis. */
export function mirrorMap(source: Size): PixelMap {
  const { width, height } = source;
  return { width, height, origin: width - 1, stepX: -1, stepY: width };
}

/**
 * Where output (x, y) of a clockwise turn by `quarterTurns` × 90° comes from.
 *
 * @throws {RangeError} If `quarterTurns` is not 1, 2 or 3.
 */
export function quarterTurnMap(source: Size, quarterTurns: number): PixelMap {
  const { width: w, height: h } = source;
  switch (quarterTurns) {
    case 1: // (x, y) ← (y, h − 1 − x)
      return { width: h, height: w, origin: (h - 1) * w, stepX: -w, stepY: 1 };
    case 2: // (x, y) ← (w − 1 − x, h − 1 − y)
      return { width: w, height: h, origin: w * h - 1, stepX: -1, stepY: -w };
    case 3: // (x, y) ← (w − 1 − y, x)
      return { width: h, height: w, origin: w - 1, stepX: w, stepY: -1 };
    default:
      throw new RangeError(`Cannot rotate by quarterTurns "${quarterTurns}": must be 1, 2 or 3`);
  }
}
