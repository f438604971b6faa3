import { CorruptSourceError, type ProbedImage, probeImage } from "../codecs/mod.ts";

const FIRST_READ_BYTES = 64 * 1024;

/**
 * Reads just enough of a file to know its format and dimensions: 64 KiB first, doubling while
 * the header is not complete (a JPEG may carry a large EXIF block before its frame header).
 *
 * @param path The file to probe.
 * @returns What its header says.
 * @throws {UnsupportedSourceError} The bytes are no format Tessera reads.
 * @throws {CorruptSourceError} The header is broken or the file ends inside it.
 */
export async function probeFile(path: string): Promise<ProbedImage> {
  using file = await Deno.open(path, { read: true });
  let head: Uint8Array = new Uint8Array(0);
  let want = FIRST_READ_BYTES;
  while (true) {
    const chunk = new Uint8Array(want - head.length);
    const read = await readFully(file, chunk);
    head = concat(head, chunk.subarray(0, read));
    const probed = probeImage(head);
    if (probed !== undefined) return probed;
    if (head.length < want) {
      throw new CorruptSourceError("The file ends before its image header is complete");
    }
    want *= 2;
  }
}

async function readFully(file: Deno.FsFile, into: Uint8Array): Promise<number> {
  let filled = 0;
  while (filled < into.length) {
    const n = await file.read(into.subarray(filled));
    if (n === null) break;
    filled += n;
  }
  return filled;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
