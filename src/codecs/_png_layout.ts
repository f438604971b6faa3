import { CorruptSourceError } from "./errors.ts";

/** Samples per pixel of each PNG colour type: gray, RGB, palette, gray+alpha, RGBA. */
const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * The seven Adam7 passes as `[x0, y0, dx, dy]`: where each pass starts and how far apart its
 * pixels are (PNG specification, 8.2).
 */
const ADAM7: readonly (readonly [number, number, number, number])[] = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
];

/** What IHDR says about how the pixels are laid out. */
export interface PngHeader {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  readonly colorType: number;
  readonly interlaced: boolean;
}

/** One reduced image of the stream: the whole image, or one Adam7 pass. */
export interface PngPass {
  /** Where the pass's first pixel goes and the steps between its pixels, in the image. */
  readonly x0: number;
  readonly y0: number;
  readonly dx: number;
  readonly dy: number;
  readonly width: number;
  readonly height: number;
  /** Bytes of one scanline, filter byte excluded. */
  readonly rowBytes: number;
  /** Offset of the pass's first filter byte in the inflated stream. */
  readonly offset: number;
}

/** How the inflated stream splits into passes, and the sizes the decoder needs. */
export interface PngLayout {
  readonly passes: readonly PngPass[];
  readonly channels: number;
  /** Bytes between a byte and the one the Sub, Average and Paeth filters pair it with. */
  readonly filterDistance: number;
  /** The exact length of the inflated image data. */
  readonly streamLength: number;
}

/**
 * The layout of the image data of a PNG with `header`: the passes with a pixel in them (Adam7
 * skips empty ones entirely, filter bytes included) and where each starts.
 *
 * @throws {CorruptSourceError} The colour type is unknown.
 */
export function pngLayout(header: PngHeader): PngLayout {
  const channels = CHANNELS[header.colorType];
  if (channels === undefined) {
    throw new CorruptSourceError(`Cannot decode PNG: colour type "${header.colorType}"`);
  }
  const bitsPerPixel = channels * header.bitDepth;
  const geometry = header.interlaced ? ADAM7 : [[0, 0, 1, 1] as const];
  const passes: PngPass[] = [];
  let offset = 0;
  for (const [x0, y0, dx, dy] of geometry) {
    const width = Math.max(0, Math.ceil((header.width - x0) / dx));
    const height = Math.max(0, Math.ceil((header.height - y0) / dy));
    if (width === 0 || height === 0) continue;
    const rowBytes = Math.ceil((width * bitsPerPixel) / 8);
    passes.push({ x0, y0, dx, dy, width, height, rowBytes, offset });
    offset += height * (rowBytes + 1);
  }
  return {
    passes,
    channels,
    filterDistance: Math.max(1, bitsPerPixel >> 3),
    streamLength: offset,
  };
}
