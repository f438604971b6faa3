/**
 * How one axis of a `resize` step is resampled:
 * - `"box"`: a reduction; each output pixel averages the exact source interval it covers.
 * - `"lanczos3"`: an enlargement (or a shift by a fraction of a pixel); Lanczos-3 interpolation.
 * - `"copy"`: same length at a whole-pixel offset; each output pixel is one source pixel.
 */
export type AxisFilterName = "box" | "lanczos3" | "copy";

/** Options of {@linkcode axisFilter}. */
export interface AxisFilterOptions {
  /** Where the interval starts, in source pixels; a fractional start rules out `"copy"`. */
  readonly start?: number;
}

/**
 * Picks the resampling filter of one axis: the one rule both the CPU kernels and their GPU twins
 * follow, so that they choose identically.
 *
 * @param length The source interval's length in source pixels (fractional allowed).
 * @param outLength The number of output pixels.
 * @returns `"box"` when `outLength < length`, `"copy"` when they are equal and the start is whole,
 * `"lanczos3"` otherwise.
 *
 * @example Reduce, enlarge, copy
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(axisFilter(1000, 250), "box");
 * assert.equal(axisFilter(256, 512), "lanczos3");
 * assert.equal(axisFilter(512, 512), "copy");
 * assert.equal(axisFilter(512, 512, { start: 0.5 }), "lanczos3");
 * ```
 */
export function axisFilter(
  length: number,
  outLength: number,
  options: AxisFilterOptions = {},
): AxisFilterName {
  if (outLength < length) return "box";
  if (outLength === length && Number.isInteger(options.start ?? 0)) return "copy";
  return "lanczos3";
}
