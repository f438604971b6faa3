/**
 * JPEG 2000 fixtures made at test time by OpenJPEG's command-line tools (Debian package
 * libopenjp2-tools): a synthetic image written as PGM, PPM or PAM, compressed by `opj_compress`,
 * and reference decodes by `opj_decompress`.
 */
import type { Raster } from "../../../src/ops/raster.ts";
import type { ByteSource } from "../../../src/codecs/region_reader.ts";
import { CorruptSourceError } from "../../../src/codecs/errors.ts";

/** A test image: `channels` interleaved samples per pixel, each below `maxValue + 1`. */
export interface TestImage {
  readonly width: number;
  readonly height: number;
  /** 1 gray, 2 gray and alpha, 3 RGB, 4 RGBA. */
  readonly channels: number;
  readonly maxValue: number;
  readonly samples: Uint16Array;
}

/**
 * A deterministic image with smooth ramps and some noise in every channel, so each level and
 * each region differ, and alpha that varies too.
 */
export function testImage(width: number, height: number, channels: number, maxValue = 255) {
  const samples = new Uint16Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let channel = 0; channel < channels; channel++) {
        const noise = hash(x, y, channel) % 16;
        const ramp = (x * (channel + 1) * 3 + y * (5 - channel) * 2) / (width + height);
        const value = Math.floor(((ramp + noise / 64) % 1) * (maxValue + 1));
        samples[(y * width + x) * channels + channel] = value;
      }
    }
  }
  return { width, height, channels, maxValue, samples } satisfies TestImage;
}

function hash(x: number, y: number, channel: number): number {
  let h = Math.imul(x + 1, 0x9e3779b1) ^ Math.imul(y + 7, 0x85ebca6b) ^ channel * 0x27d4eb2f;
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  return (h ^ (h >>> 13)) >>> 0;
}

/** The RGBA raster Tessera must decode `image` to: samples scaled to 0…255, rounded. */
export function expectedRgba(image: TestImage): Raster {
  const { width, height, channels, maxValue, samples } = image;
  const data = new Uint8Array(width * height * 4);
  for (let pixel = 0; pixel < width * height; pixel++) {
    const at = (channel: number) =>
      Math.round(samples[pixel * channels + channel] * 255 / maxValue);
    const rgba = channels < 3 ? [at(0), at(0), at(0), channels === 2 ? at(1) : 255] : [
      at(0),
      at(1),
      at(2),
      channels === 4 ? at(3) : 255,
    ];
    data.set(rgba, pixel * 4);
  }
  return { width, height, data };
}

/** `image` as a binary PGM, PPM or PAM file (16-bit big-endian samples above 255). */
export function encodePnm(image: TestImage): Uint8Array {
  const { width, height, channels, maxValue, samples } = image;
  const tuple = ["GRAYSCALE", "GRAYSCALE_ALPHA", "RGB", "RGB_ALPHA"][channels - 1];
  const header = channels === 1 || channels === 3
    ? `P${channels === 1 ? 5 : 6}\n${width} ${height}\n${maxValue}\n`
    : `P7\nWIDTH ${width}\nHEIGHT ${height}\nDEPTH ${channels}\nMAXVAL ${maxValue}\n` +
      `TUPLTYPE ${tuple}\nENDHDR\n`;
  const bytesPerSample = maxValue > 255 ? 2 : 1;
  const body = new Uint8Array(samples.length * bytesPerSample);
  const view = new DataView(body.buffer);
  samples.forEach((sample, index) => {
    if (bytesPerSample === 2) view.setUint16(index * 2, sample);
    else body[index] = sample;
  });
  return concat(new TextEncoder().encode(header), body);
}

