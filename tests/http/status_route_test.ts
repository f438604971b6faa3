import assert from "node:assert/strict";
import denoJson from "../../deno.json" with { type: "json" };
import { FAKE_CACHE_STATS, FAKE_POOL_STATS, fakeApp } from "./_fake_app.ts";

Deno.test("GET /status reports version, workers, backends, fallbacks and cache as uncached JSON", async () => {
  const app = fakeApp({ config: { gpu: "on" }, startedAt: Date.now() - 90_000 });
  const response = await app.request("/status");
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("content-type"), "application/json");
  assert.equal(response.headers.get("cache-control"), "no-store");
  assert.equal(response.headers.get("access-control-allow-origin"), "*");
  const status = await response.json();
  assert.equal(status.service, "tessera");
  assert.equal(status.gpu, "on");
  assert.ok(status.uptimeSeconds >= 89 && status.uptimeSeconds <= 91, String(status.uptimeSeconds));
  assert.deepEqual(status.workers, FAKE_POOL_STATS);
  assert.equal(status.version, denoJson.version);
  assert.deepEqual(status.derivativeCache, { ...FAKE_CACHE_STATS, hitRate: 0.75 });
});

Deno.test("Server-Timing and the log line name the backend and a GPU fallback", async () => {
  const app = fakeApp({
    render: (plan) =>
      Promise.resolve({
        body: new TextEncoder().encode(plan.canonical),
        cache: "miss",
        backend: "cpu",
        fallback: "timeout",
        timings: { readMs: 1, decodeMs: 2, opsMs: 3, encodeMs: 4, source: "file" as const },
      }),
  });
  const response = await app.request("/iiif/3/quad.jpg/full/max/0/default.jpg");
  await response.body?.cancel();
  const timing = response.headers.get("server-timing") ?? "";
  assert.match(timing, /ops;dur=3\.0/);
  assert.match(timing, /backend;desc="cpu", fallback;desc="timeout"/);
  assert.deepEqual([app.logs[0].backend, app.logs[0].fallback], ["cpu", "timeout"]);
});

Deno.test("GET /status counts requests by the profile their identifier names", async () => {
  const app = fakeApp();
  for (
    const path of ["/iiif/3/quad.jpg/info.json", "/iiif/3/test:quad.jpg/full/max/0/default.jpg"]
  ) {
    await (await app.request(path)).body?.cancel();
  }
  await (await app.request("/iiif/3/missing.jpg/info.json")).body?.cancel();
  const status = await (await app.request("/status")).json();
  assert.deepEqual(Object.keys(status.profiles), ["test"]);
  assert.equal(status.profiles.test.requests, 3);
  assert.deepEqual(status.profiles.test.statuses, { "2xx": 2, "3xx": 0, "4xx": 1, "5xx": 0 });
  assert.ok(status.profiles.test.bytes > 0);
});
