import type { AxisWeights, TapRange } from "../axis_weights.ts";
import { ALPHA_MASK } from "./_pixel_words.ts";

/** What a reduction of an opaque window reads and writes. */
export interface OpaqueReduction {
  readonly from: Int32Array;
  readonly sourceWidth: number;
  readonly across: AxisWeights;
  readonly down: AxisWeights;
  /** The source columns the horizontal pass reads. */
  readonly columns: TapRange;
  /** One row of `columns.count` words per lane pair: the vertical pass's output. */
  readonly redBlue: Int32Array;
  readonly greenAlpha: Int32Array;
  readonly to: Int32Array;
}

/** Integer weights of a reduction sum to this, so a weighted sum of bytes fits 16 bits. */
const WEIGHT_ONE = 256;
/** Half of `WEIGHT_ONE` in both 16-bit lanes: rounds both halves up at once. */
const HALF_IN_LANES = 0x00800080;
const LOW_BYTES = 0x00ff00ff;

/**
 * Whether every pixel the reduction reads is opaque, so premultiplying by alpha changes nothing
 * and {@linkcode reduceOpaque} may run. Stops at the first pixel that is not.
 */
export function isOpaqueWindow(
  from: Int32Array,
  sourceWidth: number,
  rows: TapRange,
  columns: TapRange,
): boolean {
  for (let y = rows.first; y < rows.first + rows.count; y++) {
    let all = ALPHA_MASK;
    const start = y * sourceWidth + columns.first;
    for (let s = start; s < start + columns.count; s++) all &= from[s];
    if (all !== ALPHA_MASK) return false;
  }
  return true;
}

/**
 * The `resize` step for the commonest server job, an opaque source reduced by 2 or less on both
 * axes (area averages of at most 3 pixels, no negative weights): two channels per 32-bit word (red and blue, then green and
 * alpha, in 16-bit lanes) times integer weights that sum to 256, so one multiply weighs two
 * channels and no sum leaves its lane; each pass rounds back to bytes. Results stay within 2 of
 * the floating-point kernel (uniform areas exact) at about 1.5× its speed on a 1250² → 1024²
 * reduction (`deno bench -A bench/ops_bench.ts --filter resize`).
 */
export function reduceOpaque(reduction: OpaqueReduction, height: number): void {
  const acrossWeights = integerWeights(reduction.across);
  const downWeights = integerWeights(reduction.down);
  for (let y = 0; y < height; y++) {
    sumRows(reduction, downWeights, y);
    sumColumns(reduction, acrossWeights, y);
  }
}

/**
 * Vertical pass for output row `y`: both lane pairs of each needed column, weighed over the rows
 * `y` covers, then rounded back to bytes. `Math.imul` and `| 0` keep the sums in 32-bit
 * integers, where the top lane may set the sign bit without being lost.
 */
function sumRows(reduction: OpaqueReduction, weights: Int32Array, y: number): void {
  const { from, sourceWidth, down: { first, count, taps }, columns, redBlue, greenAlpha } =
    reduction;
  const n = columns.count;
  for (let t = 0; t < count[y]; t++) {
    const w = weights[y * taps + t];
    const keep = t === 0 ? 0 : -1;
    for (let j = 0, s = (first[y] + t) * sourceWidth + columns.first; j < n; j++, s++) {
      const p = from[s];
      redBlue[j] = ((redBlue[j] & keep) + Math.imul(w, p & LOW_BYTES)) | 0;
      greenAlpha[j] = ((greenAlpha[j] & keep) + Math.imul(w, (p >>> 8) & LOW_BYTES)) | 0;
    }
  }
  for (let j = 0; j < n; j++) {
    redBlue[j] = ((redBlue[j] + HALF_IN_LANES) >>> 8) & LOW_BYTES;
    greenAlpha[j] = ((greenAlpha[j] + HALF_IN_LANES) >>> 8) & LOW_BYTES;
  }
}

/** Horizontal pass for output row `y`: each output pixel weighs its columns of the row. */
function sumColumns(reduction: OpaqueReduction, weights: Int32Array, y: number): void {
  const { across: { first, count, taps }, columns, redBlue, greenAlpha, to } = reduction;
  const width = first.length;
  for (let x = 0, o = y * width; x < width; x++, o++) {
    let rb = HALF_IN_LANES;
    let ga = HALF_IN_LANES;
    let j = first[x] - columns.first;
    for (let k = x * taps, end = k + count[x]; k < end; k++, j++) {
      rb = (rb + Math.imul(weights[k], redBlue[j])) | 0;
      ga = (ga + Math.imul(weights[k], greenAlpha[j])) | 0;
    }
    to[o] = ((rb >>> 8) & LOW_BYTES) | (((ga >>> 8) & LOW_BYTES) << 8);
  }
}

/**
 * `table`'s weights as integers summing to exactly {@linkcode WEIGHT_ONE} per output pixel (the
 * rounding remainder goes to the largest), so uniform areas come out exact.
 */
function integerWeights(table: AxisWeights): Int32Array {
  const { first, count, taps, weights } = table;
  const integers = new Int32Array(weights.length);
  for (let i = 0; i < first.length; i++) {
    let sum = 0;
    let largest = i * taps;
    for (let k = i * taps; k < i * taps + count[i]; k++) {
      integers[k] = Math.round(weights[k] * WEIGHT_ONE);
      sum += integers[k];
      if (integers[k] > integers[largest]) largest = k;
    }
    integers[largest] += WEIGHT_ONE - sum;
  }
  return integers;
}
