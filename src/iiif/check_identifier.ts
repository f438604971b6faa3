import { quoteValue } from "./_quote_value.ts";
import { IiifSyntaxError } from "./errors.ts";

/** Control characters can only come from a crafted URL and must not reach file names or logs. */
// deno-lint-ignore no-control-regex
const CONTROL_CHARACTER_REGEXP = /[\u0000-\u001f\u007f]/;

/**
 * Rejects an identifier no route may use, before anything looks it up (image requests,
 * info.json and base URIs alike).
 *
 * @example Usage
 * ```ts
 * import { checkIdentifier } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * checkIdentifier("photos:a.jpg");
 * assert.throws(() => checkIdentifier("a\u0000b"), SyntaxError);
 * ```
 *
 * @param identifier The percent-decoded identifier.
 * @throws {IiifSyntaxError} It is empty or holds control characters.
 */
export function checkIdentifier(identifier: string): void {
  if (identifier !== "" && !CONTROL_CHARACTER_REGEXP.test(identifier)) return;
  throw new IiifSyntaxError(
    `Cannot parse identifier ${quoteValue(identifier)}: empty or holds control characters`,
    { parameter: "identifier", value: identifier },
  );
}
