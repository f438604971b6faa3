import type { BufferPool } from "../buffer_pool.ts";
import type { OpStep } from "../op_step.ts";
import type { Raster } from "../raster.ts";
import { type PixelMap, remapPixels } from "./_remap_pixels.ts";

/** The parameters of a `rotate90` step. */
export type Rotate90Params = Pick<Extract<OpStep, { op: "rotate90" }>, "quarterTurns">;

/**
 * The `rotate90` step: an exact clockwise rotation by `quarterTurns` × 90°. One and three turns
 * swap width and height.
 *
 * @returns A new raster on a buffer from `pool`; `source` is not modified.
 * @throws {RangeError} If `quarterTurns` is not 1, 2 or 3.
 */
export function rotate90(source: Raster, pool: BufferPool, params: Rotate90Params): Raster {
  return remapPixels(source, pool, quarterTurnMap(source, params.quarterTurns));
}

/** Where output (x, y) comes from: solve the clockwise turn for the source pixel. */
function quarterTurnMap(source: Raster, quarterTurns: number): PixelMap {
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
