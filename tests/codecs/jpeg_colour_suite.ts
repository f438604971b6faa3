import assert from "node:assert/strict";
import type { JpegCodec, JpegEncodeOptions } from "../../src/codecs/jpeg_codec.ts";
import { assertClose, mapPixels } from "./_assert_close.ts";
import { quadrants } from "./_images.ts";
import { iccSegments, withSegments } from "./_jpeg_segments.ts";
import {
  adobeRgbProfile,
  adobeRgbToSrgb,
  linearGrayProfile,
  srgbEncode,
  srgbProfile,
} from "./colour/_icc_profiles.ts";

const allocate = (byteLength: number) => new Uint8Array(byteLength);
const OPTIONS: JpegEncodeOptions = { jpegQuality: 95, subsampling: "444", gray: false };

/** Embedded ICC profiles: what every {@linkcode JpegCodec} must do with them. */
export function runJpegColourSuite(codec: JpegCodec): void {
  const name = codec.name;

  Deno.test(`${name} JpegCodec.decode() converts an Adobe RGB JPEG to sRGB, its APP2 chunks out of order`, async () => {
    const plain = await codec.encode(quadrants(32, 32), OPTIONS);
    const [first, second, third] = iccSegments(adobeRgbProfile(), 200);
    const tagged = withSegments(plain, [second, third, first]);
    const expected = mapPixels(await codec.decode(plain, 1, allocate), adobeRgbToSrgb);
    assertClose(await codec.decode(tagged, 1, allocate), expected, 1);
  });

  Deno.test(`${name} JpegCodec.decode() ignores an ICC profile with a chunk missing`, async () => {
    const plain = await codec.encode(quadrants(32, 32), OPTIONS);
    const [first, , third] = iccSegments(adobeRgbProfile(), 200);
    const decoded = await codec.decode(withSegments(plain, [first, third]), 1, allocate);
    assert.deepEqual(decoded, await codec.decode(plain, 1, allocate));
  });

  Deno.test(`${name} JpegCodec.decode() leaves an sRGB-tagged JPEG as it is`, async () => {
    const plain = await codec.encode(quadrants(32, 32), OPTIONS);
    const tagged = withSegments(plain, iccSegments(srgbProfile(), 60000));
    assert.deepEqual(
      await codec.decode(tagged, 1, allocate),
      await codec.decode(plain, 1, allocate),
    );
  });

  Deno.test(`${name} JpegCodec.decode() converts a gray JPEG through its gray profile`, async () => {
    const plain = await codec.encode(quadrants(32, 32), { ...OPTIONS, gray: true });
    const tagged = withSegments(plain, iccSegments(linearGrayProfile(), 60000));
    const expected = mapPixels(await codec.decode(plain, 1, allocate), ([gray]) => {
      const value = Math.round(255 * srgbEncode(gray / 255));
      return [value, value, value];
    });
    assertClose(await codec.decode(tagged, 1, allocate), expected, 1);
  });
}
