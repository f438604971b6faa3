import assert from "node:assert/strict";
import type { ByteSource } from "../../../src/codecs/region_reader.ts";
import type { Raster } from "../../../src/ops/raster.ts";
import { CorruptSourceError } from "../../../src/codecs/errors.ts";

/**
 * A temp folder of fixtures made by Debian's tools (libvips-tools: `vips`, `vipsheader`;
 * libtiff-tools: `raw2tiff`, `tiffcp`, `tiffset`, `tiffmedian`, `tiffinfo`), removed by
 * `[Symbol.asyncDispose]`.
 */
export class FixtureDir {
  readonly path: string;

  private constructor(path: string) {
    this.path = path;
  }

  static async create(): Promise<FixtureDir> {
    return new FixtureDir(await Deno.makeTempDir({ prefix: "tessera_tiff_" }));
  }

  /** The path of a file in the folder. */
  file(name: string): string {
    return `${this.path}/${name}`;
  }

  /** Runs a tool, failing with its error output; returns its standard output. */
  async run(command: string, ...args: string[]): Promise<string> {
    const output = await new Deno.Command(command, { args, cwd: this.path }).output();
    const errors = new TextDecoder().decode(output.stderr);
    assert.ok(output.success, `${command} ${args.join(" ")} failed: ${errors}`);
    return new TextDecoder().decode(output.stdout);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await Deno.remove(this.path, { recursive: true });
  }
}

/** Raw interleaved samples and how to read them. */
export interface Samples {
  readonly width: number;
  readonly height: number;
  readonly bands: number;
  readonly bits: 8 | 16;
  /** One value per sample, row by row. */
  readonly values: Uint16Array;
}

/**
 * Deterministic samples: smooth gradients on the left half (long LZW strings, PackBits runs),
 * noise on the right (LZW tables fill up and are cleared), the extreme values in the first
 * pixels, and for alpha, a band from transparent to opaque.
 */
export function patternSamples(
  width: number,
  height: number,
  bands: number,
  bits: 8 | 16,
): Samples {
  const maximum = bits === 8 ? 255 : 65535;
  const values = new Uint16Array(width * height * bands);
  let seed = 12345;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let band = 0; band < bands; band++) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        const smooth = ((x * (band + 1) + y * 3) * maximum / (width + height * 3)) % (maximum + 1);
        const value = x < width / 2 ? smooth : (seed >>> 8) % (maximum + 1);
        values[(y * width + x) * bands + band] = Math.floor(value);
      }
    }
  }
  values.fill(0, 0, bands);
  values.fill(maximum, bands, 2 * bands);
  return { width, height, bands, bits, values };
}

/** Writes samples as a raw file (16-bit in little-endian order). */
export async function writeRaw(path: string, samples: Samples): Promise<void> {
  const bytes = samples.bits === 8
    ? Uint8Array.from(samples.values)
    : new Uint8Array(Uint16Array.from(samples.values).buffer);
  await Deno.writeFile(path, bytes);
}

/** 16-bit → 8-bit as the reader documents: round(v / 257). */
export function to8(value: number, bits: 8 | 16): number {
  return bits === 8 ? value : Math.round(value / 257);
}

/**
 * The RGBA the samples stand for, computed here from TIFF 6.0's definitions: gray (MinIsBlack,
 * or inverted for MinIsWhite) or RGB, then an alpha band when there is one more, premultiplied
 * or not.
 */
export function expectedRgba(
  samples: Samples,
  options: { minIsWhite?: boolean; associatedAlpha?: boolean } = {},
): Raster {
  const { width, height, bands, bits, values } = samples;
  const colourBands = bands >= 3 ? 3 : 1;
  const data = new Uint8Array(width * height * 4);
  for (let pixel = 0; pixel < width * height; pixel++) {
    const sample = (band: number) => to8(values[pixel * bands + band], bits);
    const alpha = bands > colourBands ? sample(colourBands) : 255;
    for (let channel = 0; channel < 3; channel++) {
      let value = sample(colourBands === 3 ? channel : 0);
      if (options.minIsWhite) value = 255 - value;
      if (options.associatedAlpha && alpha > 0) {
        value = Math.min(255, Math.round((value * 255) / alpha));
      }
      data[pixel * 4 + channel] = value;
    }
    data[pixel * 4 + 3] = alpha;
  }
  return { width, height, data };
}

/**
 * A level decoded by libvips (`vips rawsave`, libtiff and libjpeg inside), as RGBA: the
 * reference for palette images, reduced levels and JPEG tiles.
 *
 * @param selector A tiffload option such as `page=2` or `subifd=0`, or "".
 */
