import { PHOTOMETRIC } from "./_tiff_tags.ts";
import type { TiffLevel } from "./_tiff_level.ts";

/**
 * Writes `count` pixels of a decoded tile, from pixel `pixel` of its samples, as RGBA at pixel
 * `targetPixel` of `target`.
 */
export type RowConverter = (
  samples: Uint8Array,
  pixel: number,
  target: Uint8Array,
  targetPixel: number,
  count: number,
) => void;

/**
 * Copies pixels that are already RGBA (decoded JPEG tiles), or CMYK ink for `regionToSrgb` to
 * convert (decoded JPEG tiles of CMYK images).
 */
export const copyRgbaRow: RowConverter = (samples, pixel, target, targetPixel, count) => {
  target.set(samples.subarray(pixel * 4, (pixel + count) * 4), targetPixel * 4);
};

/**
 * The converter from a level's byte samples (see `byteSamples`) to RGBA: gray levels scaled to
 * 0–255 (inverted for MinIsWhite), palette indices looked up, alpha taken from its sample and,
 * when associated (premultiplied), divided out of the colour as `min(255, round(c * 255 / a))`.
 * CMYK samples fill the four slots as they are: the whole region becomes sRGB afterwards, in one
 * conversion (`regionToSrgb`).
 *
 * @param palette For palette images, 8-bit RGB triples indexed by sample value.
 */
export function rgbaRowConverter(level: TiffLevel, palette?: Uint8Array): RowConverter {
  const colour = colourConverter(level, palette);
  if (level.alpha === "none") return colour;
  const { samplesPerPixel, alphaSample } = level;
  const associated = level.alpha === "associated";
  return (samples, pixel, target, targetPixel, count) => {
    colour(samples, pixel, target, targetPixel, count);
    for (let index = 0; index < count; index++) {
      const alpha = samples[(pixel + index) * samplesPerPixel + alphaSample];
      const at = (targetPixel + index) * 4;
      target[at + 3] = alpha;
      if (associated && alpha !== 0 && alpha !== 255) unpremultiply(target, at, alpha);
    }
  };
}

function colourConverter(level: TiffLevel, palette: Uint8Array | undefined): RowConverter {
  const step = level.samplesPerPixel;
  const cmyk = level.photometric === PHOTOMETRIC.SEPARATED;
  if (level.photometric === PHOTOMETRIC.RGB || cmyk) {
    return (samples, pixel, target, targetPixel, count) => {
      for (let index = 0; index < count; index++) {
        const from = (pixel + index) * step;
        const at = (targetPixel + index) * 4;
        target[at] = samples[from];
        target[at + 1] = samples[from + 1];
        target[at + 2] = samples[from + 2];
        target[at + 3] = cmyk ? samples[from + 3] : 255;
      }
    };
  }
  if (palette !== undefined) {
    return (samples, pixel, target, targetPixel, count) => {
      for (let index = 0; index < count; index++) {
        const entry = samples[(pixel + index) * step] * 3;
        const at = (targetPixel + index) * 4;
        target[at] = palette[entry];
        target[at + 1] = palette[entry + 1];
        target[at + 2] = palette[entry + 2];
        target[at + 3] = 255;
      }
    };
  }
  const levels = grayLevels(level);
  return (samples, pixel, target, targetPixel, count) => {
    for (let index = 0; index < count; index++) {
      const gray = levels[samples[(pixel + index) * step]];
      const at = (targetPixel + index) * 4;
      target[at] = gray;
      target[at + 1] = gray;
      target[at + 2] = gray;
      target[at + 3] = 255;
    }
  };
}

/** 8-bit gray for each sample value: scaled from fewer bits, inverted for MinIsWhite. */
function grayLevels(level: TiffLevel): Uint8Array {
  // 16-bit samples arrive scaled to 8 bits already.
  const maximum = (1 << Math.min(level.bitsPerSample, 8)) - 1;
  const levels = new Uint8Array(256);
  for (let value = 0; value <= maximum; value++) {
    const gray = Math.round((value * 255) / maximum);
    levels[value] = level.photometric === PHOTOMETRIC.MIN_IS_WHITE ? 255 - gray : gray;
  }
  return levels;
}

function unpremultiply(target: Uint8Array, at: number, alpha: number): void {
  for (let channel = at; channel < at + 3; channel++) {
    target[channel] = Math.min(255, Math.floor((target[channel] * 255 + (alpha >> 1)) / alpha));
  }
}
