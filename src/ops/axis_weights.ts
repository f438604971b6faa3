import { axisFilter, type AxisFilterName } from "./axis_filter.ts";
import type { Rect } from "./raster.ts";
import type { Size } from "./rotated_size.ts";

/** One axis of a resampling: which source pixels feed the output, and how many there are. */
export interface AxisSpan {
  /** Where the interval starts, in source pixels (fractional allowed). */
  readonly start: number;
  /** The interval's length in source pixels (fractional allowed). */
  readonly length: number;
  /** The source's whole size on this axis; Lanczos taps beyond it are clamped to the edge. */
  readonly sourceLength: number;
}

/**
 * Per-output-pixel weight tables of one axis, laid out for a storage buffer: output pixel `i`
 * reads source pixels `first[i]` … `first[i] + count[i] - 1` with weights
 * `weights[i * taps]` … `weights[i * taps + count[i] - 1]` (they sum to 1; the rest of each row
 * of `taps` is zero). Indices are whole source pixels, always inside `[0, sourceLength)`.
 */
export interface AxisWeights {
  readonly filter: AxisFilterName;
  /** The row stride of `weights`: the most taps any output pixel may use. */
  readonly taps: number;
  readonly first: Int32Array;
  readonly count: Int32Array;
  readonly weights: Float32Array;
}

/** Lanczos-3 reads 6 source pixels around each output centre. */
const LANCZOS_TAPS = 6;
/** Coverage this close to a pixel border counts as on it, so float noise adds no empty taps. */
const COVERAGE_EPSILON = 1e-9;
/** How far a span may reach past the source before it is an error rather than rounding noise. */
const SPAN_TOLERANCE = 1e-6;

/**
 * Builds the weight tables of one axis with the filter {@linkcode axisFilter} picks. Pixel `j`
 * covers `[j, j + 1)` and has its centre at `j + 0.5`; output pixel `i` covers the `i`-th of
 * `outLength` equal parts of the span. The CPU `resize` kernel and its GPU twin both read these.
 *
 * @param span The source interval and the source's size on this axis.
 * @param outLength The number of output pixels.
 * @throws {RangeError} If `outLength` or `span.sourceLength` is not a positive integer, or the
 * span is empty or reaches outside the source.
 *
 * @example Halving four pixels
 * ```ts
 * import assert from "node:assert/strict";
 * const table = axisWeights({ start: 0, length: 4, sourceLength: 4 }, 2);
 * assert.deepEqual([...table.first], [0, 2]);
 * assert.deepEqual([...table.count], [2, 2]);
 * assert.deepEqual([...table.weights], [0.5, 0.5, 0, 0.5, 0.5, 0]);
 * ```
 */
export function axisWeights(span: AxisSpan, outLength: number): AxisWeights {
  checkSpan(span, outLength);
  const filter = axisFilter(span.length, outLength, { start: span.start });
  const taps = filter === "copy"
    ? 1
    : filter === "lanczos3"
    ? LANCZOS_TAPS
    : Math.ceil(span.length / outLength) + 1;
  const table: AxisWeights = {
    filter,
    taps,
    first: new Int32Array(outLength),
    count: new Int32Array(outLength),
    weights: new Float32Array(outLength * taps),
  };
  const scale = span.length / outLength;
  const row = new Float64Array(taps);
  for (let i = 0; i < outLength; i++) {
    const lo = span.start + i * scale;
    if (filter === "copy") {
      table.first[i] = lo;
      table.count[i] = table.weights[i] = 1;
      continue;
    }
    if (filter === "box") boxRow(table, i, { lo, hi: lo + scale, row });
    else lanczosRow(table, i, { centre: lo + scale / 2 - 0.5, row });
    writeRow(table, i, span.sourceLength, row);
  }
  return table;
}

/** Both axes of a resize: `across` the columns, `down` the rows. */
export interface ResizeWeights {
  readonly across: AxisWeights;
  readonly down: AxisWeights;
}

/**
 * The weight tables of a resize of `region` of a `source`-sized raster to `width`×`height`.
 *
 * @throws {RangeError} As {@linkcode axisWeights}, for either axis.
 */
