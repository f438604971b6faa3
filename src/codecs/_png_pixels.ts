import type { PngHeader, PngLayout, PngPass } from "./_png_layout.ts";

/** 16-bit samples to 8 bits, rounded: `round(v * 255 / 65535)`, which is `round(v / 257)`. */
const SIXTEEN_TO_EIGHT_BITS = Uint8Array.from({ length: 65536 }, (_, v) => Math.round(v / 257));

/** The chunks besides IHDR that say what the samples mean. */
export interface PngColours {
  /** PLTE: RGB triplets. */
  readonly palette?: Uint8Array;
  /** tRNS: alpha per palette entry, or the one transparent gray or RGB value (16 bits each). */
  readonly transparency?: Uint8Array;
}

/** Everything a pass's rows are converted with, worked out once per image. */
interface RowContext {
  readonly header: PngHeader;
  readonly channels: number;
  readonly colours: PngColours;
  /** Raw samples of one row, unpacked when they are not bytes. */
  readonly samples: Uint16Array;
  readonly scale: Scale;
  /** A gray or RGB image's transparent colour (tRNS), as raw samples. */
  readonly key: number[] | undefined;
}

/**
 * Writes one unfiltered pass into an RGBA raster of the whole image: every colour type and bit
 * depth becomes 8-bit RGBA (16-bit samples rounded, 1–4-bit gray stretched to 0–255, palette
 * entries looked up), with tRNS turned into alpha.
 *
 * @param stream The inflated, unfiltered image data.
 * @param pass The pass, from {@linkcode PngLayout}.
 * @param context The header, colour chunks and a scratch row of `samples`.
 * @param out The image's RGBA pixels, `width × height × 4` bytes at least.
 */
export function writePngPass(
  stream: Uint8Array,
  pass: PngPass,
  context: RowContext,
  out: Uint8Array,
): void {
  const { width: imageWidth } = context.header;
  const direct = pass.dx === 1;
  const rowPixels = direct ? out : new Uint8Array(pass.width * 4);
  for (let y = 0; y < pass.height; y++) {
    const start = pass.offset + y * (pass.rowBytes + 1) + 1;
    const target = (pass.y0 + y * pass.dy) * imageWidth * 4;
    convertRow(stream, start, pass.width, context, rowPixels, direct ? target : 0);
    if (!direct) scatter(rowPixels, pass, out, target);
  }
}

/** The context {@linkcode writePngPass} needs, with a scratch row sized for the widest pass. */
export function pngRowContext(
  header: PngHeader,
  layout: PngLayout,
  colours: PngColours,
): RowContext {
  const widest = Math.max(...layout.passes.map((pass) => pass.width));
  return {
    header,
    channels: layout.channels,
    colours,
    samples: new Uint16Array(widest * 4),
    scale: scaleOf(header),
    key: header.colorType === 0 || header.colorType === 2
      ? transparentValue(colours, header.colorType)
      : undefined,
  };
}

function scatter(rowPixels: Uint8Array, pass: PngPass, out: Uint8Array, target: number): void {
  const step = pass.dx * 4;
  for (let i = 0, o = target + pass.x0 * 4; i < pass.width * 4; i += 4, o += step) {
    out[o] = rowPixels[i];
    out[o + 1] = rowPixels[i + 1];
    out[o + 2] = rowPixels[i + 2];
    out[o + 3] = rowPixels[i + 3];
  }
}

function convertRow(
  stream: Uint8Array,
  start: number,
  width: number,
  context: RowContext,
  out: Uint8Array,
  at: number,
): void {
  const { header, channels, colours, scale, key } = context;
  const count = width * channels;
  // 8-bit RGBA is already the raster's layout.
  if (header.colorType === 6 && header.bitDepth === 8) {
    out.set(stream.subarray(start, start + count), at);
    return;
  }
  let raw: ArrayLike<number> = stream.subarray(start, start + count);
  if (header.bitDepth !== 8) {
    unpackSamples(stream, start, count, header.bitDepth, context.samples);
    raw = context.samples;
  }
  switch (header.colorType) {
    case 0:
      return grayRow(raw, width, { scale, key }, out, at);
    case 2:
      return rgbRow(raw, width, { scale, key }, out, at);
    case 3:
      return paletteRow(raw, width, colours, out, at);
    default:
      return alphaRow(raw, width, { scale, channels }, out, at);
  }
}

