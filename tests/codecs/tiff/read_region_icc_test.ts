import assert from "node:assert/strict";
import { convertToSrgb } from "../../../src/codecs/colour/mod.ts";
import { openTiff, type TiffReader } from "../../../src/codecs/tiff/mod.ts";
import type { Raster } from "../../../src/ops/raster.ts";
import { adobeRgbProfile, linearGrayProfile, srgbProfile } from "../colour/_icc_profiles.ts";
import {
  allocate,
  assertSameRaster,
  crop,
  FixtureDir,
  maxDifference,
  memorySource,
  patternSamples,
  vipsRgba,
  writeRaw,
} from "./_tiff_fixtures.ts";

const WIDTH = 192;
const HEIGHT = 128;
const DEFLATE_PYRAMID = [
  "--compression",
  "deflate",
  "--tile",
  "--tile-width",
  "64",
  "--tile-height",
  "64",
  "--pyramid",
];
/** Largest channel difference allowed against libvips's own conversion (lcms2 as well). */
const VIPS_TOLERANCE = 2;
const ADOBE_RGB = adobeRgbProfile();
const GRAY = patternSamples(WIDTH, HEIGHT, 1, 8);

/**
 * adobe.tif: a Deflate pyramid, every level tagged Adobe RGB by vips. gray.tif: gray tagged with
 * a linear-light gray profile. levels.tif: JPEG levels joined by tiffcp, tagged Adobe RGB, sRGB
 * and nothing; plain.tif: the same file with the tags unset.
 */
async function makeFixtures(dir: FixtureDir): Promise<void> {
  await Deno.writeFile(dir.file("adobe.icc"), ADOBE_RGB);
  await Deno.writeFile(dir.file("srgb.icc"), srgbProfile());
  await Deno.writeFile(dir.file("gray.icc"), linearGrayProfile());
  await writeRaw(dir.file("in3.raw"), patternSamples(WIDTH, HEIGHT, 3, 8));
  await writeRaw(dir.file("in1.raw"), GRAY);
  const raw = ["-w", `${WIDTH}`, "-l", `${HEIGHT}`, "-M", "-c", "none"];
  await dir.run("raw2tiff", ...raw, "-b", "3", "-p", "rgb", "in3.raw", "in3.tif");
  await dir.run("raw2tiff", ...raw, "-b", "1", "-p", "minisblack", "in1.raw", "in1.tif");
  const tag = (file: string, profile: string) => ["--profile", profile, file];
  await Promise.all([
    dir.run("vips", "tiffsave", "in3.tif", ...tag("adobe.tif", "adobe.icc"), ...DEFLATE_PYRAMID),
    dir.run("vips", "tiffsave", "in1.tif", ...tag("gray.tif", "gray.icc"), "--compression", "lzw"),
    dir.run("vips", "tiffsave", "in3.tif", ...tag("l0.tif", "adobe.icc")),
    dir.run("vips", "shrink", "in3.tif", "l1.v", "2", "2").then(() =>
      dir.run("vips", "tiffsave", "l1.v", ...tag("l1.tif", "srgb.icc"))
    ),
    dir.run("vips", "shrink", "in3.tif", "l2.tif", "4", "4"),
  ]);
  const jpeg = ["-c", "jpeg:r:90", "-t", "-w", "64", "-l", "64"];
  await dir.run("tiffcp", ...jpeg, "l0.tif", "l1.tif", "l2.tif", "levels.tif");
  await Deno.copyFile(dir.file("levels.tif"), dir.file("plain.tif"));
  await dir.run("tiffset", "-d", "0", "-u", "34675", "plain.tif");
  await dir.run("tiffset", "-d", "1", "-u", "34675", "plain.tif");
}

async function open(dir: FixtureDir, file: string): Promise<TiffReader> {
  return await openTiff(memorySource(await Deno.readFile(dir.file(file))));
}

function readLevel(tiff: TiffReader, level: number): Promise<Raster> {
  const { width, height } = tiff.levels[level];
  return tiff.readRegion(level, { x: 0, y: 0, width, height }, allocate);
}

/** What `vips icc_transform` makes of a level of `file` with its embedded profile. */
async function vipsSrgb(dir: FixtureDir, file: string, page: number): Promise<Raster> {
  const output = `srgb_${file}_${page}.v`;
  const source = `${file}[page=${page}]`;
  await dir.run(
    "vips",
    "icc_transform",
    source,
    output,
    "srgb",
    "--embedded",
    "--intent",
    "perceptual",
  );
  return await vipsRgba(dir, dir.file(output));
}

