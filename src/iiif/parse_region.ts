import { MAX_PARAMETER_NUMBER, parseDecimal, parseInteger } from "./_parse_number.ts";
import { quoteValue } from "./_quote_value.ts";
import { IiifSyntaxError } from "./errors.ts";
import type { RegionRequest } from "./image_request.ts";

const PERCENT_PREFIX = "pct:";

/**
 * Parses the region parameter (the same syntax in 2.1 and 3.0): `full`, `square`, `x,y,w,h`
 * (non-negative integers) or `pct:x,y,w,h` (decimals). Nothing is resolved against an image yet.
 *
 * @example Usage
 * ```ts
 * import { parseRegion } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(parseRegion("square"), { kind: "square" });
 * assert.deepEqual(parseRegion("pct:41.6,7.5,40,70"), {
 *   kind: "percent",
 *   x: 41.6,
 *   y: 7.5,
 *   width: 40,
 *   height: 70,
 * });
 * assert.throws(() => parseRegion("0,0,0,10"), { name: "IiifSyntaxError" });
 * ```
 *
 * @param text The region segment, percent-decoded.
 * @throws {IiifSyntaxError} When the syntax is wrong or the width or height is zero.
 */
export function parseRegion(text: string): RegionRequest {
  if (text === "full" || text === "square") return { kind: text };
  const percent = text.startsWith(PERCENT_PREFIX);
  const numbers = (percent ? text.slice(PERCENT_PREFIX.length) : text).split(",")
    .map(percent ? parseDecimal : parseInteger);
  if (numbers.length !== 4 || numbers.includes(undefined)) {
    throw regionError(
      text,
      `expected full, square, x,y,w,h or pct:x,y,w,h with numbers up to ${MAX_PARAMETER_NUMBER}`,
    );
  }
  const [x, y, width, height] = numbers as number[];
  if (width === 0) throw regionError(text, "width is zero");
  if (height === 0) throw regionError(text, "height is zero");
  return { kind: percent ? "percent" : "pixels", x, y, width, height };
}

function regionError(text: string, reason: string): IiifSyntaxError {
  return new IiifSyntaxError(`Cannot parse region ${quoteValue(text)}: ${reason}`, {
    parameter: "region",
    value: text,
  });
}
