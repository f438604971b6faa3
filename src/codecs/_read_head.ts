import { CorruptSourceError } from "./errors.ts";
import type { ByteSource } from "./region_reader.ts";

const FIRST_READ_BYTES = 64 * 1024;

/**
 * Reads the first 64 KiB of a source, doubling while `parse` says the head is too short (a JPEG
 * may carry a large EXIF block before its frame header), reading only what the head lacks.
 *
 * @param parse What is wanted from the head, or `undefined` to read more.
 * @returns The first value `parse` gives.
 * @throws {CorruptSourceError} When the source ends and `parse` still wants more.
 */
export async function readHeadUntil<T>(
  source: ByteSource,
  parse: (head: Uint8Array) => T | undefined,
): Promise<T> {
  let head: Uint8Array = new Uint8Array(0);
  for (let want = FIRST_READ_BYTES;; want *= 2) {
    head = await readMore(source, head, Math.min(want, source.size));
    const parsed = parse(head);
    if (parsed !== undefined) return parsed;
    if (head.length < want) {
      throw new CorruptSourceError("The file ends before its image header is complete");
    }
  }
}

/** `head` extended to the first `length` bytes of `source`, reading only what it lacks. */
async function readMore(source: ByteSource, head: Uint8Array, length: number): Promise<Uint8Array> {
  const more = await source.read(head.length, length - head.length);
  const joined = new Uint8Array(length);
  joined.set(head);
  joined.set(more, head.length);
  return joined;
}
