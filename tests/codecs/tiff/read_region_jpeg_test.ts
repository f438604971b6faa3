import assert from "node:assert/strict";
import { activeJpegCodec } from "../../../src/codecs/active_jpeg_codec.ts";
import { fileByteSource } from "../../../src/codecs/file_byte_source.ts";
import { openTiff, type TiffReader } from "../../../src/codecs/tiff/mod.ts";
import {
  allocate,
  assertSameRaster,
  crop,
  FixtureDir,
  memorySource,
  patternSamples,
  psnr,
  vipsRgba,
  writeRaw,
} from "./_tiff_fixtures.ts";

const WIDTH = 640;
const HEIGHT = 400;
const TILE = ["--tile", "--tile-width", "256", "--tile-height", "256"];

interface JpegCase {
  readonly name: string;
  readonly file: string;
  /** The PhotometricInterpretation tiffdump must show. */
  readonly photometric: number;
  /** How each level is selected in vips, by level number. */
  readonly selector: (level: number) => string;
}

const CASES: readonly JpegCase[] = [
  {
    name: "YCbCr JPEG pyramid in successive IFDs (vips, Q 85)",
    file: "ycbcr.tif",
    photometric: 6,
    selector: (level) => `page=${level}`,
  },
  {
    name: "RGB JPEG pyramid in SubIFDs (vips, Q 95 keeps RGB)",
    file: "rgb.tif",
    photometric: 2,
    selector: (level) => `subifd=${level - 1}`,
  },
  {
    name: "RGB JPEG tiles (tiffcp -c jpeg:r)",
    file: "tiffcp_rgb.tif",
    photometric: 2,
    selector: () => "",
  },
  {
    name: "gray JPEG pyramid (vips)",
    file: "gray.tif",
    photometric: 1,
    selector: (level) => `page=${level}`,
  },
];

async function makeFixtures(dir: FixtureDir): Promise<void> {
  await Promise.all([3, 1].map(async (bands) => {
    await writeRaw(dir.file(`in${bands}.raw`), patternSamples(WIDTH, HEIGHT, bands, 8));
    const photometric = bands === 3 ? "rgb" : "minisblack";
    const args = ["-w", `${WIDTH}`, "-l", `${HEIGHT}`, "-b", `${bands}`, "-M", "-c", "none"];
    await dir.run("raw2tiff", ...args, "-p", photometric, `in${bands}.raw`, `in${bands}.tif`);
  }));
  const pyramid = ["--compression", "jpeg", ...TILE, "--pyramid"];
  await Promise.all([
    dir.run("vips", "tiffsave", "in3.tif", "ycbcr.tif", ...pyramid, "--Q", "85"),
    dir.run("vips", "tiffsave", "in3.tif", "rgb.tif", ...pyramid, "--Q", "95", "--subifd"),
    dir.run(
      "tiffcp",
      "-c",
      "jpeg:r:90",
      "-t",
      "-w",
      "256",
      "-l",
      "256",
      "in3.tif",
      "tiffcp_rgb.tif",
    ),
    dir.run("vips", "tiffsave", "in1.tif", "gray.tif", ...pyramid, "--Q", "90"),
    dir.run("vips", "tiffsave", "in3.tif", "deflate.tif", "--compression", "deflate", ...TILE),
  ]);
}

async function open(dir: FixtureDir, file: string): Promise<TiffReader> {
  return await openTiff(memorySource(await Deno.readFile(dir.file(file))));
}

