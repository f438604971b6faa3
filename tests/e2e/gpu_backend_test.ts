import assert from "node:assert/strict";
import { decodeBody, get, type TestServer, withServer } from "./server_fixture.ts";
import { gpuTest } from "../gpu/_gpu_fixture.ts";
import { psnr } from "../gpu/_psnr.ts";
import type { Raster } from "../../src/ops/mod.ts";

const SAMPLES = new URL("../../samples/", import.meta.url);

/**
 * Requests whose pixels both backends must make the same: `exact` ones move or recolour whole
 * pixels; the others resample or rotate, where float rounding may differ by one level.
 */
const REQUESTS: readonly { readonly path: string; readonly exact: boolean }[] = [
  { path: "mandelbrot.jpg/full/max/0/default.png", exact: true },
  { path: "mandelbrot.jpg/256,256,512,384/max/0/default.png", exact: true },
  { path: "mandelbrot.jpg/full/max/!90/gray.png", exact: true },
  { path: "mandelbrot.jpg/full/max/270/bitonal.png", exact: true },
  { path: "mandelbrot.jpg/full/!300,300/0/default.png", exact: false },
  { path: "mandelbrot.jpg/pct:10.5,10.25,30,20/^600,/0/default.png", exact: false },
  { path: "mandelbrot.jpg/pct:10,10,50,50/500,/!30/default.png", exact: false },
  { path: "test-chart.png/full/400,/137.5/default.png", exact: false },
  { path: "test-chart.png/full/!250,250/45/gray.jpg", exact: false },
];

async function renderAll(gpu: "on" | "off"): Promise<Raster[]> {
  const rasters: Raster[] = [];
  await withServer({ files: await sampleFiles(), config: serverConfig(gpu) }, async (t) => {
    for (const { path } of REQUESTS) {
      const { response, body } = await get(t, `/iiif/3/${path}`);
      assert.equal(response.status, 200, path);
      const expected = gpu === "on" ? "gpu" : "cpu";
      assert.match(
        response.headers.get("server-timing") ?? "",
        new RegExp(`backend;desc="${expected}"`),
      );
      rasters.push(await decodeBody(body));
    }
    await checkStatus(t, gpu);
  });
  return rasters;
}

function serverConfig(gpu: "on" | "off") {
  return { gpu, image_pool_size: 1, derivative_cache_max_bytes: 0 };
}

async function sampleFiles(): Promise<Record<string, Uint8Array>> {
  const names = ["mandelbrot.jpg", "test-chart.png"];
  const entries = await Promise.all(
    names.map(async (name) => [name, await Deno.readFile(new URL(name, SAMPLES))] as const),
  );
  return Object.fromEntries(entries);
}

async function checkStatus(t: TestServer, gpu: "on" | "off"): Promise<void> {
  const { body } = await get(t, "/status");
  const status = JSON.parse(new TextDecoder().decode(body));
  const [worker] = status.workers.backends;
  assert.equal(worker.backend, gpu === "on" ? "gpu" : "cpu");
  if (gpu === "on") assert.ok(worker.adapter.description.length > 0);
  assert.equal(status.workers.jobsByBackend[worker.backend], REQUESTS.length);
  assert.equal(status.workers.fallbacks, 0);
}

gpuTest("the same IIIF requests give matching images with gpu: on and gpu: off", async () => {
  const onGpu = await renderAll("on");
  const onCpu = await renderAll("off");
  REQUESTS.forEach(({ path, exact }, i) => {
    const [g, c] = [onGpu[i], onCpu[i]];
    assert.deepEqual([g.width, g.height], [c.width, c.height], path);
    if (exact) assert.ok(g.data.every((v, j) => v === c.data[j]), `${path} differs`);
    else {
      const db = psnr(g, c);
      assert.ok(db >= 45, `${path}: PSNR ${db.toFixed(1)} dB < 45`);
    }
  });
});
