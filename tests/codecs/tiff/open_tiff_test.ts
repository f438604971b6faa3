import assert from "node:assert/strict";
import { CorruptSourceError, UnsupportedSourceError } from "../../../src/codecs/errors.ts";
import { fileByteSource } from "../../../src/codecs/mod.ts";
import { openTiff, type TiffReader } from "../../../src/codecs/tiff/mod.ts";
import {
  allocate,
  assertSameRaster,
  FixtureDir,
  memorySource,
  patternSamples,
  tiffinfoSizes,
  vipsRgba,
  writeRaw,
} from "./_tiff_fixtures.ts";

const WIDTH = 640;
const HEIGHT = 400;
const PYRAMID = ["--tile", "--tile-width", "256", "--tile-height", "256", "--pyramid"];

async function makeFixtures(dir: FixtureDir): Promise<void> {
  await writeRaw(dir.file("in.raw"), patternSamples(WIDTH, HEIGHT, 3, 8));
  const raw = ["-w", `${WIDTH}`, "-l", `${HEIGHT}`, "-b", "3", "-p", "rgb", "-M", "-c", "none"];
  await dir.run("raw2tiff", ...raw, "in.raw", "in.tif");
  await Promise.all([
    dir.run("vips", "tiffsave", "in.tif", "ifds.tif", ...PYRAMID, "--compression", "deflate"),
    dir.run(
      "vips",
      "tiffsave",
      "in.tif",
      "subifds.tif",
      ...PYRAMID,
      "--compression",
      "lzw",
      "--subifd",
    ),
    dir.run(
      "vips",
      "tiffsave",
      "in.tif",
      "bigtiff.tif",
      ...PYRAMID,
      "--compression",
      "deflate",
      "--bigtiff",
    ),
    dir.run("vips", "crop", "in.tif", "page2.tif", "0", "0", "300", "300"),
    dir.run("tiffcp", "-c", "zstd", "in.tif", "zstd.tif"),
    dir.run("tiffcp", "-p", "separate", "in.tif", "planar.tif"),
    dir.run(
      "raw2tiff",
      "-w",
      "100",
      "-l",
      "100",
      "-b",
      "4",
      "-p",
      "cmyk",
      "-M",
      "in.raw",
      "cmyk.tif",
    ),
    dir.run("raw2tiff", "-w", "100", "-l", "100", "-d", "float", "-M", "in.raw", "float.tif"),
  ]);
  await Promise.all([
    // Inks other than CMYK.
    dir.run("tiffset", "-s", "332", "2", "cmyk.tif"),
    // Level 0, a mask of half size, then the quarter reduction.
    dir.run("tiffcp", "ifds.tif", "masked.tif").then(() =>
      dir.run("tiffset", "-d", "1", "-s", "254", "5", "masked.tif")
    ),
    // The reductions stored smallest first.
    dir.run("tiffcp", "ifds.tif,0,2,1", "reordered.tif"),
    dir.run("tiffcp", "in.tif", "page2.tif", "two_pages.tif"),
    dir.run("vips", "shrink", "ifds.tif", "half.tif", "2", "2").then(() =>
      dir.run("vips", "tiffsave", "half.tif", "half_zstd.tif", "--compression", "zstd", "--tile")
    ).then(() => dir.run("tiffcp", "ifds.tif,0", "half_zstd.tif", "unreadable_level.tif")),
  ]);
}

async function open(dir: FixtureDir, file: string): Promise<TiffReader> {
  return await openTiff(memorySource(await Deno.readFile(dir.file(file))));
}

function sizes(tiff: TiffReader): number[][] {
  return tiff.levels.map((level) => [level.width, level.height]);
}