Deno.test("openTiff() reads JPEG-compressed TIFFs", async (t) => {
  await using dir = await FixtureDir.create();
  await makeFixtures(dir);
  for (const testCase of CASES) {
    await t.step(`readRegion() decodes as libvips does: ${testCase.name}`, async () => {
      const dump = await dir.run("tiffdump", dir.file(testCase.file));
      assert.match(
        dump,
        new RegExp(`Photometric \\(262\\) SHORT \\(3\\) 1<${testCase.photometric}>`),
      );
      assert.match(dump, /JPEGTables \(347\)/);
      const tiff = await open(dir, testCase.file);
      for (const [level, { width, height }] of tiff.levels.entries()) {
        const expected = await vipsRgba(dir, dir.file(testCase.file), testCase.selector(level));
        const full = await tiff.readRegion(level, { x: 0, y: 0, width, height }, allocate);
        const quality = psnr(full, expected);
        assert.ok(quality >= 45, `level ${level}: PSNR ${quality.toFixed(1)} dB against libvips`);
        const rect = {
          x: 130,
          y: Math.min(200, height - 60),
          width: Math.min(300, width - 130),
          height: 60,
        };
        const region = await tiff.readRegion(level, rect, allocate);
        assertSameRaster(region, crop(full, rect), `level ${level}, a region of the full decode`);
      }
    });
  }
  for (const testCase of CASES) {
    await t.step(`jpegTile() decodes to the tile's pixels: ${testCase.name}`, async () => {
      const tiff = await open(dir, testCase.file);
      const { width, height, tileWidth, tileHeight } = tiff.levels[0];
      // An inner tile, then the bottom-right one, which is stored padded to the full tile size.
      for (
        const [col, row] of [[1, 1], [
          Math.floor(width / tileWidth),
          Math.floor(height / tileHeight),
        ]]
      ) {
        const jpeg = await tiff.jpegTile(0, col, row);
        assert.ok(jpeg !== undefined);
        assert.deepEqual([...jpeg.subarray(0, 2)], [0xff, 0xd8]);
        assert.equal(jpeg.includes(0xee) && hasAdobeMarker(jpeg), testCase.photometric !== 1);
        const decoded = await activeJpegCodec().decode(jpeg, 1, allocate);
        assert.deepEqual([decoded.width, decoded.height], [tileWidth, tileHeight]);
        const rect = {
          x: col * tileWidth,
          y: row * tileHeight,
          width: Math.min(tileWidth, width - col * tileWidth),
          height: Math.min(tileHeight, height - row * tileHeight),
        };
        const pixels = await tiff.readRegion(0, rect, allocate);
        const inside = crop(decoded, { x: 0, y: 0, width: rect.width, height: rect.height });
        assertSameRaster(inside, pixels, `tile (${col}, ${row})`);
      }
    });
  }
  await t.step("jpegTile() reads a local file's tile straight into its JPEG, alike", async () => {
    for (const testCase of CASES) {
      const path = dir.file(testCase.file);
      using file = await Deno.open(path);
      const local = await openTiff(fileByteSource(file, (await file.stat()).size));
      const copied = await open(dir, testCase.file);
      for (const [level, { width, height, tileWidth, tileHeight }] of local.levels.entries()) {
        for (let row = 0; row * tileHeight < height; row++) {
          for (let col = 0; col * tileWidth < width; col++) {
            const label = `${testCase.name}, level ${level}, tile (${col}, ${row})`;
            const tile = await local.jpegTile(level, col, row);
            assert.deepEqual(tile, await copied.jpegTile(level, col, row), label);
          }
        }
      }
    }
  });
  await t.step("jpegTile() is undefined for other compressions and checks its range", async () => {
    const deflate = await open(dir, "deflate.tif");
    assert.equal(await deflate.jpegTile(0, 0, 0), undefined);
    const jpeg = await open(dir, "ycbcr.tif");
    await assert.rejects(jpeg.jpegTile(0, 4, 0), RangeError);
    await assert.rejects(jpeg.jpegTile(0, 0, -1), RangeError);
    await assert.rejects(jpeg.jpegTile(jpeg.levels.length, 0, 0), RangeError);
  });
});

/** Whether an APP14 "Adobe" segment follows SOI. */
function hasAdobeMarker(jpeg: Uint8Array): boolean {
  const adobe = new TextDecoder().decode(jpeg.subarray(6, 11));
  return jpeg[2] === 0xff && jpeg[3] === 0xee && adobe === "Adobe";
}
