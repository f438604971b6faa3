/**
 * Byte patches that turn a valid classic little-endian TIFF (what `vips tiffsave` writes on x86)
 * into a hostile one: directory chains that loop, and tile grids far larger than the file.
 *
 * @module
 */

const TAG = {
  IMAGE_WIDTH: 256,
  IMAGE_LENGTH: 257,
  TILE_WIDTH: 322,
  TILE_LENGTH: 323,
  TILE_OFFSETS: 324,
  TILE_BYTE_COUNTS: 325,
  SUB_IFDS: 330,
} as const;
const LONG = 4;

function viewOf(bytes: Uint8Array): DataView {
  if (bytes[0] !== 0x49 || bytes[1] !== 0x49 || bytes[2] !== 42) {
    throw new Error("Expected a classic little-endian TIFF");
  }
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Offsets of the main directory chain (the file is intact, so it ends). */
function chain(view: DataView): number[] {
  const offsets = [];
  for (
    let at = view.getUint32(4, true);
    at !== 0;
    at = view.getUint32(nextPointer(view, at), true)
  ) {
    offsets.push(at);
  }
  return offsets;
}

function nextPointer(view: DataView, ifd: number): number {
  return ifd + 2 + view.getUint16(ifd, true) * 12;
}

/** Where the 12-byte entry of `tag` in the directory at `ifd` starts. */
function entryOf(view: DataView, ifd: number, tag: number): number {
  for (let i = 0, at = ifd + 2; i < view.getUint16(ifd, true); i++, at += 12) {
    if (view.getUint16(at, true) === tag) return at;
  }
  throw new Error(`No tag ${tag} in the directory at ${ifd}`);
}

function setLong(view: DataView, entry: number, value: number): void {
  view.setUint16(entry + 2, LONG, true);
  view.setUint32(entry + 4, 1, true);
  view.setUint32(entry + 8, value, true);
}

/** A copy whose last directory points back at the first, so the chain never ends. */
export function loopedChain(bytes: Uint8Array): Uint8Array {
  const copy = bytes.slice();
  const view = viewOf(copy);
  const offsets = chain(view);
  view.setUint32(nextPointer(view, offsets.at(-1)!), offsets[0], true);
  return copy;
}

/** A copy whose first SubIFD is the main directory itself, a pyramid that contains itself. */
export function selfContainingSubIfd(bytes: Uint8Array): Uint8Array {
  const copy = bytes.slice();
  const view = viewOf(copy);
  const [first] = chain(view);
  const entry = entryOf(view, first, TAG.SUB_IFDS);
  const valueAt = view.getUint32(entry + 4, true) === 1
    ? entry + 8
    : view.getUint32(entry + 8, true);
  view.setUint32(valueAt, first, true);
  return copy;
}

/** A copy claiming an image of 2³¹−1 × 2³¹−1 pixels, over 10¹⁵ tiles, with six tile offsets. */
export function absurdDimensions(bytes: Uint8Array): Uint8Array {
  const copy = bytes.slice();
  const view = viewOf(copy);
  const [first] = chain(view);
  setLong(view, entryOf(view, first, TAG.IMAGE_WIDTH), 0x7fffffff);
  setLong(view, entryOf(view, first, TAG.IMAGE_LENGTH), 0x7fffffff);
  return copy;
}

/**
 * A copy whose header is consistent but absurd: a 2²⁰ × 2²⁰ image of 2²⁸ tiles, with offset and
 * byte-count arrays of 2²⁸ entries each (a gigabyte apiece) in a file of a few kilobytes.
 */
export function absurdTileCount(bytes: Uint8Array): Uint8Array {
  const copy = bytes.slice();
  const view = viewOf(copy);
  const [first] = chain(view);
  const tileSide = view.getUint16(entryOf(view, first, TAG.TILE_WIDTH) + 8, true);
  const side = tileSide * 2 ** 14;
  setLong(view, entryOf(view, first, TAG.IMAGE_WIDTH), side);
  setLong(view, entryOf(view, first, TAG.IMAGE_LENGTH), side);
  for (const tag of [TAG.TILE_OFFSETS, TAG.TILE_BYTE_COUNTS]) {
    view.setUint32(entryOf(view, first, tag) + 4, 2 ** 28, true);
  }
  return copy;
}

/** A copy whose tiles shrink to 16×16, so the grid needs far more tiles than the file lists. */
export function tinyTiles(bytes: Uint8Array): Uint8Array {
  const copy = bytes.slice();
  const view = viewOf(copy);
  const [first] = chain(view);
  setLong(view, entryOf(view, first, TAG.TILE_WIDTH), 16);
  setLong(view, entryOf(view, first, TAG.TILE_LENGTH), 16);
  return copy;
}