Deno.test("openTiff() converts levels with an ICC profile to sRGB", async (t) => {
  await using dir = await FixtureDir.create();
  await makeFixtures(dir);

  await t.step("each level of an Adobe RGB pyramid, as vips icc_transform does", async () => {
    const tiff = await open(dir, "adobe.tif");
    assert.equal(tiff.levels.length, 3);
    for (let level = 0; level < tiff.levels.length; level++) {
      const actual = await readLevel(tiff, level);
      const difference = maxDifference(actual, await vipsSrgb(dir, "adobe.tif", level));
      assert.ok(difference <= VIPS_TOLERANCE, `level ${level}: ${difference} from vips`);
      const stored = await vipsRgba(dir, dir.file("adobe.tif"), `page=${level}`);
      assert.ok(maxDifference(actual, stored) > 40, `level ${level} is not converted`);
    }
    const rect = { x: 50, y: 30, width: 100, height: 70 };
    assertSameRaster(
      await tiff.readRegion(0, rect, allocate),
      crop(await readLevel(tiff, 0), rect),
      "a region of the converted level",
    );
  });

  await t.step("gray through a linear-light gray profile, as vips icc_transform does", async () => {
    const actual = await readLevel(await open(dir, "gray.tif"), 0);
    const difference = maxDifference(actual, await vipsSrgb(dir, "gray.tif", 0));
    assert.ok(difference <= VIPS_TOLERANCE, `${difference} from vips`);
    // Mid-gray in linear light is much lighter in sRGB.
    const middle = GRAY.values.findIndex((value) => value === 128);
    assert.ok(actual.data[middle * 4] > 180, `128 became ${actual.data[middle * 4]}`);
  });

  await t.step("a level's own profile applies, else the first level's", async () => {
    assert.match(await dir.run("tiffinfo", dir.file("levels.tif")), /ICC Profile: <present>, 588/);
    const [tagged, plain] = await Promise.all([open(dir, "levels.tif"), open(dir, "plain.tif")]);
    assert.equal(tagged.levels.length, 3);
    for (const [level, profile] of [[0, ADOBE_RGB], [1, undefined], [2, ADOBE_RGB]] as const) {
      const expected = await readLevel(plain, level);
      if (profile !== undefined) assert.ok(convertToSrgb(expected, profile));
      assertSameRaster(await readLevel(tagged, level), expected, `level ${level}`);
    }
    assert.ok(maxDifference(await readLevel(tagged, 0), await readLevel(plain, 0)) > 40);
  });

  await t.step("jpegTile() offers no tile whose profile would change its pixels", async () => {
    const [tagged, plain] = await Promise.all([open(dir, "levels.tif"), open(dir, "plain.tif")]);
    const tiles = await Promise.all([0, 1, 2].map((level) => tagged.jpegTile(level, 0, 0)));
    assert.deepEqual(tiles.map((tile) => tile instanceof Uint8Array), [false, true, false]);
    assert.deepEqual(tiles[1], await plain.jpegTile(1, 0, 0));
  });

  await t.step("readRegion() reads each level's profile once", async () => {
    const bytes = await Deno.readFile(dir.file("adobe.tif"));
    const source = memorySource(bytes);
    const tiff = await openTiff(source);
    const rect = { x: 10, y: 10, width: 20, height: 20 };
    for (const level of [0, 0, 1, 1]) await tiff.readRegion(level, rect, allocate);
    const copies = offsetsOf(bytes, ADOBE_RGB);
    assert.equal(copies.length, 3, "vips repeats the profile in each level");
    const profileReads = source.reads.filter((read) => copies.includes(read.offset));
    assert.equal(new Set(profileReads.map((read) => read.offset)).size, 2);
    assert.deepEqual(profileReads.map((read) => read.length), [ADOBE_RGB.length, ADOBE_RGB.length]);
  });
});

/** Where `part` occurs in `bytes`. */
function offsetsOf(bytes: Uint8Array, part: Uint8Array): number[] {
  const offsets: number[] = [];
  for (let at = bytes.indexOf(part[0]); at !== -1; at = bytes.indexOf(part[0], at + 1)) {
    if (part.every((value, index) => bytes[at + index] === value)) offsets.push(at);
  }
  return offsets;
}
