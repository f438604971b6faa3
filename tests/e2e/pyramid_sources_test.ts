/**
 * Pyramidal TIFFs (written by vips) and JPEG 2000s (written by opj_compress) served end to end:
 * info.json follows the stored pyramid, tiles come from the right level without decoding the
 * rest, a whole stored JPEG tile is sent as it is, and lossless sources give their exact pixels.
 *
 * @module
 */
import assert from "node:assert/strict";
import { planImage } from "../../src/iiif/mod.ts";
import { BufferPool, type Raster } from "../../src/ops/mod.ts";
import { RegionSources } from "../../workers/region_sources.ts";
import { psnr } from "../gpu/_psnr.ts";
import { cropRaster } from "../ops/_crop_raster.ts";
import { PLAN_LIMITS, requestOf } from "../fixtures/iiif_plans.ts";
import { encodeSource, get, image, type TestServer, withServer } from "./server_fixture.ts";

const WIDTH = 1001;
const HEIGHT = 701;

/** A photograph-like test image: gradients, edges and fine detail. */
function photo(): Raster {
  const data = new Uint8Array(WIDTH * HEIGHT * 4);
  for (let y = 0, i = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++, i += 4) {
      const edge = ((x >> 5) + (y >> 5)) % 2 === 0 ? 50 : 0;
      data[i] = (x * 200 / WIDTH + edge) & 255;
      data[i + 1] = (y * 200 / HEIGHT + ((x * y) % 13)) & 255;
      data[i + 2] = (128 + 100 * Math.sin(x / 17) * Math.cos(y / 23)) & 255;
      data[i + 3] = 255;
    }
  }
  return { width: WIDTH, height: HEIGHT, data };
}

/** A binary PPM (RGB), which opj_compress reads. */
function ppm(raster: Raster): Uint8Array {
  const header = new TextEncoder().encode(`P6\n${raster.width} ${raster.height}\n255\n`);
  const out = new Uint8Array(header.length + raster.width * raster.height * 3);
  out.set(header);
  for (let i = 0, o = header.length; i < raster.width * raster.height; i++, o += 3) {
    out.set(raster.data.subarray(i * 4, i * 4 + 3), o);
  }
  return out;
}

async function run(command: string, args: string[]): Promise<void> {
  const { code, stderr } = await new Deno.Command(command, {
    args,
    stdout: "null",
    stderr: "piped",
  })
    .output();
  if (code !== 0) {
    throw new Error(`${command} ${args.join(" ")}: ${new TextDecoder().decode(stderr)}`);
  }
}

/** The sources: the PNG itself, two vips pyramids, a JPEG 2000 and one vips level as PNG. */
async function fixtures(dir: string): Promise<Record<string, Uint8Array>> {
  const png = await encodeSource(photo(), "png");
  await Deno.writeFile(`${dir}/photo.png`, png);
  await Deno.writeFile(`${dir}/photo.ppm`, ppm(photo()));
  const tile = ["--tile", "--tile-width", "256", "--tile-height", "256", "--pyramid"];
  await run("vips", [
    "tiffsave",
    `${dir}/photo.png`,
    `${dir}/deflate.tif`,
    ...tile,
    "--compression",
    "deflate",
  ]);
  await run("vips", [
    "tiffsave",
    `${dir}/photo.png`,
    `${dir}/jpeg.tif`,
    ...tile,
    "--compression",
    "jpeg",
    "--Q",
    "92",
  ]);
  await run("vips", ["tiffload", `${dir}/deflate.tif`, `${dir}/level2.png`, "--page", "2"]);
  await run("opj_compress", [
    "-i",
    `${dir}/photo.ppm`,
    "-o",
    `${dir}/photo.jp2`,
    "-n",
    "4",
    "-t",
    "256,256",
  ]);
  const names = ["photo.png", "deflate.tif", "jpeg.tif", "photo.jp2", "level2.png"];
  const files = await Promise.all(names.map((name) => Deno.readFile(`${dir}/${name}`)));
  return Object.fromEntries(names.map((name, i) => [name, files[i]]));
}

