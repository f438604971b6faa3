import { openSourceBytes, type SourceLocation } from "../sources/mod.ts";

/** Bytes read per chunk: large enough for few reads (or S3 GETs), small enough to stay flat. */
export const CHUNK_BYTES = 1 << 20;

/**
 * The bytes `start` to `end` (inclusive) of a source, read chunk by chunk as they are asked for:
 * a local file by positional reads, an S3 object by ranged GETs, so nothing is ever read whole.
 * The source is opened at the first chunk and closed when the last is read or the reader stops,
 * so a stream that is never read (the body of a HEAD answer) opens nothing.
 *
 * @param source The file or S3 object.
 * @param range The first and last byte; `end < start` yields nothing.
 * @returns The chunks, each at most {@linkcode CHUNK_BYTES}.
 * @throws {CorruptSourceError} The source is shorter than `end` (it shrank since it was looked up).
 * @throws {Deno.errors.NotFound} The file is gone.
 */
export async function* sourceChunks(
  source: SourceLocation,
  range: { readonly start: number; readonly end: number },
): AsyncGenerator<Uint8Array> {
  if (range.end < range.start) return;
  const opened = await openSourceBytes(source);
  try {
    for (let at = range.start; at <= range.end; at += CHUNK_BYTES) {
      yield await opened.bytes.read(at, Math.min(CHUNK_BYTES, range.end + 1 - at));
    }
  } finally {
    opened.close();
  }
}