export function resizeWeights(
  source: Size,
  resize: { readonly region: Rect; readonly width: number; readonly height: number },
): ResizeWeights {
  const { region } = resize;
  return {
    across: axisWeights(
      { start: region.x, length: region.width, sourceLength: source.width },
      resize.width,
    ),
    down: axisWeights(
      { start: region.y, length: region.height, sourceLength: source.height },
      resize.height,
    ),
  };
}

/** A run of source pixels on one axis: the only ones any output pixel of a table reads. */
export interface TapRange {
  readonly first: number;
  readonly count: number;
}

/**
 * The source pixels `table` reads, from its first output pixel's first tap to the furthest last
 * tap (`first` never decreases along the axis). The vertical pass of a resize only sums these
 * columns.
 */
export function tapRange(table: AxisWeights): TapRange {
  let end = 0;
  for (let i = 0; i < table.first.length; i++) {
    end = Math.max(end, table.first[i] + table.count[i]);
  }
  return { first: table.first[0], count: end - table.first[0] };
}

function checkSpan(span: AxisSpan, outLength: number): void {
  const { start, length, sourceLength } = span;
  const name = `start=${start}, length=${length}`;
  if (!Number.isSafeInteger(outLength) || outLength < 1) {
    throw new RangeError(`Cannot resample span "${name}" to outLength "${outLength}": not >= 1`);
  }
  if (!Number.isSafeInteger(sourceLength) || sourceLength < 1) {
    throw new RangeError(`Cannot resample span "${name}": sourceLength "${sourceLength}" not >= 1`);
  }
  if (!(start >= 0 && length > 0 && start + length <= sourceLength + SPAN_TOLERANCE)) {
    throw new RangeError(`Cannot resample span "${name}": not inside 0..${sourceLength}`);
  }
}

interface BoxCover {
  /** The covered interval `[lo, hi)` in source pixels. */
  readonly lo: number;
  readonly hi: number;
  /** Scratch: raw weights by tap, written from index 0. */
  readonly row: Float64Array;
}

/** Area average: each source pixel weighs what of it lies inside `[lo, hi)`. */
function boxRow(table: AxisWeights, i: number, cover: BoxCover): void {
  const { lo, hi, row } = cover;
  const j0 = Math.floor(lo + COVERAGE_EPSILON);
  const j1 = Math.ceil(hi - COVERAGE_EPSILON);
  for (let j = j0; j < j1; j++) row[j - j0] = Math.min(j + 1, hi) - Math.max(j, lo);
  table.first[i] = j0;
  table.count[i] = j1 - j0;
}

interface LanczosCentre {
  /** The output pixel's centre in source index space (pixel `j`'s centre is `j`). */
  readonly centre: number;
  readonly row: Float64Array;
}

/** Lanczos-3 interpolation: the six source pixels within 3 of the centre. */
function lanczosRow(table: AxisWeights, i: number, at: LanczosCentre): void {
  const { centre, row } = at;
  const j0 = Math.floor(centre) - 2;
  for (let k = 0; k < LANCZOS_TAPS; k++) row[k] = lanczos3(centre - (j0 + k));
  table.first[i] = j0;
  table.count[i] = LANCZOS_TAPS;
}

function lanczos3(x: number): number {
  if (x === 0) return 1;
  if (x <= -3 || x >= 3) return 0;
  const px = Math.PI * x;
  return (3 * Math.sin(px) * Math.sin(px / 3)) / (px * px);
}

/**
 * Turns the raw taps of row `i` (at unclamped `first[i]`, `count[i]` of them) into the table's
 * form: indices clamped into the source, weights of merged edge taps summed, normalised to 1.
 */
function writeRow(table: AxisWeights, i: number, sourceLength: number, row: Float64Array): void {
  const rawFirst = table.first[i];
  const last = Math.min(sourceLength - 1, Math.max(0, rawFirst + table.count[i] - 1));
  const first = Math.min(last, Math.max(0, rawFirst));
  const base = i * table.taps;
  let sum = 0;
  for (let k = 0; k < table.count[i]; k++) sum += row[k];
  for (let k = 0; k < table.count[i]; k++) {
    const j = Math.min(last, Math.max(first, rawFirst + k));
    table.weights[base + j - first] += row[k] / sum;
  }
  table.first[i] = first;
  table.count[i] = last - first + 1;
}
