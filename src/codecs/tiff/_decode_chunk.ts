import type { Allocate } from "../_allocate_raster.ts";
import { activeJpegCodec } from "../active_jpeg_codec.ts";
import { CorruptSourceError } from "../errors.ts";
import { byteSamples } from "./_byte_samples.ts";
import { decompress } from "./_decompress.ts";
import { undoHorizontalDifferencing } from "./_horizontal_differencing.ts";
import type { LevelIndex } from "./_level_index.ts";
import { isCmykJpegInverted } from "./_cmyk_jpeg_ink.ts";
import { jpegColourOf } from "./_jpeg_colour.ts";
import { standaloneJpeg } from "./_standalone_jpeg.ts";
import { COMPRESSION } from "./_tiff_tags.ts";
import type { TiffLevel } from "./_tiff_level.ts";

/**
 * A decoded tile or strip: rows of `rowPixels` pixels, as byte samples or, from JPEG, RGBA (CMYK
 * for CMYK images).
 */
export interface DecodedChunk {
  readonly samples: Uint8Array;
  readonly rowPixels: number;
}

/**
 * Decodes one tile or strip. A tile is always stored whole, a strip only as far as the image
 * goes, so `rows` is the tile height, or the rows of this strip inside the image.
 *
 * @param stored The tile's bytes as stored (before undoing FillOrder 2).
 * @param scratch Where JPEG tiles are decoded to; the result is valid until its next use.
 * @throws {CorruptSourceError} When the data is broken or too short.
 * @throws {UnsupportedSourceError} For a JPEG the codec cannot read.
 */
export async function decodeChunk(
  level: TiffLevel,
  index: LevelIndex,
  stored: Uint8Array,
  options: { rows: number; littleEndian: boolean; scratch: Allocate },
): Promise<DecodedChunk> {
  const { rows, littleEndian, scratch } = options;
  const bytes = level.reversedBits ? reverseBits(stored) : stored;
  const rowPixels = level.tileWidth;
  if (level.compression === COMPRESSION.JPEG) {
    return await decodeJpegChunk(level, index, bytes, { rows, scratch });
  }
  const rowSamples = rowPixels * level.samplesPerPixel;
  const rowBytes = Math.ceil((rowSamples * level.bitsPerSample) / 8);
  const decoded = decompress(level.compression, bytes, rowBytes * rows);
  const bits = level.bitsPerSample;
  if (level.differencing) {
    undoHorizontalDifferencing(decoded, {
      rowSamples,
      samplesPerPixel: level.samplesPerPixel,
      bits,
      littleEndian,
    });
  }
  return { samples: byteSamples(decoded, { rowSamples, rows, bits, littleEndian }), rowPixels };
}

/**
 * Decodes a JPEG tile to RGBA or, for CMYK, to ink as TIFF stores it (0 is no ink), which
 * `regionToSrgb` converts with the rest of the region.
 */
async function decodeJpegChunk(
  level: TiffLevel,
  index: LevelIndex,
  bytes: Uint8Array,
  options: { rows: number; scratch: Allocate },
): Promise<DecodedChunk> {
  const colour = jpegColourOf(level);
  const jpeg = standaloneJpeg(bytes, index.jpegTables, colour);
  const inverted = colour === "cmyk" && isCmykJpegInverted(jpeg);
  const raster = await activeJpegCodec().decode(jpeg, 1, options.scratch, {
    rawCmyk: colour === "cmyk",
  });
  if (raster.width < level.tileWidth || raster.height < options.rows) {
    throw new CorruptSourceError(
      `Cannot read TIFF: a JPEG tile is ${raster.width}x${raster.height}, not ` +
        `${level.tileWidth}x${options.rows}`,
    );
  }
  if (inverted) invertSamples(raster.data.subarray(0, raster.width * raster.height * 4));
  return { samples: raster.data, rowPixels: raster.width };
}

function invertSamples(samples: Uint8Array): void {
  for (let index = 0; index < samples.length; index++) samples[index] = 255 - samples[index];
}

const REVERSED_BYTES = Uint8Array.from({ length: 256 }, (_, value) => {
  let reversed = 0;
  for (let bit = 0; bit < 8; bit++) reversed |= ((value >> bit) & 1) << (7 - bit);
  return reversed;
});

/** Undoes FillOrder 2 (least significant bit first) into a new buffer. */
export function reverseBits(bytes: Uint8Array): Uint8Array {
  return bytes.map((value) => REVERSED_BYTES[value]);
}