function sameBytes(a: Raster, b: Raster, label: string): void {
  assert.deepEqual([a.width, a.height], [b.width, b.height], label);
  assert.ok(a.data.every((v, i) => v === b.data[i]), `${label}: pixels differ`);
}

Deno.test("pyramidal TIFF and JPEG 2000 sources are served from their stored levels", async () => {
  const dir = await Deno.makeTempDir({ prefix: "tessera-pyramids-" });
  try {
    const files = await fixtures(dir);
    await withServer({ files, config: { derivative_cache_max_bytes: 0 } }, async (t) => {
      await checkInfo(t);
      await checkLosslessPixels(t);
      await checkPassthrough(t);
      await checkResampled(t);
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a stored tile sent as it is is held in memory, not copied to the disk cache", async () => {
  const dir = await Deno.makeTempDir({ prefix: "tessera-pyramids-" });
  try {
    const files = await fixtures(dir);
    await withServer({ files }, async (t) => {
      const timings = [];
      const bodies = [];
      for (
        const tail of ["256,256,256,256/256,256/0", "256,256,256,256/256,256/0", "full/100,/0"]
      ) {
        const { response, body } = await get(t, `/iiif/3/jpeg.tif/${tail}/default.jpg`);
        timings.push(response.headers.get("server-timing") ?? "");
        bodies.push(body);
      }
      assert.deepEqual(bodies[1], bodies[0], "the memory layer sends the same bytes");
      assert.match(timings[0], /cache;desc="miss".*source;desc="tile"/);
      assert.match(timings[1], /cache;desc="hit"/, "the memory layer answers it again");
      assert.match(timings[2], /source;desc="file"/);
      const status = JSON.parse(new TextDecoder().decode((await get(t, "/status")).body));
      assert.equal(status.derivativeCache.entries, 1, "only the resampled image is on disk");
      assert.equal(status.derivativeCache.memory.entries, 2);
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

async function checkInfo(t: TestServer): Promise<void> {
  for (const name of ["deflate.tif", "photo.jp2"]) {
    const info = JSON.parse(
      new TextDecoder().decode((await get(t, `/iiif/3/${name}/info.json`)).body),
    );
    assert.deepEqual([info.width, info.height], [WIDTH, HEIGHT], name);
    assert.equal(info.tiles[0].width, 256, name);
    assert.deepEqual(info.tiles[0].scaleFactors.slice(0, 3), [1, 2, 4], name);
    assert.deepEqual(info.sizes.at(-1), { width: WIDTH, height: HEIGHT }, name);
  }
  const tiff = JSON.parse(
    new TextDecoder().decode((await get(t, "/iiif/3/deflate.tif/info.json")).body),
  );
  // vips rounds its levels down; JPEG 2000 levels round up.
  assert.ok(
    tiff.sizes.some((size: { width: number }) => size.width === 500),
    JSON.stringify(tiff.sizes),
  );
}

async function checkLosslessPixels(t: TestServer): Promise<void> {
  const source = (await image(t, "photo.png/full/max/0/default.png")).raster;
  for (const name of ["deflate.tif", "photo.jp2"]) {
    sameBytes((await image(t, `${name}/full/max/0/default.png`)).raster, source, name);
    const tile = await image(t, `${name}/768,512,233,189/max/0/default.png`);
    const expected = await image(t, "photo.png/768,512,233,189/max/0/default.png");
    sameBytes(tile.raster, expected.raster, `${name} edge tile`);
    assert.match(tile.timing, /source;desc="file"/);
  }
  // A lossy pyramid's edge tile is its stored tile cropped: the same pixels as a whole decode.
  const whole = (await image(t, "jpeg.tif/full/max/0/default.png")).raster;
  const edge = await image(t, "jpeg.tif/768,512,233,189/max/0/default.png");
  const rect = { x: 768, y: 512, width: 233, height: 189 };
  sameBytes(edge.raster, cropRaster(whole, rect), "jpeg.tif edge tile");
  // A request for the size of vips's third level is that level, untouched.
  const level = await image(t, "level2.png/full/max/0/default.png");
  sameBytes(
    (await image(t, "deflate.tif/full/250,/0/default.png")).raster,
    level.raster,
    "level 2",
  );
}

async function checkPassthrough(t: TestServer): Promise<void> {
  const path = "jpeg.tif/256,256,256,256/256,256/0/default.jpg";
  const stored = await image(t, path);
  assert.match(stored.timing, /source;desc="tile"/);
  const decoded = await image(t, path.replace("default.jpg", "default.png"));
  assert.match(decoded.timing, /source;desc="file"/);
  assert.ok(psnr(stored.raster, decoded.raster) >= 40);
  const shifted = await image(t, "jpeg.tif/250,256,256,256/256,256/0/default.jpg");
  assert.doesNotMatch(shifted.timing, /source;desc="tile"/, "not on the tile grid");
  // An edge tile is its padded stored tile cropped losslessly: the same pixels as a decode,
  // but in the last column and row, where chroma upsampling now repeats the edge.
  const edge = await image(t, "jpeg.tif/768,512,233,189/233,189/0/default.jpg");
  assert.match(edge.timing, /source;desc="crop"/);
  // Asked again (each worker keeps its crop plans): the same bytes, cropped again.
  const edgeUrl = "/iiif/3/jpeg.tif/768,512,233,189/233,189/0/default.jpg";
  const first = await get(t, edgeUrl);
  for (let again = 1; again <= 3; again++) {
    const { response, body } = await get(t, edgeUrl);
    assert.match(response.headers.get("server-timing") ?? "", /source;desc="crop"/);
    assert.deepEqual(body, first.body, `asked again, ${again}`);
  }
  const edgeDecoded = await image(t, "jpeg.tif/768,512,233,189/max/0/default.png");
  assert.deepEqual([edge.raster.width, edge.raster.height], [233, 189]);
  const inner = { x: 0, y: 0, width: 232, height: 188 };
  sameBytes(cropRaster(edge.raster, inner), cropRaster(edgeDecoded.raster, inner), "edge tile");
}

async function checkResampled(t: TestServer): Promise<void> {
  const requests = [
    "pct:10,10,50,50/!300,300/0/default.png",
    "full/!400,400/30/gray.png",
    "250,175,500,350/^1000,/0/default.png",
  ];
  for (const request of requests) {
    const expected = (await image(t, `photo.png/${request}`)).raster;
    for (const name of ["deflate.tif", "jpeg.tif", "photo.jp2"]) {
      const { raster } = await image(t, `${name}/${request}`);
      const db = psnr(expected, raster);
      assert.ok(db >= 28, `${name}/${request}: ${db.toFixed(1)} dB`);
    }
  }
}

Deno.test("RegionSources.prepare() decodes just the region of a cropped edge tile", async () => {
  const dir = await Deno.makeTempDir({ prefix: "tessera-edge-tile-" });
  const pool = new BufferPool();
  const regions = new RegionSources(pool);
  try {
    const files = await fixtures(dir);
    const path = `${dir}/jpeg.tif`;
    const source = { path, format: "tiff" as const, mtimeMs: 0, size: files["jpeg.tif"].length };
    const info = {
      width: WIDTH,
      height: HEIGHT,
      hasAlpha: false,
      scales: [1, 2, 4],
      levels: [{ width: WIDTH, height: HEIGHT }, { width: 500, height: 350 }, {
        width: 250,
        height: 175,
      }],
    };
    // Scale 2's bottom-right tile: 244×94 of one stored 256² tile, copied as it is.
    const request = requestOf("jpeg.tif/512,512,489,189/244,94/0/default.jpg");
    const limits = { ...PLAN_LIMITS, maxWidth: 4000, maxHeight: 4000, maxArea: 1e7 };
    const plan = planImage(request, info, limits);
    assert.equal(plan.decodeScale, 2);
    const job = await regions.prepare(source, plan);
    assert.equal(job.kind, "pixels");
    if (job.kind !== "pixels") return;
    const { width, height } = job.lease.raster;
    job.lease.done();
    assert.deepEqual([width, height], [244, 94], "the window is the tile's visible part");
    assert.deepEqual(job.steps, [{
      op: "resize",
      region: { x: 0, y: 0, width: 244, height: 94 },
      width: 244,
      height: 94,
    }]);
  } finally {
    regions.close();
    await Deno.remove(dir, { recursive: true });
  }
});
