import assert from "node:assert/strict";
import { decodeImage, fileByteSource, probeSource } from "../../src/codecs/mod.ts";
import { type ImagePlan, planImage } from "../../src/iiif/mod.ts";
import { WorkerPool } from "../../workers/mod.ts";
import { vips, withTempDir } from "../codecs/_vips.ts";
import { PLAN_LIMITS, requestOf } from "../fixtures/iiif_plans.ts";
import { cpuSettings } from "./_worker_settings.ts";

/**
 * Reductions of a level by less than 2 (integer path), and an enlargement (Lanczos). The first two
 * are the same size, so the second reuses the first one's shared picture.
 */
const CASES = [
  ["full", "!1024,1024"],
  ["100,100,1200,900", "1024,"],
  ["full", "700,"],
  ["10,20,800,600", "^1000,"],
] as const;

/** A 1600×1200 JPEG-tiled pyramid of noise (every pixel different, so seams would show). */
async function noisePyramid(dir: string): Promise<string> {
  const path = `${dir}/noise.tif`;
  await vips("gaussnoise", `${dir}/noise.v`, "1600", "1200", "--sigma", "60");
  await vips("cast", `${dir}/noise.v`, `${dir}/grey.v`, "uchar");
  await vips(
    "bandjoin",
    [`${dir}/grey.v`, `${dir}/grey.v`, `${dir}/grey.v`].join(" "),
    `${dir}/rgb.v`,
  );
  const tiles = ["--tile", "--tile-width", "256", "--tile-height", "256", "--pyramid"];
  await vips("tiffsave", `${dir}/rgb.v`, path, ...tiles, "--compression", "jpeg");
  return path;
}

/** Runs `plans` one after the other on one pool of `size` workers. */
async function renderAll(size: number, path: string, plans: readonly ImagePlan[]) {
  const { size: bytes, mtime } = await Deno.stat(path);
  const source = { path, format: "tiff" as const, mtimeMs: mtime?.getTime() ?? 0, size: bytes };
  const { pool } = await WorkerPool.start({ size, queueLimit: 4, settings: cpuSettings(0) });
  try {
    const images = [];
    let bands = 0;
    for (const plan of plans) {
      const result = await pool.run(plan, source);
      bands += result.bands ?? 0;
      images.push(await decodeImage(result.body, "png", 1, (n) => new Uint8Array(n)));
    }
    return { jobs: pool.stats().jobs, bands, images };
  } finally {
    await pool.close();
  }
}

Deno.test("a large resize is made in bands by idle workers, matching the unsplit picture", async () => {
  await withTempDir(async (dir) => {
    const path = await noisePyramid(dir);
    using file = await Deno.open(path);
    const info = await probeSource(fileByteSource(file, (await file.stat()).size));
    const plans = CASES.map(([region, size]) =>
      planImage(requestOf(`noise.tif/${region}/${size}/0/default.png`), info, PLAN_LIMITS)
    );
    const banded = await renderAll(2, path, plans);
    const whole = await renderAll(1, path, plans);
    assert.equal(banded.bands, 2 * plans.length, "every plan ran as two bands");
    assert.equal(whole.bands, 0);
    assert.deepEqual([banded.jobs, whole.jobs], [plans.length, plans.length], "counted once");
    plans.forEach((plan, index) => {
      const [split, unsplit] = [banded.images[index], whole.images[index]];
      assert.deepEqual([split.width, split.height], [plan.width, plan.height]);
      let worst = 0;
      unsplit.data.forEach((value, i) => worst = Math.max(worst, Math.abs(value - split.data[i])));
      assert.ok(worst <= 1, `${plan.canonical}: bands differ by up to ${worst}`);
    });
  });
});

Deno.test("a one-strip TIFF is not split; a failed banded request fails whole, the next works", async () => {
  await withTempDir(async (dir) => {
    const tiled = await noisePyramid(dir);
    // One strip of all 1,200 rows: every band would have to inflate all of it.
    const strips = `${dir}/strips.tif`;
    await vips("tiffsave", `${dir}/rgb.v`, `${dir}/many.tif`, "--compression", "deflate");
    const copy = new Deno.Command("tiffcp", { args: ["-r", "1200", `${dir}/many.tif`, strips] });
    assert.ok((await copy.output()).success, "tiffcp");
    const { pool } = await WorkerPool.start({ size: 2, queueLimit: 4, settings: cpuSettings(0) });
    try {
      for (const [path, bands] of [[strips, undefined], [tiled, 2]] as const) {
        using file = await Deno.open(path);
        const { size, mtime } = await file.stat();
        const info = await probeSource(fileByteSource(file, size));
        const plan = planImage(requestOf("x/full/!1024,1024/0/default.png"), info, PLAN_LIMITS);
        const source = { path, format: "tiff" as const, mtimeMs: mtime?.getTime() ?? 0, size };
        assert.equal((await pool.run(plan, source)).bands, bands, path);
        // The same plan on a file that is gone: every band fails, and so does the request.
        await assert.rejects(pool.run(plan, { ...source, path: `${dir}/gone.tif` }));
        assert.equal((await pool.run(plan, source)).bands, bands, `${path} again`);
      }
    } finally {
      await pool.close();
    }
  });
});
