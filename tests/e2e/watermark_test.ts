/**
 * Watermarks through the real server: a profile's mark is laid on the tiles where its pattern
 * lies in the image, thumbnails below the minimum and other profiles stay clean, a stored JPEG
 * tile is re-encoded rather than passed through, and turning the mark on or off never serves a
 * derivative cached the other way.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Raster } from "../../src/ops/mod.ts";
import {
  decodeBody,
  encodeSource,
  get,
  image,
  near,
  pixelAt,
  withServer,
} from "./server_fixture.ts";

const BLUE = [40, 60, 220, 255];
const WHITE = [255, 255, 255, 255];
/** The mark repeats every 8 pixels: only its pixel (0, 0) is opaque (white). */
const MARK_SIDE = 8;

function solid(width: number, height: number, colour: readonly number[]): Raster {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < data.length; i += 4) data.set(colour, i);
  return { width, height, data };
}

function markRaster(): Raster {
  const mark = solid(MARK_SIDE, MARK_SIDE, [0, 0, 0, 0]);
  mark.data.set(WHITE, 0);
  return mark;
}

/** A folder with the mark and, for profiles `marked` and `clean`, a PNG and a JPEG pyramid. */
async function fixtures(dir: string): Promise<void> {
  await Deno.writeFile(`${dir}/mark.png`, await encodeSource(markRaster(), "png"));
  const png = await encodeSource(solid(1024, 768, BLUE), "png");
  for (const profile of ["marked", "clean"]) {
    const folder = `${dir}/sources/${profile}`;
    await Deno.mkdir(folder, { recursive: true });
    await Deno.writeFile(`${folder}/img.png`, png);
    const args = ["tiffsave", `${folder}/img.png`, `${folder}/img.tif`, "--tile", "--pyramid"];
    const tiled = [...args, "--tile-width", "256", "--tile-height", "256", "--compression", "jpeg"];
    const { code } = await new Deno.Command("vips", { args: tiled, stderr: "null" }).output();
    assert.equal(code, 0, "vips tiffsave");
  }
}

/** Config of the shared folder, with or without the mark on profile `marked`. */
function configOf(dir: string, marked: boolean): Record<string, unknown> {
  const watermark = { image: `${dir}/mark.png`, opacity: 1, min_width: 300, min_height: 300 };
  return {
    source_path: `${dir}/sources`,
    cache_path: `${dir}/cache`,
    default_profile: null,
    profiles: {
      marked: { type: "disk", watermark: marked ? watermark : null },
      clean: { type: "disk" },
    },
  };
}

async function withFixtures(body: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "tessera-watermark-" });
  try {
    await fixtures(dir);
    await body(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/**
 * Checks every pixel: white where `(x + dx, y + dy)` falls on the mark's opaque pixel, the
 * source's blue elsewhere (`dx`, `dy`: the output's position in the image at its scale).
 */
function assertDots(raster: Raster, at: readonly [number, number] | undefined, tolerance = 0) {
  for (let y = 0; y < raster.height; y++) {
    for (let x = 0; x < raster.width; x++) {
      const dot = at !== undefined && (x + at[0]) % MARK_SIDE === 0 &&
        (y + at[1]) % MARK_SIDE === 0;
      const pixel = pixelAt(raster, x, y);
      assert.ok(near(pixel, dot ? WHITE : BLUE, tolerance), `(${x}, ${y}) is ${pixel}`);
    }
  }
}

Deno.test("watermark: tiles carry the pattern where it lies in the image, thumbnails do not", async () => {
  await withFixtures(async (dir) => {
    await withServer({ files: {}, config: configOf(dir, true) }, async (t) => {
      const tile = await image(t, "marked:img.png/260,130,128,128/max/0/default.png");
      assertDots(tile.raster, [260, 130]);
      // At half scale the tile starts at (260, 132) of the 512×384 image.
      const half = await image(t, "marked:img.png/520,264,256,256/128,/0/default.png");
      assertDots(half.raster, [260, 132]);
      // The whole image at 256×192 is below 300×300: no mark.
      assertDots((await image(t, "marked:img.png/full/256,/0/default.png")).raster, undefined);
      const thumbnail = await get(t, "/marked:img.png/thumbnail");
      assertDots(await decodeBody(thumbnail.body), undefined, 8);
      assertDots(
        (await image(t, "clean:img.png/260,130,128,128/max/0/default.png")).raster,
        undefined,
      );
    });
  });
});

Deno.test("watermark: a stored JPEG tile is decoded and marked, not passed through", async () => {
  await withFixtures(async (dir) => {
    await withServer({ files: {}, config: configOf(dir, true) }, async (t) => {
      const path = "img.tif/256,256,256,256/256,256/0/default.jpg";
      const marked = await image(t, `marked:${path}`);
      assert.doesNotMatch(marked.headers.get("server-timing") ?? "", /source;desc="tile"/);
      assertDots(marked.raster, [256, 256], 60);
      const clean = await image(t, `clean:${path}`);
      assert.match(clean.headers.get("server-timing") ?? "", /source;desc="tile"/);
    });
  });
});

Deno.test("watermark: turning it on or off never serves a derivative cached the other way", async () => {
  await withFixtures(async (dir) => {
    const path = "marked:img.png/260,130,128,128/max/0/default.png";
    const etags: string[] = [];
    for (const marked of [false, true, false]) {
      await withServer({ files: {}, config: configOf(dir, marked) }, async (t) => {
        const { raster, headers } = await image(t, path);
        assertDots(raster, marked ? [260, 130] : undefined);
        etags.push(headers.get("etag") ?? "");
      });
    }
    assert.notEqual(etags[1], etags[0]);
    assert.equal(etags[2], etags[0]);
  });
});
