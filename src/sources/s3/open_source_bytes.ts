import { type ByteSource, fileByteSource } from "../../codecs/mod.ts";
import { s3ByteSource } from "./s3_byte_source.ts";
import type { S3Object } from "./s3_object.ts";

/**
 * Where a source's bytes are: a local file (a disk profile's, or a `web` profile's stored copy)
 * or, when `s3` is set, one version of an S3 object. `SourceRef` and the workers' `JobSource`
 * are both one.
 */
export interface SourceLocation {
  /** The file; for an S3 object only a name for it (`s3://bucket/key`), never opened. */
  readonly path: string;
  readonly s3?: S3Object;
}

/** A source opened for reading; `close()` once every read has settled. */
export interface OpenedBytes {
  readonly bytes: ByteSource;
  close(): void;
}

/**
 * Opens a source's bytes for random access: a file is opened (its size taken from `stat`, as
 * it is now), an S3 object is read by ranged GETs of the version `s3.etag` names. Probing, the
 * workers' whole reads (JPEG, PNG, …) and their region reads (TIFF, JPEG 2000) all go through
 * here, so every kind of source works for every format.
 *
 * @example A file
 * ```ts
 * import { openSourceBytes } from "./open_source_bytes.ts";
 * import assert from "node:assert/strict";
 *
 * const path = await Deno.makeTempFile();
 * await Deno.writeTextFile(path, "GIF89a");
 * const opened = await openSourceBytes({ path });
 * assert.equal(new TextDecoder().decode(await opened.bytes.read(0, 3)), "GIF");
 * opened.close();
 * await Deno.remove(path);
 * ```
 *
 * @param source The file, or the S3 object.
 * @returns The bytes, and how to release the file.
 * @throws {Deno.errors.NotFound} The file is gone (S3 objects fail on their first read instead).
 */
export async function openSourceBytes(source: SourceLocation): Promise<OpenedBytes> {
  if (source.s3 !== undefined) {
    return { bytes: s3ByteSource(source.s3), close: () => {} };
  }
  const file = await Deno.open(source.path, { read: true });
  try {
    const { size } = await file.stat();
    return { bytes: fileByteSource(file, size), close: () => file.close() };
  } catch (error) {
    file.close();
    throw error;
  }
}
