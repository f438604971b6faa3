/** What a `Range` header asks of a representation of known size. */
export type ByteRange =
  /** No usable range: answer 200 with everything. */
  | { readonly kind: "whole" }
  /** Answer 206 with bytes `start` to `end`, both inclusive. */
  | { readonly kind: "part"; readonly start: number; readonly end: number }
  /** Answer 416: the range starts beyond the end. */
  | { readonly kind: "unsatisfiable" };

const SINGLE_RANGE_REGEXP = /^bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i;

/**
 * Reads a `Range` header (RFC 9110 §14.2) against a representation of `size` bytes. Only one
 * byte range is honoured: a header listing several, naming another unit or broken in syntax is
 * ignored (the whole representation is sent, which the RFC allows), since a multipart answer
 * would buy downloaders nothing.
 *
 * @example Usage
 * ```ts
 * import { parseByteRange } from "./byte_range.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(parseByteRange("bytes=-100", 1000), { kind: "part", start: 900, end: 999 });
 * assert.deepEqual(parseByteRange("bytes=1000-", 1000), { kind: "unsatisfiable" });
 * assert.deepEqual(parseByteRange("bytes=0-1,5-6", 1000), { kind: "whole" });
 * ```
 *
 * @param header The `Range` header, or null.
 * @param size The representation's length.
 * @returns What to send.
 */
export function parseByteRange(header: string | null, size: number): ByteRange {
  const match = header === null ? null : SINGLE_RANGE_REGEXP.exec(header);
  if (!match) return { kind: "whole" };
  const [, first, last] = match;
  if (first === "") return suffixRange(last, size);
  const start = Number(first);
  const end = last === "" ? Infinity : Number(last);
  if (end < start) return { kind: "whole" };
  if (start >= size) return { kind: "unsatisfiable" };
  return { kind: "part", start, end: Math.min(end, size - 1) };
}

/** `bytes=-n`: the last `n` bytes. */
function suffixRange(last: string, size: number): ByteRange {
  if (last === "") return { kind: "whole" };
  const length = Number(last);
  if (length === 0 || size === 0) return { kind: "unsatisfiable" };
  return { kind: "part", start: Math.max(0, size - length), end: size - 1 };
}
