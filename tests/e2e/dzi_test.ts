/**
 * DeepZoom served end to end, checked against `vips dzsave` (libvips-tools) as an independent
 * DeepZoom writer: the same descriptor, the same tiles at every level with the same sizes,
 * full-resolution tiles that are the source's exact pixels, lower levels close to vips's, and
 * tiles byte for byte the IIIF image of the same region and size.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Raster } from "../../src/ops/mod.ts";
import { psnr } from "../gpu/_psnr.ts";
import {
  decodeBody,
  encodeSource,
  get,
  near,
  type TestServer,
  withServer,
} from "./server_fixture.ts";

const WIDTH = 600;
const HEIGHT = 401;
/** 2^10 = 1024 is the first power of two at least 600. */
const MAX_LEVEL = 10;
const CONFIG = { dzi_tile_size: 254, dzi_overlap: 1, dzi_format: "png" };

/**
 * Gradients with a 64-pixel checkerboard: smooth enough that two resamplers agree at the top
 * levels, with sharp edges so a tile in the wrong place shows.
 */
function photo(): Raster {
  const data = new Uint8Array(WIDTH * HEIGHT * 4);
  for (let y = 0, i = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++, i += 4) {
      const edge = ((x >> 6) + (y >> 6)) % 2 === 0 ? 60 : 0;
      data.set([x * 190 / WIDTH + edge, y * 190 / HEIGHT + edge, 255 - x * 200 / WIDTH, 255], i);
    }
  }
  return { width: WIDTH, height: HEIGHT, data };
}

async function vipsDeepZoom(dir: string, source: string): Promise<string> {
  const args = [
    "dzsave",
    source,
    `${dir}/vips`,
    "--tile-size",
    "254",
    "--overlap",
    "1",
    "--suffix",
    ".png",
  ];
  const { code, stderr } = await new Deno.Command("vips", { args, stdout: "null", stderr: "piped" })
    .output();
  if (code !== 0) throw new Error(`vips ${args.join(" ")}: ${new TextDecoder().decode(stderr)}`);
  return `${dir}/vips_files`;
}

/** The attributes of a `.dzi` descriptor, whatever their order and layout. */
function descriptorAttributes(xml: string): Record<string, string> {
  return Object.fromEntries(
    [...xml.matchAll(/(\w+)="([^"]*)"/g)].map(([, name, value]) => [name, value]),
  );
}

async function tile(t: TestServer, path: string): Promise<Raster> {
  const { response, body } = await get(t, `/dzi/photo.png_files/${path}`);
  assert.equal(response.status, 200, `${path}: ${new TextDecoder().decode(body)}`);
  return await decodeBody(body);
}

function meanColour(raster: Raster): number[] {
  const sums = [0, 0, 0];
  for (let i = 0; i < raster.data.length; i += 4) {
    for (let channel = 0; channel < 3; channel++) sums[channel] += raster.data[i + channel];
  }
  return sums.map((sum) => sum / (raster.width * raster.height));
}

function crop(raster: Raster, x: number, y: number, width: number, height: number): Raster {
  const data = new Uint8Array(width * height * 4);
  for (let row = 0; row < height; row++) {
    const start = ((y + row) * raster.width + x) * 4;
    data.set(raster.data.subarray(start, start + width * 4), row * width * 4);
  }
  return { width, height, data };
}

async function assertDescriptorLikeVips(t: TestServer, vipsDescriptor: string): Promise<void> {
  const { response, body } = await get(t, "/dzi/photo.png.dzi");
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("content-type"), "application/xml");
  assert.deepEqual(
    descriptorAttributes(new TextDecoder().decode(body)),
    descriptorAttributes(await Deno.readTextFile(vipsDescriptor)),
  );
}

/** Every tile vips wrote, fetched from the server: the same size, and alike at the top levels. */
async function assertTilesLikeVips(t: TestServer, vipsTiles: string): Promise<void> {
  for (let level = 0; level <= MAX_LEVEL; level++) {
    for (const { name } of Deno.readDirSync(`${vipsTiles}/${level}`)) {
      const where = `${level}/${name}`;
      const ours = await tile(t, where);
      const theirs = await decodeBody(await Deno.readFile(`${vipsTiles}/${where}`));
      assert.deepEqual([ours.width, ours.height], [theirs.width, theirs.height], where);
      // A different resampler, the same picture. vips halves level by level and its odd edges
      // drift (its 1×1 level is 30 levels off the image's mean), so only the top levels count.
      if (level < 8) continue;
      assert.ok(psnr(ours, theirs) > 30, `${where}: ${psnr(ours, theirs)} dB`);
    }
  }
  const beyond = await get(t, "/dzi/photo.png_files/10/3_0.png");
  assert.equal(beyond.response.status, 404);
}

async function assertSourcePixels(t: TestServer, source: Raster): Promise<void> {
  // Full resolution from a lossless source: the source's pixels, overlap included.
  const tiles = [
    ["10/0_0.png", 0, 0, 255, 255],
    ["10/1_1.png", 253, 253, 256, 148],
    ["10/2_1.png", 507, 253, 93, 148],
  ] as const;
  for (const [path, x, y, width, height] of tiles) {
    assert.deepEqual(await tile(t, path), crop(source, x, y, width, height), path);
  }
  // Level 0 is one pixel: the whole image's mean colour.
  const [red, green, blue] = (await tile(t, "0/0_0.png")).data;
  const mean = meanColour(source);
  assert.ok(near([red, green, blue], mean, 1), `level 0 is ${[red, green, blue]}, not ${mean}`);
}

async function assertSameAsIiif(t: TestServer): Promise<void> {
  // Level 9 is 300×201 at scale 2; the last column's region is cut at the image's edge.
  const tiles = [
    ["9/1_0.jpg", "506,0,94,401/47,201/0/default.jpg"],
    ["9/0_0.png", "0,0,510,401/255,201/0/default.png"],
    ["0/0_0.jpg", "full/1,1/0/default.jpg"],
  ];
  for (const [path, iiif] of tiles) {
    const dzi = await get(t, `/dzi/photo.png_files/${path}`);
    const viaIiif = await get(t, `/iiif/3/photo.png/${iiif}`);
    assert.equal(dzi.response.status, 200, path);
    assert.deepEqual(dzi.body, viaIiif.body, path);
  }
}

Deno.test("DeepZoom descriptor and tiles match vips dzsave and the IIIF route", async (test) => {
  const dir = await Deno.makeTempDir({ prefix: "tessera-dzi-" });
  try {
    const source = photo();
    const png = await encodeSource(source, "png");
    await Deno.writeFile(`${dir}/photo.png`, png);
    const vipsTiles = await vipsDeepZoom(dir, `${dir}/photo.png`);
    await withServer({ files: { "photo.png": png }, config: CONFIG }, async (t) => {
      await test.step("descriptor", () => assertDescriptorLikeVips(t, `${dir}/vips.dzi`));
      await test.step("tiles at every level", () => assertTilesLikeVips(t, vipsTiles));
      await test.step("source pixels", () => assertSourcePixels(t, source));
      await test.step("same bytes as IIIF", () => assertSameAsIiif(t));
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
