import type { BufferPool } from "../buffer_pool.ts";
import type { OpStep } from "../op_step.ts";
import { quarterTurnMap } from "../pixel_map.ts";
import type { Raster } from "../raster.ts";
import { remapPixels } from "./_remap_pixels.ts";

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