export async function vipsRgba(dir: FixtureDir, path: string, selector = ""): Promise<Raster> {
  const source = selector === "" ? path : `${path}[${selector}]`;
  const raw = dir.file(`reference_${crypto.randomUUID()}.raw`);
  await dir.run("vips", "rawsave", source, raw);
  // "path: 700x500 uchar, 3 bands, srgb, tiffload"
  const header = await dir.run("vipsheader", source);
  const match = header.match(/: (\d+)x(\d+) (\w+), (\d+) bands?,/);
  assert.ok(match, `vipsheader says ${header}`);
  const [width, height, bands] = [match[1], match[2], match[4]].map(Number);
  assert.equal(match[3], "uchar", `${source} decodes to 8 bits in vips`);
  const bytes = await Deno.readFile(raw);
  await Deno.remove(raw);
  const data = new Uint8Array(width * height * 4);
  for (let pixel = 0; pixel < width * height; pixel++) {
    for (let channel = 0; channel < 3; channel++) {
      data[pixel * 4 + channel] = bytes[pixel * bands + (bands >= 3 ? channel : 0)];
    }
    data[pixel * 4 + 3] = bands === 2 || bands === 4 ? bytes[pixel * bands + bands - 1] : 255;
  }
  return { width, height, data };
}

/** The naive formula on ink amounts, computed here: `R = 255 (1 − c)(1 − k)`, and so on. */
export function naiveRgba(inks: Samples): Raster {
  const data = new Uint8Array(inks.width * inks.height * 4);
  for (let pixel = 0; pixel < inks.width * inks.height; pixel++) {
    const ink = (band: number) => to8(inks.values[pixel * 4 + band], inks.bits) / 255;
    for (let channel = 0; channel < 3; channel++) {
      data[pixel * 4 + channel] = Math.round(255 * (1 - ink(channel)) * (1 - ink(3)));
    }
    data[pixel * 4 + 3] = 255;
  }
  return { width: inks.width, height: inks.height, data };
}

export { cropRaster as crop } from "../../ops/_crop_raster.ts";

/** Asserts two rasters are equal pixel for pixel, naming the first pixel that differs. */
export function assertSameRaster(actual: Raster, expected: Raster, what: string): void {
  assert.deepEqual([actual.width, actual.height], [expected.width, expected.height], what);
  const length = expected.width * expected.height * 4;
  for (let index = 0; index < length; index++) {
    if (actual.data[index] !== expected.data[index]) {
      const pixel = Math.floor(index / 4);
      const at = `(${pixel % expected.width}, ${Math.floor(pixel / expected.width)})`;
      const values = (raster: Raster) => [...raster.data.subarray(pixel * 4, pixel * 4 + 4)];
      assert.fail(`${what}: pixel ${at} is ${values(actual)}, expected ${values(expected)}`);
    }
  }
}

/** Peak signal-to-noise ratio over the colour channels, in dB. */
export function psnr(actual: Raster, expected: Raster): number {
  let squares = 0;
  let count = 0;
  for (let index = 0; index < expected.width * expected.height * 4; index++) {
    if (index % 4 === 3) continue;
    squares += (actual.data[index] - expected.data[index]) ** 2;
    count++;
  }
  return squares === 0 ? Infinity : 10 * Math.log10((255 * 255 * count) / squares);
}

/** The largest difference between two same-sized rasters' colour channels. */
export function maxDifference(actual: Raster, expected: Raster): number {
  assert.deepEqual([actual.width, actual.height], [expected.width, expected.height]);
  let max = 0;
  for (let index = 0; index < expected.width * expected.height * 4; index++) {
    if (index % 4 !== 3) max = Math.max(max, Math.abs(actual.data[index] - expected.data[index]));
  }
  return max;
}

/** A byte source over bytes in memory that counts what is read. */
export interface CountingSource extends ByteSource {
  readonly reads: { offset: number; length: number }[];
  bytesRead(): number;
}

/** Wraps bytes (a whole file) as a {@linkcode CountingSource}. */
export function memorySource(bytes: Uint8Array): CountingSource {
  const reads: { offset: number; length: number }[] = [];
  return {
    size: bytes.length,
    reads,
    bytesRead: () => reads.reduce((sum, read) => sum + read.length, 0),
    read(offset, length) {
      if (offset < 0 || length < 0 || offset + length > bytes.length) {
        return Promise.reject(new CorruptSourceError(`Cannot read ${offset}+${length}`));
      }
      reads.push({ offset, length });
      return Promise.resolve(bytes.slice(offset, offset + length));
    },
  };
}

/** Allocates plain buffers. */
export function allocate(byteLength: number): Uint8Array {
  return new Uint8Array(byteLength);
}

/** The sizes of each directory as tiffinfo reports them, in file order. */
export async function tiffinfoSizes(dir: FixtureDir, path: string): Promise<number[][]> {
  const info = await dir.run("tiffinfo", path);
  return [...info.matchAll(/Image Width: (\d+) Image Length: (\d+)/g)]
    .map((match) => [Number(match[1]), Number(match[2])]);
}
