import assert from "node:assert/strict";
import { openTiff } from "../../../src/codecs/tiff/mod.ts";
import { allocate, FixtureDir, memorySource } from "./_tiff_fixtures.ts";

const SIZE = 2048;

/** The first directory's tiles as `tiffinfo -s` lists them: [offset, byte count] by number. */
function tilesOfFirstDirectory(info: string): { tiles: number[][]; tablesLength: number } {
  const first = info.split("=== TIFF directory 1 ===")[0];
  const tiles = [...first.matchAll(/^\s+\d+: \[\s*(\d+),\s*(\d+)\]$/gm)]
    .map((match) => [Number(match[1]), Number(match[2])]);
  return { tiles, tablesLength: Number(first.match(/JPEG Tables: \((\d+) bytes\)/)?.[1]) };
}

Deno.test("readRegion() reads only the index and the tiles a region needs", async (t) => {
  await using dir = await FixtureDir.create();
  await dir.run("vips", "sines", "sines.v", `${SIZE}`, `${SIZE}`, "--hfreq", "9", "--vfreq", "7");
  await dir.run("vips", "linear", "sines.v", "gray.v", "127", "128", "--uchar");
  await dir.run("vips", "bandjoin", "gray.v gray.v gray.v", "rgb.v");
  const tiling = ["--tile", "--tile-width", "256", "--tile-height", "256", "--pyramid"];
  await dir.run("vips", "tiffsave", "rgb.v", "big.tif", ...tiling, "--compression", "jpeg");
  const bytes = await Deno.readFile(dir.file("big.tif"));
  const { tiles, tablesLength } = tilesOfFirstDirectory(
    await dir.run("tiffinfo", "-s", dir.file("big.tif")),
  );
  assert.equal(tiles.length, 64);
  const source = memorySource(bytes);
  const tiff = await openTiff(source);
  const indexBytes = 64 * 4 * 2 + tablesLength;

  await t.step("opening reads the header and directories only", () => {
    assert.equal(tiff.levels.length, 4);
    assert.ok(source.bytesRead() <= 5 * 1024, `${source.bytesRead()} bytes of ${bytes.length}`);
  });

  await t.step("a 256x256 tile reads its level's index once, then the tile alone", async () => {
    const before = source.bytesRead();
    await tiff.readRegion(0, { x: 512, y: 768, width: 256, height: 256 }, allocate);
    const tile = tiles[3 * 8 + 2];
    assert.equal(source.bytesRead() - before, indexBytes + tile[1]);
    assert.deepEqual(source.reads.at(-1), { offset: tile[0], length: tile[1] });
    assert.ok(source.bytesRead() < 16 * 1024, `${source.bytesRead()} bytes in all`);
  });

  await t.step("adjacent tiles of a row are fetched in one read", async () => {
    const before = source.reads.length;
    await tiff.readRegion(0, { x: 300, y: 10, width: 500, height: 400 }, allocate);
    const reads = source.reads.slice(before);
    const rows = [0, 1].map((row) => tiles.slice(row * 8 + 1, row * 8 + 4));
    const expected = rows.map((row) => ({
      offset: row[0][0],
      length: row.reduce((sum, tile) => sum + tile[1], 0),
    }));
    assert.deepEqual(reads.toSorted((a, b) => a.offset - b.offset), expected);
  });
});
