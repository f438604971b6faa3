/**
 * A corpus of broken sources cut from intact ones: truncations at several offsets, bits flipped
 * at seeded positions (mostly in the headers, where a flip changes what a reader believes), empty
 * files, files under the wrong extension, headers claiming absurd dimensions, and TIFFs whose
 * directories loop or whose tile grid is absurd.
 *
 * @module
 */
import { crc32 } from "node:zlib";
import type { SeededRandom } from "./_hostile_random.ts";
import {
  absurdDimensions,
  absurdTileCount,
  loopedChain,
  selfContainingSubIfd,
  tinyTiles,
} from "./_hostile_tiff_patches.ts";

/** Truncation points: absolute byte counts, then fractions of the file. */
const CUTS = [1, 3, 8, 20, 64, 200, 0.25, 0.5, 0.75, 0.97];
/** Bit-flipped copies made of each intact source. */
const FLIPS_PER_SOURCE = 14;
/** The part of a file most flips land in: signatures, headers, marker segments. */
const HEADER_BYTES = 600;

/**
 * Every broken file, by file name (the name says how it was made), from the intact `sources`.
 *
 * @param sources Intact files by name (`good.jpg`, `deflate.tif`, …).
 * @param random Decides where bits flip.
 */
export function damagedSources(
  sources: Readonly<Record<string, Uint8Array>>,
  random: SeededRandom,
): Record<string, Uint8Array> {
  const damaged: Record<string, Uint8Array> = {};
  for (const [name, bytes] of Object.entries(sources)) {
    for (const cut of new Set(CUTS.map((c) => (c < 1 ? Math.floor(bytes.length * c) : c)))) {
      if (cut < bytes.length) damaged[`cut${cut}-${name}`] = bytes.slice(0, cut);
    }
    for (let i = 0; i < FLIPS_PER_SOURCE; i++) {
      damaged[`flip${i}-${name}`] = flipBits(bytes, random);
    }
  }
  return { ...damaged, ...specialCases(sources) };
}

/** A copy with one to four bits flipped, two thirds of them within the header bytes. */
function flipBits(bytes: Uint8Array, random: SeededRandom): Uint8Array {
  const copy = bytes.slice();
  for (let n = random.between(1, 4); n > 0; n--) {
    const span = random.chance(2 / 3) ? Math.min(HEADER_BYTES, copy.length) : copy.length;
    copy[random.int(span)] ^= 1 << random.int(8);
  }
  return copy;
}

function specialCases(sources: Readonly<Record<string, Uint8Array>>): Record<string, Uint8Array> {
  const empty = Object.fromEntries(
    ["jpg", "png", "gif", "webp", "tif", "jp2"].map((ext) => [`empty.${ext}`, new Uint8Array(0)]),
  );
  return {
    ...empty,
    "png-named.jpg": sources["good.png"],
    "jpeg-named.png": sources["good.jpg"],
    "tiff-named.jp2": sources["deflate.tif"],
    "jp2-named.tif": sources["tiled.jp2"],
    "huge-sof.jpg": withJpegSize(sources["good.jpg"], 65535, 65535),
    "huge-ihdr.png": withPngSize(sources["good.png"], 1_000_000, 1_000_000),
    "huge-screen.gif": withGifSize(sources["good.gif"], 65535, 65535),
    "looped-ifds.tif": loopedChain(sources["deflate.tif"]),
    "looped-strips.tif": loopedChain(sources["strips.tif"]),
    "self-subifd.tif": selfContainingSubIfd(sources["subifd.tif"]),
    "absurd-dimensions.tif": absurdDimensions(sources["jpeg.tif"]),
    "absurd-tile-count.tif": absurdTileCount(sources["deflate.tif"]),
    "tiny-tiles.tif": tinyTiles(sources["deflate.tif"]),
  };
}

/** A JPEG whose frame header (SOF0/SOF2) claims `width`×`height`. */
function withJpegSize(jpeg: Uint8Array, width: number, height: number): Uint8Array {
  const copy = jpeg.slice();
  const view = new DataView(copy.buffer);
  for (let at = 2; at + 4 < copy.length; at += 2 + view.getUint16(at + 2)) {
    if (copy[at + 1] === 0xc0 || copy[at + 1] === 0xc2) {
      view.setUint16(at + 5, height);
      view.setUint16(at + 7, width);
      return copy;
    }
  }
  throw new Error("No SOF0 or SOF2 marker in the JPEG");
}

/** A PNG whose IHDR claims `width`×`height`, with its CRC fixed so only the size is wrong. */
function withPngSize(png: Uint8Array, width: number, height: number): Uint8Array {
  const copy = png.slice();
  const view = new DataView(copy.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  view.setUint32(29, crc32(copy.subarray(12, 29)));
  return copy;
}

/** A GIF whose logical screen and first image descriptor claim `width`×`height`. */
function withGifSize(gif: Uint8Array, width: number, height: number): Uint8Array {
  const copy = gif.slice();
  const view = new DataView(copy.buffer);
  view.setUint16(6, width, true);
  view.setUint16(8, height, true);
  const descriptor = firstImageDescriptor(copy);
  view.setUint16(descriptor + 5, width, true);
  view.setUint16(descriptor + 7, height, true);
  return copy;
}

/** Skips the global colour table and any extension blocks to the first `,` (0x2C) descriptor. */
function firstImageDescriptor(gif: Uint8Array): number {
  const packed = gif[10];
  let at = 13 + (packed & 0x80 ? 3 * 2 ** ((packed & 7) + 1) : 0);
  while (gif[at] === 0x21) {
    for (at += 2; gif[at] !== 0; at += gif[at] + 1);
    at++;
  }
  if (gif[at] !== 0x2c) throw new Error(`No image descriptor at byte ${at} of the GIF`);
  return at;
}
