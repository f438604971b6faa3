/** Characters of a value an error message quotes: one URL segment may hold 4,000. */
const MAX_QUOTED_CHARACTERS = 64;
/** Half of a character cut in two, which would print as "\ud83d". */
const HIGH_SURROGATE_AT_END_REGEXP = /[\ud800-\udbff]$/;

/**
 * Quotes a request value for an error message, as a JSON string (so quotes and control
 * characters are escaped), cut after 64 characters with its full length given: an error answer
 * stays one short line whatever the URL holds.
 *
 * @example Usage
 * ```ts
 * import { quoteValue } from "./_quote_value.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(quoteValue("0,"), '"0,"');
 * assert.equal(quoteValue("9".repeat(100)), `"${"9".repeat(64)}…" (100 characters)`);
 * ```
 *
 * @param text The value as received.
 * @returns The quoted value, or its first 64 characters quoted and followed by its length.
 */
export function quoteValue(text: string): string {
  if (text.length <= MAX_QUOTED_CHARACTERS) return JSON.stringify(text);
  const start = text.slice(0, MAX_QUOTED_CHARACTERS).replace(HIGH_SURROGATE_AT_END_REGEXP, "");
  return `${JSON.stringify(`${start}…`)} (${text.length} characters)`;
}
