import {
  type ByteSource,
  type ProbedImage,
  probeSource,
  readSourceMetadata,
  type SourceMetadata,
} from "../codecs/mod.ts";

/** What `tessera info` shows: the header probe, and the orientation and colour metadata. */
export interface SourceInfo {
  readonly probed: ProbedImage;
  readonly metadata: SourceMetadata;
}

/** A range read once, kept for the reads after it. */
interface KeptRead {
  readonly offset: number;
  readonly bytes: Uint8Array;
}

/**
 * Probes a source, then reads its orientation and ICC profile. Both read the header (the metadata
 * reader needs the format the probe finds), so every range read is kept and the second reader
 * gets it from memory: the source's header is read once.
 *
 * @param source The source; nothing but its header is read.
 * @returns The probe and the metadata.
 * @throws {UnsupportedSourceError} The source is no format Tessera reads.
 * @throws {CorruptSourceError} Its header is broken.
 */
export async function readSourceInfo(source: ByteSource): Promise<SourceInfo> {
  const remembered = rememberReads(source);
  const probed = await probeSource(remembered);
  return { probed, metadata: await readSourceMetadata(remembered, probed.format) };
}

/** `source`, answering a read that lies within an earlier one from the bytes kept then. */
function rememberReads(source: ByteSource): ByteSource {
  const kept: KeptRead[] = [];
  return {
    size: source.size,
    async read(offset: number, length: number): Promise<Uint8Array> {
      const held = kept.find((read) =>
        offset >= read.offset && offset + length <= read.offset + read.bytes.length
      );
      // A copy, as a source gives: a reader may write into what it was handed.
      if (held) return held.bytes.slice(offset - held.offset, offset - held.offset + length);
      const bytes = await source.read(offset, length);
      kept.push({ offset, bytes: bytes.slice() });
      return bytes;
    },
  };
}
