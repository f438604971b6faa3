import assert from "node:assert/strict";
import {
  deepZoomDescriptor,
  deepZoomLevelSize,
  deepZoomMaxLevel,
  deepZoomTile,
} from "../../src/iiif/mod.ts";

const LAYOUT = { tileSize: 254, overlap: 1 };
/** Odd on both sides, wider than tall: 1001 / 1024 and 333 / 1024 round up at every level. */
const ODD = { width: 1001, height: 333 };

Deno.test("deepZoomMaxLevel() is ceil(log2) of the longer side", () => {
  const rows: [width: number, height: number, level: number][] = [
    [1, 1, 0],
    [2, 1, 1],
    [3, 2, 2],
    [256, 256, 8],
    [257, 10, 9],
    [10, 257, 9],
    [1001, 333, 10],
    [2 ** 20, 3, 20],
    [2 ** 20 + 1, 3, 21],
  ];
  for (const [width, height, level] of rows) {
    assert.equal(deepZoomMaxLevel({ width, height }), level, `${width}×${height}`);
  }
});

Deno.test("deepZoomLevelSize() rounds each halving up, down to 1×1 at level 0", () => {
  const sizes = [
    [1, 1],
    [2, 1],
    [4, 2],
    [8, 3],
    [16, 6],
    [32, 11],
    [63, 21],
    [126, 42],
    [251, 84],
    [501, 167],
    [1001, 333],
  ];
  for (const [level, [width, height]] of sizes.entries()) {
    assert.deepEqual(deepZoomLevelSize(ODD, level), { width, height }, `level ${level}`);
  }
  assert.deepEqual(deepZoomLevelSize({ width: 1, height: 1 }, 0), { width: 1, height: 1 });
});

Deno.test("deepZoomTile() adds overlap on inner edges only and cuts tiles at the image", () => {
  type Row = [address: string, region: [number, number, number, number], size: [number, number]];
  const rows: Row[] = [
    ["10/0_0", [0, 0, 255, 255], [255, 255]], // first: overlap right and below only
    ["10/1_0", [253, 0, 256, 255], [256, 255]], // inner column: overlap both sides
    ["10/3_1", [761, 253, 240, 80], [240, 80]], // last column and row: cut at 1001×333
    // Level 9 is 501×167 at scale 2: the tile spans 253–501, its region 506–1001 (cut to the
    // image, one pixel short of 2 × 248).
    ["9/1_0", [506, 0, 495, 333], [248, 167]],
    ["1/0_0", [0, 0, 1001, 333], [2, 1]],
    ["0/0_0", [0, 0, 1001, 333], [1, 1]],
  ];
  for (const [address, [x, y, width, height], [outWidth, outHeight]] of rows) {
    const [level, col, row] = address.split(/[/_]/).map(Number);
    assert.deepEqual(
      deepZoomTile(ODD, { level, col, row }, LAYOUT),
      { region: { x, y, width, height }, width: outWidth, height: outHeight },
      address,
    );
  }
});

Deno.test("deepZoomTile() without overlap splits a power of two evenly", () => {
  const tile = deepZoomTile({ width: 512, height: 512 }, { level: 8, col: 1, row: 0 }, {
    tileSize: 128,
    overlap: 0,
  });
  assert.deepEqual(tile, {
    region: { x: 256, y: 0, width: 256, height: 256 },
    width: 128,
    height: 128,
  });
});

Deno.test("deepZoomTile() answers undefined outside the pyramid", () => {
  const outside = [
    { level: 11, col: 0, row: 0 },
    { level: -1, col: 0, row: 0 },
    { level: 10, col: 4, row: 0 }, // 4 × 254 = 1016 ≥ 1001
    { level: 10, col: 0, row: 2 }, // 2 × 254 = 508 ≥ 333
    { level: 0, col: 1, row: 0 },
    { level: 10, col: -1, row: 0 },
    { level: 10, col: 0.5, row: 0 },
    { level: 1e20, col: 0, row: 0 },
  ];
  for (const address of outside) {
    assert.equal(deepZoomTile(ODD, address, LAYOUT), undefined, JSON.stringify(address));
  }
});

Deno.test("deepZoomTile() never upscales and keeps every region inside the image", () => {
  for (const image of [ODD, { width: 77, height: 1300 }, { width: 1, height: 1 }]) {
    for (let level = 0; level <= deepZoomMaxLevel(image); level++) {
      const levelSize = deepZoomLevelSize(image, level);
      for (let col = 0; col * LAYOUT.tileSize < levelSize.width; col++) {
        for (let row = 0; row * LAYOUT.tileSize < levelSize.height; row++) {
          const tile = deepZoomTile(image, { level, col, row }, LAYOUT);
          const where = `${image.width}×${image.height} ${level}/${col}_${row}`;
          assert.ok(tile, where);
          const { region } = tile;
          assert.ok(tile.width <= region.width && tile.height <= region.height, where);
          assert.ok(region.x + region.width <= image.width, where);
          assert.ok(region.y + region.height <= image.height, where);
        }
      }
    }
  }
});

Deno.test("deepZoomDescriptor() writes the DeepZoom 2008 XML", () => {
  assert.equal(
    deepZoomDescriptor(ODD, { tileSize: 510, overlap: 2, format: "png" }),
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
      '<Image TileSize="510" Overlap="2" Format="png" ' +
      'xmlns="http://schemas.microsoft.com/deepzoom/2008">' +
      '<Size Width="1001" Height="333"/></Image>\n',
  );
});

Deno.test("deepZoomTile() with shown cuts the smaller pyramid and scales regions up", () => {
  const image = { width: 1000, height: 700 };
  const layout = { tileSize: 254, overlap: 1, shown: { width: 300, height: 210 } };
  assert.deepEqual(deepZoomTile(image, { level: 9, col: 1, row: 0 }, layout), {
    region: { x: 843, y: 0, width: 157, height: 700 },
    width: 47,
    height: 210,
  });
  assert.deepEqual(deepZoomTile(image, { level: 0, col: 0, row: 0 }, layout), {
    region: { x: 0, y: 0, width: 1000, height: 700 },
    width: 1,
    height: 1,
  });
  assert.equal(deepZoomTile(image, { level: 10, col: 0, row: 0 }, layout), undefined);
});