/** Parses a binary PGM, PPM or PAM file, as `opj_decompress` writes them. */
export function decodePnm(file: Uint8Array): TestImage {
  const text = new TextDecoder("latin1").decode(file.subarray(0, 200));
  const magic = text.slice(0, 2);
  let fields: Record<string, number>;
  let dataStart: number;
  if (magic === "P7") {
    const end = text.indexOf("ENDHDR\n") + "ENDHDR\n".length;
    fields = Object.fromEntries(
      text.slice(0, end).split("\n").map((line) => line.split(" "))
        .filter(([key, value]) => /^(WIDTH|HEIGHT|DEPTH|MAXVAL)$/.test(key) && value)
        .map(([key, value]) => [key, Number(value)]),
    );
    dataStart = end;
  } else {
    const header = /^P[56]\s+(?:#[^\n]*\n\s*)*(\d+)\s+(\d+)\s+(\d+)\s/.exec(text)!;
    fields = {
      WIDTH: Number(header[1]),
      HEIGHT: Number(header[2]),
      DEPTH: magic === "P5" ? 1 : 3,
      MAXVAL: Number(header[3]),
    };
    dataStart = header[0].length;
  }
  const count = fields.WIDTH * fields.HEIGHT * fields.DEPTH;
  const view = new DataView(file.buffer, file.byteOffset + dataStart);
  const samples = Uint16Array.from(
    { length: count },
    (_, index) => fields.MAXVAL > 255 ? view.getUint16(index * 2) : view.getUint8(index),
  );
  return {
    width: fields.WIDTH,
    height: fields.HEIGHT,
    channels: fields.DEPTH,
    maxValue: fields.MAXVAL,
    samples,
  };
}

/**
 * Compresses `image` with `opj_compress` and the given options, from a PGM, PPM or PAM file, or
 * from raw planar samples for five channels or more.
 *
 * @param format "jp2" for a JP2 file, "j2k" for a raw codestream.
 */
export function compressJp2(
  image: TestImage,
  options: readonly string[],
  format: "jp2" | "j2k" = "jp2",
): Promise<Uint8Array> {
  const { width, height, channels } = image;
  const [input, bytes, extra] = channels > 4
    ? ["in.raw", planarBytes(image), ["-F", `${width},${height},${channels},8,u`]]
    : [["in.pgm", "in.pam", "in.ppm", "in.pam"][channels - 1], encodePnm(image), []];
  return inTempDir(async (dir) => {
    await Deno.writeFile(`${dir}/${input}`, bytes);
    const output = `${dir}/out.${format}`;
    await run("opj_compress", ["-i", `${dir}/${input}`, "-o", output, ...extra, ...options]);
    return await Deno.readFile(output);
  });
}

/** The 8-bit samples of `image`, one channel after the other. */
function planarBytes({ width, height, channels, samples }: TestImage): Uint8Array {
  const pixels = width * height;
  return Uint8Array.from(
    { length: samples.length },
    (_, index) => samples[(index % pixels) * channels + Math.floor(index / pixels)],
  );
}

/** What `opj_decompress -r reduce -d x0,y0,x1,y1` makes of `file`, as Tessera's RGBA. */
export function referenceDecode(
  file: Uint8Array,
  format: "jp2" | "j2k",
  reduce: number,
  area?: { x0: number; y0: number; x1: number; y1: number },
): Promise<Raster> {
  return inTempDir(async (dir) => {
    await Deno.writeFile(`${dir}/in.${format}`, file);
    const window = area === undefined ? [] : ["-d", `${area.x0},${area.y0},${area.x1},${area.y1}`];
    await run("opj_decompress", [
      "-i",
      `${dir}/in.${format}`,
      "-o",
      `${dir}/out.pnm`,
      "-r",
      String(reduce),
      ...window,
    ]);
    return expectedRgba(decodePnm(await Deno.readFile(`${dir}/out.pnm`)));
  });
}

/** A {@linkcode ByteSource} over bytes in memory that counts what is read. */
export class MemorySource implements ByteSource {
  readonly size: number;
  bytesRead = 0;
  reads = 0;
  /** The most reads waiting for an answer at once. */
  maxInFlight = 0;
  #inFlight = 0;
  readonly #bytes: Uint8Array;

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
    this.size = bytes.length;
  }

  read(offset: number, length: number): Promise<Uint8Array> {
    if (offset < 0 || length < 0 || offset + length > this.size) {
      return Promise.reject(
        new CorruptSourceError(`Cannot read ${length} bytes at ${offset} of ${this.size}`),
      );
    }
    this.reads++;
    this.bytesRead += length;
    this.maxInFlight = Math.max(this.maxInFlight, ++this.#inFlight);
    return Promise.resolve(this.#bytes.slice(offset, offset + length))
      .finally(() => this.#inFlight--);
  }
}

export { cropRaster as crop } from "../../ops/_crop_raster.ts";

/** The image part of `raster`, for comparing rasters from pooled (longer) buffers. */
export function pixels(raster: Raster): Uint8Array {
  return raster.data.subarray(0, raster.width * raster.height * 4);
}

/** The largest difference between two same-sized rasters' samples. */
export function maxDifference(a: Raster, b: Raster): number {
  let max = 0;
  const left = pixels(a);
  const right = pixels(b);
  for (let index = 0; index < left.length; index++) {
    max = Math.max(max, Math.abs(left[index] - right[index]));
  }
  return max;
}

/** Allocates plain buffers, 16 bytes longer than asked, as a pool may. */
export function allocate(byteLength: number): Uint8Array {
  return new Uint8Array(byteLength + 16);
}

async function inTempDir<T>(body: (dir: string) => Promise<T>): Promise<T> {
  const dir = await Deno.makeTempDir({ prefix: "tessera-jp2-" });
  try {
    return await body(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function run(command: string, args: readonly string[]): Promise<void> {
  const output = await new Deno.Command(command, {
    args: [...args],
    stdout: "null",
    stderr: "piped",
  })
    .output();
  if (!output.success) {
    throw new Error(
      `${command} ${args.join(" ")} failed: ${new TextDecoder().decode(output.stderr)}`,
    );
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}
