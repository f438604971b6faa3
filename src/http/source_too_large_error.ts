/**
 * A source exceeds the configured `max_source_bytes`, `max_source_pixels` or
 * `max_decoded_pixels` (HTTP 422): the request is well-formed and the image exists, but this
 * server will not read it.
 */
export class SourceTooLargeError extends Error {
  /**
   * @param message What is too large and which limit it exceeds.
   */
  constructor(message: string) {
    super(message);
    this.name = "SourceTooLargeError";
  }
}
