import type { AxisWeights } from "../ops/mod.ts";
import type { DeviceLimits } from "./job_plan.ts";

/** A byte window of a raster buffer bound to a shader; `base` is its first pixel's index. */
export interface BindingWindow {
  readonly offset: number;
  readonly size: number;
  readonly base: number;
}

/** Output rows `firstRow` … `firstRow + rows − 1` of a resize, and the source rows they read. */
export interface ResizeBand {
  readonly firstRow: number;
  readonly rows: number;
  /** The source window, for a source beyond one binding; else the whole source is bound. */
  readonly window?: BindingWindow;
}

/** What {@linkcode resizeBands} needs to know of a resize. */
export interface BandRequest {
  /** The vertical table: which source rows each output row reads. */
  readonly down: AxisWeights;
  /** Source columns the vertical pass sums per row. */
  readonly columns: number;
  readonly sourceWidth: number;
  readonly limits: Pick<DeviceLimits, "bindingBytes" | "storageAlignment">;
  /** True when the source exceeds one binding, so each band binds a window of its rows. */
  readonly windowed: boolean;
}

/** Bytes of one premultiplied `vec4<f32>` sum. */
const SUM_BYTES = 16;

/**
 * Splits a resize's output rows into bands, each as tall as one binding allows for both its
 * vertical sums and (for a source beyond one binding) the source rows it reads. Each band's
 * window holds every row its output rows' filter taps reach, so bands overlap in the source by
 * the filter's support and the output shows no seam: every output pixel is computed exactly as
 * without bands.
 *
 * @returns The bands in order, or `undefined` if one output row alone exceeds a binding.
 */
export function resizeBands(request: BandRequest): ResizeBand[] | undefined {
  const { down, columns, sourceWidth, limits, windowed } = request;
  const height = down.first.length;
  const bands: ResizeBand[] = [];
  for (let first = 0; first < height;) {
    let end = first;
    let sourceEnd = 0;
    let window: BindingWindow | undefined;
    while (end < height && (end + 1 - first) * columns * SUM_BYTES <= limits.bindingBytes) {
      sourceEnd = Math.max(sourceEnd, down.first[end] + down.count[end]);
      const next = windowed
        ? windowOf(sourceWidth, down.first[first], sourceEnd, limits.storageAlignment)
        : undefined;
      if (next && next.size > limits.bindingBytes) break;
      window = next;
      end++;
    }
    if (end === first) return undefined;
    bands.push({ firstRow: first, rows: end - first, window });
    first = end;
  }
  return bands;
}

/**
 * The window of source rows `firstRow` … `endRow − 1` of a `width`-wide raster, its start moved
 * down to the binding alignment (the shader subtracts `base` from its pixel indices).
 */
export function windowOf(
  width: number,
  firstRow: number,
  endRow: number,
  alignment: number,
): BindingWindow {
  const start = firstRow * width * 4;
  const offset = start - (start % alignment);
  return { offset, size: endRow * width * 4 - offset, base: offset / 4 };
}