Deno.test("openTiff() finds the levels of pyramids and leaves other directories out", async (t) => {
  await using dir = await FixtureDir.create();
  await makeFixtures(dir);

  for (const [file, selector] of [["ifds.tif", "page"], ["subifds.tif", "subifd"]] as const) {
    await t.step(`levels of ${file} are vips's own, decoded exactly`, async () => {
      using opened = await Deno.open(dir.file(file));
      const tiff = await openTiff(fileByteSource(opened, (await opened.stat()).size));
      assert.deepEqual(sizes(tiff), await tiffinfoSizes(dir, dir.file(file)));
      assert.deepEqual(sizes(tiff), [[640, 400], [320, 200], [160, 100]]);
      assert.ok(tiff.levels.every((level) => level.tileWidth === 256 && level.tileHeight === 256));
      assert.equal(tiff.hasAlpha, false);
      for (const [level, { width, height }] of tiff.levels.entries()) {
        const reference = selector === "page" ? `page=${level}` : `subifd=${level - 1}`;
        const expected = await vipsRgba(dir, dir.file(file), level === 0 ? "" : reference);
        const actual = await tiff.readRegion(level, { x: 0, y: 0, width, height }, allocate);
        assertSameRaster(actual, expected, `${file} level ${level}`);
      }
    });
  }

  await t.step("a BigTIFF pyramid has the same levels", async () => {
    assert.deepEqual(sizes(await open(dir, "bigtiff.tif")), [[640, 400], [320, 200], [160, 100]]);
  });

  await t.step("a striped image is one level of strips", async () => {
    const tiff = await open(dir, "in.tif");
    assert.equal(tiff.levels.length, 1);
    const { width, tileWidth, tileHeight } = tiff.levels[0];
    assert.equal(tileWidth, width);
    assert.match(
      await dir.run("tiffinfo", dir.file("in.tif")),
      new RegExp(`Rows/Strip: ${tileHeight}\\b`),
    );
  });

  await t.step("masks are skipped", async () => {
    assert.match(await dir.run("tiffinfo", dir.file("masked.tif")), /transparency mask/);
    assert.deepEqual(sizes(await open(dir, "masked.tif")), [[640, 400], [160, 100]]);
  });

  await t.step("reductions stored out of order are sorted largest first", async () => {
    assert.deepEqual((await tiffinfoSizes(dir, dir.file("reordered.tif")))[1], [160, 100]);
    assert.deepEqual(sizes(await open(dir, "reordered.tif")), [[640, 400], [320, 200], [160, 100]]);
  });

  await t.step("a second page of another shape is not a level", async () => {
    assert.equal((await tiffinfoSizes(dir, dir.file("two_pages.tif"))).length, 2);
    assert.deepEqual(sizes(await open(dir, "two_pages.tif")), [[640, 400]]);
  });

  await t.step("a reduction in an unsupported compression is left out", async () => {
    assert.deepEqual(await tiffinfoSizes(dir, dir.file("unreadable_level.tif")), [[640, 400], [
      320,
      200,
    ]]);
    assert.deepEqual(sizes(await open(dir, "unreadable_level.tif")), [[640, 400]]);
  });

  const unsupported = [
    ["zstd.tif", /Zstandard compression/],
    ["planar.tif", /PlanarConfiguration 2/],
    ["cmyk.tif", /InkSet 2/],
    ["float.tif", /floating-point/],
  ] as const;
  for (const [file, message] of unsupported) {
    await t.step(`${file} is rejected with UnsupportedSourceError`, async () => {
      await assert.rejects(open(dir, file), (error) => {
        assert.ok(error instanceof UnsupportedSourceError, String(error));
        assert.match(error.message, message);
        return true;
      });
    });
  }

  await t.step("readRegion() rejects levels and regions out of range", async () => {
    const tiff = await open(dir, "ifds.tif");
    const rect = { x: 0, y: 0, width: 10, height: 10 };
    await assert.rejects(tiff.readRegion(3, rect, allocate), RangeError);
    await assert.rejects(tiff.readRegion(2, { ...rect, x: 245 }, allocate), RangeError);
    await assert.rejects(tiff.readRegion(0, { ...rect, width: 0 }, allocate), RangeError);
    await assert.rejects(tiff.readRegion(0, { ...rect, y: 0.5 }, allocate), RangeError);
  });
});

Deno.test("openTiff() rejects what is not a TIFF with CorruptSourceError", async () => {
  for (const bytes of [new Uint8Array(0), new TextEncoder().encode("GIF89a, not a TIFF at all")]) {
    await assert.rejects(openTiff(memorySource(bytes)), CorruptSourceError);
  }
});
