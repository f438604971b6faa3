import type { OpStep } from "./op_step.ts";
import type { Rect } from "./raster.ts";
import type { Size } from "./rotated_size.ts";

/** The part of a source a plan reads, and the plan's steps in that part's coordinates. */
export interface SourceWindow {
  /** Whole pixels of the source; decoding only these gives the same output as decoding all. */
  readonly window: Rect;
  readonly steps: readonly OpStep[];
}

/**
 * Lanczos-3 reads up to 3 pixels beyond the output centres' span, so a window this much larger
 * than the region resamples exactly as the whole source would (a box filter reads inside it).
 */
const FILTER_MARGIN = 3;

/**
 * The window of a `size` source that `steps` read, for sources that decode any rectangle alone
 * (tiled TIFF, JPEG 2000): a first `resize` reads its region plus the filter's margin, clamped
 * to the source, and its region is moved into the window; any other plan reads everything.
 *
 * @example A tile in the middle of a large image
 * ```ts
 * import assert from "node:assert/strict";
 * const steps = [{
 *   op: "resize" as const,
 *   region: { x: 1024, y: 512.5, width: 256, height: 256 },
 *   width: 128,
 *   height: 128,
 * }];
 * const { window, steps: moved } = sourceWindow(steps, { width: 4000, height: 3000 });
 * assert.deepEqual(window, { x: 1021, y: 509, width: 262, height: 263 });
 * assert.deepEqual(moved[0], { ...steps[0], region: { x: 3, y: 3.5, width: 256, height: 256 } });
 * ```
 */
export function sourceWindow(steps: readonly OpStep[], size: Size): SourceWindow {
  const [first, ...rest] = steps;
  if (first?.op !== "resize") {
    return { window: { x: 0, y: 0, width: size.width, height: size.height }, steps };
  }
  const { region } = first;
  const x = Math.max(0, Math.floor(region.x) - FILTER_MARGIN);
  const y = Math.max(0, Math.floor(region.y) - FILTER_MARGIN);
  const right = Math.min(size.width, Math.ceil(region.x + region.width) + FILTER_MARGIN);
  const bottom = Math.min(size.height, Math.ceil(region.y + region.height) + FILTER_MARGIN);
  const moved = { ...region, x: region.x - x, y: region.y - y };
  return {
    window: { x, y, width: right - x, height: bottom - y },
    steps: [{ ...first, region: moved }, ...rest],
  };
}
