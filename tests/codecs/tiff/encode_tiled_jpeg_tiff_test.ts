import assert from "node:assert/strict";
import { activeJpegCodec } from "../../../src/codecs/active_jpeg_codec.ts";
import { encodeTiledJpegTiff } from "../../../src/codecs/encode_tiled_jpeg_tiff.ts";
import { openTiff } from "../../../src/codecs/tiff/mod.ts";
import type { Raster } from "../../../src/ops/raster.ts";
import {
  allocate,
  FixtureDir,
  maxDifference,
  memorySource,
  psnr,
  tiffinfoSizes,
  vipsRgba,
} from "./_tiff_fixtures.ts";

const WIDTH = 700;
const HEIGHT = 500;

/** Linear ramps: a 2×2 mean is the value at its centre, so every level has an exact reference. */
function ramps(width: number, height: number, scale: number): Raster {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [sx, sy] = [(x + 0.5) * scale - 0.5, (y + 0.5) * scale - 0.5];
      data.set([
        Math.round((sx * 255) / WIDTH),
        Math.round((sy * 255) / HEIGHT),
        Math.round(((WIDTH - sx + sy) * 255) / (WIDTH + HEIGHT)),
        255,
      ], (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

async function writeFixture(dir: FixtureDir): Promise<{ path: string; bytes: Uint8Array }> {
  const bytes = await encodeTiledJpegTiff(ramps(WIDTH, HEIGHT, 1), { jpegQuality: 92 });
  const path = dir.file("pyramid.tif");
  await Deno.writeFile(path, bytes);
  return { path, bytes };
}

Deno.test("encodeTiledJpegTiff() writes JPEG-tiled levels halving to one tile, as libtiff reads them", async () => {
  await using dir = await FixtureDir.create();
  const { path } = await writeFixture(dir);
  const output = await new Deno.Command("tiffinfo", { args: [path] }).output();
  assert.equal(new TextDecoder().decode(output.stderr), "", "libtiff warnings");
  const info = new TextDecoder().decode(output.stdout);
  assert.deepEqual(await tiffinfoSizes(dir, path), [[700, 500], [350, 250], [175, 125]]);
  assert.equal(info.match(/Tile Width: 256 Tile Length: 256/g)?.length, 3);
  assert.equal(info.match(/Compression Scheme: JPEG/g)?.length, 3);
  assert.equal(info.match(/Photometric Interpretation: YCbCr/g)?.length, 3);
  assert.equal(info.match(/Subfile Type: reduced-resolution image/g)?.length, 2);
});

Deno.test("encodeTiledJpegTiff() levels read back by our reader and by vips match the source", async () => {
  await using dir = await FixtureDir.create();
  const { path, bytes } = await writeFixture(dir);
  const tiff = await openTiff(memorySource(bytes));
  assert.deepEqual(tiff.levels.map(({ width, height }) => [width, height]), [
    [700, 500],
    [350, 250],
    [175, 125],
  ]);
  for (const [index, level] of tiff.levels.entries()) {
    const whole = { x: 0, y: 0, width: level.width, height: level.height };
    const ours = await tiff.readRegion(index, whole, allocate);
    const expected = ramps(level.width, level.height, 2 ** index);
    assert.ok(psnr(ours, expected) > 38, `level ${index}: ${psnr(ours, expected)} dB`);
    assert.ok(maxDifference(ours, expected) <= 12, `level ${index}`);
    const theirs = await vipsRgba(dir, path, `page=${index}`);
    assert.ok(maxDifference(ours, theirs) <= 3, `level ${index}: our reader and vips differ`);
  }
});

Deno.test("encodeTiledJpegTiff() pads edge tiles to full size with their last column and row", async () => {
  await using dir = await FixtureDir.create();
  const tiff = await openTiff(memorySource((await writeFixture(dir)).bytes));
  // The bottom-right tile of level 0 shows 700 − 512 = 188 columns and 500 − 256 = 244 rows.
  const stored = await tiff.jpegTile(0, 2, 1);
  assert.ok(stored, "a JPEG tile");
  const tile = await activeJpegCodec().decode(stored, 1, allocate);
  assert.deepEqual([tile.width, tile.height], [256, 256]);
  const pixel = (
    x: number,
    y: number,
  ) => [...tile.data.subarray((y * 256 + x) * 4, (y * 256 + x) * 4 + 3)];
  const near = (a: number[], b: number[]) => a.every((value, i) => Math.abs(value - b[i]) <= 6);
  assert.ok(near(pixel(255, 100), pixel(187, 100)), `${pixel(255, 100)} vs ${pixel(187, 100)}`);
  assert.ok(near(pixel(100, 255), pixel(100, 243)), `${pixel(100, 255)} vs ${pixel(100, 243)}`);
});
