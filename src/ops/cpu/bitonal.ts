import type { BufferPool } from "../buffer_pool.ts";
import type { OpStep } from "../op_step.ts";
import type { Raster } from "../raster.ts";
import { checkThreshold } from "../run_input.ts";
import { mapLuma } from "./_map_luma.ts";

/** The parameters of a `bitonal` step. */
export type BitonalParams = Pick<Extract<OpStep, { op: "bitonal" }>, "threshold">;

/**
 * The `bitonal` step: each pixel whose luma (as in `gray`) is at least `threshold` becomes white,
 * any other black; alpha kept.
 *
 * @returns A new raster on a buffer from `pool`; `source` is not modified.
 * @throws {RangeError} If `threshold` is NaN.
 */
export function bitonal(source: Raster, pool: BufferPool, params: BitonalParams): Raster {
  const { threshold } = params;
  checkThreshold(threshold);
  const levels = new Uint8Array(256);
  for (let y = 0; y < 256; y++) levels[y] = y >= threshold ? 255 : 0;
  return mapLuma(source, pool, levels);
}
