/**
 * The largest number a parameter may hold. Anything above cannot describe a real image and would
 * lose integer precision in later arithmetic, so it is refused as bad syntax.
 */
export const MAX_PARAMETER_NUMBER = 2 ** 31 - 1;

const INTEGER_REGEXP = /^\d+$/;
/** Digits and at most one `.`: `0.5`, `.5` and `5.` all consist "only of decimal digits and ." */
const DECIMAL_REGEXP = /^(?:\d+\.?\d*|\.\d+)$/;

/**
 * Reads a non-negative integer written as plain digits.
 *
 * @example Usage
 * ```ts
 * import { parseInteger } from "./_parse_number.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(parseInteger("512"), 512);
 * assert.equal(parseInteger("+512"), undefined);
 * assert.equal(parseInteger("99999999999"), undefined);
 * ```
 *
 * @returns The number, or `undefined` when the text is not digits only or exceeds
 * {@linkcode MAX_PARAMETER_NUMBER}.
 */
export function parseInteger(text: string): number | undefined {
  return INTEGER_REGEXP.test(text) ? bounded(Number(text)) : undefined;
}

/**
 * Reads a non-negative decimal number as IIIF allows it: digits and one optional `.`, no sign,
 * exponent, whitespace or words such as `Infinity`.
 *
 * @example Usage
 * ```ts
 * import { parseDecimal } from "./_parse_number.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(parseDecimal("22.5"), 22.5);
 * assert.equal(parseDecimal(".5"), 0.5);
 * assert.equal(parseDecimal("1e3"), undefined);
 * ```
 *
 * @returns The number, or `undefined` when the text is not such a number or exceeds
 * {@linkcode MAX_PARAMETER_NUMBER}.
 */
export function parseDecimal(text: string): number | undefined {
  return DECIMAL_REGEXP.test(text) ? bounded(Number(text)) : undefined;
}

function bounded(value: number): number | undefined {
  return value <= MAX_PARAMETER_NUMBER ? value : undefined;
}
