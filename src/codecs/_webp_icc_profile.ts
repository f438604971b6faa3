/** `RIFF`, the file size and `WEBP`. */
const RIFF_HEADER_LENGTH = 12;
/** A chunk's FourCC and its little-endian size. */
const CHUNK_HEADER_LENGTH = 8;
/** Chunks that start the image data: an ICC profile comes before them. */
const IMAGE_CHUNKS = ["VP8 ", "VP8L", "ANIM", "ALPH"];

/**
 * Finds a WebP's `ICCP` chunk, which an extended (VP8X) file puts before its image data.
 *
 * @param head The first bytes of the file, or all of it.
 * @returns The profile (`profile` absent when there is none), or `undefined` when `head` ends
 * before the profile or the image data: read more.
 */
export function readWebpIccProfile(head: Uint8Array): { profile?: Uint8Array } | undefined {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  let offset = RIFF_HEADER_LENGTH;
  while (offset + CHUNK_HEADER_LENGTH <= head.length) {
    const fourCc = String.fromCharCode(...head.subarray(offset, offset + 4));
    const size = view.getUint32(offset + 4, true);
    const data = offset + CHUNK_HEADER_LENGTH;
    if (fourCc === "ICCP") {
      return data + size <= head.length ? { profile: head.subarray(data, data + size) } : undefined;
    }
    if (IMAGE_CHUNKS.includes(fourCc)) return {};
    // Chunks are padded to an even size.
    offset = data + size + (size & 1);
  }
  return undefined;
}
