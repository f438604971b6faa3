import assert from "node:assert/strict";
import { encodeImage } from "../../src/codecs/mod.ts";
import type { ImagePlan } from "../../src/iiif/mod.ts";
import { WorkerPool } from "../../workers/mod.ts";
import { cpuSettings } from "./_worker_settings.ts";

const ENCODE = { format: "png", quality: "default", jpegQuality: 80, subsampling: "420" } as const;

/** A plan that resizes a 32×32 source to `steps` size but claims `claimed` as its output. */
function resizePlan(resized: number, claimed: number): ImagePlan {
  const region = { x: 0, y: 0, width: 32, height: 32 };
  return {
    version: 3,
    identifier: "square.png",
    canonical: `full/${claimed},${claimed}/0/default.png`,
    region,
    decodeScale: 1,
    steps: [{ op: "resize", region, width: resized, height: resized }],
    width: claimed,
    height: claimed,
    encode: ENCODE,
  };
}

Deno.test("image_worker.ts answers a plan and fails one whose output size differs from it", async () => {
  const dir = await Deno.makeTempDir({ prefix: "tessera-worker-" });
  const path = `${dir}/square.png`;
  const raster = { width: 32, height: 32, data: new Uint8Array(32 * 32 * 4).fill(200) };
  await Deno.writeFile(path, await encodeImage(raster, ENCODE));
  const source = { path, format: "png", mtimeMs: 0, size: 0 } as const;
  const { pool } = await WorkerPool.start({
    size: 1,
    queueLimit: 2,
    settings: cpuSettings(1 << 20),
  });
  try {
    const done = await pool.run(resizePlan(16, 16), source);
    assert.deepEqual([...done.body.subarray(1, 4)], [0x50, 0x4e, 0x47]);
    await assert.rejects(
      pool.run(resizePlan(16, 20), source),
      /^Error: Backend made a 16x16 image for "full\/20,20\/0\/default.png" but the plan is 20x20$/,
    );
    assert.equal(pool.stats().restarts, 0);
  } finally {
    await pool.close();
    await Deno.remove(dir, { recursive: true });
  }
});
