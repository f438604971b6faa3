import assert from "node:assert/strict";
import { UnsupportedSourceError } from "../../../src/codecs/errors.ts";
import { openTiff, type TiffReader } from "../../../src/codecs/tiff/mod.ts";
import type { Raster } from "../../../src/ops/raster.ts";
import {
  allocate,
  assertSameRaster,
  crop,
  FixtureDir,
  maxDifference,
  memorySource,
  naiveRgba,
  patternSamples,
  type Samples,
  vipsRgba,
  writeRaw,
} from "./_tiff_fixtures.ts";

const WIDTH = 160;
const HEIGHT = 96;
const INKS_8 = patternSamples(WIDTH, HEIGHT, 4, 8);
const INKS_16 = patternSamples(WIDTH, HEIGHT, 4, 16);
/** Largest channel difference allowed against libvips's own conversion (lcms2 as well). */
const VIPS_TOLERANCE = 2;

/** CMYK files without a profile, each with its inks. */
const NAIVE_CASES: readonly { file: string; name: string; inks: Samples }[] = [
  { file: "none.tif", name: "8-bit uncompressed strips, no InkSet (raw2tiff)", inks: INKS_8 },
  { file: "lzw.tif", name: "8-bit LZW tiles with differencing (tiffcp)", inks: INKS_8 },
  { file: "deflate.tif", name: "8-bit Deflate strips (tiffcp)", inks: INKS_8 },
  { file: "short.tif", name: "16-bit PackBits tiles (raw2tiff, tiffcp)", inks: INKS_16 },
];

async function makeFixtures(dir: FixtureDir): Promise<void> {
  const raw = ["-w", `${WIDTH}`, "-l", `${HEIGHT}`, "-b", "4", "-p", "cmyk", "-M", "-c", "none"];
  await writeRaw(dir.file("inks8.raw"), INKS_8);
  await writeRaw(dir.file("inks16.raw"), INKS_16);
  await writeRaw(dir.file("rgb.raw"), patternSamples(WIDTH, HEIGHT, 3, 8));
  await Promise.all([
    dir.run("raw2tiff", ...raw, "inks8.raw", "none.tif"),
    dir.run("raw2tiff", ...raw, "-d", "short", "inks16.raw", "short16.tif"),
    dir.run("raw2tiff", ...raw.slice(0, 4), "-b", "3", "-p", "rgb", "-M", "rgb.raw", "rgb.tif"),
  ]);
  const tiles = ["-t", "-w", "64", "-l", "64"];
  await Promise.all([
    dir.run("tiffcp", "-c", "lzw:2", ...tiles, "none.tif", "lzw.tif"),
    dir.run("tiffcp", "-c", "zip", "-r", "40", "none.tif", "deflate.tif"),
    dir.run("tiffcp", "-c", "packbits", ...tiles, "short16.tif", "short.tif"),
    dir.run("vips", "colourspace", "rgb.tif", "cmyk.v", "cmyk"),
  ]);
  const tiled = ["--tile", "--tile-width", "64", "--tile-height", "64"];
  await Promise.all([
    dir.run(
      "vips",
      "tiffsave",
      "cmyk.v",
      "profiled.tif",
      "--compression",
      "lzw",
      ...tiled,
      "--pyramid",
    ),
    dir.run("vips", "bandjoin_const", "cmyk.v", "alpha.tif", "255"),
  ]);
}

async function open(dir: FixtureDir, file: string): Promise<TiffReader> {
  return await openTiff(memorySource(await Deno.readFile(dir.file(file))));
}

function readLevel(tiff: TiffReader, level: number): Promise<Raster> {
  const { width, height } = tiff.levels[level];
  return tiff.readRegion(level, { x: 0, y: 0, width, height }, allocate);
}

Deno.test("openTiff() reads CMYK TIFFs as sRGB", async (t) => {
  await using dir = await FixtureDir.create();
  await makeFixtures(dir);

  for (const { file, name, inks } of NAIVE_CASES) {
    await t.step(`without a profile, exactly by the naive formula: ${name}`, async () => {
      assert.match(
        await dir.run("tiffinfo", dir.file(file)),
        /Photometric Interpretation: separated/,
      );
      const tiff = await open(dir, file);
      assert.equal(tiff.hasAlpha, false);
      const full = await readLevel(tiff, 0);
      assertSameRaster(full, naiveRgba(inks), file);
      const rect = { x: 70, y: 20, width: 60, height: 50 };
      assertSameRaster(await tiff.readRegion(0, rect, allocate), crop(full, rect), "a region");
    });
  }

  await t.step("through the embedded profile, as vips icc_transform does", async () => {
    const info = await dir.run("tiffinfo", dir.file("profiled.tif"));
    assert.match(info, /InkSet: 1/);
    assert.match(info, /ICC Profile: <present>/);
    const tiff = await open(dir, "profiled.tif");
    assert.equal(tiff.levels.length, 3);
    for (let level = 0; level < tiff.levels.length; level++) {
      const actual = await readLevel(tiff, level);
      const output = `srgb_${level}.v`;
      await dir.run(
        "vips",
        "icc_transform",
        `profiled.tif[page=${level}]`,
        output,
        "srgb",
        "--embedded",
        "--intent",
        "perceptual",
        "--black-point-compensation",
      );
      const difference = maxDifference(actual, await vipsRgba(dir, dir.file(output)));
      assert.ok(difference <= VIPS_TOLERANCE, `level ${level}: ${difference} from vips`);
    }
    // Without its profile, the same file comes out otherwise: the profile was used.
    await Deno.copyFile(dir.file("profiled.tif"), dir.file("unprofiled.tif"));
    await dir.run("tiffset", "-u", "34675", "unprofiled.tif");
    const naive = await readLevel(await open(dir, "unprofiled.tif"), 0);
    assert.ok(maxDifference(await readLevel(tiff, 0), naive) > 40);
    assert.equal(await tiff.jpegTile(0, 0, 0), undefined);
  });

  await t.step("alpha.tif is rejected with UnsupportedSourceError", async () => {
    await assert.rejects(open(dir, "alpha.tif"), (error) => {
      assert.ok(error instanceof UnsupportedSourceError, String(error));
      assert.match(error.message, /CMYK TIFF with an alpha channel/);
      return true;
    });
  });
});
