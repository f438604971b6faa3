import type { Dimensions } from "./dimensions.ts";
import { type IiifParameter, IiifSyntaxError } from "./errors.ts";
import type { PlanLimits } from "./image_plan.ts";

/** The parameter an output over the limits is blamed on, and how the output is called. */
export interface LimitsBlame {
  readonly parameter: IiifParameter;
  /** The parameter's text, as in the URL. */
  readonly value: string;
}

/**
 * Refuses an output larger than the server's `maxWidth`, `maxHeight` or `maxArea`, naming the
 * first limit it exceeds.
 *
 * @example Usage
 * ```ts
 * import { checkLimits } from "./_check_limits.ts";
 * import assert from "node:assert/strict";
 *
 * const limits = { maxWidth: 10000, maxHeight: 10000, maxArea: 1e8 };
 * const blame = { parameter: "size", value: "12000," } as const;
 * checkLimits({ width: 7071, height: 7071 }, limits, blame);
 * assert.throws(() => checkLimits({ width: 12000, height: 8000 }, limits, blame), {
 *   name: "IiifSyntaxError",
 *   message: 'Cannot satisfy size "12000,": the output 12000×8000 exceeds ' +
 *     "the server's maxWidth 10000",
 * });
 * ```
 *
 * @throws {IiifSyntaxError} When `size` exceeds a limit, blaming `blame.parameter`.
 */
export function checkLimits(
  size: Dimensions,
  limits: Pick<PlanLimits, "maxWidth" | "maxHeight" | "maxArea">,
  blame: LimitsBlame,
): void {
  const exceeded = exceededLimit(size, limits);
  if (exceeded === undefined) return;
  const { parameter, value } = blame;
  throw new IiifSyntaxError(
    `Cannot satisfy ${parameter} "${value}": the output ${size.width}×${size.height} ` +
      `exceeds the server's ${exceeded}`,
    { parameter, value },
  );
}

/** @returns The first limit `size` exceeds, with its value, or `undefined` when it fits. */
function exceededLimit(
  size: Dimensions,
  limits: Pick<PlanLimits, "maxWidth" | "maxHeight" | "maxArea">,
): string | undefined {
  if (size.width > limits.maxWidth) return `maxWidth ${limits.maxWidth}`;
  if (size.height > limits.maxHeight) return `maxHeight ${limits.maxHeight}`;
  const area = size.width * size.height;
  if (area > limits.maxArea) return `maxArea ${limits.maxArea} (${area} pixels)`;
  return undefined;
}
