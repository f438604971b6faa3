import { parseDecimal } from "./_parse_number.ts";
import { quoteValue } from "./_quote_value.ts";
import { IiifSyntaxError } from "./errors.ts";
import type { RotationRequest } from "./image_request.ts";

const MIRROR_PREFIX = "!";
const FULL_TURN = 360;

/**
 * Parses the rotation parameter: clockwise degrees from 0 to 360 inclusive (a decimal), after an
 * optional `!` that mirrors the image first.
 *
 * @example Usage
 * ```ts
 * import { parseRotation } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(parseRotation("!22.5"), { degrees: 22.5, mirror: true });
 * assert.throws(() => parseRotation("-90"), { name: "IiifSyntaxError" });
 * ```
 *
 * @param text The rotation segment, percent-decoded.
 * @throws {IiifSyntaxError} When the syntax is wrong or the angle is above 360.
 */
export function parseRotation(text: string): RotationRequest {
  const mirror = text.startsWith(MIRROR_PREFIX);
  const degrees = parseDecimal(mirror ? text.slice(MIRROR_PREFIX.length) : text);
  if (degrees === undefined || degrees > FULL_TURN) {
    throw new IiifSyntaxError(
      `Cannot parse rotation ${
        quoteValue(text)
      }: expected degrees from 0 to 360, optionally after "!"`,
      { parameter: "rotation", value: text },
    );
  }
  return { degrees, mirror };
}
