import { quoteValue } from "./_quote_value.ts";
import { IiifSyntaxError } from "./errors.ts";

/** Control characters can only come from a crafted URL and must not reach file names or logs. */
// deno-lint-ignore no-control-regex
const CONTROL_CHARACTER_REGEXP = /[\u0000-\u001f\u007f]/;

/** Longest identifier accepted, in UTF-8 bytes: far above any real file path or object key. */
const MAX_IDENTIFIER_BYTES = 1024;

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
 * assert.throws(() => checkIdentifier("a".repeat(1025)), SyntaxError);
 * ```
 *
 * @param identifier The percent-decoded identifier.
 * @throws {IiifSyntaxError} It is empty, longer than 1024 UTF-8 bytes or holds control
 *   characters.
 */
export function checkIdentifier(identifier: string): void {
  const bytes = new TextEncoder().encode(identifier).byteLength;
  if (bytes > MAX_IDENTIFIER_BYTES) {
    throw new IiifSyntaxError(
      `Cannot parse identifier ${quoteValue(identifier)}: ${bytes} bytes long, more than ` +
        `${MAX_IDENTIFIER_BYTES}`,
      { parameter: "identifier", value: identifier },
    );
  }
  if (identifier !== "" && !CONTROL_CHARACTER_REGEXP.test(identifier)) return;
  throw new IiifSyntaxError(
    `Cannot parse identifier ${quoteValue(identifier)}: empty or holds control characters`,
    { parameter: "identifier", value: identifier },
  );
}
