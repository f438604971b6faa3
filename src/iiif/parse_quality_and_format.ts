import { quoteValue } from "./_quote_value.ts";
import { IiifSyntaxError } from "./errors.ts";
import type { OutputFormat, Quality } from "./image_request.ts";
import { isOutputFormat, isQuality, OUTPUT_FORMATS, QUALITIES } from "./qualities_and_formats.ts";

/**
 * Parses the last segment of an image request, `{quality}.{format}`. Formats Tessera does not
 * encode (`jp2`, `pdf`, anything else) are refused like any unknown value.
 *
 * @example Usage
 * ```ts
 * import { parseQualityAndFormat } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(parseQualityAndFormat("gray.webp"), { quality: "gray", format: "webp" });
 * assert.throws(() => parseQualityAndFormat("default.jp2"), { name: "IiifSyntaxError" });
 * ```
 *
 * @param text The segment, percent-decoded, e.g. `default.jpg`.
 * @throws {IiifSyntaxError} When there is no `.`, or the quality or the format is unknown.
 */
export function parseQualityAndFormat(
  text: string,
): { quality: Quality; format: OutputFormat } {
  const dot = text.indexOf(".");
  if (dot === -1) {
    throw new IiifSyntaxError(`Cannot parse ${quoteValue(text)}: expected {quality}.{format}`, {
      parameter: "format",
      value: text,
    });
  }
  const quality = text.slice(0, dot);
  const format = text.slice(dot + 1);
  if (!isQuality(quality)) {
    throw new IiifSyntaxError(
      `Cannot parse quality ${quoteValue(quality)}: expected one of ${QUALITIES.join(", ")}`,
      { parameter: "quality", value: quality },
    );
  }
  if (!isOutputFormat(format)) {
    throw new IiifSyntaxError(
      `Cannot parse format ${quoteValue(format)}: expected one of ${OUTPUT_FORMATS.join(", ")}`,
      { parameter: "format", value: format },
    );
  }
  return { quality, format };
}
