import type { OpStep } from "./op_step.ts";
import type { RunOptions } from "./backend.ts";
import type { Raster } from "./raster.ts";

/**
 * Checks a source before any backend touches it, so that both backends reject the same inputs
 * with the same message.
 *
 * @throws {RangeError} If the sides are not positive integers or `data` is shorter than they say.
 */
export function checkRaster(raster: Raster): void {
  const { width, height, data } = raster;
  const name = `${width}x${height}`;
  if (!Number.isSafeInteger(width) || width < 1 || !Number.isSafeInteger(height) || height < 1) {
    throw new RangeError(`Cannot run steps on source "${name}": sides must be integers >= 1`);
  }
  if (data.length < width * height * 4) {
    throw new RangeError(
      `Cannot run steps on source "${name}": needs ${
        width * height * 4
      } bytes, data has ${data.length}`,
    );
  }
}

/**
 * The steps a backend runs: `steps`, or for an empty plan a resize of the whole raster to its
 * own size (a plain copy), so that a result is never the source itself.
 */
export function stepsOrCopy(source: Raster, steps: readonly OpStep[]): readonly OpStep[] {
  if (steps.length > 0) return steps;
  const { width, height } = source;
  return [{ op: "resize", region: { x: 0, y: 0, width, height }, width, height }];
}

/** Rejects a step whose op no backend knows (only reachable from untyped callers). */
export function unknownStep(step: never): never {
  throw new TypeError(`Cannot run step "${JSON.stringify(step)}": unknown op`);
}

/**
 * @throws {RangeError} If a `bitonal` threshold is NaN (any other number splits the 0–255 lumas).
 */
export function checkThreshold(threshold: number): void {
  if (Number.isNaN(threshold)) {
    throw new RangeError(`Cannot apply bitonal threshold "${threshold}": not a number`);
  }
}

/** The parameters of a `watermark` step. */
export type WatermarkStep = Extract<OpStep, { op: "watermark" }>;

/**
 * The mark a `watermark` step names, checked the same way for both backends.
 *
 * @returns The mark raster from `watermarks`.
 * @throws {RangeError} If `watermarks` has no such image or it is badly sized, if `opacity` is not
 * an integer 0–255, or if `x` or `y` is not a safe integer.
 */
export function watermarkOf(step: WatermarkStep, watermarks: RunOptions["watermarks"]): Raster {
  const { image, opacity, x, y } = step;
  const mark = watermarks?.get(image);
  if (mark === undefined) {
    throw new RangeError(`Cannot apply watermark "${image}": the run has no such image`);
  }
  checkRaster(mark);
  if (!Number.isInteger(opacity) || opacity < 0 || opacity > 255) {
    throw new RangeError(`Cannot apply watermark opacity "${opacity}": expected an integer 0-255`);
  }
  if (!Number.isSafeInteger(x) || !Number.isSafeInteger(y)) {
    throw new RangeError(`Cannot apply watermark at "${x},${y}": expected integers`);
  }
  return mark;
}

/** `value` mod `divisor` in 0 to `divisor` − 1, also for a negative `value`. */
export function wrapIndex(value: number, divisor: number): number {
  return ((value % divisor) + divisor) % divisor;
}
