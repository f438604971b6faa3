import { fileByteSource, type ProbedImage, probeSource } from "../codecs/mod.ts";

/**
 * Reads just enough of a file to know its format, dimensions and (for a pyramid) levels and
 * tiles; see `probeSource`.
 *
 * @param path The file to probe.
 * @returns What its header says.
 * @throws {UnsupportedSourceError} The bytes are no format Tessera reads.
 * @throws {CorruptSourceError} The header is broken or the file ends inside it.
 */
export async function probeFile(path: string): Promise<ProbedImage> {
  using file = await Deno.open(path, { read: true });
  const { size } = await file.stat();
  return await probeSource(fileByteSource(file, size));
}
