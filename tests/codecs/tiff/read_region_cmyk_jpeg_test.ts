import assert from "node:assert/strict";
import { encodeImage } from "../../../src/codecs/encode_image.ts";
import { CorruptSourceError } from "../../../src/codecs/errors.ts";
import { readJpegHeader } from "../../../src/codecs/probe_jpeg.ts";
import { openTiff, type TiffReader } from "../../../src/codecs/tiff/mod.ts";
import type { Raster } from "../../../src/ops/raster.ts";
import { assertClose } from "../_assert_close.ts";
import { cmykFixtures } from "../_cmyk_fixtures.ts";
import { quadrants } from "../_images.ts";
import { segmentsOf } from "../_jpeg_segments.ts";
import { cmykJpegStripTiff } from "./_cmyk_jpeg_strip_tiff.ts";
import {
  allocate,
  assertSameRaster,
  crop,
  FixtureDir,
  maxDifference,
  memorySource,
  naiveRgba,
  patternSamples,
  vipsRgba,
  writeRaw,
} from "./_tiff_fixtures.ts";

const WIDTH = 160;
const HEIGHT = 96;
/** Largest channel difference allowed against libvips, which decodes the tiles with libjpeg too. */
const VIPS_TOLERANCE = 2;
const ADOBE_APP14 = 0xee;

/**
 * libvips's JPEG-compressed CMYK pyramid (libtiff writes no Adobe segment), with its profile
 * (`jpeg.tif`) and without (`plain.tif`).
 */
async function makeFixtures(dir: FixtureDir): Promise<void> {
  await writeRaw(dir.file("rgb.raw"), patternSamples(WIDTH, HEIGHT, 3, 8));
  const size = ["-w", `${WIDTH}`, "-l", `${HEIGHT}`, "-b", "3", "-p", "rgb", "-M"];
  await dir.run("raw2tiff", ...size, "rgb.raw", "rgb.tif");
  await dir.run("vips", "colourspace", "rgb.tif", "cmyk.v", "cmyk");
  const tiled = ["--tile", "--tile-width", "64", "--tile-height", "64", "--pyramid"];
  await dir.run("vips", "tiffsave", "cmyk.v", "jpeg.tif", "--compression", "jpeg", ...tiled);
  await Deno.copyFile(dir.file("jpeg.tif"), dir.file("plain.tif"));
  await dir.run("tiffset", "-u", "34675", "plain.tif");
}

async function open(bytes: Uint8Array): Promise<TiffReader> {
  return await openTiff(memorySource(bytes));
}

function readLevel(tiff: TiffReader, level: number): Promise<Raster> {
  const { width, height } = tiff.levels[level];
  return tiff.readRegion(level, { x: 0, y: 0, width, height }, allocate);
}

/** What vips shows for a level through its embedded profile, as RGBA. */
async function vipsThroughProfile(dir: FixtureDir, level: number): Promise<Raster> {
  const output = `srgb_${level}.v`;
  const intent = ["--intent", "perceptual", "--black-point-compensation"];
  await dir.run(
    "vips",
    "icc_transform",
    `jpeg.tif[page=${level}]`,
    output,
    "srgb",
    "--embedded",
    ...intent,
  );
  return await vipsRgba(dir, dir.file(output));
}

/** The ink libtiff decodes from a file's first level, as 8-bit samples. */
async function vipsInk(dir: FixtureDir, file: string): Promise<Raster> {
  await dir.run("vips", "rawsave", file, "ink.raw");
  const values = Uint16Array.from(await Deno.readFile(dir.file("ink.raw")));
  return naiveRgba({ width: WIDTH, height: HEIGHT, bands: 4, bits: 8, values });
}

Deno.test("openTiff() reads JPEG-compressed CMYK TIFFs as sRGB", async (t) => {
  await using dir = await FixtureDir.create();
  await makeFixtures(dir);
  const profiled = await open(await Deno.readFile(dir.file("jpeg.tif")));

  await t.step("libvips's tiles, every level, through the profile as vips does", async () => {
    const info = await dir.run("tiffinfo", dir.file("jpeg.tif"));
    assert.match(info, /Compression Scheme: JPEG/);
    assert.match(info, /Photometric Interpretation: separated/);
    assert.equal(profiled.levels.length, 3);
    for (let level = 0; level < profiled.levels.length; level++) {
      const difference = maxDifference(
        await readLevel(profiled, level),
        await vipsThroughProfile(dir, level),
      );
      assert.ok(difference <= VIPS_TOLERANCE, `level ${level}: ${difference} from vips`);
    }
  });

  await t.step("libvips's tiles without a profile, by the naive formula on their ink", async () => {
    const tiff = await open(await Deno.readFile(dir.file("plain.tif")));
    const full = await readLevel(tiff, 0);
    const difference = maxDifference(full, await vipsInk(dir, dir.file("plain.tif")));
    assert.ok(difference <= VIPS_TOLERANCE, `${difference} from the naive formula`);
    const rect = { x: 50, y: 30, width: 70, height: 50 };
    assertSameRaster(await tiff.readRegion(0, rect, allocate), crop(full, rect), "a region");
    assert.ok(maxDifference(full, await readLevel(profiled, 0)) > 40, "the profile was used");
  });

  await t.step("jpegTile() never hands out a CMYK tile", async () => {
    for (let level = 0; level < profiled.levels.length; level++) {
      assert.equal(await profiled.jpegTile(level, 0, 0), undefined, `level ${level}`);
    }
    const plain = await open(await Deno.readFile(dir.file("plain.tif")));
    assert.equal(await plain.jpegTile(0, 1, 1), undefined);
  });
});

Deno.test("openTiff() reads Adobe-marked CMYK JPEG strips as inverted ink", async (t) => {
  const adobe = (await cmykFixtures()).filter(({ jpeg }) =>
    segmentsOf(jpeg).some(({ code }) => code === ADOBE_APP14)
  );
  assert.equal(adobe.length, 3);
  for (const { name, jpeg, expected, tolerance } of adobe) {
    await t.step(name, async () => {
      const { width, height } = expected;
      const profile = readJpegHeader(jpeg)?.iccProfile;
      const tiff = await open(cmykJpegStripTiff(jpeg, { width, height, profile }));
      assertClose(await readLevel(tiff, 0), expected, tolerance);
      assert.equal(await tiff.jpegTile(0, 0, 0), undefined);
    });
  }
});

Deno.test("openTiff() rejects a CMYK TIFF whose JPEG strip is RGB with CorruptSourceError", async () => {
  const width = 32;
  const height = 16;
  const options = { quality: "default", jpegQuality: 90, subsampling: "444" } as const;
  const rgb = await encodeImage(quadrants(width, height), { format: "jpg", ...options });
  const tiff = await open(cmykJpegStripTiff(rgb, { width, height }));
  await assert.rejects(readLevel(tiff, 0), (error) => {
    assert.ok(error instanceof CorruptSourceError, String(error));
    assert.match(error.message, /CMYK image has 3 components, not 4/);
    return true;
  });
});
