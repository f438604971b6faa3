/**
 * Writes a number as IIIF floating point values must look: digits and `.` only, a leading `0`
 * below 1, no trailing zeros, and integers without a decimal part (never `1e-7`).
 *
 * @example Usage
 * ```ts
 * import { formatNumber } from "./_format_number.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(formatNumber(90), "90");
 * assert.equal(formatNumber(0.5), "0.5");
 * assert.equal(formatNumber(1.5e-7), "0.00000015");
 * ```
 *
 * @param value A finite, non-negative number.
 */
export function formatNumber(value: number): string {
  const text = String(value);
  const exponentAt = text.indexOf("e");
  if (exponentAt === -1) return text;
  // JavaScript switches to exponent notation below 1e-6 and from 1e21 up.
  const mantissa = text.slice(0, exponentAt);
  const pointAt = mantissa.includes(".") ? mantissa.indexOf(".") : mantissa.length;
  const digits = mantissa.replace(".", "");
  const integerDigits = pointAt + Number(text.slice(exponentAt + 1));
  return integerDigits <= 0
    ? `0.${"0".repeat(-integerDigits)}${digits}`
    : digits.padEnd(integerDigits, "0");
}
