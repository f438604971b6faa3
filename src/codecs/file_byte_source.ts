import { CorruptSourceError } from "./errors.ts";
import type { ByteSource } from "./region_reader.ts";

/**
 * A {@linkcode ByteSource} over an open file. Reads are synchronous, a seek and reads on the one
 * file position that nothing can come between: the async ops cost several times the copy of a
 * tile from the page cache. They block whichever thread calls, the main thread too (probes,
 * stored tiles, `/originals/` in 1 MiB chunks), so sources belong on local disks (README,
 * Storage).
 *
 * @param file Kept open by the caller, who closes it when done with every read.
 * @param size The file's length, from `stat`.
 * @returns A source whose `read` rejects with `CorruptSourceError` for a range past `size`, or
 *   one the file no longer holds.
 * @example Usage
 * ```ts
 * import { fileByteSource } from "./file_byte_source.ts";
 * import assert from "node:assert/strict";
 *
 * const path = await Deno.makeTempFile();
 * await Deno.writeTextFile(path, "II*\0 and more");
 * using file = await Deno.open(path);
 * const source = fileByteSource(file, (await file.stat()).size);
 * assert.deepEqual([...await source.read(0, 4)], [0x49, 0x49, 0x2a, 0]);
 * await assert.rejects(source.read(10, 5));
 * await Deno.remove(path);
 * ```
 */
export function fileByteSource(file: Deno.FsFile, size: number): ByteSource {
  return {
    size,
    read(offset: number, length: number, into?: Uint8Array): Promise<Uint8Array> {
      const valid = Number.isSafeInteger(offset) && Number.isSafeInteger(length) &&
        offset >= 0 && length >= 0 && offset + length <= size;
      if (!valid) {
        return Promise.reject(
          new CorruptSourceError(
            `Cannot read bytes ${offset} to ${offset + length}: the file has ${size} bytes`,
          ),
        );
      }
      const bytes = into?.length === length ? into : new Uint8Array(length);
      return new Promise((resolve) => resolve(readAt(file, offset, bytes)));
    },
  };
}

function readAt(file: Deno.FsFile, offset: number, bytes: Uint8Array): Uint8Array {
  const { length } = bytes;
  file.seekSync(offset, Deno.SeekMode.Start);
  for (let filled = 0; filled < length;) {
    const count = file.readSync(bytes.subarray(filled));
    if (count === null) {
      throw new CorruptSourceError(
        `Cannot read bytes ${offset} to ${offset + length}: the file ends at ${offset + filled}`,
      );
    }
    filled += count;
  }
  return bytes;
}
