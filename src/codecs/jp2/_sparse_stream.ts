import { READ_CALLBACK, READ_END, SEEK_CALLBACK, SKIP_CALLBACK } from "./_openjpeg_api.ts";
import type { ByteRange, SparseBytes } from "./_sparse_bytes.ts";

/**
 * The read, skip and seek callbacks of one OpenJPEG input stream over {@linkcode SparseBytes}.
 * OpenJPEG calls them synchronously, inside `opj_read_header` and `opj_decode`, on this thread.
 *
 * A read of bytes that are not cached ends the stream (OpenJPEG then fails or stops early) and
 * is noted in {@linkcode SparseStream.missing}: the caller fetches those and decodes again.
 * A read never answers 0 bytes, on which OpenJPEG would loop forever.
 */
export class SparseStream {
  readonly read: Deno.UnsafeCallback<typeof READ_CALLBACK>;
  readonly skip: Deno.UnsafeCallback<typeof SKIP_CALLBACK>;
  readonly seek: Deno.UnsafeCallback<typeof SEEK_CALLBACK>;
  readonly #bytes: SparseBytes;
  readonly #missing: ByteRange[] = [];
  #position = 0;

  /** Creates the callbacks; {@linkcode SparseStream.close} frees them. */
  constructor(bytes: SparseBytes) {
    this.#bytes = bytes;
    this.read = new Deno.UnsafeCallback(
      READ_CALLBACK,
      (buffer, length) => this.#read(buffer, Number(length)),
    );
    this.skip = new Deno.UnsafeCallback(SKIP_CALLBACK, (length) => {
      this.#position += Number(length);
      return length;
    });
    this.seek = new Deno.UnsafeCallback(SEEK_CALLBACK, (offset) => {
      if (Number(offset) > bytes.size) return 0;
      this.#position = Number(offset);
      return 1;
    });
  }

  /** The uncached ranges OpenJPEG asked for, in the order it asked. */
  get missing(): readonly ByteRange[] {
    return this.#missing;
  }

  /** Frees the callbacks, once OpenJPEG's stream is destroyed. */
  close(): void {
    this.read.close();
    this.skip.close();
    this.seek.close();
  }

  /** Copies the cached run at the position, up to `length` bytes, into OpenJPEG's `buffer`. */
  #read(buffer: Deno.PointerValue, length: number): bigint {
    const offset = this.#position;
    if (offset >= this.#bytes.size || buffer === null || length === 0) return READ_END;
    const run = this.#bytes.runAt(offset);
    if (run === undefined) {
      this.#missing.push({ offset, length: Math.min(length, this.#bytes.size - offset) });
      return READ_END;
    }
    const count = Math.min(length, run.length);
    new Uint8Array(Deno.UnsafePointerView.getArrayBuffer(buffer, count)).set(
      run.subarray(0, count),
    );
    this.#position += count;
    return BigInt(count);
  }
}
