import type { Dimensions } from "./dimensions.ts";

/**
 * The largest reduction the decoder can apply that still leaves at least as many pixels as the
 * output needs on both axes (`region / scale ≥ output`), so the final resize only ever shrinks or
 * keeps; 1 when the output is larger than the region.
 *
 * @example Usage
 * ```ts
 * import { chooseDecodeScale } from "./_choose_decode_scale.ts";
 * import assert from "node:assert/strict";
 *
 * const region = { width: 6000, height: 4000 };
 * assert.equal(chooseDecodeScale(region, { width: 1000, height: 667 }, [1, 2, 4, 8]), 4);
 * ```
 *
 * @param region The region in full-resolution pixels.
 * @param output The output size before rotation.
 * @param scales The reductions the source offers (`SourceImageInfo.scales`).
 */
export function chooseDecodeScale(
  region: Dimensions,
  output: Dimensions,
  scales: readonly number[],
): number {
  let chosen = 1;
  for (const scale of scales) {
    if (
      scale > chosen && region.width / scale >= output.width &&
      region.height / scale >= output.height
    ) chosen = scale;
  }
  return chosen;
}
