import { axisFilter, type AxisFilterName } from "./axis_filter.ts";
import type { AxisSpan } from "./axis_weights.ts";
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
 * How far beyond the region's whole pixels each filter reads: a copy and a box reduction read
 * only the pixels the region covers, while Lanczos-3 reads up to 3 pixels beyond the output
 * centres' span. Any less and the taps at the window's edge would be clamped where the whole
 * source has pixels; any more decodes stored tiles no output pixel uses.
 */
const FILTER_MARGIN: Readonly<Record<AxisFilterName, number>> = { copy: 0, box: 0, lanczos3: 3 };

/**
 * The window of a `size` source that `steps` read, for sources that decode any rectangle alone
 * (tiled TIFF, JPEG 2000): a first `resize` reads its region plus, on each axis, the margin of
 * that axis's filter (see `axisFilter`), clamped to the source, and its region is moved into the
 * window; any other plan reads everything. A plain crop thus reads exactly its region, so an edge
 * tile decodes only the stored tile under it.
 *
 * @example A reduction reads the pixels it covers, an enlargement 3 more on each side
 * ```ts
 * import assert from "node:assert/strict";
 * const steps = [{
 *   op: "resize" as const,
 *   region: { x: 1024, y: 512.5, width: 256, height: 64 },
 *   width: 128,
 *   height: 128,
 * }];
 * const { window, steps: moved } = sourceWindow(steps, { width: 4000, height: 3000 });
 * assert.deepEqual(window, { x: 1024, y: 509, width: 256, height: 71 });
 * assert.deepEqual(moved[0], { ...steps[0], region: { x: 0, y: 3.5, width: 256, height: 64 } });
 * ```
 *
 * @example A crop reads exactly its region
 * ```ts
 * import assert from "node:assert/strict";
 * const region = { x: 512, y: 256, width: 238, height: 244 };
 * const steps = [{ op: "resize" as const, region, width: 238, height: 244 }];
 * assert.deepEqual(sourceWindow(steps, { width: 750, height: 500 }).window, region);
 * ```
 */
export function sourceWindow(steps: readonly OpStep[], size: Size): SourceWindow {
  const [first, ...rest] = steps;
  if (first?.op !== "resize") {
    return { window: { x: 0, y: 0, width: size.width, height: size.height }, steps };
  }
  const { region } = first;
  const across = windowSpan(
    { start: region.x, length: region.width, sourceLength: size.width },
    first.width,
  );
  const down = windowSpan(
    { start: region.y, length: region.height, sourceLength: size.height },
    first.height,
  );
  const moved = { ...region, x: region.x - across.start, y: region.y - down.start };
  return {
    window: { x: across.start, y: down.start, width: across.length, height: down.length },
    steps: [{ ...first, region: moved }, ...rest],
  };
}

/** The whole pixels, clamped to the source, that resampling `span` to `outLength` reads. */
function windowSpan(span: AxisSpan, outLength: number): { start: number; length: number } {
  const { start, length, sourceLength } = span;
  const margin = FILTER_MARGIN[axisFilter(length, outLength, { start })];
  const first = Math.max(0, Math.floor(start) - margin);
  const end = Math.min(sourceLength, Math.ceil(start + length) + margin);
  return { start: first, length: end - first };
}
