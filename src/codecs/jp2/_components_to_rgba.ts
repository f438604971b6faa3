import type { Raster } from "../../ops/raster.ts";
import { UnsupportedSourceError } from "../errors.ts";

/** One decoded component as OpenJPEG leaves it: one `int32` sample per pixel. */
export interface DecodedComponent {
  readonly samples: Int32Array;
  /** Bits per sample. */
  readonly precision: number;
  readonly signed: boolean;
}

/**
 * Which RGBA channels each component fills, by component count: gray, gray + alpha, RGB, RGBA.
 * Channels no component fills are opaque alpha.
 */
const CHANNELS_BY_COUNT: Readonly<Record<number, readonly (readonly number[])[]>> = {
  1: [[0, 1, 2]],
  2: [[0, 1, 2], [3]],
  3: [[0], [1], [2]],
  4: [[0], [1], [2], [3]],
};

/**
 * Writes decoded components into an RGBA raster of the same size, scaling each component's
 * range to 0…255 with rounding (12-bit 4095 becomes 255, 1-bit 1 becomes 255); signed samples
 * are shifted to unsigned first, and samples outside the range are clamped.
 *
 * @throws {UnsupportedSourceError} For more than four components.
 */
export function componentsToRgba(components: readonly DecodedComponent[], raster: Raster): void {
  const channels = channelsOf(components.length);
  const pixels = raster.width * raster.height;
  if (components.length % 2 === 1) fillAlpha(raster.data, pixels);
  components.forEach((component, index) => {
    for (const channel of channels[index]) writeChannel(component, raster.data, channel, pixels);
  });
}

/**
 * The RGBA channels each of `count` components fills.
 *
 * @throws {UnsupportedSourceError} Unless `count` is 1 to 4.
 */
export function channelsOf(count: number): readonly (readonly number[])[] {
  const channels = CHANNELS_BY_COUNT[count];
  if (channels === undefined) {
    throw new UnsupportedSourceError(
      `Cannot read JPEG 2000 with "${count}" components: only 1 to 4 (gray, gray and alpha, ` +
        "RGB, RGBA)",
    );
  }
  return channels;
}

function writeChannel(
  { samples, precision, signed }: DecodedComponent,
  rgba: Uint8Array,
  channel: number,
  pixels: number,
): void {
  // Assigning to a clamped view clamps to 0…255 and rounds, half to even; but 510 × sample is
  // even and (2k + 1) × max odd, so no scaled sample lies exactly halfway.
  const clamped = new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, pixels * 4);
  const offset = signed ? 2 ** (precision - 1) : 0;
  const scale = 255 / (2 ** precision - 1);
  for (let pixel = 0; pixel < pixels; pixel++) {
    clamped[pixel * 4 + channel] = (samples[pixel] + offset) * scale;
  }
}

function fillAlpha(rgba: Uint8Array, pixels: number): void {
  for (let pixel = 0; pixel < pixels; pixel++) rgba[pixel * 4 + 3] = 255;
}
