import { assembleTiff, FIELD, type IfdEntry } from "../../../src/codecs/_tiff_directories.ts";

const { SHORT, LONG, UNDEFINED } = FIELD;

/**
 * A little-endian CMYK TIFF (InkSet 1) whose one strip is `jpeg`, a complete JPEG with its own
 * tables and no JPEGTables tag: TIFF Technical Note 2 allows it, and it stores a JPEG exactly as
 * another tool wrote it, Adobe segment included. The strip comes right after the header, the
 * directory after the strip.
 *
 * @param options The JPEG's size, and the ICC profile for tag 34675, if any.
 */
export function cmykJpegStripTiff(
  jpeg: Uint8Array,
  options: { width: number; height: number; profile?: Uint8Array },
): Uint8Array {
  const { width, height, profile } = options;
  const profileEntries: IfdEntry[] = profile === undefined
    ? []
    : [{ tag: 34675, type: UNDEFINED, values: [...profile] }];
  return assembleTiff([{
    chunks: [jpeg],
    entries: ([stripOffset]) => [
      { tag: 256, type: LONG, values: [width] },
      { tag: 257, type: LONG, values: [height] },
      { tag: 258, type: SHORT, values: [8, 8, 8, 8] },
      { tag: 259, type: SHORT, values: [7] },
      { tag: 262, type: SHORT, values: [5] },
      { tag: 273, type: LONG, values: [stripOffset] },
      { tag: 277, type: SHORT, values: [4] },
      { tag: 278, type: LONG, values: [height] },
      { tag: 279, type: LONG, values: [jpeg.length] },
      { tag: 332, type: SHORT, values: [1] },
      ...profileEntries,
    ],
  }]);
}
