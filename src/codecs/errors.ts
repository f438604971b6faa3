/**
 * A source whose format Tessera cannot read (TIFF and JPEG 2000 for now, CMYK or 12-bit JPEG,
 * animated WebP, an unknown signature): answered with 415.
 *
 * It crosses the worker boundary as `{ name, message }` and is rebuilt with
 * `new UnsupportedSourceError(message)`.
 *
 * @example Usage
 * ```ts
 * import { UnsupportedSourceError } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const error = new UnsupportedSourceError("Cannot read TIFF sources yet");
 * assert.equal(error.name, "UnsupportedSourceError");
 * ```
 */
export class UnsupportedSourceError extends Error {
  /**
   * Constructs a new instance.
   *
   * @param message Which format, and what about it is not supported.
   * @param options An optional cause.
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "UnsupportedSourceError";
  }
}

/**
 * A source in a supported format whose bytes are broken: a truncated file, a garbled header, data
 * the decoder rejects. Answered with 500.
 *
 * It crosses the worker boundary as `{ name, message }` and is rebuilt with
 * `new CorruptSourceError(message)`.
 *
 * @example Usage
 * ```ts
 * import { CorruptSourceError } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const error = new CorruptSourceError("Cannot decode JPEG: Premature end of JPEG file");
 * assert.equal(error.name, "CorruptSourceError");
 * ```
 */
export class CorruptSourceError extends Error {
  /**
   * Constructs a new instance.
   *
   * @param message Which format, and what is wrong with the bytes.
   * @param options An optional cause, such as the decoder's own error.
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "CorruptSourceError";
  }
}