/** Samples of `bitDepth` 1, 2, 4 (packed, high bits first) or 16 (big-endian) as numbers. */
function unpackSamples(
  stream: Uint8Array,
  start: number,
  count: number,
  bitDepth: number,
  into: Uint16Array,
): void {
  if (bitDepth === 16) {
    for (let k = 0, i = start; k < count; k++, i += 2) into[k] = (stream[i] << 8) | stream[i + 1];
    return;
  }
  const mask = (1 << bitDepth) - 1;
  for (let k = 0; k < count; k++) {
    const bit = k * bitDepth;
    into[k] = (stream[start + (bit >> 3)] >> (8 - bitDepth - (bit & 7))) & mask;
  }
}

/** How a raw sample becomes 8 bits (palette indices are not samples and are never scaled). */
type Scale = (value: number) => number;

function scaleOf(header: PngHeader): Scale {
  if (header.bitDepth === 16) return (value) => SIXTEEN_TO_EIGHT_BITS[value];
  if (header.bitDepth === 8 || header.colorType === 3) return (value) => value;
  const factor = 255 / ((1 << header.bitDepth) - 1);
  return (value) => value * factor;
}

/** tRNS of a gray or RGB image: the raw sample values of its one transparent colour. */
function transparentValue(colours: PngColours, colorType: 0 | 2): number[] | undefined {
  const chunk = colours.transparency;
  const length = colorType === 0 ? 2 : 6;
  if (chunk === undefined || chunk.length < length) return undefined;
  const values: number[] = [];
  for (let i = 0; i < length; i += 2) values.push((chunk[i] << 8) | chunk[i + 1]);
  return values;
}

interface KeyedScale {
  readonly scale: Scale;
  readonly key: number[] | undefined;
}

function grayRow(
  raw: ArrayLike<number>,
  width: number,
  s: KeyedScale,
  out: Uint8Array,
  at: number,
) {
  const key = s.key?.[0] ?? -1;
  for (let x = 0, o = at; x < width; x++, o += 4) {
    const value = raw[x];
    const gray = s.scale(value);
    out[o] = gray;
    out[o + 1] = gray;
    out[o + 2] = gray;
    out[o + 3] = value === key ? 0 : 255;
  }
}

function rgbRow(raw: ArrayLike<number>, width: number, s: KeyedScale, out: Uint8Array, at: number) {
  const [kr, kg, kb] = s.key ?? [-1, -1, -1];
  for (let x = 0, k = 0, o = at; x < width; x++, k += 3, o += 4) {
    const r = raw[k], g = raw[k + 1], b = raw[k + 2];
    out[o] = s.scale(r);
    out[o + 1] = s.scale(g);
    out[o + 2] = s.scale(b);
    out[o + 3] = r === kr && g === kg && b === kb ? 0 : 255;
  }
}

/** Indices past the palette show opaque black, as libpng's default leniency does. */
function paletteRow(
  raw: ArrayLike<number>,
  width: number,
  colours: PngColours,
  out: Uint8Array,
  at: number,
) {
  const palette = colours.palette ?? new Uint8Array(0);
  const alphas = colours.transparency ?? new Uint8Array(0);
  const entries = Math.floor(palette.length / 3);
  for (let x = 0, o = at; x < width; x++, o += 4) {
    const index = raw[x];
    const p = index < entries ? index * 3 : -1;
    out[o] = p < 0 ? 0 : palette[p];
    out[o + 1] = p < 0 ? 0 : palette[p + 1];
    out[o + 2] = p < 0 ? 0 : palette[p + 2];
    out[o + 3] = p >= 0 && index < alphas.length ? alphas[index] : 255;
  }
}

/** Gray with alpha (2 channels) or RGBA (4). */
function alphaRow(
  raw: ArrayLike<number>,
  width: number,
  s: { scale: Scale; channels: number },
  out: Uint8Array,
  at: number,
) {
  const gray = s.channels === 2;
  for (let x = 0, k = 0, o = at; x < width; x++, k += s.channels, o += 4) {
    const r = s.scale(raw[k]);
    out[o] = r;
    out[o + 1] = gray ? r : s.scale(raw[k + 1]);
    out[o + 2] = gray ? r : s.scale(raw[k + 2]);
    out[o + 3] = s.scale(raw[k + s.channels - 1]);
  }
}
