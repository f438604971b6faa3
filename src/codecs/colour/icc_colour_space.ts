/** Where an ICC profile's header names the colour space of its data (ICC.1, 7.2.6). */
const COLOUR_SPACE = { start: 16, end: 20 } as const;
/** A colour space signature ("RGB ", "CMYK", "Lab ", "3CLR" …), not the bytes of a damaged one. */
const COLOUR_SPACE_REGEXP = /^[0-9A-Za-z]{3,4} ?$/;

/**
 * The data colour space an ICC profile's header names, without its padding space: "RGB",
 * "GRAY", "CMYK", "Lab"… Nothing else of the profile is checked.
 *
 * @example Usage
 * ```ts
 * import { iccColourSpace } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const profile = new Uint8Array(128);
 * profile.set(new TextEncoder().encode("RGB "), 16);
 * assert.equal(iccColourSpace(profile), "RGB");
 * assert.equal(iccColourSpace(new Uint8Array(18)), undefined);
 * ```
 *
 * @param profile The profile, whole or at least its header.
 * @returns The signature, or `undefined` when the bytes there are no signature (a damaged or
 * truncated profile).
 */
export function iccColourSpace(profile: Uint8Array): string | undefined {
  if (profile.length < COLOUR_SPACE.end) return undefined;
  const signature = String.fromCharCode(...profile.subarray(COLOUR_SPACE.start, COLOUR_SPACE.end));
  return COLOUR_SPACE_REGEXP.test(signature) ? signature.trim() : undefined;
}
