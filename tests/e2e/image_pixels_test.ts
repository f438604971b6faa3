import assert from "node:assert/strict";
import {
  decodeBody,
  encodeSource,
  get,
  near,
  pixelAt,
  quadrantRaster,
  QUADRANTS,
  withServer,
} from "./server_fixture.ts";
import type { Raster } from "../../src/ops/mod.ts";

const WIDTH = 400;
const HEIGHT = 300;
const { topLeft: TL, topRight: TR, bottomLeft: BL, bottomRight: BR } = QUADRANTS;

/** Colours sampled at the centres of the four quadrants of `raster`, clockwise from top left. */
function quadrantColours(raster: Raster): number[][] {
  const [w, h] = [raster.width, raster.height];
  return [[w / 4, h / 4], [(3 * w) / 4, h / 4], [(3 * w) / 4, (3 * h) / 4], [w / 4, (3 * h) / 4]]
    .map(([x, y]) => pixelAt(raster, Math.floor(x), Math.floor(y)));
}

function assertQuadrants(raster: Raster, expected: readonly (readonly number[])[]): void {
  const actual = quadrantColours(raster);
  expected.forEach((colour, i) =>
    assert.ok(near(actual[i], colour), `quadrant ${i}: got ${actual[i]}, want ${colour}`)
  );
}

Deno.test("image requests put the right colour in the right place", async (t) => {
  const files = {
    "quad.jpg": await encodeSource(quadrantRaster(WIDTH, HEIGHT), "jpg"),
    "quad.png": await encodeSource(quadrantRaster(WIDTH, HEIGHT), "png"),
  };
  await withServer({ files }, async (server) => {
    async function image(path: string): Promise<{ raster: Raster; response: Response }> {
      const { response, body } = await get(server, `/iiif/3/test:${path}`);
      assert.equal(response.status, 200, `${path}: ${new TextDecoder().decode(body)}`);
      return { raster: await decodeBody(body), response };
    }

    const cases: Array<[string, number, number, readonly (readonly number[])[]]> = [
      ["quad.jpg/full/max/0/default.jpg", 400, 300, [TL, TR, BR, BL]],
      ["quad.png/full/max/0/default.png", 400, 300, [TL, TR, BR, BL]],
      ["quad.jpg/200,0,200,150/max/0/default.jpg", 200, 150, [TR, TR, TR, TR]],
      ["quad.jpg/pct:0,50,50,50/max/0/default.jpg", 200, 150, [BL, BL, BL, BL]],
      ["quad.jpg/square/max/0/default.jpg", 300, 300, [TL, TR, BR, BL]],
      ["quad.jpg/full/200,/0/default.jpg", 200, 150, [TL, TR, BR, BL]],
      ["quad.jpg/full/,75/0/default.jpg", 100, 75, [TL, TR, BR, BL]],
      ["quad.jpg/full/pct:25/0/default.jpg", 100, 75, [TL, TR, BR, BL]],
      ["quad.jpg/full/!100,100/0/default.jpg", 100, 75, [TL, TR, BR, BL]],
      ["quad.jpg/full/120,40/0/default.jpg", 120, 40, [TL, TR, BR, BL]],
      ["quad.jpg/full/^800,/0/default.jpg", 800, 600, [TL, TR, BR, BL]],
      ["quad.jpg/full/max/!0/default.jpg", 400, 300, [TR, TL, BL, BR]],
      ["quad.jpg/full/max/90/default.jpg", 300, 400, [BL, TL, TR, BR]],
      ["quad.jpg/full/max/180/default.jpg", 400, 300, [BR, BL, TL, TR]],
      ["quad.jpg/full/max/270/default.jpg", 300, 400, [TR, BR, BL, TL]],
      ["quad.jpg/full/max/!90/default.jpg", 300, 400, [BR, TR, TL, BL]],
    ];
    for (const [path, width, height, colours] of cases) {
      await t.step(path, async () => {
        const { raster } = await image(path);
        assert.deepEqual([raster.width, raster.height], [width, height]);
        assertQuadrants(raster, colours);
      });
    }

    await t.step(
      "arbitrary rotation: bounding box, transparent png corners, white jpg",
      async () => {
        const png = (await image("quad.png/full/max/30/default.png")).raster;
        const c = Math.cos(Math.PI / 6), s = Math.sin(Math.PI / 6);
        assert.deepEqual([png.width, png.height], [
          Math.round(WIDTH * c + HEIGHT * s),
          Math.round(HEIGHT * c + WIDTH * s),
        ]);
        assert.equal(pixelAt(png, 0, 0)[3], 0);
        // The top-left quadrant's centre, (-100, -75) from the image centre, turned 30° clockwise.
        const [dx, dy] = [-100 * c + 75 * s, -100 * s - 75 * c];
        const inside = pixelAt(
          png,
          Math.round(png.width / 2 + dx),
          Math.round(png.height / 2 + dy),
        );
        assert.ok(near(inside, [...TL, 255]), `rotated top-left quadrant is ${inside}`);
        const jpg = (await image("quad.jpg/full/max/30/default.jpg")).raster;
        assert.ok(near(pixelAt(jpg, 0, 0), [255, 255, 255]));
        assert.ok(near(pixelAt(jpg, 2, jpg.height - 3), [255, 255, 255]));
      },
    );

    await t.step("gray is Rec. 709 luma, bitonal is black or white", async () => {
      const gray = (await image("quad.png/full/max/0/gray.png")).raster;
      const luma = (rgb: readonly number[]) =>
        Math.round(0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]);
      quadrantColours(gray).forEach((pixel, i) => {
        const want = luma([TL, TR, BR, BL][i]);
        assert.ok(near(pixel, [want, want, want], 1), `gray ${pixel} want ${want}`);
      });
      const bitonal = (await image("quad.png/full/max/0/bitonal.png")).raster;
      assert.deepEqual(quadrantColours(bitonal).map((p) => p[0]), [0, 255, 255, 0]);
      for (let i = 0; i < bitonal.width * bitonal.height * 4; i += 4) {
        assert.ok(bitonal.data[i] === 0 || bitonal.data[i] === 255);
      }
    });
  });
});

