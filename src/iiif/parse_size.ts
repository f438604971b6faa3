import { parseDecimal, parseInteger } from "./_parse_number.ts";
import { quoteValue } from "./_quote_value.ts";
import { IiifSyntaxError } from "./errors.ts";
import type { IiifVersion, SizeRequest } from "./image_request.ts";

const UPSCALE_PREFIX = "^";
const PERCENT_PREFIX = "pct:";
const DIMENSIONS_REGEXP = /^(!?)([^,]*),([^,]*)$/;

/**
 * Parses the size parameter of the given API version.
 *
 * 3.0: `max`, `w,`, `,h`, `pct:n`, `w,h`, `!w,h`, each optionally prefixed with `^`; `full` is
 * refused. 2.1: `full`, `max`, `w,`, `,h`, `pct:n`, `w,h`, `!w,h`; `^` is refused.
 *
 * @example Usage
 * ```ts
 * import { parseSize } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(parseSize("^!360,360", 3), {
 *   upscale: true,
 *   kind: "confined",
 *   width: 360,
 *   height: 360,
 * });
 * assert.deepEqual(parseSize("full", 2), { upscale: false, kind: "full" });
 * assert.throws(() => parseSize("full", 3), { name: "IiifSyntaxError" });
 * ```
 *
 * @param text The size segment, percent-decoded.
 * @param version The API version the request was made under.
 * @throws {IiifSyntaxError} When the syntax is wrong for the version or a dimension or the
 * percentage is zero.
 */
export function parseSize(text: string, version: IiifVersion): SizeRequest {
  const upscale = text.startsWith(UPSCALE_PREFIX);
  if (upscale && version === 2) throw sizeError(text, "^ (upscaling) is not 2.1 syntax");
  const body = upscale ? text.slice(UPSCALE_PREFIX.length) : text;
  if (body === "max") return { upscale, kind: "max" };
  if (body === "full") {
    if (version === 2) return { upscale, kind: "full" };
    throw sizeError(text, 'full is not a 3.0 size, use "max"');
  }
  if (body.startsWith(PERCENT_PREFIX)) {
    return {
      upscale,
      kind: "percent",
      percent: parsePercent(body.slice(PERCENT_PREFIX.length), text),
    };
  }
  return parseDimensions(body, upscale, text);
}

function parsePercent(digits: string, text: string): number {
  const percent = parseDecimal(digits);
  if (percent === undefined) throw sizeError(text, "expected pct:n with a decimal n");
  if (percent === 0) throw sizeError(text, "percentage is zero");
  return percent;
}

function parseDimensions(body: string, upscale: boolean, text: string): SizeRequest {
  const match = DIMENSIONS_REGEXP.exec(body);
  if (match === null) throw sizeError(text, `expected max, "w,", ",h", pct:n, "w,h" or "!w,h"`);
  const [, bang, widthText, heightText] = match;
  const width = widthText === "" ? undefined : parseDimension(widthText, "width", text);
  const height = heightText === "" ? undefined : parseDimension(heightText, "height", text);
  if (width !== undefined && height !== undefined) {
    return { upscale, kind: bang === "" ? "exact" : "confined", width, height };
  }
  if (bang !== "") throw sizeError(text, "!w,h needs both a width and a height");
  if (width !== undefined) return { upscale, kind: "width", width };
  if (height !== undefined) return { upscale, kind: "height", height };
  throw sizeError(text, "needs a width, a height or both");
}

function parseDimension(digits: string, name: string, text: string): number {
  const value = parseInteger(digits);
  if (value === undefined) {
    throw sizeError(text, `${name} ${quoteValue(digits)} is not a valid integer`);
  }
  if (value === 0) throw sizeError(text, `${name} is zero`);
  return value;
}

function sizeError(text: string, reason: string): IiifSyntaxError {
  return new IiifSyntaxError(`Cannot parse size ${quoteValue(text)}: ${reason}`, {
    parameter: "size",
    value: text,
  });
}
