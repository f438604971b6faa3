import type { ByteSource } from "../region_reader.ts";
import { MARKER, type TilePartLength } from "./_codestream_header.ts";
import type { Jp2Header } from "./_jp2_header.ts";
import type { ByteRange, SparseBytes } from "./_sparse_bytes.ts";

/** One tile-part: its tile's index, and where it lies in the file, SOT marker included. */
export interface TilePart extends ByteRange {
  readonly tile: number;
}

/**
 * SOT is 12 bytes: marker, Lsot = 10, Isot, Psot, TPsot, TNsot (ISO/IEC 15444-1, A.4.2). It is
 * also the shortest tile-part: Kakadu writes empty ones, which OpenJPEG accepts.
 */
const SOT_LENGTH = 12;

/**
 * Finds every tile-part of the codestream, and fetches into `bytes` what OpenJPEG reads of the
 * ones it skips on every decode: each SOT marker, and the EOC marker after the last.
 *
 * With TLM markers in the main header, the tile-parts are known at once and their SOT markers
 * are fetched together. Otherwise the chain of SOT markers is walked from the first, each
 * pointing to the next by its length (Psot): one small read per tile-part. A Psot of 0 marks the
 * last tile-part, which runs to the EOC marker at `end − 2`. The index stops quietly at anything
 * that does not fit: OpenJPEG then asks for what it needs when it decodes, and reports what is
 * broken.
 *
 * @param end Where the codestream ends (the file's end, or its `jp2c` box's), at most the
 * source's size.
 * @throws {CorruptSourceError} From `source`, when a read fails.
 */
export async function indexTileParts(
  source: ByteSource,
  header: Jp2Header,
  bytes: SparseBytes,
  end: number,
): Promise<TilePart[]> {
  const listed = header.tilePartLengths;
  const parts = listed === undefined
    ? await walkTileParts(source, header.firstTilePart, bytes, end)
    : listedTileParts(listed, header.firstTilePart, end);
  const last = parts.at(-1);
  const trailer = last === undefined ? header.firstTilePart : last.offset + last.length;
  await bytes.fetch(source, [
    ...parts.map(({ offset }) => ({ offset, length: SOT_LENGTH })),
    { offset: trailer, length: Math.min(2, end - trailer) },
  ]);
  return parts;
}

/** The tile-parts TLM markers list, up to the first that does not fit before `end`. */
function listedTileParts(
  listed: readonly TilePartLength[],
  first: number,
  end: number,
): TilePart[] {
  const parts: TilePart[] = [];
  let offset = first;
  for (const { tile, length } of listed) {
    if (length < SOT_LENGTH || offset + length > end) break;
    parts.push({ tile, offset, length });
    offset += length;
  }
  return parts;
}

/** Follows the SOT markers from `first`, reading each into `bytes`. */
async function walkTileParts(
  source: ByteSource,
  first: number,
  bytes: SparseBytes,
  end: number,
): Promise<TilePart[]> {
  const parts: TilePart[] = [];
  let offset = first;
  while (offset + SOT_LENGTH <= end) {
    await bytes.fetch(source, [{ offset, length: SOT_LENGTH }]);
    const sot = new DataView(bytes.slice(offset, SOT_LENGTH)!.buffer);
    if (sot.getUint16(0) !== MARKER.sot || sot.getUint16(2) !== SOT_LENGTH - 2) break;
    const declared = sot.getUint32(6);
    const length = declared === 0 ? end - 2 - offset : declared;
    if (length < SOT_LENGTH || offset + length > end) break;
    parts.push({ tile: sot.getUint16(4), offset, length });
    offset += length;
    if (declared === 0) break;
  }
  return parts;
}
