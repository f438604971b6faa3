/**
 * Pyramid requests as a worker makes them with the derivative cache off: `RegionSources.prepare`
 * (stored tile, an edge tile cropped out of one, or read and decode the window), the CPU steps
 * and the encode, on vips JPEG pyramids of a 6000×4000 photo-like image (256² tiles; Q85, which
 * vips writes 4:2:0, and Q90, 4:4:4 as in `bench:peers`) written to a temp dir at start.
 *
 * Run: `deno bench -A bench/tiles_bench.ts`
 */
import {
  activeJpegCodec,
  cropBaselineJpeg,
  encodeImage,
  fileByteSource,
  type ProbedImage,
  probeSource,
} from "../src/codecs/mod.ts";
import { type ImagePlan, planImage } from "../src/iiif/mod.ts";
import { BufferPool, CpuBackend } from "../src/ops/mod.ts";
import { RegionSources } from "../workers/region_sources.ts";
import { type EdgeTileCropper, planningCropper } from "../workers/edge_tile_croppers.ts";
import { PLAN_LIMITS, requestOf } from "../tests/fixtures/iiif_plans.ts";
import { photoLike } from "./photo_like.ts";

const WIDTH = 6000;
const HEIGHT = 4000;

const dir = await Deno.makeTempDir({ prefix: "tessera-tiles-bench-" });
globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
const { source, info } = await openPyramid("pyramid.tif", 85);
const q90 = await openPyramid("q90.tif", 90);
const pool = new BufferPool();
const cpu = new CpuBackend({ pool });
const jpeg = activeJpegCodec();
const regions = new RegionSources(pool, planningCropper(jpeg));
const unplannedRegions = new RegionSources(
  pool,
  cropperOf((tile, width, height) => cropBaselineJpeg(tile, width, height)?.jpeg),
);
const turboCropRegions = new RegionSources(
  pool,
  cropperOf((tile, width, height) => jpeg.crop?.(tile, width, height)),
);
const decodingRegions = new RegionSources(pool);

/** The six tiles of scale factor 8: two whole, four cut by the right or bottom edge. */
const SCALE_8_TILES = [0, 1].flatMap((row) =>
  [0, 1, 2].map((col) => {
    const x = col * 2048;
    const y = row * 2048;
    const w = Math.min(2048, WIDTH - x);
    const h = Math.min(2048, HEIGHT - y);
    return plan(`${x},${y},${w},${h}`, `${Math.ceil(w / 8)},${Math.ceil(h / 8)}`);
  })
);

Deno.bench("sf8: all 6 tiles", { group: "sf8", baseline: true }, async () => {
  for (const tile of SCALE_8_TILES) await serve(tile);
});
Deno.bench("sf8: all 6 tiles, every crop planned anew", { group: "sf8" }, async () => {
  for (const tile of SCALE_8_TILES) await serve(tile, unplannedRegions);
});
Deno.bench(
  "sf8: all 6 tiles, edge tiles decoded (no lossless crop)",
  { group: "sf8" },
  async () => {
    for (const tile of SCALE_8_TILES) await serve(tile, decodingRegions);
  },
);
Deno.bench("sf8: all 6 tiles, edge tiles cropped by libjpeg-turbo (tjTransform)", {
  group: "sf8",
}, async () => {
  for (const tile of SCALE_8_TILES) await serve(tile, turboCropRegions);
});
Deno.bench("sf8: one bottom-right edge tile", { group: "sf8" }, async () => {
  await serve(SCALE_8_TILES[5]);
});
const q90RightTile = plan("4096,0,1904,2048", "238,256", q90.info);
Deno.bench(
  "sf8: one right-hand edge tile, Q90 4:4:4 (41 KB stored)",
  { group: "sf8" },
  async () => {
    await serve(q90RightTile, regions, q90.source);
  },
);
const edgeTile = plan("5888,3840,112,160", "112,160");
Deno.bench("full resolution: bottom-right edge tile", { group: "sf1" }, async () => {
  await serve(edgeTile);
});
Deno.bench(
  "full resolution: bottom-right edge tile, by tjTransform",
  { group: "sf1" },
  async () => {
    await serve(edgeTile, turboCropRegions);
  },
);
const middleTile = plan("2816,1792,256,256", "256,256");
Deno.bench("full resolution: middle tile (passthrough)", { group: "sf1" }, async () => {
  await serve(middleTile);
});
const thumbnail = plan("full", "!200,200");
Deno.bench("!200,200 thumbnail", { group: "thumbnail" }, async () => {
  await serve(thumbnail);
});

/** A cropper that cuts every edge tile with `cut`, keeping nothing. */
function cropperOf(
  cut: (jpeg: Uint8Array, width: number, height: number) => Uint8Array<ArrayBuffer> | undefined,
): EdgeTileCropper {
  return {
    tries: () => true,
    crop: ({ jpeg: tile, width, height }) => {
      const body = cut(tile, width, height);
      return body && { body };
    },
  };
}

function plan(region: string, sizeParameter: string, probed = info): ImagePlan {
  const request = requestOf(`pyramid.tif/${region}/${sizeParameter}/0/default.jpg`);
  return planImage(request, probed, PLAN_LIMITS);
}

/** What the worker does for one job: the stored tile, or decode, steps and encode. */
async function serve(job: ImagePlan, sources = regions, file = source): Promise<number> {
  const prepared = await sources.prepare(file, job);
  if (prepared.kind === "tile") return prepared.body.length;
  try {
    const output = await cpu.run(prepared.lease.raster, prepared.steps);
    try {
      return (await encodeImage(output, job.encode)).length;
    } finally {
      cpu.release(output);
    }
  } finally {
    prepared.lease.done();
  }
}

/** A pyramid of the photo written at `quality`, as a worker's job source, and its header. */
async function openPyramid(name: string, quality: number) {
  const path = `${dir}/${name}`;
  await writePyramid(path, quality);
  const { size, mtime } = await Deno.stat(path);
  const file = { path, format: "tiff" as const, mtimeMs: mtime?.getTime() ?? 0, size };
  return { source: file, info: await probeInfo(path, size) };
}

async function writePyramid(target: string, quality: number): Promise<void> {
  const raw = `${dir}/photo.v`;
  if (!await exists(raw)) {
    const photo = photoLike(WIDTH, HEIGHT);
    const rgb = new Uint8Array(WIDTH * HEIGHT * 3);
    for (let i = 0; i < WIDTH * HEIGHT; i++) rgb.set(photo.data.subarray(i * 4, i * 4 + 3), i * 3);
    await Deno.writeFile(`${dir}/photo.raw`, rgb);
    await vips(["rawload", `${dir}/photo.raw`, raw, `${WIDTH}`, `${HEIGHT}`, "3"]);
  }
  await vips([
    "tiffsave",
    raw,
    target,
    ...["--tile", "--tile-width", "256", "--tile-height", "256", "--pyramid"],
    ...["--compression", "jpeg", "--Q", `${quality}`],
  ]);
}

async function exists(file: string): Promise<boolean> {
  try {
    await Deno.stat(file);
    return true;
  } catch {
    return false;
  }
}

async function vips(args: string[]): Promise<void> {
  const { code, stderr } = await new Deno.Command("vips", { args, stdout: "null" }).output();
  if (code !== 0) throw new Error(`vips ${args[0]}: ${new TextDecoder().decode(stderr)}`);
}

async function probeInfo(file: string, byteLength: number): Promise<ProbedImage> {
  using opened = await Deno.open(file);
  return await probeSource(fileByteSource(opened, byteLength));
}
