import { type ProbedImage, probeSource } from "../codecs/mod.ts";
import { openSourceBytes, type SourceLocation } from "./s3/mod.ts";

/**
 * Reads just enough of a source to know its format, dimensions and (for a pyramid) levels and
 * tiles; see `probeSource`.
 *
 * @param source Where the source is: a file, or an S3 object.
 * @returns What its header says.
 * @throws {UnsupportedSourceError} The bytes are no format Tessera reads.
 * @throws {CorruptSourceError} The header is broken or the source ends inside it.
 * @throws {Deno.errors.NotFound} The file is gone.
 * @throws {UpstreamError} An S3 object changed since it was resolved, or S3 failed.
 */
export async function probeFile(source: SourceLocation): Promise<ProbedImage> {
  const opened = await openSourceBytes(source);
  try {
    return await probeSource(opened.bytes);
  } finally {
    opened.close();
  }
}
