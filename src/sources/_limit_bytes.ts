/**
 * Passes `body` through, throwing `tooLarge()` as soon as more than `maxBytes` arrived, so an
 * endless or oversized answer is cut off after at most one chunk beyond the limit.
 *
 * @param body The chunks.
 * @param options The limit, and the error to throw past it.
 * @throws {Error} `tooLarge()`, past the limit.
 */
export async function* limitBytes(
  body: AsyncIterable<Uint8Array>,
  options: { maxBytes: number; tooLarge: () => Error },
): AsyncGenerator<Uint8Array> {
  let received = 0;
  for await (const chunk of body) {
    received += chunk.byteLength;
    if (received > options.maxBytes) throw options.tooLarge();
    yield chunk;
  }
}
