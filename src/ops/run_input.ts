import type { OpStep } from "./op_step.ts";
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
