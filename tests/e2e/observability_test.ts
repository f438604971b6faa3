import assert from "node:assert/strict";
import { vips, withTempDir } from "../codecs/_vips.ts";
import { parsePrometheusText, sampleValue } from "../http/_prometheus_parser.ts";
import { get, type TestServer, withServer } from "./server_fixture.ts";

const IMAGE = "/iiif/3/test:noise.jpg/full/150,/0/default.jpg";
const CONFIG = { image_pool_size: 1, gpu: "off" };

/** A 300×200 noise JPEG written by libvips, and a copy cut in half. */
async function sourceFiles(): Promise<Record<string, Uint8Array>> {
  const jpeg = await withTempDir(async (dir) => {
    await vips("gaussnoise", `${dir}/noise.jpg`, "300", "200", "--mean", "128", "--sigma", "40");
    return await Deno.readFile(`${dir}/noise.jpg`);
  });
  return { "noise.jpg": jpeg, "truncated.jpg": jpeg.slice(0, Math.floor(jpeg.length / 2)) };
}

async function json(t: TestServer, path: string): Promise<{ status: number; body: unknown }> {
  const { response, body } = await get(t, path);
  return { status: response.status, body: JSON.parse(new TextDecoder().decode(body)) };
}

async function scrape(t: TestServer) {
  const { response, body } = await get(t, "/metrics");
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("content-type"), "text/plain; version=0.0.4; charset=utf-8");
  return parsePrometheusText(new TextDecoder().decode(body));
}

Deno.test("the server reports requests, cache, jobs and stages on /metrics and logs each", async () => {
  await withServer({ files: await sourceFiles(), config: CONFIG }, async (t) => {
    assert.deepEqual(await json(t, "/health"), { status: 200, body: { status: "ok" } });
    const ready = await json(t, "/health/ready");
    assert.equal(ready.status, 200);
    assert.deepEqual(ready.body, {
      status: "ready",
      readyWorkers: 1,
      poolSize: 1,
      queued: 0,
      queueLimit: 64,
    });
    const statuses = [];
    for (const path of [IMAGE, IMAGE, "/iiif/3/test:truncated.jpg/full/max/0/default.jpg"]) {
      statuses.push((await get(t, path)).response.status);
    }
    statuses.push((await get(t, "/iiif/3/test:absent.jpg/info.json")).response.status);
    assert.deepEqual(statuses, [200, 200, 500, 404]);
    const families = await scrape(t);
    const requests = (route: string, status: string) =>
      sampleValue(families, "tessera_http_requests_total", { route, status });
    assert.deepEqual(
      [requests("health", "200"), requests("readiness", "200"), requests("image", "200")],
      [1, 1, 2],
    );
    assert.deepEqual([requests("image", "500"), requests("info", "404")], [1, 1]);
    const latency = "tessera_http_request_duration_seconds_count";
    assert.equal(sampleValue(families, latency, { route: "image" }), 3);
    const cache = (result: string) =>
      sampleValue(families, "tessera_cache_requests_total", { layer: "derivative", result });
    assert.deepEqual([cache("miss"), cache("hit"), cache("coalesced")], [1, 1, 0]);
    assert.equal(sampleValue(families, "tessera_jobs_total", { backend: "cpu" }), 1);
    assert.equal(sampleValue(families, "tessera_jobs_total", { backend: "gpu" }), 0);
    assert.equal(sampleValue(families, "tessera_gpu_fallbacks_total"), 0);
    for (const stage of ["read", "decode", "ops", "encode"]) {
      assert.equal(sampleValue(families, "tessera_job_stage_seconds_count", { stage }), 1, stage);
    }
    assert.ok(sampleValue(families, "tessera_job_stage_seconds_sum", { stage: "decode" }) > 0);
    assert.equal(sampleValue(families, "tessera_worker_queue_depth"), 0);
    assert.equal(sampleValue(families, "tessera_workers", { state: "idle" }), 1);
    assert.equal(sampleValue(families, "tessera_worker_restarts_total"), 0);

    const images = t.logs.filter((entry) => entry.path.startsWith("/iiif/"));
    assert.deepEqual(
      images.map(({ method, status, cache, backend }) => [method, status, cache, backend]),
      [
        ["GET", 200, "miss", "cpu"],
        ["GET", 200, "hit", undefined],
        ["GET", 500, undefined, undefined],
        ["GET", 404, undefined, undefined],
      ],
    );
    assert.ok(images[0].bytes > 0 && images[0].ms > 0);
    assert.match(images[2].error!, /^CorruptSourceError: \S/);
    assert.equal(images[3].error, undefined);
  });
});

Deno.test("/health/ready answers 503 while the only worker is being replaced", async () => {
  await withServer({ files: {}, config: CONFIG }, async (t) => {
    // The replacement takes about 100 ms to load, against about 1 ms for the request; a machine
    // slow enough to reverse that gets another try, so the test checks the answer, not the race.
    let unready: { status: number; body: unknown } | undefined;
    let recycled = 0;
    while (recycled < 3 && unready?.status !== 503) {
      t.server.deps.pool.recycle(0, "killed by the test");
      recycled++;
      unready = await json(t, "/health/ready");
    }
    assert.equal(unready!.status, 503);
    assert.deepEqual(unready!.body, {
      status: "unavailable",
      reason: "No image worker is ready (0 of 1)",
      readyWorkers: 0,
      poolSize: 1,
      queued: 0,
      queueLimit: 64,
    });
    assert.equal(t.logs.at(-1)!.error, "No image worker is ready (0 of 1)");
    let status = 503;
    for (let i = 0; i < 200 && status === 503; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      status = (await json(t, "/health/ready")).status;
    }
    assert.equal(status, 200);
    const families = await scrape(t);
    assert.equal(sampleValue(families, "tessera_worker_restarts_total"), recycled);
    assert.equal(sampleValue(families, "tessera_workers", { state: "idle" }), 1);
  });
});
