import assert from "node:assert/strict";
import { webpCodec } from "../../src/codecs/webp_codec.ts";
import { assertClose, mapPixels } from "./_assert_close.ts";
import { concat, quadrants } from "./_images.ts";
import { adobeRgbProfile, adobeRgbToSrgb } from "./colour/_icc_profiles.ts";

const allocate = (byteLength: number) => new Uint8Array(byteLength);
const VP8X_ICC = 0x20;

/** A RIFF chunk, padded to an even size. */
function chunk(fourCc: string, data: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(8 + data.length + (data.length & 1));
  bytes.set(new TextEncoder().encode(fourCc));
  new DataView(bytes.buffer).setUint32(4, data.length, true);
  bytes.set(data, 8);
  return bytes;
}

/** A simple lossy WebP rewritten as an extended one: VP8X, ICCP, then its VP8 chunk. */
function withIccProfile(webp: Uint8Array, profile: Uint8Array, size: [number, number]): Uint8Array {
  const vp8x = new Uint8Array(10);
  vp8x[0] = VP8X_ICC;
  const view = new DataView(vp8x.buffer);
  view.setUint16(4, size[0] - 1, true);
  view.setUint16(7, size[1] - 1, true);
  const chunks = concat([chunk("VP8X", vp8x), chunk("ICCP", profile), webp.subarray(12)]);
  const header = new Uint8Array(12);
  header.set(new TextEncoder().encode("RIFF"));
  new DataView(header.buffer).setUint32(4, 4 + chunks.length, true);
  header.set(new TextEncoder().encode("WEBP"), 8);
  return concat([header, chunks]);
}

Deno.test("webpCodec.decode() converts an ICCP profile to sRGB", async () => {
  const webp = await webpCodec.encode(quadrants(32, 24), {
    format: "webp",
    quality: "default",
    jpegQuality: 95,
    subsampling: "420",
  });
  assert.equal(new TextDecoder().decode(webp.subarray(12, 16)), "VP8 ");
  const tagged = withIccProfile(webp, adobeRgbProfile(), [32, 24]);
  const expected = mapPixels(await webpCodec.decode(webp, allocate), adobeRgbToSrgb);
  assertClose(await webpCodec.decode(tagged, allocate), expected, 1);
});
