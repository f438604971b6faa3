import assert from "node:assert/strict";
import { FAKE_POOL_STATS, fakeApp } from "./_fake_app.ts";
import { parsePrometheusText, sampleValue } from "./_prometheus_parser.ts";

const IMAGE = "/iiif/3/test:quad.jpg/full/max/0/default.jpg";
const TIMINGS = { readMs: 1, decodeMs: 20, opsMs: 3, encodeMs: 4, source: "file" as const };

async function scrape(app: ReturnType<typeof fakeApp>) {
  const response = await app.request("/metrics");
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("content-type"), "text/plain; version=0.0.4; charset=utf-8");
  assert.equal(response.headers.get("cache-control"), "no-store");
  const text = await response.text();
  assert.equal(
    response.headers.get("content-length"),
    String(new TextEncoder().encode(text).length),
  );
  return parsePrometheusText(text);
}

Deno.test("GET /metrics counts requests by route name and status, never by raw path", async () => {
  const app = fakeApp();
  const requests: Array<[string, RequestInit?]> = [
    [IMAGE],
    [IMAGE, { method: "HEAD" }],
    ["/iiif/3/test:quad.jpg/info.json"],
    ["/iiif/3/test:missing.jpg/info.json"],
    ["/iiif/3/test:quad.jpg/full/max/0/default.bmp"],
    ["/iiif/3/a%ZZ/info.json"],
    ["/nowhere/1"],
    ["/nowhere/2"],
    ["/", { method: "POST" }],
    ["/health"],
  ];
  for (const [path, init] of requests) await (await app.request(path, init)).body?.cancel();
  const families = await scrape(app);
  const count = (route: string, status: string) =>
    sampleValue(families, "tessera_http_requests_total", { route, status });
  assert.equal(count("image", "200"), 2);
  assert.equal(count("image", "400"), 1);
  assert.equal(count("info", "200"), 1);
  assert.equal(count("info", "404"), 1);
  assert.equal(count("info", "400"), 1);
  assert.equal(count("unmatched", "404"), 2);
  assert.equal(count("landing", "405"), 1);
  assert.equal(count("health", "200"), 1);
  const routes = families.get("tessera_http_requests_total")!.samples.map((s) => s.labels.route);
  assert.deepEqual(
    [...new Set(routes)].sort(),
    ["health", "image", "info", "landing", "unmatched"],
  );
  const latency = "tessera_http_request_duration_seconds_count";
  assert.equal(sampleValue(families, latency, { route: "image" }), 3);
  assert.equal(sampleValue(families, latency, { route: "unmatched" }), 2);
});

Deno.test("GET /metrics reports cache results and job stages from the image responses", async () => {
  const outcomes = ["miss", "hit", "coalesced"] as const;
  let next = 0;
  const app = fakeApp({
    render: (plan) => {
      const cache = outcomes[next++];
      return Promise.resolve({
        body: new TextEncoder().encode(plan.canonical),
        cache,
        ...(cache === "hit" ? {} : { backend: "cpu" as const, timings: TIMINGS }),
      });
    },
  });
  for (let i = 0; i < 3; i++) await (await app.request(IMAGE)).body?.cancel();
  const families = await scrape(app);
  for (const result of outcomes) {
    const labels = { layer: "derivative", result };
    assert.equal(sampleValue(families, "tessera_cache_requests_total", labels), 1, result);
  }
  const stage = "tessera_job_stage_seconds";
  assert.equal(sampleValue(families, `${stage}_count`, { stage: "decode" }), 1);
  assert.equal(sampleValue(families, `${stage}_sum`, { stage: "decode" }), 0.02);
  assert.equal(sampleValue(families, `${stage}_bucket`, { stage: "decode", le: "0.01" }), 0);
  assert.equal(sampleValue(families, `${stage}_bucket`, { stage: "decode", le: "0.025" }), 1);
});

Deno.test("GET /metrics reads the worker pool's gauges and counters at scrape time", async () => {
  let stats = FAKE_POOL_STATS;
  const app = fakeApp({ stats: () => stats });
  const before = await scrape(app);
  assert.equal(sampleValue(before, "tessera_jobs_total", { backend: "cpu" }), 5);
  assert.equal(sampleValue(before, "tessera_jobs_total", { backend: "gpu" }), 2);
  assert.equal(sampleValue(before, "tessera_gpu_fallbacks_total"), 1);
  assert.equal(sampleValue(before, "tessera_workers", { state: "busy" }), 1);
  stats = { ...FAKE_POOL_STATS, queued: 6, restarts: 2 };
  const after = await scrape(app);
  assert.equal(sampleValue(after, "tessera_worker_queue_depth"), 6);
  assert.equal(sampleValue(after, "tessera_worker_restarts_total"), 2);
  // The first scrape was counted once it was answered.
  assert.equal(
    sampleValue(after, "tessera_http_requests_total", { route: "metrics", status: "200" }),
    1,
  );
});
