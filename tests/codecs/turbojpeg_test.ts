import assert from "node:assert/strict";
import { EXIF_ORIENTATIONS } from "../../src/codecs/orientation/mod.ts";
import { cmykToSrgb } from "../../src/codecs/colour/mod.ts";
import { CorruptSourceError } from "../../src/codecs/errors.ts";
import { probeJpeg, readJpegHeader } from "../../src/codecs/probe_jpeg.ts";
import { TurboJpeg } from "../../src/codecs/turbojpeg.ts";
import { assertClose, mapPixels } from "./_assert_close.ts";
import { cmykFixtures } from "./_cmyk_fixtures.ts";
import { quadrants } from "./_images.ts";
import { vips, withTempDir } from "./_vips.ts";
import { runJpegCodecSuite } from "./jpeg_codec_suite.ts";
import { orientedJpeg } from "./jpeg_orientation_suite.ts";

const allocate = (byteLength: number) => new Uint8Array(byteLength);

runJpegCodecSuite(() => TurboJpeg.open("libturbojpeg.so.0"));

Deno.test("TurboJpeg.open() offers the DCT scales 1, 2, 4 and 8", () => {
  assert.deepEqual(TurboJpeg.open("libturbojpeg.so.0").scales, [1, 2, 4, 8]);
});

Deno.test("TurboJpeg.open() rejects a missing library", () => {
  assert.throws(() => TurboJpeg.open("/nonexistent/libturbojpeg.so.0"), /nonexistent/);
});

const cmyk = await cmykFixtures();

for (const { name, jpeg, expected, tolerance } of cmyk) {
  Deno.test(`TurboJpeg.decode() shows ${name} in sRGB`, async () => {
    const codec = TurboJpeg.open("libturbojpeg.so.0");
    const { width, height } = expected;
    assert.deepEqual(probeJpeg(jpeg), { width, height, hasAlpha: false });
    assertClose(await codec.decode(jpeg, 1, allocate), expected, tolerance);
  });
}

Deno.test("TurboJpeg.decode() with rawCmyk returns the ink showJpeg would convert", async () => {
  const codec = TurboJpeg.open("libturbojpeg.so.0");
  for (const { name, jpeg } of cmyk) {
    const raw = await codec.decode(jpeg, 1, allocate, { rawCmyk: true });
    assert.ok(raw.data.some((value, index) => index % 4 === 3 && value !== 255), name);
    cmykToSrgb(raw, { profile: readJpegHeader(jpeg)?.iccProfile, inverted: true });
    assert.deepEqual(raw, await codec.decode(jpeg, 1, allocate), name);
  }
  const rgb = await codec.encode(quadrants(32, 32), {
    jpegQuality: 90,
    subsampling: "444",
    gray: false,
  });
  assert.deepEqual(
    await codec.decode(rgb, 1, allocate, { rawCmyk: true }),
    await codec.decode(rgb, 1, allocate),
  );
});

Deno.test("TurboJpeg.decode() reduces a CMYK JPEG in the DCT domain", async () => {
  const codec = TurboJpeg.open("libturbojpeg.so.0");
  const { jpeg, expected } = cmyk[0];
  const decoded = await codec.decode(jpeg, 8, allocate);
  assert.deepEqual([decoded.width, decoded.height], [8, 6]);
  // Each quadrant's centre, at 1/8 and at full size.
  for (const [x, y] of [[2, 1], [6, 1], [2, 4], [6, 4]]) {
    const reduced = decoded.data.subarray((y * 8 + x) * 4, (y * 8 + x) * 4 + 4);
    const full = (y * 8 + 4) * expected.width + x * 8 + 4;
    const colour = expected.data.subarray(full * 4, full * 4 + 4);
    assert.ok(
      reduced.every((value, channel) => Math.abs(value - colour[channel]) <= 4),
      `${reduced} ≉ ${colour}`,
    );
  }
});

Deno.test("TurboJpeg.decode() turns pictures upright as vips autorot does", async () => {
  const codec = TurboJpeg.open("libturbojpeg.so.0");
  await withTempDir(async (dir) => {
    await Promise.all(EXIF_ORIENTATIONS.map(async (orientation) => {
      const jpeg = await orientedJpeg(codec, orientation);
      await Deno.writeFile(`${dir}/${orientation}.jpg`, jpeg);
      await vips("autorot", `${dir}/${orientation}.jpg`, `${dir}/${orientation}.raw`);
      const rgb = await Deno.readFile(`${dir}/${orientation}.raw`);
      const decoded = await codec.decode(jpeg, 1, allocate);
      assert.equal(rgb.length, decoded.width * decoded.height * 3);
      const expected = mapPixels(
        decoded,
        (_, pixel) => [...rgb.subarray(pixel * 3, pixel * 3 + 3)],
      );
      assertClose(decoded, expected, 0);
    }));
  });
});

Deno.test("TurboJpeg.crop() cuts a tile's top-left corner without decoding it", async () => {
  const turbo = TurboJpeg.open("libturbojpeg.so.0");
  const pattern = quadrants(256, 256);
  for (let i = 0; i < pattern.data.length; i += 4) pattern.data[i] = (i * 7) & 255;
  const tile = turbo.encodeSync(pattern, { jpegQuality: 90, subsampling: "420", gray: false });
  const cropped = turbo.crop(tile, 238, 244);
  assert.deepEqual(probeJpeg(cropped), { width: 238, height: 244, hasAlpha: false });
  // The kept blocks' coefficients are copied: the same pixels as the whole tile's, but in the
  // last column, where 4:2:0 chroma upsampling now repeats the edge instead of reading the
  // (dropped) padding next to it.
  const whole = await turbo.decode(tile, 1, (n) => new Uint8Array(n));
  const part = await turbo.decode(cropped, 1, (n) => new Uint8Array(n));
  for (let y = 0; y < 244; y++) {
    const row = whole.data.subarray(y * 256 * 4, y * 256 * 4 + 237 * 4);
    assert.deepEqual(part.data.subarray(y * 238 * 4, y * 238 * 4 + 237 * 4), row, `row ${y}`);
  }
  assert.throws(() => turbo.crop(tile.subarray(0, 300), 238, 244), CorruptSourceError);
  assert.equal(turbo.crop(tile, 16, 16).length < cropped.length, true);
});
