import assert from "node:assert/strict";
import { decodeBody } from "./server_fixture.ts";
import { withCli, withConfigFile } from "./_cli_fixture.ts";
import { gpuTest } from "../gpu/_gpu_fixture.ts";
import { psnr } from "../gpu/_psnr.ts";
import type { Raster } from "../../src/ops/mod.ts";

const ROOT = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");

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

/**
 * Renders every request on a `tessera serve` child process with `gpu`, which must also stop
 * cleanly on SIGTERM. A child process, not an in-process server: a worker thread's graphics driver
 * teardown racing the test runner's own exit crashed the runner now and then.
 */
async function renderAll(gpu: "on" | "off"): Promise<Raster[]> {
  const rasters: Raster[] = [];
  const extra = `gpu: ${gpu}\nderivative_cache_max_bytes: 0\n`;
  await withConfigFile(ROOT, (config) =>
    withCli({ root: ROOT, config }, async (url) => {
      for (const { path } of REQUESTS) {
        const response = await fetch(`${url}/iiif/3/${path}`);
        const body = await response.bytes();
        assert.equal(response.status, 200, path);
        const expected = gpu === "on" ? "gpu" : "cpu";
        assert.match(
          response.headers.get("server-timing") ?? "",
          new RegExp(`backend;desc="${expected}"`),
        );
        rasters.push(await decodeBody(body));
      }
      await checkStatus(url, gpu);
    }), extra);
  return rasters;
}

async function checkStatus(url: string, gpu: "on" | "off"): Promise<void> {
  const status = await (await fetch(`${url}/status`)).json();
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
