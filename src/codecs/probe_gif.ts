import { CorruptSourceError } from "./errors.ts";
import type { ImageHeader } from "./probed_image.ts";

/** Signature and logical screen descriptor. */
const HEADER_LENGTH = 13;
const EXTENSION = 0x21;
const GRAPHIC_CONTROL = 0xf9;
const IMAGE_DESCRIPTOR = 0x2c;
const TRAILER = 0x3b;

/**
 * Reads a GIF's logical screen size. `hasAlpha` describes the first frame, the one Tessera
 * decodes: true when its graphic control extension sets a transparent colour index that exists in
 * its colour table, or when it does not cover the whole screen (the rest is transparent).
 *
 * @param head The first bytes of the file, starting with `GIF87a` or `GIF89a`.
 * @returns The header, or `undefined` when `head` ends before the first image descriptor.
 * @throws {CorruptSourceError} When the screen size is zero or the block structure is broken.
 */
export function probeGif(head: Uint8Array): ImageHeader | undefined {
  if (head.length < HEADER_LENGTH) return undefined;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const width = view.getUint16(6, true);
  const height = view.getUint16(8, true);
  if (width === 0 || height === 0) {
    throw new CorruptSourceError(`Cannot read GIF header: screen size "${width}x${height}"`);
  }
  const globalColours = colourCount(view.getUint8(10));
  const frame = readFirstFrame(view, HEADER_LENGTH + 3 * globalColours, globalColours);
  if (frame === undefined) return undefined;
  const covers = frame.x === 0 && frame.y === 0 && frame.width >= width &&
    frame.height >= height;
  return { width, height, hasAlpha: frame.transparent || !covers };
}

interface FirstFrame {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly transparent: boolean;
}

/** The colour table size given by a screen or image descriptor's packed byte (0 if none). */
function colourCount(packed: number): number {
  return packed & 0x80 ? 2 ** ((packed & 0x07) + 1) : 0;
}

/** Walks the blocks before the first image descriptor; `undefined` when `view` ends first. */
function readFirstFrame(
  view: DataView,
  start: number,
  globalColours: number,
): FirstFrame | undefined {
  let transparentIndex = -1;
  let offset = start;
  while (offset + 2 <= view.byteLength) {
    const introducer = view.getUint8(offset);
    if (introducer === IMAGE_DESCRIPTOR) {
      if (offset + 10 > view.byteLength) return undefined;
      const [x, y, width, height] = [1, 3, 5, 7].map((at) => view.getUint16(offset + at, true));
      const colours = colourCount(view.getUint8(offset + 9)) || globalColours;
      return {
        x,
        y,
        width,
        height,
        transparent: transparentIndex >= 0 && transparentIndex < colours,
      };
    }
    if (introducer !== EXTENSION) {
      const found = introducer === TRAILER ? "the trailer" : `byte "${introducer}"`;
      throw new CorruptSourceError(`Cannot read GIF header: found ${found} before any image`);
    }
    if (view.getUint8(offset + 1) === GRAPHIC_CONTROL && offset + 7 <= view.byteLength) {
      const hasTransparency = (view.getUint8(offset + 3) & 0x01) === 1;
      transparentIndex = hasTransparency ? view.getUint8(offset + 6) : -1;
    }
    offset = skipSubBlocks(view, offset + 2);
  }
  return undefined;
}

/** Returns the offset after a chain of data sub-blocks (or past the end of `view`). */
function skipSubBlocks(view: DataView, start: number): number {
  let offset = start;
  while (offset < view.byteLength) {
    const size = view.getUint8(offset);
    offset += 1 + size;
    if (size === 0) return offset;
  }
  return view.byteLength + 1;
}
