import assert from "node:assert/strict";
import { encodeImage } from "../../src/codecs/mod.ts";
import { quadrants } from "../codecs/_images.ts";
import { exifSegment, iccSegments, withSegments } from "../codecs/_jpeg_segments.ts";
import { adobeRgbProfile } from "../codecs/colour/_icc_profiles.ts";
import { tessera } from "./_tessera_cli.ts";

async function withPyramid(test: (file: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "tessera_info_" });
  try {
    const file = `${dir}/pyramid.tif`;
    const made = await new Deno.Command("vips", {
      args: ["black", `${file}[tile,pyramid,tile-width=256,tile-height=256]`, "1200", "800"],
    }).output();
    assert.equal(made.code, 0, new TextDecoder().decode(made.stderr));
    await test(file);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("tessera info prints a pyramid TIFF's size, levels, tiles, orientation and colour", async () => {
  await withPyramid(async (file) => {
    const { code, out } = await tessera("info", file);
    assert.equal(code, 0);
    assert.match(out, /pyramid\.tif: tiff, 1200 × 800 .*no alpha/);
    assert.match(out, /levels: 1200×800, 600×400, 300×200.* \(tiles 256×256\)/);
    assert.match(
      out,
      /\n {2}orientation: 1 \(as stored\)\n {2}colour: no ICC profile \(served as sRGB\)$/m,
    );
  });
});

Deno.test("tessera info --json prints the probe as JSON", async () => {
  await withPyramid(async (file) => {
    const { code, out } = await tessera("info", file, "--json");
    assert.equal(code, 0);
    const probed = JSON.parse(out);
    assert.equal(probed.format, "tiff");
    assert.deepEqual([probed.width, probed.height], [1200, 800]);
    assert.deepEqual(probed.tile, { width: 256, height: 256 });
    assert.deepEqual(probed.levels[1], { width: 600, height: 400 });
    assert.deepEqual(probed.orientation, { value: 1, applied: false, meaning: "as stored" });
    assert.equal(probed.icc, null);
  });
});

/** Runs `test` on a 16×8 JPEG turned 90° clockwise by EXIF and tagged with Adobe RGB (1998). */
async function withTurnedAdobeJpeg(test: (file: string) => Promise<void>): Promise<void> {
  const options = { quality: "default", jpegQuality: 80, subsampling: "420" } as const;
  const jpeg = await encodeImage(quadrants(16, 8), { format: "jpg", ...options });
  const segments = [exifSegment(6, { littleEndian: true }), ...iccSegments(adobeRgbProfile(), 300)];
  const file = await Deno.makeTempFile({ prefix: "tessera_info_", suffix: ".jpg" });
  try {
    await Deno.writeFile(file, withSegments(jpeg, segments));
    await test(file);
  } finally {
    await Deno.remove(file);
  }
}

Deno.test("tessera info prints a JPEG's EXIF orientation and ICC profile", async () => {
  await withTurnedAdobeJpeg(async (file) => {
    const { code, out } = await tessera("info", file);
    assert.equal(code, 0);
    assert.match(out, /: jpeg, 8 × 16 /);
    assert.match(out, /\n {2}orientation: 6 \(turned 90° clockwise; applied\)\n/);
    const bytes = adobeRgbProfile().length;
    assert.match(
      out,
      new RegExp(
        `\n {2}colour: ICC profile "RGB built-in", RGB, ${bytes} bytes \\(converted to sRGB\\)`,
      ),
    );
  });
});

Deno.test("tessera info --json adds the orientation and the ICC profile", async () => {
  await withTurnedAdobeJpeg(async (file) => {
    const { code, out } = await tessera("info", file, "--json");
    assert.equal(code, 0);
    const probed = JSON.parse(out);
    assert.deepEqual(probed.orientation, {
      value: 6,
      applied: true,
      meaning: "turned 90° clockwise",
    });
    assert.deepEqual(probed.icc, {
      description: "RGB built-in",
      colourSpace: "RGB",
      bytes: adobeRgbProfile().length,
      handling: "converted to sRGB",
    });
  });
});

Deno.test("tessera info on a non-image or missing file says why and exits 2", async () => {
  await withPyramid(async (file) => {
    await Deno.writeTextFile(file, "not an image at all");
    const notImage = await tessera("info", file);
    assert.equal(notImage.code, 2);
    assert.doesNotMatch(notImage.err, /at .*\.ts:\d+/);
    const missing = await tessera("info", `${file}.missing`);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /No such file/);
  });
});
