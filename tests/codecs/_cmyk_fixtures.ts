import { encodeImage } from "../../src/codecs/encode_image.ts";
import type { Raster } from "../../src/ops/raster.ts";
import { quadrants } from "./_images.ts";
import { cmykJpeg } from "./_jpeg_fixtures.ts";
import { withoutSegments } from "./_jpeg_segments.ts";
import { vips, withTempDir } from "./_vips.ts";

/** A CMYK JPEG and the sRGB RGBA pixels a viewer shows for it. */
export interface CmykFixture {
  readonly name: string;
  readonly jpeg: Uint8Array;
  readonly expected: Raster;
  /** How far a channel may be from `expected`. */
  readonly tolerance: number;
}

const WIDTH = 64;
const HEIGHT = 48;
const ADOBE_APP14 = 0xee;

/**
 * CMYK JPEGs of {@linkcode quadrants} written by libvips (inverted, with an Adobe APP14 segment,
 * like Photoshop's) and by TurboJPEG (YCCK), with and without an ICC profile and an Adobe
 * segment. Where a file has a profile, vips `icc_transform` (perceptual) says what its sRGB is;
 * where it has none, the naive formula on the ink amounts vips reads (it reads every CMYK JPEG
 * as inverted, as browsers do).
 */
export function cmykFixtures(): Promise<CmykFixture[]> {
  return withTempDir(async (dir) => {
    const path = (name: string) => `${dir}/${name}`;
    const png = await encodeImage(quadrants(WIDTH, HEIGHT), {
      format: "png",
      quality: "default",
      jpegQuality: 90,
      subsampling: "444",
    });
    await Deno.writeFile(path("rgb.png"), png);
    await vips("icc_export", path("rgb.png"), path("profiled.jpg"), "--output-profile", "cmyk");
    const profiled = await Deno.readFile(path("profiled.jpg"));
    await Deno.writeFile(path("no-adobe.jpg"), withoutSegments(profiled, ADOBE_APP14));
    await vips("jpegsave", path("profiled.jpg"), path("plain.jpg"), "--strip");
    const plain = await Deno.readFile(path("plain.jpg"));
    await Deno.writeFile(path("ycck.jpg"), cmykJpeg());
    const [profiledRgb, noAdobeRgb, plainInk, ycckInk] = await Promise.all([
      viewedThroughProfile(path("profiled.jpg")),
      viewedThroughProfile(path("no-adobe.jpg")),
      inkOf(path("plain.jpg")),
      inkOf(path("ycck.jpg")),
    ]);
    return [
      { name: "an Adobe CMYK JPEG with a profile", jpeg: profiled, expected: profiledRgb },
      {
        name: "a CMYK JPEG with a profile, no Adobe segment",
        jpeg: await Deno.readFile(path("no-adobe.jpg")),
        expected: noAdobeRgb,
      },
      { name: "an Adobe CMYK JPEG without a profile", jpeg: plain, expected: naive(plainInk) },
      {
        name: "a CMYK JPEG without a profile or Adobe segment",
        jpeg: withoutSegments(plain, ADOBE_APP14),
        expected: naive(plainInk),
      },
      { name: "a YCCK JPEG without a profile", jpeg: cmykJpeg(), expected: naive(ycckInk, 16) },
    ].map((fixture) => ({ tolerance: 2, ...fixture }));
  });
}

/** What vips shows for a profiled JPEG in sRGB, as RGBA. */
async function viewedThroughProfile(jpeg: string): Promise<Raster> {
  const raw = `${jpeg}.srgb.raw`;
  // lcms2 applies black point compensation in perceptual intent to a v4 output profile such as
  // its own sRGB; vips's sRGB is v2, so it must be asked for.
  const options = ["--intent", "perceptual", "--black-point-compensation"];
  await vips("icc_transform", jpeg, raw, "srgb", ...options);
  const rgb = await Deno.readFile(raw);
  const data = new Uint8Array((rgb.length / 3) * 4).fill(255);
  for (let pixel = 0; pixel < rgb.length / 3; pixel++) {
    data.set(rgb.subarray(pixel * 3, pixel * 3 + 3), pixel * 4);
  }
  return { width: WIDTH, height: HEIGHT, data };
}

/** The ink amounts (0 none, 255 full) vips reads from a CMYK JPEG, 4 bytes a pixel. */
async function inkOf(jpeg: string): Promise<Uint8Array> {
  const raw = `${jpeg}.ink.raw`;
  await vips("rawsave", jpeg, raw);
  return await Deno.readFile(raw);
}

/** `R = 255 (1 − c)(1 − k)` and so on, rounded. */
function naive(ink: Uint8Array, size = WIDTH): Raster {
  const data = new Uint8Array(ink.length);
  for (let index = 0; index < ink.length; index += 4) {
    const black = 255 - ink[index + 3];
    for (let channel = 0; channel < 3; channel++) {
      data[index + channel] = Math.round(((255 - ink[index + channel]) * black) / 255);
    }
    data[index + 3] = 255;
  }
  const width = size;
  return { width, height: ink.length / 4 / width, data };
}