Deno.test("every output format answers with its content type and magic bytes", async (t) => {
  const files = { "quad.jpg": await encodeSource(quadrantRaster(64, 48), "jpg") };
  const formats: Array<[string, string, number[]]> = [
    ["jpg", "image/jpeg", [0xff, 0xd8, 0xff]],
    ["png", "image/png", [0x89, 0x50, 0x4e, 0x47]],
    ["webp", "image/webp", [0x52, 0x49, 0x46, 0x46]],
    ["gif", "image/gif", [0x47, 0x49, 0x46, 0x38]],
    ["tif", "image/tiff", [0x49, 0x49, 0x2a, 0x00]],
  ];
  await withServer({ files }, async (server) => {
    for (const [format, type, magic] of formats) {
      await t.step(format, async () => {
        for (const version of [2, 3]) {
          const path = `/iiif/${version}/test:quad.jpg/full/max/0/default.${format}`;
          const { response, body } = await get(server, path);
          assert.equal(response.status, 200);
          assert.equal(response.headers.get("content-type"), type);
          assert.deepEqual(Array.from(body.subarray(0, magic.length)), magic);
        }
      });
    }
  });
});

Deno.test("a transparent source becomes white in JPEG and stays transparent in PNG", async () => {
  const raster = quadrantRaster(80, 60);
  for (let i = 0; i < raster.data.length; i += 4) {
    if ((i / 4) % 80 >= 40) raster.data[i + 3] = 0;
  }
  const files = { "half.png": await encodeSource(raster, "png") };
  await withServer({ files }, async (server) => {
    for (const size of ["max", "40,"]) {
      const jpg = await get(server, `/iiif/3/test:half.png/full/${size}/0/default.jpg`);
      const jpgPixels = await decodeBody(jpg.body);
      const [w, h] = [jpgPixels.width, jpgPixels.height];
      assert.ok(near(pixelAt(jpgPixels, w - 2, 2), [255, 255, 255]), `${size}: right is white`);
      assert.ok(near(pixelAt(jpgPixels, 2, h - 2), BL), `${size}: left keeps its colour`);
      const png = await decodeBody(
        (await get(server, `/iiif/3/test:half.png/full/${size}/0/default.png`)).body,
      );
      assert.equal(pixelAt(png, png.width - 2, 2)[3], 0, `${size}: png keeps alpha`);
    }
  });
});
