import { type AxisWeights, resizeWeights, tapRange } from "../axis_weights.ts";
import type { BufferPool } from "../buffer_pool.ts";
import type { OpStep } from "../op_step.ts";
import type { Raster, Rect } from "../raster.ts";
import { pixelWords } from "./_pixel_words.ts";
import { pooledRaster } from "./_pooled_raster.ts";
import { isOpaqueWindow, type OpaqueReduction, reduceOpaque } from "./_reduce_opaque.ts";
import { unpremultiply } from "./_unpremultiply.ts";

/** The parameters of a `resize` step. */
export type ResizeParams = Pick<Extract<OpStep, { op: "resize" }>, "region" | "width" | "height">;

/** What both passes of one floating-point `resize` share. */
interface Passes extends Omit<OpaqueReduction, "redBlue" | "greenAlpha"> {
  /** One row of `columns.count` premultiplied RGBA sums: the vertical pass's output. */
  readonly row: Float64Array;
}

/** The widest area average {@linkcode reduceOpaque} takes: up to a reduction by 2. */
const INTEGER_TAPS = 3;

/** Bytes per pixel of the intermediate row: four `f64` premultiplied channel sums. */
const ROW_PIXEL_BYTES = 32;

/**
 * The `resize` step: crops `region` (fractional allowed) out of `source` and resamples it to
 * `width`×`height` in two separable passes, each reading the {@linkcode axisWeights} of its
 * axis. The vertical pass sums, for each needed source column, the rows an output row covers; the
 * horizontal pass then sums those columns into output pixels. Channels are weighted by alpha
 * (premultiplied) so fully transparent pixels lend no colour, and unpremultiplied at the end.
 * The CPU runs both passes one output row at a time, so the intermediate is a single row that
 * stays in cache (a GPU twin runs each pass over the whole image with the same per-pixel sums).
 * When both axes are copies the region's rows are copied as they are; an opaque region reduced by
 * 2 or less on both axes takes {@linkcode reduceOpaque}'s integer path.
 *
 * @returns A new raster on a buffer from `pool`; `source` is not modified.
 * @throws {RangeError} If `width` or `height` is not a positive integer, or `region` is empty
 * or reaches outside `source`.
 */
export function resize(source: Raster, pool: BufferPool, params: ResizeParams): Raster {
  const { region, width, height } = params;
  const { across, down } = resizeWeights(source, params);
  if (across.filter === "copy" && down.filter === "copy") return crop(source, pool, region);
  const columns = tapRange(across);
  const from = pixelWords(source);
  const output = pooledRaster(pool, width, height);
  const scratch = pool.acquire(columns.count * ROW_PIXEL_BYTES);
  const shared = { from, sourceWidth: source.width, across, down, columns, to: pixelWords(output) };
  if (
    fitsIntegerWeights(across, down) && isOpaqueWindow(from, source.width, tapRange(down), columns)
  ) {
    const lanes = new Int32Array(scratch.buffer, 0, columns.count * 2);
    const [redBlue, greenAlpha] = [lanes.subarray(0, columns.count), lanes.subarray(columns.count)];
    reduceOpaque({ ...shared, redBlue, greenAlpha }, height);
  } else {
    // Zeroed once so that the vertical pass may multiply stale sums by 0 (see `sumRows`).
    const passes = { ...shared, row: new Float64Array(scratch.buffer, 0, columns.count * 4) };
    passes.row.fill(0);
    for (let y = 0; y < height; y++) {
      sumRows(passes, y);
      sumColumns(passes, y);
    }
  }
  pool.release(scratch);
  return output;
}

/**
 * Whether both axes are area averages over at most {@linkcode INTEGER_TAPS} source pixels (a
 * reduction by 2 or less, what is left after a pyramid level or a DCT-scaled decode), where
 * 8-bit integer weights stay within 2 of the floating-point result (2.4 of the exact average at
 * worst, found by a search over extreme values); wider averages lose too much to rounding each
 * weight (a 600-pixel row reduced to one would round most of them to 0).
 */
function fitsIntegerWeights(across: AxisWeights, down: AxisWeights): boolean {
  return [across, down].every((axis) => axis.filter !== "lanczos3" && axis.taps <= INTEGER_TAPS);
}

/** Copies the whole-pixel `region` of `source` row by row. */
function crop(source: Raster, pool: BufferPool, region: Rect): Raster {
  const output = pooledRaster(pool, region.width, region.height);
  const from = pixelWords(source);
  const to = pixelWords(output);
  for (let y = 0; y < region.height; y++) {
    const start = (region.y + y) * source.width + region.x;
    to.set(from.subarray(start, start + region.width), y * region.width);
  }
  return output;
}

/**
 * Vertical pass for output row `y`: `row` gets, per needed source column, the weighted sum of
 * the source rows `y` reads, premultiplied. Streams whole source rows two taps at a time (an odd
 * last tap pairs with itself at weight 0); the first pair overwrites instead of adding by
 * multiplying the old sums by 0, which keeps one loop.
 */
function sumRows(passes: Passes, y: number): void {
  const { from, sourceWidth, down: { first, count, weights, taps }, columns, row } = passes;
  const k0 = y * taps;
  const n = count[y];
  const rowLength = columns.count * 4;
  for (let t = 0; t < n; t += 2) {
    const w0 = weights[k0 + t];
    const w1 = t + 1 < n ? weights[k0 + t + 1] : 0;
    const keep = t === 0 ? 0 : 1;
    let s0 = (first[y] + t) * sourceWidth + columns.first;
    let s1 = t + 1 < n ? s0 + sourceWidth : s0;
    for (let j = 0; j < rowLength; j += 4, s0++, s1++) {
      const p = from[s0];
      const q = from[s1];
      const pa = w0 * ((p >> 24) & 255);
      const qa = w1 * ((q >> 24) & 255);
      row[j] = row[j] * keep + pa * (p & 255) + qa * (q & 255);
      row[j + 1] = row[j + 1] * keep + pa * ((p >> 8) & 255) + qa * ((q >> 8) & 255);
      row[j + 2] = row[j + 2] * keep + pa * ((p >> 16) & 255) + qa * ((q >> 16) & 255);
      row[j + 3] = row[j + 3] * keep + pa + qa;
    }
  }
}

/** Horizontal pass for output row `y`: each output pixel sums its columns of `row`. */
function sumColumns(passes: Passes, y: number): void {
  const { across: { first, count, weights, taps }, columns, row, to } = passes;
  const width = first.length;
  for (let x = 0, o = y * width; x < width; x++, o++) {
    let r = 0, g = 0, b = 0, a = 0;
    let j = (first[x] - columns.first) * 4;
    for (let k = x * taps, end = k + count[x]; k < end; k++, j += 4) {
      const weight = weights[k];
      r += weight * row[j];
      g += weight * row[j + 1];
      b += weight * row[j + 2];
      a += weight * row[j + 3];
    }
    to[o] = unpremultiply(r, g, b, a);
  }
}
