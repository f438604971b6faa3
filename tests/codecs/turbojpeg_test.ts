import assert from "node:assert/strict";
import { EXIF_ORIENTATIONS } from "../../src/codecs/orientation/mod.ts";
import { cmykToSrgb } from "../../src/codecs/colour/mod.ts";
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
