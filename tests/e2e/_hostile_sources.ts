/**
 * The intact sources a broken-source corpus is cut from: JPEG, PNG, GIF and WebP written by our
 * own encoders; PNG, JPEG and WebP carrying an ICC profile, and pyramidal TIFFs (tiled with
 * Deflate or JPEG, a SubIFD pyramid, striped), written by `vips`; JPEG 2000 written by
 * `opj_compress` (a JP2 box file and a raw codestream).
 *
 * @module
 */
import { encodeImage } from "../../src/codecs/mod.ts";
import type { OutputFormat } from "../../src/iiif/mod.ts";
import type { Raster } from "../../src/ops/mod.ts";

const WIDTH = 160;
const HEIGHT = 120;

/** An opaque picture with gradients and edges, so every codec has real work to do. */
function picture(): Raster {
  const data = new Uint8Array(WIDTH * HEIGHT * 4);
  for (let y = 0, i = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++, i += 4) {
      data.set([(x * 255) / WIDTH, (y * 255) / HEIGHT, ((x >> 4) ^ (y >> 4)) * 40, 255], i);
    }
  }
  return { width: WIDTH, height: HEIGHT, data };
}

function encode(raster: Raster, format: OutputFormat): Promise<Uint8Array> {
  return encodeImage(raster, { format, quality: "default", jpegQuality: 90, subsampling: "420" });
}

async function run(command: string, ...args: string[]): Promise<void> {
  const output = await new Deno.Command(command, { args, stdout: "null", stderr: "piped" })
    .output();
  if (!output.success) {
    throw new Error(`${command} ${args.join(" ")}: ${new TextDecoder().decode(output.stderr)}`);
  }
}

const PYRAMID = ["--tile", "--tile-width", "64", "--tile-height", "64", "--pyramid"];

/** The TIFF variants, as `vips tiffsave` options. */
const TIFFS: Readonly<Record<string, readonly string[]>> = {
  "deflate.tif": [...PYRAMID, "--compression", "deflate"],
  "jpeg.tif": [...PYRAMID, "--compression", "jpeg"],
  "subifd.tif": [...PYRAMID, "--subifd", "--compression", "lzw"],
  "strips.tif": ["--compression", "packbits"],
};

/** Files carrying an embedded sRGB profile (vips attaches it), so flips land in ICC data too. */
const ICC_TAGGED = ["icc.png", "icc.jpg", "icc.webp"];

/**
 * Writes every intact source into `dir` (a scratch folder) and returns them by file name.
 *
 * @throws {Error} `vips` or `opj_compress` is missing or fails.
 */
export async function intactSources(dir: string): Promise<Record<string, Uint8Array>> {
  const raster = picture();
  const sources: Record<string, Uint8Array> = {};
  for (const format of ["jpg", "png", "gif", "webp"] as const) {
    sources[`good.${format}`] = await encode(raster, format);
  }
  const png = `${dir}/good.png`;
  await Deno.writeFile(png, sources["good.png"]);
  for (const [name, options] of Object.entries(TIFFS)) {
    await run("vips", "tiffsave", png, `${dir}/${name}`, ...options);
  }
  for (const name of ICC_TAGGED) await run("vips", "icc_transform", png, `${dir}/${name}`, "srgb");
  await run("opj_compress", "-i", png, "-o", `${dir}/tiled.jp2`, "-n", "3", "-t", "64,64");
  await run("opj_compress", "-i", png, "-o", `${dir}/raw.j2k`, "-n", "3");
  for (const name of [...Object.keys(TIFFS), ...ICC_TAGGED, "tiled.jp2", "raw.j2k"]) {
    sources[name] = await Deno.readFile(`${dir}/${name}`);
  }
  return sources;
}
