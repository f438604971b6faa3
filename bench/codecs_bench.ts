/**
 * Codec timings: JPEG decode of a generated 6000×4000 photo-like image at 1/1, 1/2 and 1/8 into
 * one reused buffer, PNG decode of a 2000×1500 one (ours and squoosh's wasm decoder, which it
 * replaced), and 1024×768 encodes with each candidate library per format.
 *
 * Run: `deno bench -A bench/codecs_bench.ts`
 */
import initSquooshPng, { decode as squooshPngDecode } from "@jsquash/png/codec/pkg/squoosh_png.js";
import encodeWebpWasm from "@jsquash/webp/encode.js";
import { Frame, GIF, Image } from "imagescript";
import { loadWasm } from "../src/codecs/_load_wasm.ts";
import { encodeImage } from "../src/codecs/mod.ts";
import { encodeTiff } from "../src/codecs/encode_tiff.ts";
import { gifCodec } from "../src/codecs/gif_codec.ts";
import { pngCodec } from "../src/codecs/png_codec.ts";
import { TurboJpeg } from "../src/codecs/turbojpeg.ts";
import { WasmJpeg } from "../src/codecs/wasm_jpeg.ts";
import { webpCodec } from "../src/codecs/webp_codec.ts";
import type { EncodeOptions } from "../src/iiif/image_plan.ts";
import { photoLike } from "./photo_like.ts";

const turbo = TurboJpeg.open(Deno.env.get("TESSERA_TURBOJPEG_PATH") ?? "libturbojpeg.so.0");
const wasm = new WasmJpeg();
const large = turbo.encodeSync(photoLike(6000, 4000), {
  jpegQuality: 85,
  subsampling: "420",
  gray: false,
});
const decodeBuffer = new Uint8Array(6000 * 4000 * 4);
const reuse = (byteLength: number) => decodeBuffer.subarray(0, byteLength);

for (const scale of [1, 2, 8]) {
  Deno.bench(
    `decode 6000x4000 JPEG (${Math.round(large.length / 1024)} KiB) at 1/${scale}, libjpeg-turbo`,
    {
      group: `decode 1/${scale}`,
      baseline: true,
    },
    async () => {
      await turbo.decode(large, scale, reuse);
    },
  );
}
Deno.bench(
  "decode 6000x4000 JPEG at 1/1, wasm",
  { group: "decode 1/1", n: 5, warmup: 1 },
  async () => {
    await wasm.decode(large, 1, reuse);
  },
);

const raster = photoLike(1024, 768);
const image = new Image(1024, 768);
image.bitmap.set(raster.data);
const imageData = new ImageData(new Uint8ClampedArray(raster.data), 1024, 768);
const options = (format: EncodeOptions["format"]): EncodeOptions => ({
  format,
  quality: "default",
  jpegQuality: 85,
  subsampling: "420",
});
const jpegOptions = { jpegQuality: 85, subsampling: "420", gray: false } as const;

const photoPng = await pngCodec.encode(photoLike(2000, 1500), options("png"));
await initSquooshPng(await loadWasm("@jsquash/png/codec/pkg/squoosh_png_bg.wasm"));
const pngLabel = `decode 2000x1500 PNG (${Math.round(photoPng.length / 1024)} KiB)`;
Deno.bench(`${pngLabel}, tessera`, { group: "decode png", baseline: true }, async () => {
  await pngCodec.decode(photoPng, reuse);
});
Deno.bench(`${pngLabel}, squoosh wasm + copy`, { group: "decode png" }, () => {
  reuse(2000 * 1500 * 4).set(squooshPngDecode(photoPng).data);
});

const candidates: Record<string, Record<string, () => Promise<Uint8Array>>> = {
  jpg: {
    "libjpeg-turbo": () => turbo.encode(raster, jpegOptions),
    "wasm mozjpeg": () => wasm.encode(raster, jpegOptions),
    "imagescript": () => image.encodeJPEG(85),
  },
  png: {
    "@jsquash/png": () => pngCodec.encode(raster, options("png")),
    "imagescript": () => image.encode(1),
  },
  webp: {
    "@jsquash/webp (wasm)": async () =>
      new Uint8Array(await encodeWebpWasm(imageData, { quality: 85 })),
    "imagescript native (webpCodec)": () => webpCodec.encode(raster, options("webp")),
  },
  gif: {
    "imagescript GIF.encode()": () => new GIF([Frame.from(image)]).encode(95),
    "imagescript native speed 10 (gifCodec)": () => gifCodec.encode(raster, options("gif")),
  },
  tif: {
    "tessera deflate": () => Promise.resolve(encodeTiff(raster)),
  },
};

for (const [format, libraries] of Object.entries(candidates)) {
  for (const [library, encode] of Object.entries(libraries)) {
    const size = (await encode()).length;
    Deno.bench(`encode 1024x768 ${format}, ${library} (${Math.round(size / 1024)} KiB)`, {
      group: `encode ${format}`,
    }, async () => {
      await encode();
    });
  }
}

Deno.bench("encodeImage 1024x768 jpg (active codec)", { group: "encode jpg" }, async () => {
  await encodeImage(raster, options("jpg"));
});
